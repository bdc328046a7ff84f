/**
 * Every reason a verdict can fail, with its fix worded twice: for the Pulumi program (the pack's "Fix:") and for
 * the AWS API / CLI (the audit, beside the catalog's `fixedBy`). The rules only name the code; the wording lives here.
 */
import { ORGANIZATION_REMEDIES } from "./organizationRemedies";

export interface Remedy {
  readonly pulumi: string;
  readonly aws: string;
}

export const REMEDIES = {
  "trail.none": {
    pulumi: "deploy the LoggingBaseline trail (components/loggingBaseline.ts) with `pulumi up`",
    aws: "aws cloudtrail create-trail --is-multi-region-trail --include-global-service-events, then start-logging",
  },
  "trail.notMultiRegion": { pulumi: "set isMultiRegionTrail: true", aws: "aws cloudtrail update-trail --is-multi-region-trail" },
  "trail.noGlobalServiceEvents": { pulumi: "set includeGlobalServiceEvents: true", aws: "aws cloudtrail update-trail --include-global-service-events" },
  "trail.notLogging": { pulumi: "set enableLogging: true", aws: "aws cloudtrail start-logging --name <trail>" },
  "trail.managementEvents.missing": {
    pulumi: "add an event selector with readWriteType: \"All\" and includeManagementEvents: true",
    aws: "aws cloudtrail put-event-selectors with ReadWriteType All and IncludeManagementEvents true",
  },
  "trail.managementEvents.excluded": {
    pulumi: "remove excludeManagementEventSources (Security Hub CloudTrail.1 fails any exclusion)",
    aws: "aws cloudtrail put-event-selectors without ExcludeManagementEventSources",
  },
  "trail.managementEvents.split": {
    pulumi: "record read and write management events in one selector (readWriteType: \"All\")",
    aws: "aws cloudtrail put-event-selectors with one selector of ReadWriteType All",
  },
  "trail.managementEvents.filtered": {
    pulumi: "make the management selector's only field eventCategory Equals [\"Management\"]",
    aws: "aws cloudtrail put-event-selectors --advanced-event-selectors with only eventCategory = Management",
  },
  "trail.logFileValidation": { pulumi: "set enableLogFileValidation: true", aws: "aws cloudtrail update-trail --enable-log-file-validation" },
  "trail.kms": { pulumi: "set kmsKeyId to a customer-managed key", aws: "aws cloudtrail update-trail --kms-key-id <key>" },
  "trail.cloudWatch.missing": {
    pulumi: "set cloudWatchLogsGroupArn (with :*) and cloudWatchLogsRoleArn",
    aws: "aws cloudtrail update-trail --cloud-watch-logs-log-group-arn <arn>:* --cloud-watch-logs-role-arn <role>",
  },
  "trail.cloudWatch.suffix": { pulumi: "end cloudWatchLogsGroupArn with :* (pulumi.interpolate`${group.arn}:*`)", aws: "pass the log group ARN with :*" },
  "trail.cloudWatch.stale": {
    pulumi: "check the trail's CloudWatch Logs role and log group (GetTrailStatus LatestCloudWatchLogsDeliveryError)",
    aws: "aws cloudtrail get-trail-status: fix what LatestCloudWatchLogsDeliveryError names (role trust, log group)",
  },
  "trail.cloudWatch.neverDelivered": {
    pulumi: "check the trail's CloudWatch Logs role and log group: nothing was delivered in 24 hours of logging",
    aws: "aws cloudtrail get-trail-status: no LatestCloudWatchLogsDeliveryTime 24 h after StartLoggingTime",
  },
  "trail.s3DataEvents.missing": {
    pulumi: "set cloudTrail.s3DataEvents (an AWS::S3::Object selector on arn:<partition>:s3)",
    aws: "aws cloudtrail put-event-selectors with DataResources AWS::S3::Object arn:aws:s3",
  },
  "trail.s3DataEvents.scoped": {
    pulumi: "select all buckets: values [\"arn:<partition>:s3\"] (CIS asks for all current and future buckets)",
    aws: "put-event-selectors with DataResources Values arn:aws:s3",
  },
  "bucket.publicAccessBlock": {
    pulumi: "add an aws.s3.BucketPublicAccessBlock with all four settings true",
    aws: "aws s3api put-public-access-block --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
  },
  "bucket.publicAcl": {
    pulumi: "drop the public grant; set aws.s3.BucketOwnershipControls objectOwnership: BucketOwnerEnforced",
    aws: "aws s3api put-bucket-ownership-controls (BucketOwnerEnforced) or put-bucket-acl --acl private",
  },
  "bucket.publicPolicy": {
    pulumi: "name account or service principals instead of \"*\" in the bucket policy",
    aws: "aws s3api put-bucket-policy without Allow statements to \"*\"",
  },
  "bucket.invalidPolicy": { pulumi: "make the bucket policy valid JSON", aws: "aws s3api put-bucket-policy with a valid document" },
  "bucket.logging.off": {
    pulumi: "add an aws.s3.BucketLogging to another bucket (the access-log bucket)",
    aws: "aws s3api put-bucket-logging --bucket-logging-status TargetBucket=<another bucket>",
  },
  "bucket.logging.self": { pulumi: "log to another bucket, not into the trail bucket itself", aws: "put-bucket-logging with another TargetBucket" },
  "config.recorder.missing": {
    pulumi: "cover the region with RegionalConfig (config keys regions, excludeRegions, awsConfig.adopt)",
    aws: "aws configservice put-configuration-recorder --recording-group allSupported=true, put-delivery-channel, start-configuration-recorder",
  },
  "config.recorder.partial": { pulumi: "set recordingGroup.allSupported: true", aws: "put-configuration-recorder --recording-group allSupported=true" },
  "config.recorder.stopped": { pulumi: "add an aws.cfg.RecorderStatus with isEnabled: true", aws: "aws configservice start-configuration-recorder" },
  "config.recorder.failing": {
    pulumi: "check the recorder's role and the delivery channel (DescribeConfigurationRecorderStatus lastErrorMessage)",
    aws: "aws configservice describe-configuration-recorder-status: fix lastErrorCode",
  },
  "config.channel.missing": { pulumi: "add an aws.cfg.DeliveryChannel", aws: "aws configservice put-delivery-channel" },
  "config.channel.noBucket": { pulumi: "set the delivery channel's s3BucketName", aws: "put-delivery-channel with s3BucketName" },
  "config.channel.noTopic": { pulumi: "set the delivery channel's snsTopicArn (CIS 1.2.0 asks for SNS notifications)", aws: "put-delivery-channel with snsTopicARN" },
  "config.channel.deliveryFailed": {
    pulumi: "check the bucket policy, the KMS key policy and the topic policy for AWS Config",
    aws: "aws configservice describe-delivery-channel-status: fix lastErrorCode",
  },
  "config.global.none": {
    pulumi: "set awsConfig.globalResourceTypesRegion (recordingGroup.includeGlobalResourceTypes on a working recorder)",
    aws: "put-configuration-recorder with includeGlobalResourceTypes=true in one region AWS Config can record them in",
  },
  "config.global.ineligibleRegion": {
    pulumi: "record global IAM types in a region where AWS Config existed before February 2022 (awsConfig.globalResourceTypesRegion)",
    aws: "put-configuration-recorder with includeGlobalResourceTypes=false in this region",
  },
  "config.role.notServiceLinked": {
    pulumi: "set awsConfig.role: service-linked (Security Hub Config.1 checks AWSServiceRoleForConfig)",
    aws: "put-configuration-recorder with roleARN of AWSServiceRoleForConfig",
  },
  "key.rotation": { pulumi: "set enableKeyRotation: true", aws: "aws kms enable-key-rotation --key-id <key>" },
  "vpc.flowLog.missing": {
    pulumi: "add an aws.ec2.FlowLog for the VPC (RegionalFlowLogs covers every discovered VPC on the next `pulumi up`)",
    aws: "aws ec2 create-flow-logs --resource-type VPC --traffic-type ALL",
  },
  "vpc.flowLog.coverageMissing": {
    pulumi: "keep continuousCoverage's resources in the region (the telemetry rule, or the Config rule with its automatic remediation), or set continuousCoverage: off",
    aws: "create the telemetry rule, or the vpc-flow-logs-enabled Config rule with automatic remediation, in the region",
  },
  "vpc.flowLog.unusable": {
    pulumi: "give the flow log trafficType ALL or REJECT, a destination, and a role for CloudWatch Logs",
    aws: "aws ec2 create-flow-logs --resource-type VPC --traffic-type ALL with a working destination",
  },
  "vpc.flowLog.onSharedVpc": {
    pulumi: "remove this aws.ec2.FlowLog; the account that owns the VPC creates its flow log",
    aws: "do not create the flow log here; the VPC owner account runs aws ec2 create-flow-logs",
  },
  ...ORGANIZATION_REMEDIES,
} as const satisfies Record<string, Remedy>;

export type GapCode = keyof typeof REMEDIES;

export function remedyFor(code: GapCode): Remedy {
  return REMEDIES[code];
}
