/**
 * The policy documents of organization mode, as pure functions of plain strings (like the other modules here, whose
 * helpers they reuse where the single-account statements apply unchanged). The organization trail belongs to the
 * management account whoever creates it, so every aws:SourceArn names the management account's trail ARN: "In an
 * organization trail, the value of aws:SourceArn must be a trail ARN that is owned by the management account and uses the
 * management account ID" (CloudTrail UG "Creating a trail for an organization with the AWS CLI",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-an-organizational-trail-by-using-the-aws-cli.html).
 */
import { AccountContext } from "../placement";
import { PolicyDocument, denyInsecureTransport, doc, logGroupArn, service } from "./common";
import { cloudTrailKeyStatements } from "./keyPolicy";

export interface OrganizationContext {
  readonly partition: string;
  readonly dnsSuffix: string;
  /** The home region (`aws:region`): the trail, its buckets and keys live there. */
  readonly homeRegion: string;
  readonly organizationId: string;
  readonly managementAccountId: string;
  readonly logArchiveAccountId: string;
}

export const organizationTrailArn = (o: OrganizationContext, trailName: string): string =>
  `arn:${o.partition}:cloudtrail:${o.homeRegion}:${o.managementAccountId}:trail/${trailName}`;

/** The log-archive account as an AccountContext (its own root, its access-log bucket). */
export const logArchiveContext = (o: OrganizationContext): AccountContext =>
  ({ accountId: o.logArchiveAccountId, partition: o.partition, dnsSuffix: o.dnsSuffix, homeRegion: o.homeRegion });

/** The management account as an AccountContext. */
export const managementContext = (o: OrganizationContext): AccountContext =>
  ({ accountId: o.managementAccountId, partition: o.partition, dnsSuffix: o.dnsSuffix, homeRegion: o.homeRegion });

/**
 * The organization trail's bucket in the log-archive account.
 * - CloudTrail: the three statements of the organization-trail bucket policy (CloudTrail UG "Amazon S3 bucket policy for
 *   CloudTrail", section "Create or update an Amazon S3 bucket to use to store the log files for an organization trail",
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html#org-trail-bucket-policy):
 *   the ACL check, AWSLogs/<management account>/ ("supports logging should the trail change from an organization trail to
 *   a trail for that account only") and AWSLogs/<organization ID>/ (the organization trail's own prefix).
 * - AWS Config: every account's delivery channel (the StackSet's and the management account's) writes here. Accounts join
 *   the organization after this policy is written, so the grant names the organization with the global condition key
 *   aws:SourceOrgID ("the identifier of the organization of the resource making a service-to-service request", IAM UG
 *   "AWS global condition context keys", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid)
 *   instead of a list of accounts that would grow with the organization. The AWS Config DG's bucket-policy page shows
 *   aws:SourceAccount only; that Config sends aws:SourceOrgID follows from the IAM page (it is present whenever the source
 *   account is in an organization), not from a Config example: NOT DOCUMENTED by AWS Config (README "Organization").
 *   The management account's own delivery is also granted by the documented aws:SourceAccount (statements
 *   AWSConfig*Management*), so at least that account does not depend on it.
 * - No statement for the recorders' IAM roles: "When AWS Config sends configuration information to an Amazon S3 bucket in
 *   another account, it first attempts to use the IAM role, but this attempt fails if the access policy for the bucket
 *   does not grant WRITE access to the IAM role. In this event, AWS Config sends the information again, this time as the
 *   AWS Config service principal" (AWS Config DG "Permissions for the Amazon S3 Bucket",
 *   https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html). Granting the roles of accounts
 *   that join later would need Principal "*", which CIS 1.2.0 2.3 rejects on the trail bucket (the pack's
 *   cloudtrail-bucket-not-public), so every account delivers as the service principal.
 */
