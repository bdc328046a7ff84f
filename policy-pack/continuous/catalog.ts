/**
 * The pack's continuous-coverage policies (issue 10 item 5). They are not CIS controls: they enforce that the AWS
 * mechanisms `continuousCoverage` deploys to keep the CIS logging controls green between deploys are complete and safe,
 * so they have a catalog of their own beside policy-pack/controls.ts. Each applies only to a stack that runs a
 * continuous mode (it is silent with `continuousCoverage: off`).
 */
import type { EnforcementLevel, Policy, Severity } from "@pulumi/policy";
import { configSchema } from "../policies/config";

export type ContinuousPolicyName =
  | "continuous-coverage-rules-present"
  | "continuous-coverage-remediation-automatic"
  | "continuous-coverage-automation-role-least-privilege";

export interface ContinuousControl {
  readonly policy: ContinuousPolicyName;
  readonly title: string;
  /** What in the stack satisfies it. */
  readonly satisfiedBy: string;
  /** What in this project fixes a failing finding. */
  readonly fixedBy: string;
}

export const continuousControls: readonly ContinuousControl[] = [
  {
    policy: "continuous-coverage-rules-present",
    title: "Continuous coverage: the AWS Config managed rules of the mode are present in every covered region",
    satisfiedBy:
      "per covered region an aws.cfg.Rule with owner AWS for each managed rule of the mode (policy-pack/coverageFacts.ts managedRulesFor), with the input parameters the project sets",
    fixedBy: "components/detectionRules.ts and components/configRemediation.ts (program.ts creates both in every covered region)",
  },
  {
    policy: "continuous-coverage-remediation-automatic",
    title: "Continuous coverage: key rotation and flow logs are remediated automatically through AWS's runbooks",
    satisfiedBy:
      "per covered region an aws.cfg.RemediationConfiguration on cmk-backing-key-rotation-enabled (both modes) and on vpc-flow-logs-enabled (configRemediation) with automatic: true, the AWS-owned runbook, AutomationAssumeRole, explicit retry settings within bounds",
    fixedBy: "components/configRemediation.ts (RegionalRemediation, REMEDIATION_RETRY)",
  },
  {
    policy: "continuous-coverage-automation-role-least-privilege",
    title: "Continuous coverage: the automation roles are least-privilege",
    satisfiedBy:
      "each remediation's AutomationAssumeRole trusts only ssm.amazonaws.com, for this account's automation executions in the region (aws:SourceAccount and aws:SourceArn), has only inline permissions the runbook documents, no wildcard action, Resource \"*\" only where AWS allows nothing narrower, iam:PassRole only to the flow-log service",
    fixedBy: "components/policyDocuments.ts (ssmAutomationTrustPolicy, flowLogRemediationPolicy, keyRotationRemediationPolicy)",
  },
];

export function continuousControlFor(policy: ContinuousPolicyName): ContinuousControl {
  return continuousControls.find((c) => c.policy === policy) as ContinuousControl;
}

export function continuousPolicyMetadata(
  name: ContinuousPolicyName,
  options: { enforcementLevel: EnforcementLevel; severity: Severity; description: string; remediationSteps: string },
): Policy & { name: ContinuousPolicyName } {
  return {
    name,
    description: options.description,
    displayName: continuousControlFor(name).title,
    enforcementLevel: options.enforcementLevel,
    severity: options.severity,
    configSchema,
    remediationSteps: options.remediationSteps,
    tags: ["continuous-coverage", "logging"],
  };
}
