/**
 * What an organization stack asks AWS Organizations before it registers anything (one invoke, whatever the number of
 * accounts): the organization, its management account and root, its accounts and the services with trusted access; and
 * the checks that make a deployment fail, raised before any resource is registered (preflightOrganization).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, OrganizationSettings } from "./config";
import { DEFAULT_LOG_ARCHIVE_ROLE_NAME } from "./configOrganization";

/**
 * The trusted access organization mode needs, by service principal (Organizations UG "AWS services that you can use
 * with AWS Organizations", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html).
 * The organization telemetry rule needs trusted access for CloudWatch's Observability Admin: "Before you can configure
 * telemetry for your organization, you need to enable trusted access between AWS Organizations and CloudWatch"
 * (CloudWatch UG "Setting up telemetry configuration",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/telemetry-config-turn-on.html), whose service principal
 * is observabilityadmin.amazonaws.com (Organizations UG "AWS Observability Admin and AWS Organizations",
 * https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-observability-admin.html).
 */
export const REQUIRED_SERVICE_ACCESS: readonly { principal: string; forWhat: string }[] = [
  { principal: "cloudtrail.amazonaws.com", forWhat: "the organization trail" },
  { principal: "member.org.stacksets.cloudformation.amazonaws.com", forWhat: "the service-managed StackSet of AWS Config recorders" },
  { principal: "config.amazonaws.com", forWhat: "the organization configuration aggregator" },
  { principal: "config-multiaccountsetup.amazonaws.com", forWhat: "the organization AWS Config rules" },
  { principal: "observabilityadmin.amazonaws.com", forWhat: "the organization telemetry rule (every VPC's flow log)" },
];

/**
 * Trusted access of AWS Control Tower. Its landing zone turns on AWS Config, with its own recorder, in the accounts it
 * enrols (Control Tower UG, "Integrated services"), so those accounts already have a recorder. Trusted access says that
 * Control Tower is in use, not which accounts it enrols: that list is declared (organization.excludeAccounts).
 */
export const CONTROL_TOWER_PRINCIPAL = "controltower.amazonaws.com";

export interface OrganizationFacts {
  readonly organizationId: string;
  readonly managementAccountId: string;
  readonly rootIds: readonly string[];
  /** Every account of the organization, sorted (only checked against, never turned into resources). */
  readonly accountIds: readonly string[];
  readonly serviceAccessPrincipals: readonly string[];
  /** The stack's credentials are the management account's (else a delegated administrator's). */
  readonly callerIsManagement: boolean;
  readonly callerAccountId: string;
}

export async function discoverOrganization(homeInvoke: pulumi.InvokeOptions, callerAccountId: string): Promise<OrganizationFacts> {
  const org = await aws.organizations.getOrganization({}, homeInvoke);
  return {
    organizationId: org.id,
    managementAccountId: org.masterAccountId,
    rootIds: org.roots.map((r) => r.id).sort(),
    accountIds: org.accounts.map((a) => a.id).sort(),
    serviceAccessPrincipals: [...org.awsServiceAccessPrincipals].sort(),
    callerIsManagement: org.masterAccountId === callerAccountId,
    callerAccountId,
  };
}

/**
 * The accounts of the organization that no recorder of this stack covers, so that the organization rules exclude them:
 * "Every Organization account except those configured in the excludedAccounts argument must have a Configuration
 * Recorder ... before the rule will successfully create or update" (@pulumi/aws OrganizationManagedRule), and a rule that
 * fails in one account is CREATE_FAILED for the organization (AWS Config API reference, OrganizationConfigRuleStatus,
 * https://docs.amazonaws.cn/en_us/config/latest/APIReference/API_OrganizationConfigRuleStatus.html). They are:
 * - the management account when a delegated administrator runs the stack (StackSets skip it, and this stack gives it none);
 * - accounts outside the StackSet's target OUs, as Organizations lists them now (one invoke per target OU, not per
 *   account). An account that joins outside the targets later is excluded from the next `pulumi up` on (README).
 * Accounts in organization.excludeAccounts keep their own recorder, so the rules cover them.
 */
