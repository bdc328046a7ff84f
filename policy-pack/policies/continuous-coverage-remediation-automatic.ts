/**
 * Issue 10 item 5: with a continuous-coverage mode, key rotation (both modes) and VPC flow logs (configRemediation) are
 * remediated automatically through AWS's runbooks in every covered region (policy-pack/continuous/remediation.ts).
 * Silent with `continuousCoverage: off`. It judges the remediations of the stack's AWS Config rules, so the server skips
 * it on a stack without an aws.cfg.Rule (serverHints.ts onlyWhenStackHolds).
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { continuousPolicyMetadata } from "../continuous/catalog";
import { checkRemediation } from "../continuous/remediation";
import { reportFindings } from "../continuous/report";
import { CONFIG_RULE, readContinuousStack } from "../continuous/stack";
import { onlyWhenStackHolds } from "./serverHints";

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
  validateStack: onlyWhenStackHolds(CONFIG_RULE, (args, report) => {
    reportFindings(name, args, report, checkRemediation(readContinuousStack(args.resources)));
  }),
};
