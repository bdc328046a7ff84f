/**
 * The configuration of organization mode (issue 12): `cis-logging-baseline:mode` and the `cis-logging-baseline:organization`
 * keys. Part of the config module (config.ts calls parseDeployment); every problem is one line naming the key, the value
 * and what is allowed, collected with the rest of the configuration before anything is registered.
 */
import type { Validator } from "./configValidator";

/** `single-account` (default: one account, as every stack before issue 12) or `organization`. */
export type DeploymentMode = "single-account" | "organization";

/**
 * The role AWS Organizations creates in every account it creates for the organization, trusted by the management account
 * ("OrganizationAccountAccessRole", Organizations UG "Accessing member accounts in your organization",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html). An invited account has it only
 * if someone created it.
 */
export const DEFAULT_LOG_ARCHIVE_ROLE_NAME = "OrganizationAccountAccessRole";

export interface OrganizationSettings {
  /** The log-archive account: the organization trail's bucket, its access-log bucket and its KMS key live there. */
  readonly logArchiveAccountId: string;
  /** The role the program assumes in the log-archive account through an explicit provider. */
  readonly logArchiveRoleName: string;
  /**
   * Where the StackSet of AWS Config recorders deploys: `root` (the organization root, found at run time) or a list of
   * organizational unit and root IDs. StackSets include the child OUs of a target ("When a StackSet targets a parent OU,
   * it automatically includes any child OUs", CloudFormation UG "Create CloudFormation StackSets with service-managed
   * permissions", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-associate-stackset-with-org.html).
   */
  readonly stackSetTargets: "root" | readonly string[];
  /**
   * Member accounts the StackSet leaves alone because they already have a customer-managed recorder (Control Tower's, or
   * one that cannot be adopted): AWS Config allows one per region, and a second one fails the stack instance with
   * MaxNumberOfConfigurationRecordersExceededException.
   */
  readonly excludeAccounts: readonly string[];
  /**
   * What AWS does with an account's recorders when the account leaves the targets (or the organization). Default true:
   * the stacks, so the recorders, stay, and an account moved out of the targeted OUs keeps recording (audit data is never
   * removed by a move). The price: a retained stack "can't be reassociated" with the StackSet (@pulumi/aws
   * StackSetInstance retainStack), so an account that comes back into the targets gets a stack instance that fails on
   * its second recorder (MaxNumberOfConfigurationRecordersExceededException) until the retained stack is deleted by hand
   * (README "Organization"). Set false to have AWS delete the stacks instead.
   */
  readonly retainStacksOnAccountRemoval: boolean;
}

/** Account IDs: 12 digits (Organizations API reference, Account Id pattern `^\d{12}$`). */
export const ACCOUNT_ID = /^\d{12}$/;
/**
 * Root and OU IDs as the Organizations API reference gives their patterns: a root `^r-[0-9a-z]{4,32}$`, an OU
 * `^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$` (https://docs.aws.amazon.com/organizations/latest/APIReference/API_OrganizationalUnit.html).
 */
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** IAM role names: 1-64 characters of `[\w+=,.@-]` (IAM API reference, CreateRole RoleName). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

const ORGANIZATION_KEYS = ["logArchiveAccountId", "logArchiveRoleName", "stackSetTargets", "excludeAccounts", "retainStacksOnAccountRemoval"];

/** What organization mode requires of the other keys, checked with them. */
export interface OtherKeys {
  readonly flowLogDestination: string;
  readonly continuousCoverage: string;
}

/**
 * `mode` and `organization`: the organization settings when the mode is `organization`, undefined otherwise. `key` makes
 * the namespaced key name (`cis-logging-baseline:<name>`).
 */