export async function accountsWithoutRecorder(
  homeInvoke: pulumi.InvokeOptions, facts: OrganizationFacts, targets: readonly string[],
): Promise<string[]> {
  const outside = new Set<string>(facts.callerIsManagement ? [] : [facts.managementAccountId]);
  if (!targets.some((t) => facts.rootIds.includes(t))) {
    const inside = new Set<string>();
    const answers = await Promise.all(targets.map((parentId) => aws.organizations.getOrganizationalUnitDescendantAccounts({ parentId }, homeInvoke)));
    for (const answer of answers) {
      answer.accounts.forEach((a) => inside.add(a.id));
    }
    for (const id of facts.accountIds) {
      if (!inside.has(id) && id !== facts.managementAccountId) {
        outside.add(id);
      }
    }
  }
  return [...outside].sort();
}

export class OrganizationPreflightError extends Error {
  override readonly name = "PreflightError";
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

/** The Control Tower hint: detected from trusted access, not from the accounts themselves (README "Organization"). */
export function controlTowerInUse(facts: OrganizationFacts): boolean {
  return facts.serviceAccessPrincipals.includes(CONTROL_TOWER_PRINCIPAL);
}

/**
 * Refuses, before anything is registered: a service without trusted access; a log-archive account or an excluded
 * account that is not in the organization; Control Tower in use while no account is excluded (its recorders would fail
 * every stack instance in the accounts it enrols with MaxNumberOfConfigurationRecordersExceededException).
 */
export function preflightOrganization(settings: OrganizationSettings, facts: OrganizationFacts): void {
  const problems: string[] = [];
  const key = (name: string): string => `${CONFIG_NAMESPACE}:organization.${name}`;
  for (const need of REQUIRED_SERVICE_ACCESS) {
    if (!facts.serviceAccessPrincipals.includes(need.principal)) {
      problems.push(
        `organization ${facts.organizationId} has no trusted access for ${need.principal}, which ${need.forWhat} needs: ` +
        `from the management account run \`aws organizations enable-aws-service-access --service-principal ${need.principal}\` ` +
        "(or the service's own console setup) and deploy again",
      );
    }
  }
  if (!facts.accountIds.includes(settings.logArchiveAccountId)) {
    problems.push(`${key("logArchiveAccountId")} is "${settings.logArchiveAccountId}"; allowed: an account of organization ${facts.organizationId}`);
  }
  const strangers = settings.excludeAccounts.filter((id) => !facts.accountIds.includes(id));
  if (strangers.length > 0) {
    problems.push(`${key("excludeAccounts")} lists ${JSON.stringify(strangers)}; allowed: accounts of organization ${facts.organizationId}`);
  }
  if (settings.excludeAccounts.includes(facts.managementAccountId)) {
    problems.push(`${key("excludeAccounts")} lists the management account ${facts.managementAccountId}; allowed: member accounts (StackSets never deploy to the management account)`);
  }
  // OrganizationAccountAccessRole trusts the management account ("grants admin permissions to the member account to
  // users in the management account", Organizations UG "Accessing member accounts in your organization",
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html): a delegated
  // administrator cannot assume it, so its stack needs a role of the log-archive account that trusts it.
  if (!facts.callerIsManagement && settings.logArchiveAccountId !== facts.callerAccountId && settings.logArchiveRoleName === DEFAULT_LOG_ARCHIVE_ROLE_NAME) {
    problems.push(
      `${key("logArchiveRoleName")} is "${DEFAULT_LOG_ARCHIVE_ROLE_NAME}", which trusts the management account ${facts.managementAccountId} only, ` +
      `while this stack runs in delegated administrator ${facts.callerAccountId}; allowed: the name of a role in log-archive account ` +
      `${settings.logArchiveAccountId} whose trust policy lets ${facts.callerAccountId} assume it`,
    );
  }
  if (controlTowerInUse(facts) && settings.excludeAccounts.length === 0 && settings.stackSetTargets === "root") {
    problems.push(
      `organization ${facts.organizationId} gives AWS Control Tower trusted access (${CONTROL_TOWER_PRINCIPAL}), and Control Tower ` +
      `enables an AWS Config recorder in every account it enrols; allowed: list those accounts in ${key("excludeAccounts")} ` +
      `(the StackSet then leaves them alone), or target only OUs outside Control Tower with ${key("stackSetTargets")} and exclude nothing else`,
    );
  }
  if (problems.length > 0) {
    throw new OrganizationPreflightError(problems);
  }
}
