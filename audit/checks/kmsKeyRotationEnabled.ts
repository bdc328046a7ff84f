/**
 * CIS 2.8 / 3.8 / 3.6 / 4.6: rotation on every enabled customer-managed symmetric key, per region. Keys where
 * rotation does not apply (AWS-managed, asymmetric, HMAC, imported material, custom key stores, disabled or
 * pending deletion) give no finding; see collect/kms.ts rotationApplies.
 */
import type { Check } from "../data";
import { Finding } from "../types";
import { errorFinding } from "./common";
import { rotationApplies } from "../collect/kms";

const policy = "kms-key-rotation-enabled";

export const kmsKeyRotationEnabled: Check = {
  policy,
  needs: ["keys"],
  evaluate(data) {
    const findings: Finding[] = [];
    for (const rd of data.regional) {
      if (!rd.keys) {
        throw new Error(`KMS facts were not collected for ${rd.region}`);
      }
      if (!rd.keys.ok) {
        findings.push(errorFinding(policy, rd.keys.error, `kms:${rd.region}`, rd.region));
        continue;
      }
      for (const key of rd.keys.value) {
        if (!key.metadata.ok) {
          findings.push(errorFinding(policy, key.metadata.error, key.keyArn, rd.region));
          continue;
        }
        if (!rotationApplies(key.metadata.value)) {
          continue;
        }
        const rotation = key.rotationEnabled;
        if (!rotation) {
          throw new Error(`rotation status was not collected for ${key.keyArn}`);
        }
        if (!rotation.ok) {
          findings.push(errorFinding(policy, rotation.error, key.keyArn, rd.region));
          continue;
        }
        findings.push({
          policy,
          status: rotation.value ? "pass" : "fail",
          region: rd.region,
          resource: key.keyArn,
          message: rotation.value
            ? "customer-managed symmetric key has automatic rotation enabled"
            : `customer-managed symmetric key${key.metadata.value.Description ? ` "${key.metadata.value.Description}"` : ""} has automatic rotation disabled`,
        });
      }
    }
    return findings;
  },
};
