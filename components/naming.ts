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
