import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  DETECTION_RULES, KEY_ROTATION_RULE, ManagedRuleFact, VPC_FLOW_LOGS_RULE, managedRuleAvailableIn,
} from "../policy-pack/coverageFacts";
import { ORGANIZATION_AGGREGATOR_NAME, organizationRuleName } from "./naming";
import { AccountContext, RegionPlacement } from "./placement";
import { serviceTrustPolicy, toJson } from "./policyDocuments";

/**
 * Which organization rules go where. Rules that judge a VPC or a key run in every covered region (those resources are
 * regional); the CloudTrail rules judge the account's trails, which every region reports alike, so they run in the home
 * region only instead of N times. Regions where AWS does not offer a rule are skipped (coverageFacts.ts).
 */
export function organizationRulesFor(region: string, homeRegion: string): ManagedRuleFact[] {
  const regional = [VPC_FLOW_LOGS_RULE, KEY_ROTATION_RULE];
  const rules = region === homeRegion ? [...regional, ...DETECTION_RULES] : regional;
  return rules.filter((rule) => managedRuleAvailableIn(rule, region));
}

export interface OrganizationRulesArgs {
  readonly home: RegionPlacement;
  readonly placements: readonly RegionPlacement[];
  /** The stack's own account (the aggregator's role lives there). */
  readonly account: AccountContext;
  readonly rolePath: string;
  /**
   * Accounts with no recorder from this stack (organizationDiscovery.ts accountsWithoutRecorder): excluded from every
   * organization rule, whose creation fails in an account without a recorder. One list input, whatever its length.
   */
  readonly excludedAccounts: readonly string[];
  /** The recorders: organization rules evaluate what they record. */
  readonly configReady: readonly pulumi.Resource[];
}

/**
 * The organization's view of AWS Config:
 * - one aggregator over every account and every region, current and future (OrganizationAggregationSource AllRegions),
 *   with a role that has AWSConfigRoleForOrganizations ("the IAM role ... must have the AWSConfigRoleForOrganizations
 *   managed policy", AWS Config DG "Setting Up an Aggregator Using the Console/CLI",
 *   https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html);
 * - organization managed rules with the logging controls the continuous-coverage work already watches
 *   (coverageFacts.ts), which AWS Config creates in every member account as they join
 *   (PutOrganizationConfigRule, https://docs.aws.amazon.com/config/latest/APIReference/API_PutOrganizationConfigRule.html).
 *   Organization rules have no remediation (remediation configurations are per account): the organization telemetry rule
 *   creates the missing flow logs, and key rotation is reported, not remediated, in organization mode.
 */
export class OrganizationRules extends pulumi.ComponentResource {
  readonly aggregator: aws.cfg.ConfigurationAggregator;
  readonly rules: aws.cfg.OrganizationManagedRule[] = [];
  readonly ruleNamesByRegion: Record<string, string[]> = {};

  constructor(name: string, args: OrganizationRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:organization:OrganizationRules", name, {}, opts);
    const home = args.home;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: home.provider };
    const role = new aws.iam.Role(`${name}-aggregator-role`, {
      description: "AWS Config organization aggregator (CIS logging baseline)",
      path: args.rolePath,
      assumeRolePolicy: toJson(serviceTrustPolicy(args.account, "config")),
    }, child);
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-aggregator-role`, {
      role: role.name,
      policyArn: `arn:${args.account.partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations`,
    }, child);
    this.aggregator = new aws.cfg.ConfigurationAggregator(`${name}-aggregator`, home.regional<aws.cfg.ConfigurationAggregatorArgs>({
      name: ORGANIZATION_AGGREGATOR_NAME,
      organizationAggregationSource: { allRegions: true, roleArn: role.arn },
    }), { ...child, dependsOn: [attachment] });

    for (const placement of args.placements) {
      const names: string[] = [];
      for (const rule of organizationRulesFor(placement.region, home.region)) {
        const ruleName = organizationRuleName(rule.name);
        names.push(ruleName);
        this.rules.push(new aws.cfg.OrganizationManagedRule(`${name}-${placement.region}-${rule.name}`,
          placement.regional<aws.cfg.OrganizationManagedRuleArgs>({
            name: ruleName,
            description: `CIS logging baseline: AWS managed rule ${rule.name} in every account of the organization`,
            ruleIdentifier: rule.identifier,
            maximumExecutionFrequency: rule.evaluationFrequency,
            ...(args.excludedAccounts.length > 0 ? { excludedAccounts: [...args.excludedAccounts] } : {}),
            ...(Object.keys(rule.parameters).length > 0 ? { inputParameters: JSON.stringify(rule.parameters) } : {}),
          }), { parent: this, provider: placement.provider, deleteBeforeReplace: true, dependsOn: [...args.configReady] }));
      }
      this.ruleNamesByRegion[placement.region] = names;
    }
    this.registerOutputs({ aggregatorName: this.aggregator.name, ruleNamesByRegion: this.ruleNamesByRegion });
  }
}
