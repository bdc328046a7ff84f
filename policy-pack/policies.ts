/**
 * The policies of the pack: the CIS controls in catalog order (controls.ts), then the continuous-coverage ones (continuous/catalog.ts), then organization mode's (orgControls.ts). Importable without starting the policy server: only index.ts
 * constructs the PolicyPack. test/policy-pack/pack.spec.ts pins this list against the catalog (controls.ts).
 */
import type { Policies } from "@pulumi/policy";
import { cloudtrailBucketAccessLoggingEnabled } from "./policies/cloudtrail-bucket-access-logging-enabled";
import { cloudtrailBucketNotPublic } from "./policies/cloudtrail-bucket-not-public";
import { cloudtrailCloudwatchLogsEnabled } from "./policies/cloudtrail-cloudwatch-logs-enabled";
import { cloudtrailKmsEncryptionEnabled } from "./policies/cloudtrail-kms-encryption-enabled";
import { cloudtrailLogFileValidationEnabled } from "./policies/cloudtrail-log-file-validation-enabled";
import { cloudtrailMultiRegionEnabled } from "./policies/cloudtrail-multi-region-enabled";
import { cloudtrailS3DataEventsReadEnabled } from "./policies/cloudtrail-s3-data-events-read-enabled";
import { cloudtrailS3DataEventsWriteEnabled } from "./policies/cloudtrail-s3-data-events-write-enabled";
import { continuousCoverageAutomationRoleLeastPrivilege } from "./policies/continuous-coverage-automation-role-least-privilege";
import { continuousCoverageRemediationAutomatic } from "./policies/continuous-coverage-remediation-automatic";
import { continuousCoverageRulesPresent } from "./policies/continuous-coverage-rules-present";
import { configEnabledAllRegions } from "./policies/config-enabled-all-regions";
import { kmsKeyRotationEnabled } from "./policies/kms-key-rotation-enabled";
import { vpcFlowLogsEnabled } from "./policies/vpc-flow-logs-enabled";
import { organizationConfigAggregatorAllRegions } from "./policies/organization-config-aggregator-all-regions";
import { organizationConfigStackSetEnabled } from "./policies/organization-config-stackset-enabled";
import { organizationTrailEnabled } from "./policies/organization-trail-enabled";
import { organizationTrailNoDuplicateAccountTrail } from "./policies/organization-trail-no-duplicate-account-trail";

export const policies: Policies = [
  cloudtrailMultiRegionEnabled,
  cloudtrailLogFileValidationEnabled,
  cloudtrailBucketNotPublic,
  cloudtrailCloudwatchLogsEnabled,
  configEnabledAllRegions,
  cloudtrailBucketAccessLoggingEnabled,
  cloudtrailKmsEncryptionEnabled,
  kmsKeyRotationEnabled,
  vpcFlowLogsEnabled,
  cloudtrailS3DataEventsWriteEnabled,
  cloudtrailS3DataEventsReadEnabled,
  // Not CIS controls: the continuous-coverage mechanisms (policy-pack/continuous/catalog.ts), after the catalog.
  continuousCoverageRulesPresent,
  continuousCoverageRemediationAutomatic,
  continuousCoverageAutomationRoleLeastPrivilege,
  // Organization mode (orgControls.ts): not applicable, and silent, on a single-account stack.
  organizationTrailEnabled,
  organizationConfigStackSetEnabled,
  organizationConfigAggregatorAllRegions,
  organizationTrailNoDuplicateAccountTrail,
];
