/**
 * The organization-mode catalog (issue 12 item 2): the policies that judge a stack driving AWS's organization-wide
 * mechanisms (an organization trail, a service-managed StackSet of AWS Config recorders, an organization aggregator)
 * instead of the account's own resources. They are not CIS controls of their own: each carries CIS controls to every
 * member account, so its messages cite those controls (`basis`). Kept apart from controls.ts, whose entries are CIS
 * controls that the audit checks account by account (audit/checks), so that neither catalog bends the other.
 */
import type { PolicyName } from "./controls";

export type OrganizationPolicyName =
  | "organization-trail-enabled"
  | "organization-config-stackset-enabled"
  | "organization-config-aggregator-all-regions"
  | "organization-trail-no-duplicate-account-trail";

/** A policy of either catalog. */
export type AnyPolicyName = PolicyName | OrganizationPolicyName;

export interface OrganizationControl {
  readonly policy: OrganizationPolicyName;
  readonly title: string;
  /** The CIS controls this policy carries to the member accounts: the ids its messages cite. */
  readonly basis: readonly PolicyName[];
  /** The AWS page that says what the mechanism does. */
  readonly source: string;
  readonly satisfiedBy: string;
  readonly fixedBy: string;
}

export const organizationControls: readonly OrganizationControl[] = [
  {
    policy: "organization-trail-enabled",
    title: "Ensure an organization trail logs every member account with the baseline's trail settings",
    basis: [
      "cloudtrail-multi-region-enabled", "cloudtrail-log-file-validation-enabled", "cloudtrail-cloudwatch-logs-enabled",
      "cloudtrail-kms-encryption-enabled", "cloudtrail-s3-data-events-write-enabled", "cloudtrail-s3-data-events-read-enabled",
    ],
    source: "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html",
    satisfiedBy:
      "aws.cloudtrail.Trail isOrganizationTrail: true, isMultiRegionTrail, includeGlobalServiceEvents, enableLogging, one selector for all read and write management events, enableLogFileValidation, kmsKeyId, cloudWatchLogsGroupArn (:*) and role, S3 read and write data events on all buckets",
    fixedBy: "the organization trail of `mode: organization` (README \"Organization\")",
  },
  {
    policy: "organization-config-stackset-enabled",
    title: "Ensure a service-managed StackSet with automatic deployment records AWS Config in every member account and region",
    basis: ["config-enabled-all-regions"],
    source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_AutoDeployment.html",
    satisfiedBy:
      "aws.cloudformation.StackSet permissionModel SERVICE_MANAGED, autoDeployment.enabled true, a template creating AWS::Config::ConfigurationRecorder and AWS::Config::DeliveryChannel; an aws.cloudformation.StackSetInstance per region of the stack with deploymentTargets.organizationalUnitIds",
    fixedBy: "the StackSet of `mode: organization` (organization.stackSetTargets)",
  },
  {
    policy: "organization-config-aggregator-all-regions",
    title: "Ensure an organization AWS Config aggregator collects every region",
    basis: ["config-enabled-all-regions"],
    source: "https://docs.aws.amazon.com/config/latest/APIReference/API_OrganizationAggregationSource.html",
    satisfiedBy: "aws.cfg.ConfigurationAggregator organizationAggregationSource with allRegions: true (or regions listing every region of the stack)",
    fixedBy: "the organization aggregator of `mode: organization`",
  },
  {
    policy: "organization-trail-no-duplicate-account-trail",
    title: "Avoid an account trail that records the management events the organization trail already delivers",
    basis: ["cloudtrail-multi-region-enabled"],
    source: "https://aws.amazon.com/cloudtrail/pricing/",
    satisfiedBy: "no trail with isOrganizationTrail false that records management events beside the organization trail",
    fixedBy: "`mode: organization` creates the organization trail instead of the account trail",
  },
];

export function isOrganizationPolicy(policy: string): policy is OrganizationPolicyName {
  return organizationControls.some((c) => c.policy === policy);
}

/** The catalog entry of an organization policy; throws for a name it does not know. */
export function organizationControlFor(policy: string): OrganizationControl {
  const control = organizationControls.find((c) => c.policy === policy);
  if (!control) {
    throw new Error(`policy '${policy}' has no entry in policy-pack/orgControls.ts`);
  }
  return control;
}
