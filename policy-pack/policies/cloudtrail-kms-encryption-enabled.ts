/**
 * CIS 1.2.0 2.7 / 1.4.0 3.7 / 3.0.0-5.0.0 3.5 / 6.0.0-7.0.0 4.5 (Security Hub CloudTrail.2): every trail encrypts
 * its log files with a KMS key (SSE-KMS) instead of the bucket's default encryption.
 *
 * A resource policy on every aws.cloudtrail.Trail (inputs), judged by the domain rule. No remediation: choosing a key
 * (and its key policy for CloudTrail) is not a local change. kmsKeyId is usually the ARN of a key created in the same
 * update, unknown in the first preview: another resource's output, so it counts as set (fromStack/known.ts).
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromTrailInputs } from "../fromStack";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "cloudtrail-kms-encryption-enabled";

export const cloudtrailKmsEncryptionEnabled: ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description: "Every CloudTrail trail must encrypt its logs with a customer-managed KMS key.",
    remediationSteps: "Set kmsKeyId on the aws.cloudtrail.Trail to the ARN of a customer-managed KMS key whose key policy allows CloudTrail.",
  }),
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (_trail, args, report) => {
    const { state, subjects } = fromTrailInputs(args);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), { verifies: "the trail's KMS key" });
  }),
};
