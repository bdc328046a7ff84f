/**
 * Issue 10 item 5: with `continuousCoverage: telemetryRule` or `configRemediation`, every covered region has the AWS
 * Config managed rules of its mode (policy-pack/continuous/rules.ts). Silent with `continuousCoverage: off`.
 * A continuous mode is declared only by RegionalFlowLogs components (continuous/stack.ts), so the server skips the
 * policy on a stack without one (serverHints.ts onlyWhenStackHolds).
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { continuousPolicyMetadata } from "../continuous/catalog";
import { TYPES } from "../fromStack/resourceIndex";
import { reportFindings } from "../continuous/report";
import { checkRulesPresent } from "../continuous/rules";
import { readContinuousStack } from "../continuous/stack";
import { onlyWhenStackHolds } from "./serverHints";

const name = "continuous-coverage-rules-present";

export const continuousCoverageRulesPresent: StackValidationPolicy = {
  ...continuousPolicyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description:
      "In a continuous-coverage mode, every covered region has each AWS Config managed rule of the mode (owner AWS) with the project's input parameters: the detection rules of the logging controls, cmk-backing-key-rotation-enabled, and vpc-flow-logs-enabled in configRemediation.",
    remediationSteps:
      "Deploy the program (`pulumi up`): program.ts creates RegionalDetectionRules and RegionalRemediation in every covered region; or set continuousCoverage: off.",
  }),
  validateStack: onlyWhenStackHolds(TYPES.regionalFlowLogs, (args, report) => {
    reportFindings(name, args, report, checkRulesPresent(readContinuousStack(args.resources)));
  }),
};
