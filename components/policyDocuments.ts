/**
 * The IAM, KMS, S3 and SNS policy documents of the baseline, as pure functions of plain strings so that
 * tests can assert every statement. Each statement follows the AWS page named above it; confused-deputy
 * conditions (aws:SourceArn / aws:SourceAccount) are on every service-principal grant that supports them.
 * One module per kind of document under documents/; this one is what the components import.
 */
export type { PolicyDocument } from "./documents/common";
export { denyInsecureTransport, logGroupArn, toJson, trailArn } from "./documents/common";
export type { KeyPolicyInput } from "./documents/keyPolicy";
export { kmsKeyPolicy } from "./documents/keyPolicy";
export type { AccessLogSource } from "./documents/bucketPolicies";
export { accessLogBucketPolicy, flowLogBucketPolicy, flowLogObjectPrefix, trailBucketPolicy } from "./documents/bucketPolicies";
export { cloudTrailToLogsPolicy, cloudTrailTrustPolicy, configDeliveryPolicy, configTopicPolicy, flowLogsToLogsPolicy, serviceTrustPolicy } from "./documents/rolePolicies";
export type { FlowLogRemediationDestination } from "./documents/remediationPolicies";
export { flowLogRemediationPolicy, keyRotationRemediationPolicy, ssmAutomationTrustPolicy } from "./documents/remediationPolicies";
export type { OrganizationContext } from "./documents/organizationPolicies";
export {
  logArchiveContext, managementContext, organizationKeyPolicy, organizationTrailArn, organizationTrailBucketPolicy,
  organizationTrailToLogsPolicy, trailLogGroupKeyPolicy,
} from "./documents/organizationPolicies";
