/**
 * The control model shared by the policy pack and the audit: plain state types, one rule per control, and the
 * remedies. Pure: no Pulumi, no AWS SDK, no I/O, no clock (the time arrives as state.now).
 */
export * from "./fact";
export * from "./verdict";
export type * from "./state";
export { REMEDIES, remedyFor } from "./remedies";
export type { GapCode, Remedy } from "./remedies";
export { managementEvents, s3DataEvents } from "./selectors";
export { missingBlockSettings, publicAllowStatements } from "./bucketAccess";
export { rules, defaultRuleOptions } from "./rules";
export type { Rule, RuleOptions } from "./rules";
export { judgeKeyRotation, rotationNotApplicable } from "./rules/kms-key-rotation-enabled";
export { judgeVpc, flowLogJudgements } from "./rules/vpc-flow-logs-enabled";