export function organizationTrailBucketPolicy(o: OrganizationContext, bucketArn: string, trailName: string): PolicyDocument {
  const trail = organizationTrailArn(o, trailName);
  const ownerFullControl = { "s3:x-amz-acl": "bucket-owner-full-control" };
  const fromOrganization = { "aws:SourceOrgID": o.organizationId };
  return doc([
    {
      Sid: "AWSCloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: service(o, "cloudtrail") },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": trail } },
    },
    {
      Sid: "AWSCloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: service(o, "cloudtrail") },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${o.managementAccountId}/*`,
      Condition: { StringEquals: { ...ownerFullControl, "aws:SourceArn": trail } },
    },
    {
      Sid: "AWSCloudTrailOrganizationWrite",
      Effect: "Allow",
      Principal: { Service: service(o, "cloudtrail") },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${o.organizationId}/*`,
      Condition: { StringEquals: { ...ownerFullControl, "aws:SourceArn": trail } },
    },
    {
      Sid: "AWSConfigBucketPermissionsCheck",
      Effect: "Allow",
      Principal: { Service: service(o, "config") },
      Action: ["s3:GetBucketAcl", "s3:ListBucket"],
      Resource: bucketArn,
      Condition: { StringEquals: fromOrganization },
    },
    {
      // The management account's recorders (its service-linked or dedicated role falls back to the service principal
      // across accounts): the documented condition, aws:SourceAccount, and its own prefix
      // (https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html).
      Sid: "AWSConfigBucketPermissionsCheckManagement",
      Effect: "Allow",
      Principal: { Service: service(o, "config") },
      Action: ["s3:GetBucketAcl", "s3:ListBucket"],
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceAccount": o.managementAccountId } },
    },
    {
      Sid: "AWSConfigBucketDeliveryManagement",
      Effect: "Allow",
      Principal: { Service: service(o, "config") },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${o.managementAccountId}/Config/*`,
      Condition: { StringEquals: { ...ownerFullControl, "aws:SourceAccount": o.managementAccountId } },
    },
    {
      // AWS Config writes under AWSLogs/<its account>/Config/ (Config DG "Permissions for the Amazon S3 Bucket").
      Sid: "AWSConfigBucketDelivery",
      Effect: "Allow",
      Principal: { Service: service(o, "config") },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/*/Config/*`,
      Condition: { StringEquals: { ...ownerFullControl, ...fromOrganization } },
    },
    denyInsecureTransport(bucketArn),
  ]);
}

/**
 * The log-archive key (CIS 2.7): the organization trail and every account's AWS Config delivery encrypt with it. Key
 * policy statements per CloudTrail UG "Configure AWS KMS key policies for CloudTrail"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html): encryption
 * context on the management account's trails and aws:SourceArn of the organization trail ("aws:SourceAccount ... is the
 * management account ID for organization trails"). In a key policy `Resource: "*"` means this key.
 */
export function organizationKeyPolicy(o: OrganizationContext, trailName: string): PolicyDocument {
  const trail = organizationTrailArn(o, trailName);
  return doc([
    {
      // KMS DG "Default key policy": the log-archive account's IAM policies grant use (readers get kms:Decrypt there).
      Sid: "EnableIamPolicies",
      Effect: "Allow",
      Principal: { AWS: `arn:${o.partition}:iam::${o.logArchiveAccountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    ...cloudTrailKeyStatements(managementContext(o), trail),
    {
      // AWS Config DG "Permissions for the KMS Key" (the companion of
      // https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html) with its documented condition,
      // aws:SourceAccount, for the management account.
      Sid: "AllowConfigDeliveryManagement",
      Effect: "Allow",
      Principal: { Service: service(o, "config") },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": o.managementAccountId } },
    },
    {
      // AWS Config DG "Permissions for the KMS key", for every account of the organization (see the bucket policy).
      Sid: "AllowConfigDelivery",
      Effect: "Allow",
      Principal: { Service: service(o, "config") },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceOrgID": o.organizationId } },
    },
  ]);
}

/**
 * The key of the organization trail's CloudWatch Logs group, in the stack's own account (the management account, or the
 * delegated administrator that runs the stack): the log group, its key and CloudTrail's role are created there, and KMS
 * refuses a key policy that would not let the caller manage the key ("The key policy must allow the calling principal
 * to make a subsequent PutKeyPolicy request on the KMS key", KMS API reference, CreateKey BypassPolicyLockoutSafetyCheck,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html), so the root and the group's ARN are the stack
 * account's. CloudWatch Logs needs the key in the group's region with the regional logs principal, limited by encryption
 * context to the trail's groups (CloudWatch Logs UG "Encrypt log data in CloudWatch Logs using AWS KMS",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 * NOT DOCUMENTED by AWS: whether an organization trail created by a delegated administrator (the management account
 * owns it, CloudTrail UG "Organization delegated administrator",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-delegated-administrator.html) delivers to a log
 * group and role in the delegated administrator's account (README "Organization").
 */
export function trailLogGroupKeyPolicy(o: OrganizationContext, stackAccountId: string, logGroupPrefix: string): PolicyDocument {
  const ctx: AccountContext = { accountId: stackAccountId, partition: o.partition, dnsSuffix: o.dnsSuffix, homeRegion: o.homeRegion };
  return doc([
    {
      Sid: "EnableIamPolicies",
      Effect: "Allow",
      Principal: { AWS: `arn:${o.partition}:iam::${stackAccountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "AllowCloudWatchLogsTrailLogGroup",
      Effect: "Allow",
      Principal: { Service: `logs.${o.homeRegion}.${o.dnsSuffix}` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `${logGroupArn(ctx, o.homeRegion, logGroupPrefix)}*` } },
    },
  ]);
}

/**
 * CloudTrail's role for the organization trail's log group. "If you're creating a policy that might be used for
 * organization trails as well, you will need to modify it from the default policy created for the role": an organization
 * trail writes the management account's events to streams `<management account>_CloudTrail_<region>` and the members'
 * to streams `<organization ID>_<account>_CloudTrail_<region>` (CloudTrail UG "Role policy document for CloudTrail to use
 * CloudWatch Logs for monitoring", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html).
 */
export function organizationTrailToLogsPolicy(o: OrganizationContext, groupArn: string): PolicyDocument {
  return doc([
    {
      Sid: "AWSCloudTrailCreateLogStreamAndPutEvents",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [
        `${groupArn}:log-stream:${o.managementAccountId}_CloudTrail_*`,
        `${groupArn}:log-stream:${o.organizationId}_*`,
      ],
    },
  ]);
}
