/** CIS 2.7 / 3.7 / 3.5 / 4.5: every trail encrypts its log files with a KMS key (KmsKeyId set). */
import type { Check } from "../data";
import { perTrail } from "./common";

export const cloudtrailKmsEncryptionEnabled: Check = {
  policy: "cloudtrail-kms-encryption-enabled",
  needs: ["trails"],
  evaluate(data) {
    return perTrail("cloudtrail-kms-encryption-enabled", data, (trail) => ({
      policy: "cloudtrail-kms-encryption-enabled",
      status: trail.kmsKeyId ? "pass" : "fail",
      region: trail.homeRegion,
      resource: trail.arn,
      message: trail.kmsKeyId
        ? `trail ${trail.name} encrypts log files with ${trail.kmsKeyId}`
        : `trail ${trail.name} does not encrypt log files with a KMS key (no KmsKeyId; SSE-S3 only)`,
    }));
  },
};
