/** CIS 1.2.0 2.7 / Security Hub CloudTrail.2: every trail encrypts its log files with a KMS key (SSE-KMS). */
import { expect, verdictOf } from "../verdict";
import type { Rule } from "./rule";
import { unlistedTrails, trailRef } from "./trails";

export const cloudtrailKmsEncryptionEnabled: Rule = {
  policy: "cloudtrail-kms-encryption-enabled",
  evaluate(state) {
    return [
      ...unlistedTrails(this.policy, state),
      ...state.trails.map((t) => verdictOf(this.policy, trailRef(t), [
        expect(t.kmsKeyId, (v) => v !== null && v !== "", "trail.kms", "its log files are not encrypted with a KMS key (SSE-KMS)"),
      ])),
    ];
  },
};
