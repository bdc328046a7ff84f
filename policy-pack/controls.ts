/**
 * The control catalog: one entry per policy of the pack (and per check of the audit), with the id the
 * control carries in each CIS AWS Foundations Benchmark version and its AWS Security Hub control.
 *
 * Policy names are stable and independent of CIS numbering: the numbers move between versions
 * (flow logs are 2.9 in 1.2.0, 3.9 in 1.4.0, 3.7 in 3.0.0/5.0.0 and 4.7 in 6.0.0/7.0.0).
 * Sources: prowler `cis_{1.4,3.0,5.0,6.0,7.0}_aws.json`, steampipe `cis_v120..cis_v600`, the Security Hub
 * user guide (cloudtrail-, config-, ec2-, kms-controls). `null` marks a version that dropped the control
 * (3.0.0 removed "trail bucket not public" and "trail to CloudWatch Logs") or had not introduced it yet
 * (1.2.0 has no S3 object-level data-event controls).
 */

export const cisVersions = ["1.2.0", "1.4.0", "3.0.0", "5.0.0", "6.0.0", "7.0.0"] as const;
export type CisVersion = (typeof cisVersions)[number];

export type PolicyName =
  | "cloudtrail-multi-region-enabled"
  | "cloudtrail-log-file-validation-enabled"
  | "cloudtrail-bucket-not-public"
  | "cloudtrail-cloudwatch-logs-enabled"
  | "config-enabled-all-regions"
  | "cloudtrail-bucket-access-logging-enabled"
  | "cloudtrail-kms-encryption-enabled"
  | "kms-key-rotation-enabled"
  | "vpc-flow-logs-enabled"
  | "cloudtrail-s3-data-events-write-enabled"
  | "cloudtrail-s3-data-events-read-enabled";

export interface Control {
  /** The stable policy name, shared by the policy pack and the audit. */
  readonly policy: PolicyName;
  /** The control's title, as CIS words it. */
  readonly title: string;
  /** The control id per CIS version; null where that version does not have the control. */
  readonly cis: Readonly<Record<CisVersion, string | null>>;
  /** The AWS Security Hub control that checks the same thing (null if none). */
  readonly securityHub: string | null;
  /** The resource settings of this project that satisfy the control. */
  readonly satisfiedBy: string;
  /** What in this project fixes a failing finding: the component or the configuration key. */
  readonly fixedBy: string;
}

