/**
 * The IAM actions the per-account audit needs, the same list audit/README.md documents as its minimal read-only policy
 * (test/audit/org/readOnlyPolicy.spec.ts holds this list to the README, and test/audit/readonly.spec.ts holds the README
 * to the calls the audit makes). The organization audit passes it as the session policy of every role it assumes, so
 * a session can read and nothing else even when the role grants more: "the resulting session's permissions are the
 * intersection of the role's identity-based policy and the session policies" (IAM User Guide, "Session policies",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session). OrganizationAccountAccessRole,
 * the default role, has AdministratorAccess; through this policy the audit's session in it is read-only.
 */
export const AUDIT_READ_ONLY_ACTIONS: readonly string[] = [
  "ec2:DescribeRegions",
  "ec2:DescribeVpcs",
  "ec2:DescribeFlowLogs",
  "cloudtrail:DescribeTrails",
  "cloudtrail:GetTrailStatus",
  "cloudtrail:GetEventSelectors",
  "config:DescribeComplianceByConfigRule",
  "config:GetComplianceDetailsByConfigRule",
  "config:DescribeConfigurationRecorders",
  "config:DescribeConfigurationRecorderStatus",
  "config:DescribeDeliveryChannels",
  "config:DescribeDeliveryChannelStatus",
  "kms:ListKeys",
  "kms:DescribeKey",
  "kms:GetKeyRotationStatus",
  "s3:GetAccountPublicAccessBlock",
  "s3:GetBucketLocation",
  "s3:GetBucketPublicAccessBlock",
  "s3:GetBucketAcl",
  "s3:GetBucketPolicy",
  "s3:GetBucketPolicyStatus",
  "s3:GetBucketLogging",
  "s3:ListAllMyBuckets",
  "iam:ListRoles",
];

/**
 * The inline session policy (AssumeRole's Policy parameter: "The plaintext that you use for both inline and managed
 * session policies can't exceed 2,048 characters", https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
 * Compact JSON keeps it well below that.
 */
export function readOnlySessionPolicy(): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "CisLoggingAuditReadOnly", Effect: "Allow", Action: [...AUDIT_READ_ONLY_ACTIONS], Resource: "*" }],
  });
}
