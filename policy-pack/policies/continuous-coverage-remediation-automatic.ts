/**
 * Issue 10 item 5: with a continuous-coverage mode, key rotation (both modes) and VPC flow logs (configRemediation) are
 * remediated automatically through AWS's runbooks in every covered region (policy-pack/continuous/remediation.ts).
 * Silent with `continuousCoverage: off`.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { continuousPolicyMetadata } from "../continuous/catalog";
import { checkRemediation } from "../continuous/remediation";
import { reportFindings } from "../continuous/report";
import { readContinuousStack } from "../continuous/stack";

const name = "continuous-coverage-remediation-automatic";

export const continuousCoverageRemediationAutomatic: StackValidationPolicy = {
  ...continuousPolicyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description:
      "In a continuous-coverage mode, cmk-backing-key-rotation-enabled (and vpc-flow-logs-enabled in configRemediation) has in every covered region an automatic remediation running AWS's runbook with AutomationAssumeRole and explicit, bounded retry settings.",
    remediationSteps:
      "Use components/configRemediation.ts RegionalRemediation: aws.cfg.RemediationConfiguration {automatic: true, targetType: SSM_DOCUMENT, targetId: the AWS runbook, maximumAutomaticAttempts 2-10, retryAttemptSeconds 3600-604800, AutomationAssumeRole}.",
  }),
  validateStack: (args, report) => {
    reportFindings(name, args, report, checkRemediation(readContinuousStack(args.resources)));
  },
};
