/**
 * CIS 1.2.0 2.8 / 1.4.0 3.8 / 3.0.0-5.0.0 3.6 / 6.0.0-7.0.0 4.6 (Security Hub KMS.4): every customer-managed
 * symmetric encryption key rotates its key material.
 *
 * A resource policy on every aws.kms.Key (inputs). Not applicable (AWS cannot rotate them): asymmetric keys and HMAC
 * keys (customerMasterKeySpec other than SYMMETRIC_DEFAULT, keyUsage other than ENCRYPT_DECRYPT), keys in a
 * custom key store (customKeyStoreId, xksKeyId) and disabled keys (isEnabled: false). Imported key material is aws.kms.ExternalKey, another type, so the
 * policy never sees it. The remediation sets enableKeyRotation: true, which is safe and local.
 * Unknown in preview: if the key spec or usage is unknown the policy cannot tell whether rotation applies, and if
 * enableKeyRotation is unknown it cannot tell whether it is on: both are advisory "cannot verify" notes.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, remediateResourceOfType, validateResourceOfType } from "@pulumi/policy";
import { Findings, Known, exemptionFor, flag, known, policyMetadata, rawCopy, readConfig } from "./common";

const name = "kms-key-rotation-enabled";

interface KeyShape {
  readonly customerMasterKeySpec?: string;
  readonly keyUsage?: string;
  readonly customKeyStoreId?: string;
  readonly xksKeyId?: string;
  readonly isEnabled?: boolean;
}

/** Why AWS cannot rotate this key (undefined: it can), or unknown when a deciding input is unknown. */
export function rotationNotSupported(key: KeyShape): Known<string | undefined> {
  return known(() => {
    const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const usage = key.keyUsage ?? "ENCRYPT_DECRYPT";
    if (spec !== "SYMMETRIC_DEFAULT") {
      return `key spec ${spec} is not a symmetric encryption key`;
    }
    if (usage !== "ENCRYPT_DECRYPT") {
      return `key usage ${usage} is not encryption`;
    }
    if (key.customKeyStoreId || key.xksKeyId) {
      return "keys in a custom key store cannot rotate automatically";
    }
    if (key.isEnabled === false) {
      // EnableKeyRotation fails on a disabled key (DisabledException); CIS and Security Hub check enabled keys.
      return "a disabled key cannot have rotation enabled";
    }
    return undefined;
  });
}

export const kmsKeyRotationEnabled: ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description: "Every customer-managed symmetric KMS key must have automatic key rotation enabled.",
    remediationSteps: "Set enableKeyRotation: true on the aws.kms.Key.",
  }),
  validateResource: validateResourceOfType(aws.kms.Key, (key, args, report) => {
    const notSupported = rotationNotSupported(key);
    if (notSupported.known && notSupported.value !== undefined) {
      args.notApplicable(notSupported.value);
    }
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const subject = { type: args.type, name: args.name, urn: args.urn };
    findings.check(subject);
    const rotation = flag(() => key.enableKeyRotation, false);
    if (!notSupported.known) {
      findings.unverifiable(subject, "whether the key can rotate (customerMasterKeySpec, keyUsage)", notSupported.detail);
    } else if (!rotation.known) {
      findings.unverifiable(subject, "enableKeyRotation", rotation.detail);
    } else if (!rotation.value) {
      findings.violation(subject, "automatic key rotation is off", "set enableKeyRotation: true");
    }
    findings.flush(report);
  }),
  remediateResource: remediateResourceOfType(aws.kms.Key, (key, args) => {
    const config = readConfig(name, args.getConfig());
    if (exemptionFor(config.exemptions, { type: args.type, name: args.name, urn: args.urn })) {
      return undefined;
    }
    const notSupported = rotationNotSupported(key);
    const rotation = flag(() => key.enableKeyRotation, false);
    if (!notSupported.known || notSupported.value !== undefined || !rotation.known || rotation.value) {
      return undefined;
    }
    return { ...rawCopy(key), enableKeyRotation: true };
  }),
};
