/**
 * Every name the baseline gives an AWS resource, in one place, with the AWS rule it must satisfy. The trail name
 * (config `cloudTrail.name`, validated by config.ts TRAIL_NAME against all of these rules) is the stem.
 *
 * Names of resources that are retained on `pulumi destroy` (log groups) are generated from a prefix, so the next
 * `pulumi up` creates a new group beside the retained one instead of failing with ResourceAlreadyExistsException
 * ("Log group names must be unique within a Region for an AWS account", CloudWatch Logs API reference,
 * CreateLogGroup). Resources that are deleted on destroy keep fixed names.
 */

/** Prefix of the trail's CloudWatch Logs group name; AWS-side name = prefix + a generated suffix. */
export const trailLogGroupPrefix = (trailName: string): string => `/cis/cloudtrail/${trailName}-`;

/** Prefix of each region's flow-log group name (cloud-watch-logs destination). */
export const flowLogGroupPrefix = (trailName: string): string => `/cis/vpc-flow-logs/${trailName}-`;

/** KMS alias of the baseline key: `alias/` + letters, digits, `_`, `-` (KMS DG "Create an alias"). */
export const keyAliasName = (trailName: string): string => `alias/${trailName}`;

/** The Config SNS topic, the same name in every region (SNS names are regional; CreateTopic allows 256 [A-Za-z0-9_-]). */
export const configTopicName = (trailName: string): string => `${trailName}-config`;

/** Root of the IAM path under which this program creates its roles, in every stack. */
export const BASELINE_ROLE_PATH_ROOT = "/cis-logging-baseline/";

export interface StackIdentity {
  readonly organization: string;
  readonly project: string;
  readonly stack: string;
}

/**
 * The IAM path of every role a stack creates: `/cis-logging-baseline/<organization>/<project>/<stack>/`. IAM paths
 * begin and end with `/` and hold ASCII 33-126, up to 512 characters (IAM UG "IAM identifiers"); Pulumi's
 * organization, project and stack names are letters, digits, `-`, `_` and `.`. The path tells, before anything
 * is registered, whether another stack of this program is deployed in the account (program.ts preflight).
 */
export const baselineRolePath = (id: StackIdentity): string =>
  `${BASELINE_ROLE_PATH_ROOT}${id.organization}/${id.project}/${id.stack}/`;

/** The IAM path of a role ARN (`arn:<p>:iam::<acct>:role/<path...>/<name>` → `/<path...>/`). */
export function rolePathOf(roleArn: string): string {
  const resource = roleArn.split(":").slice(5).join(":"); // role/<path>/<name>
  const parts = resource.split("/").slice(1, -1);
  return parts.length === 0 ? "/" : `/${parts.join("/")}/`;
}

/**
 * Prefix of the AWS Config rules and the telemetry rule this stack creates. Their names are fixed (an account takes one
 * stack of this program, program.ts preflight) and prefixed so that they never collide with rules other tools create
 * from the same managed rule (Security Hub's own are named `securityhub-<rule>-<suffix>`).
 */
export const CONTINUOUS_COVERAGE_NAME_PREFIX = "cis-logging-baseline";

/**
 * The name of the stack's AWS Config rule for a managed rule: 1-128 characters (AWS Config API reference, ConfigRule
 * ConfigRuleName, https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html); the longest here is 66.
 */
export const configRuleName = (managedRuleName: string): string => `${CONTINUOUS_COVERAGE_NAME_PREFIX}-${managedRuleName}`;

/**
 * The telemetry rule for VPC flow logs, the same name in every region: "Length Constraints: Minimum length of 1. Maximum
 * length of 100. Pattern: [0-9A-Za-z-]+" (CreateTelemetryRule RuleName,
 * https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_CreateTelemetryRule.html). Fixed rather than
 * derived from the trail name, which may hold `_` and run to 128 characters.
 */
export const TELEMETRY_FLOW_LOG_RULE_NAME = `${CONTINUOUS_COVERAGE_NAME_PREFIX}-vpc-flow-logs`;

/**
 * The log group a telemetry rule creates per VPC: DestinationPattern "May contain alphanumeric characters, the macros
 * `<accountId>` and `<resourceId>`, and the symbols `_`, `/`, `-`" (@pulumi/aws TelemetryRuleRuleDestinationConfiguration;
 * CloudWatch API TelemetryDestinationConfiguration "supporting macros like <resourceId> and <accountId>"). The trail name
 * holds only letters, digits, `_` and `-` (config.ts TRAIL_NAME).
 */
export const telemetryFlowLogGroupPattern = (trailName: string): string => `/cis/vpc-flow-logs/${trailName}/<resourceId>`;

/**
 * The StackSet of AWS Config recorders (organization mode): "The name must be unique in the Region where you create your
 * StackSet. A stack name can contain only alphanumeric characters (case-sensitive) and hyphens. It must start with an
 * alphabetic character and can't be longer than 128 characters" (CloudFormation API reference, CreateStackSet
 * StackSetName, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html).
 */
export const ORGANIZATION_STACK_SET_NAME = `${CONTINUOUS_COVERAGE_NAME_PREFIX}-config-recorders`;

/** The organization aggregator: 1-256 characters `[\w\-]+` (AWS Config API reference, PutConfigurationAggregator). */
export const ORGANIZATION_AGGREGATOR_NAME = `${CONTINUOUS_COVERAGE_NAME_PREFIX}-organization`;

/**
 * An organization AWS Config rule: OrganizationConfigRuleName "Length Constraints: Minimum length of 1. Maximum length of
 * 64. Pattern: .*\S.*" (https://docs.aws.amazon.com/config/latest/APIReference/API_PutOrganizationConfigRule.html). The
 * single-account prefix would make the longest name 66 characters, so organization rules take `cis-org-` (the longest,
 * cloudtrail-s3-bucket-public-access-prohibited, gives 53).
 */
export const organizationRuleName = (managedRuleName: string): string => `cis-org-${managedRuleName}`;