export const controls: readonly Control[] = [
  {
    policy: "cloudtrail-multi-region-enabled",
    title: "Ensure CloudTrail is enabled in all regions",
    cis: { "1.2.0": "2.1", "1.4.0": "3.1", "3.0.0": "3.1", "5.0.0": "3.1", "6.0.0": "4.1", "7.0.0": "4.1" },
    securityHub: "CloudTrail.1",
    satisfiedBy:
      "aws.cloudtrail.Trail with isMultiRegionTrail, includeGlobalServiceEvents, enableLogging and an event selector for read and write management events",
    fixedBy: "components/loggingBaseline.ts (LoggingBaseline trail); deploy with `pulumi up`",
  },
  {
    policy: "cloudtrail-log-file-validation-enabled",
    title: "Ensure CloudTrail log file validation is enabled",
    cis: { "1.2.0": "2.2", "1.4.0": "3.2", "3.0.0": "3.2", "5.0.0": "3.2", "6.0.0": "4.2", "7.0.0": "4.2" },
    securityHub: "CloudTrail.4",
    satisfiedBy: "aws.cloudtrail.Trail enableLogFileValidation: true (on every trail)",
    fixedBy: "components/loggingBaseline.ts (trail enableLogFileValidation); other trails: set LogFileValidationEnabled",
  },
  {
    policy: "cloudtrail-bucket-not-public",
    title: "Ensure the S3 bucket used to store CloudTrail logs is not publicly accessible",
    cis: { "1.2.0": "2.3", "1.4.0": "3.3", "3.0.0": null, "5.0.0": null, "6.0.0": null, "7.0.0": null },
    securityHub: "CloudTrail.6",
    satisfiedBy:
      "aws.s3.BucketPublicAccessBlock with all four settings true, no public ACL, a bucket policy with no Allow to Principal \"*\"",
    fixedBy: "components/auditBucket.ts (AuditBucket public access block and policy)",
  },
  {
    policy: "cloudtrail-cloudwatch-logs-enabled",
    title: "Ensure CloudTrail trails are integrated with CloudWatch Logs",
    cis: { "1.2.0": "2.4", "1.4.0": "3.4", "3.0.0": null, "5.0.0": null, "6.0.0": null, "7.0.0": null },
    securityHub: "CloudTrail.5",
    satisfiedBy: "aws.cloudtrail.Trail cloudWatchLogsGroupArn (with the :* suffix) and cloudWatchLogsRoleArn",
    fixedBy: "components/loggingBaseline.ts (trail log group and role; cloudTrail.logRetentionInDays)",
  },
  {
    policy: "config-enabled-all-regions",
    title: "Ensure AWS Config is enabled in all regions",
    cis: { "1.2.0": "2.5", "1.4.0": "3.5", "3.0.0": "3.3", "5.0.0": "3.3", "6.0.0": "4.3", "7.0.0": "4.3" },
    securityHub: "Config.1",
    satisfiedBy:
      "per region an aws.cfg.Recorder (allSupported; includeGlobalResourceTypes in one or more regions where AWS Config existed before February 2022, never in a later one), an aws.cfg.DeliveryChannel with bucket and SNS topic, an aws.cfg.RecorderStatus isEnabled",
    fixedBy:
      "components/regionalConfig.ts (RegionalConfig per region; config keys regions, excludeRegions, awsConfig.globalResourceTypesRegion, awsConfig.adopt)",
  },
  {
    policy: "cloudtrail-bucket-access-logging-enabled",
    title: "Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket",
    cis: { "1.2.0": "2.6", "1.4.0": "3.6", "3.0.0": "3.4", "5.0.0": "3.4", "6.0.0": "4.4", "7.0.0": "4.4" },
    securityHub: "CloudTrail.7",
    satisfiedBy: "aws.s3.BucketLogging on the trail bucket, targeting a different (access-log) bucket",
    fixedBy: "components/loggingBaseline.ts (access-log bucket and BucketLogging on the trail bucket)",
  },
  {
    policy: "cloudtrail-kms-encryption-enabled",
    title: "Ensure CloudTrail logs are encrypted at rest using KMS CMKs",
    cis: { "1.2.0": "2.7", "1.4.0": "3.7", "3.0.0": "3.5", "5.0.0": "3.5", "6.0.0": "4.5", "7.0.0": "4.5" },
    securityHub: "CloudTrail.2",
    satisfiedBy: "aws.cloudtrail.Trail kmsKeyId set to a customer-managed key",
    fixedBy: "components/loggingBaseline.ts (trail kmsKeyId and the baseline KMS key)",
  },
  {
    policy: "kms-key-rotation-enabled",
    title: "Ensure rotation for customer-created symmetric CMKs is enabled",
    cis: { "1.2.0": "2.8", "1.4.0": "3.8", "3.0.0": "3.6", "5.0.0": "3.6", "6.0.0": "4.6", "7.0.0": "4.6" },
    securityHub: "KMS.4",
    satisfiedBy: "aws.kms.Key enableKeyRotation: true on every symmetric encryption key",
    fixedBy: "components/loggingBaseline.ts for the baseline key; any other key: enable rotation where it is defined",
  },
  {
    policy: "vpc-flow-logs-enabled",
    title: "Ensure VPC flow logging is enabled in all VPCs",
    cis: { "1.2.0": "2.9", "1.4.0": "3.9", "3.0.0": "3.7", "5.0.0": "3.7", "6.0.0": "4.7", "7.0.0": "4.7" },
    securityHub: "EC2.6",
    satisfiedBy: "an aws.ec2.FlowLog per VPC (vpcId), with a destination and a traffic type",
    fixedBy: "components/flowLogs.ts (RegionalFlowLogs; config keys flowLogs.*); new VPCs are picked up by the next `pulumi up`",
  },
  {
    policy: "cloudtrail-s3-data-events-write-enabled",
    title: "Ensure that Object-level logging for write events is enabled for S3 buckets",
    cis: { "1.2.0": null, "1.4.0": "3.10", "3.0.0": "3.8", "5.0.0": "3.8", "6.0.0": "4.8", "7.0.0": "4.8" },
    securityHub: "S3.22",
    satisfiedBy: "a multi-region trail with an event selector for AWS::S3::Object on arn:aws:s3 with WriteOnly or All",
    fixedBy: "components/loggingBaseline.ts (config key cloudTrail.s3DataEvents: all or write)",
  },
  {
    policy: "cloudtrail-s3-data-events-read-enabled",
    title: "Ensure that Object-level logging for read events is enabled for S3 buckets",
    cis: { "1.2.0": null, "1.4.0": "3.11", "3.0.0": "3.9", "5.0.0": "3.9", "6.0.0": "4.9", "7.0.0": "4.9" },
    securityHub: "S3.23",
    satisfiedBy: "a multi-region trail with an event selector for AWS::S3::Object on arn:aws:s3 with ReadOnly or All",
    fixedBy: "components/loggingBaseline.ts (config key cloudTrail.s3DataEvents: all or read)",
  },
];

/** The catalog entry of a policy; throws for a name the catalog does not know. */
export function controlFor(policy: string): Control {
  const control = controls.find((c) => c.policy === policy);
  if (!control) {
    throw new Error(`policy '${policy}' has no entry in policy-pack/controls.ts`);
  }
  return control;
}

/** The control id of a policy in a CIS version, or null when that version does not have the control. */
export function controlId(policy: string, version: CisVersion): string | null {
  return controlFor(policy).cis[version];
}

export function isCisVersion(value: unknown): value is CisVersion {
  return typeof value === "string" && (cisVersions as readonly string[]).includes(value);
}
