/** Every check of the audit, one per control of the catalog, in catalog order (a test pins the match). */
import { CisVersion, controlId, controls } from "../../policy-pack/controls";
import type { Check } from "../data";
import { cloudtrailBucketAccessLoggingEnabled } from "./cloudtrailBucketAccessLoggingEnabled";
import { cloudtrailBucketNotPublic } from "./cloudtrailBucketNotPublic";
import { cloudtrailCloudwatchLogsEnabled } from "./cloudtrailCloudwatchLogsEnabled";
import { cloudtrailKmsEncryptionEnabled } from "./cloudtrailKmsEncryptionEnabled";
import { cloudtrailLogFileValidationEnabled } from "./cloudtrailLogFileValidationEnabled";
import { cloudtrailMultiRegionEnabled } from "./cloudtrailMultiRegionEnabled";
import { cloudtrailS3DataEventsReadEnabled } from "./cloudtrailS3DataEventsReadEnabled";
import { cloudtrailS3DataEventsWriteEnabled } from "./cloudtrailS3DataEventsWriteEnabled";
import { configEnabledAllRegions } from "./configEnabledAllRegions";
import { kmsKeyRotationEnabled } from "./kmsKeyRotationEnabled";
import { vpcFlowLogsEnabled } from "./vpcFlowLogsEnabled";

const all: readonly Check[] = [
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
];

/** The checks in catalog order; throws if a catalog control has no check or a check has no control. */
export function allChecks(): readonly Check[] {
  const byPolicy = new Map(all.map((c) => [c.policy, c]));
  const ordered = controls.map((control) => {
    const check = byPolicy.get(control.policy);
    if (!check) {
      throw new Error(`control ${control.policy} of policy-pack/controls.ts has no audit check`);
    }
    return check;
  });
  if (ordered.length !== all.length) {
    throw new Error("an audit check has no control in policy-pack/controls.ts");
  }
  return ordered;
}

/** The checks of the controls the CIS version has (1.2.0 has no S3 data-event controls, 3.0.0 dropped two). */
export function checksFor(version: CisVersion): readonly Check[] {
  return allChecks().filter((c) => controlId(c.policy, version) !== null);
}