export function parseDeployment(
  v: Validator, key: (name: string) => string, modeRaw: unknown, organizationRaw: unknown, others: OtherKeys,
): { mode: DeploymentMode; organization?: OrganizationSettings } {
  const mode = v.oneOf<DeploymentMode>(key("mode"), modeRaw, ["single-account", "organization"], "single-account");
  if (mode !== "organization") {
    if (organizationRaw !== undefined) {
      v.fail(key("organization"), organizationRaw, `nothing unless ${key("mode")} is organization (it is ${mode})`);
    }
    return { mode };
  }
  const raw = v.object(key("organization"), organizationRaw, ORGANIZATION_KEYS);

  let logArchiveAccountId = "";
  if (typeof raw.logArchiveAccountId === "string" && ACCOUNT_ID.test(raw.logArchiveAccountId)) {
    logArchiveAccountId = raw.logArchiveAccountId;
  } else {
    v.fail(key("organization.logArchiveAccountId"), raw.logArchiveAccountId,
      "the 12-digit ID of the organization's log-archive account (as a string), where the organization trail's bucket and key are created");
  }

  let logArchiveRoleName = DEFAULT_LOG_ARCHIVE_ROLE_NAME;
  if (raw.logArchiveRoleName !== undefined) {
    if (typeof raw.logArchiveRoleName === "string" && ROLE_NAME.test(raw.logArchiveRoleName)) {
      logArchiveRoleName = raw.logArchiveRoleName;
    } else {
      v.fail(key("organization.logArchiveRoleName"), raw.logArchiveRoleName,
        `the name of an IAM role in the log-archive account that this stack's credentials may assume: 1-64 letters, digits or +=,.@_- (default ${DEFAULT_LOG_ARCHIVE_ROLE_NAME})`);
    }
  }

  let stackSetTargets: "root" | string[] = "root";
  if (raw.stackSetTargets !== undefined && raw.stackSetTargets !== "root") {
    const list = raw.stackSetTargets;
    const ok = Array.isArray(list) && list.length > 0 &&
      list.every((id) => typeof id === "string" && (ROOT_ID.test(id) || OU_ID.test(id))) && new Set(list).size === list.length;
    if (ok) {
      stackSetTargets = [...(list as string[])];
    } else {
      v.fail(key("organization.stackSetTargets"), list,
        "root (the organization root), or a non-empty list of distinct organizational unit IDs (ou-xxxx-xxxxxxxx) and root IDs (r-xxxx)");
    }
  }

  let excludeAccounts: string[] = [];
  if (raw.excludeAccounts !== undefined) {
    const list = raw.excludeAccounts;
    if (Array.isArray(list) && list.every((id) => typeof id === "string" && ACCOUNT_ID.test(id)) && new Set(list).size === list.length) {
      excludeAccounts = [...(list as string[])].sort();
    } else {
      v.fail(key("organization.excludeAccounts"), list, "a list of distinct 12-digit account IDs (as strings) that already have an AWS Config recorder");
    }
  }
  if (excludeAccounts.includes(logArchiveAccountId)) {
    v.fail(key("organization.excludeAccounts"), raw.excludeAccounts,
      `a list without the log-archive account ${logArchiveAccountId}: its recorders come from the StackSet like every member's`);
  }

  const retainStacksOnAccountRemoval = v.boolean(key("organization.retainStacksOnAccountRemoval"), raw.retainStacksOnAccountRemoval, true);

  // The organization telemetry rule owns every VPC's flow log, and it delivers to CloudWatch Logs only
  // (TelemetryDestinationConfiguration DestinationType "Valid Values: cloud-watch-logs",
  // https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_TelemetryDestinationConfiguration.html).
  if (others.flowLogDestination !== "cloud-watch-logs") {
    v.fail(key("flowLogs.destination"), others.flowLogDestination,
      `cloud-watch-logs while ${key("mode")} is organization (the organization telemetry rule, which creates every VPC's flow log, delivers to CloudWatch Logs only)`);
  }
  // The organization's own mechanisms take continuousCoverage's place: the telemetry rule for flow logs and organization
  // AWS Config rules for the other controls. An organization rule carries no remediation (PutOrganizationConfigRule has
  // no remediation parameter; remediation configurations are per account, PutRemediationConfigurations).
  if (others.continuousCoverage !== "off") {
    v.fail(key("continuousCoverage"), others.continuousCoverage,
      `off while ${key("mode")} is organization (the organization telemetry rule and organization AWS Config rules cover every account instead)`);
  }
  return { mode, organization: { logArchiveAccountId, logArchiveRoleName, stackSetTargets, excludeAccounts, retainStacksOnAccountRemoval } };
}
