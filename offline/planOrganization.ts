/**
 * What `npm run plan` says about an organization stack (mode: organization) beside the resources: one trail, the
 * StackSet with its regions and targets, the management account's recorders, the aggregator, the organization rules and
 * the telemetry rule, and that nothing is registered per member account.
 */
import { ORGANIZATION_STACK_SET_NAME } from "../components/naming";
import type { OrganizationOutputs } from "../programOrganization";
import { Inventory } from "./inventory";
import { RecordedResource } from "./mockAccount";
import { sampleOrganization } from "./sampleOrganization";

/**
 * The organization an organization stack is planned against: the sample organization, with the inventory's account as
 * its management account when an inventory is given (an inventory describes one account, not its organization).
 */
export function planningOrganization(inventory?: Inventory): Inventory {
  const sample = sampleOrganization(3);
  if (!inventory) {
    return sample;
  }
  const org = sample.organization as NonNullable<Inventory["organization"]>;
  return {
    ...inventory,
    organization: { ...org, managementAccountId: inventory.accountId, accountIds: [inventory.accountId, ...org.accountIds.filter((id) => id !== sample.accountId)] },
  };
}

const count = (resources: readonly RecordedResource[], type: string): number => resources.filter((r) => r.type === type).length;

export function organizationNotes(outputs: OrganizationOutputs, resources: readonly RecordedResource[], inventory: Inventory): string[] {
  const org = inventory.organization;
  const members = org ? org.accountIds.filter((id) => id !== org.managementAccountId).length : 0;
  const rules = Object.entries(outputs.organizationRuleNames);
  const ruleTotal = rules.reduce((n, [, names]) => n + names.length, 0);
  const home = outputs.organizationRuleNames[outputs.homeRegion] ?? [];
  const custom = resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws").length;
  return [
    `Organization ${outputs.organizationId}: management account ${outputs.managementAccountId}, ${members} member accounts; this stack runs as ${outputs.callAs === "SELF" ? "the management account" : "a delegated administrator"} (StackSet callAs ${outputs.callAs})`,
    `Log-archive account ${outputs.logArchiveAccountId}: the trail bucket, its access-log bucket and the KMS key (explicit provider aws-log-archive)`,
    `Trails: ${count(resources, "aws:cloudtrail/trail:Trail")}, the organization trail (every account, every region)`,
    `StackSet ${ORGANIZATION_STACK_SET_NAME}: service-managed, automatic deployment on, ${outputs.stackSetRegions.length} regions (${outputs.stackSetRegions.join(", ")}), ` +
      `targets ${outputs.stackSetTargets.join(", ")}, excluded accounts: ${outputs.excludedAccounts.length === 0 ? "none" : outputs.excludedAccounts.join(", ")}`,
    `Management account's own recorders (StackSets skip it): ${outputs.managementRecorderRegions.length === 0 ? "none" : `${outputs.managementRecorderRegions.length} regions`}`,
    `Aggregator: ${count(resources, "aws:cfg/configurationAggregator:ConfigurationAggregator")}, every account, all regions`,
    `Organization Config rules: ${ruleTotal} (${home.length} in ${outputs.homeRegion}, the flow-log and key-rotation rules in each other region)`,
    `Telemetry rules: ${count(resources, "aws:observabilityadmin/telemetryRuleForOrganization:TelemetryRuleForOrganization")} organization rule for every VPC of every account`,
    `Per member account: nothing. ${custom} resources for ${members} member accounts, the same for any number (AWS fans out, not Pulumi)`,
    ...outputs.notes.map((note) => `Note: ${note}`),
  ];
}
