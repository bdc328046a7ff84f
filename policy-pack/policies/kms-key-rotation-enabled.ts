/**
 * CIS 1.2.0 2.8 / 1.4.0 3.8 / 3.0.0-5.0.0 3.6 / 6.0.0-7.0.0 4.6 (Security Hub KMS.4): every customer-managed
 * symmetric encryption key rotates its key material.
 *
 * A resource policy (inputs) on aws.kms.Key, ExternalKey, ReplicaKey and ReplicaExternalKey, judged one key at a time
 * by the domain's judgeKeyRotation. Keys rotation does not apply to (asymmetric, HMAC, disabled, custom key store,
 * imported key material) are reported to the engine as not applicable, with the reason (and, for imported material
 * and custom key stores, that Prowler reports them as FAIL). A replica shares its primary's rotation (KMS API
 * ReplicateKey): the primary is judged where it is declared. The remediation sets enableKeyRotation: true on an
 * aws.kms.Key, which is safe and local.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, remediateResourceOfType } from "@pulumi/policy";
import { judgeKeyRotation, rotationNotApplicable } from "../domain/rules/kms-key-rotation-enabled";
import { KEY_TYPES, fromKeyInputs } from "../fromStack";
import { rawCopy } from "../fromStack/known";
import { ExemptionIndex, readConfig } from "./config";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";
import { notApplicable } from "./serverHints";

const name = "kms-key-rotation-enabled";
const OTHER_TYPES = `Policy only applies to resources of type ${KEY_TYPES.map((t) => `'${t}'`).join(", ")}`;

export const kmsKeyRotationEnabled: ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description: "Every customer-managed symmetric KMS key must have automatic key rotation enabled.",
    remediationSteps: "Set enableKeyRotation: true on the aws.kms.Key.",
  }),
  validateResource: (args, report) => {
    if (!KEY_TYPES.includes(args.type)) {
      notApplicable(args, OTHER_TYPES);
    }
    const { key, subjects } = fromKeyInputs(args);
    const verdict = judgeKeyRotation(key);
    if (verdict.status === "notApplicable") {
      notApplicable(args, [verdict.reason, ...verdict.notes.map((n) => n.text)].join("; "));
    }
    reportVerdicts(name, args, report, subjects, [verdict], { verifies: "key rotation" });
  },
  remediateResource: remediateResourceOfType(aws.kms.Key, (props, args) => {
    if (new ExemptionIndex(readConfig(name, args.getConfig()).exemptions).for(args)) {
      return undefined;
    }
    const { key } = fromKeyInputs(args);
    const applies = rotationNotApplicable(key) === undefined;
    return applies && key.rotation.kind === "known" && !key.rotation.value ? { ...rawCopy(props), enableKeyRotation: true } : undefined;
  }),
};
