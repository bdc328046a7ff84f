/** One rule per control of the catalog (policy-pack/controls.ts), by policy name. */
import type { PolicyName } from "../../controls";
import { cloudtrailBucketAccessLoggingEnabled } from "./cloudtrail-bucket-access-logging-enabled";
import { cloudtrailBucketNotPublic } from "./cloudtrail-bucket-not-public";
import { cloudtrailCloudwatchLogsEnabled } from "./cloudtrail-cloudwatch-logs-enabled";
import { cloudtrailKmsEncryptionEnabled } from "./cloudtrail-kms-encryption-enabled";
import { cloudtrailLogFileValidationEnabled } from "./cloudtrail-log-file-validation-enabled";
import { cloudtrailMultiRegionEnabled } from "./cloudtrail-multi-region-enabled";
import { configEnabledAllRegions } from "./config-enabled-all-regions";
import { kmsKeyRotationEnabled } from "./kms-key-rotation-enabled";
import type { Rule } from "./rule";
import { cloudtrailS3DataEventsReadEnabled, cloudtrailS3DataEventsWriteEnabled } from "./s3-data-events";
import { vpcFlowLogsEnabled } from "./vpc-flow-logs-enabled";

export type { Rule, RuleOptions } from "./rule";
export { defaultRuleOptions } from "./rule";

export const rules: Readonly<Record<PolicyName, Rule>> = {
  "cloudtrail-multi-region-enabled": cloudtrailMultiRegionEnabled,
  "cloudtrail-log-file-validation-enabled": cloudtrailLogFileValidationEnabled,
  "cloudtrail-bucket-not-public": cloudtrailBucketNotPublic,
  "cloudtrail-cloudwatch-logs-enabled": cloudtrailCloudwatchLogsEnabled,
  "config-enabled-all-regions": configEnabledAllRegions,
  "cloudtrail-bucket-access-logging-enabled": cloudtrailBucketAccessLoggingEnabled,
  "cloudtrail-kms-encryption-enabled": cloudtrailKmsEncryptionEnabled,
  "kms-key-rotation-enabled": kmsKeyRotationEnabled,
  "vpc-flow-logs-enabled": vpcFlowLogsEnabled,
  "cloudtrail-s3-data-events-write-enabled": cloudtrailS3DataEventsWriteEnabled,
  "cloudtrail-s3-data-events-read-enabled": cloudtrailS3DataEventsReadEnabled,
};
