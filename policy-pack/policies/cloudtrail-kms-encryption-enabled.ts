/**
 * CIS 1.2.0 2.7 / 1.4.0 3.7 / 3.0.0-5.0.0 3.5 / 6.0.0-7.0.0 4.5 (Security Hub CloudTrail.2): every trail encrypts
 * its log files with a KMS key (SSE-KMS) instead of the bucket's default encryption.
 *
 * A resource policy on every aws.cloudtrail.Trail (inputs). No remediation: choosing a key (and its key policy for
 * CloudTrail) is not a local change.
 * Unknown in preview: kmsKeyId is usually the ARN of a key created in the same update, so it is unknown in the
 * first preview. An unknown kmsKeyId is another resource's output and counts as set (no violation, no noise).
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { Findings, isSetOrUnknown, known, policyMetadata, readConfig } from "./common";

const name = "cloudtrail-kms-encryption-enabled";

export const cloudtrailKmsEncryptionEnabled: ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description: "Every CloudTrail trail must encrypt its logs with a customer-managed KMS key.",
    remediationSteps: "Set kmsKeyId on the aws.cloudtrail.Trail to the ARN of a customer-managed KMS key whose key policy allows CloudTrail.",
  }),
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (trail, args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const subject = { type: args.type, name: args.name, urn: args.urn };
    findings.check(subject);
    if (!isSetOrUnknown(known(() => trail.kmsKeyId))) {
      findings.violation(subject, "the trail's logs are not encrypted with a KMS key", "set kmsKeyId to a customer-managed KMS key ARN");
    }
    findings.flush(report);
  }),
};
