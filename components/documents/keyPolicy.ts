/** The baseline KMS key's policy: CloudTrail, CloudWatch Logs, AWS Config and flow-log delivery, each with its confused-deputy conditions. */
import { PolicyDocument, Statement, accountRoot, doc, logGroupArn, service, trailArn } from "./common";
import { AccountContext } from "../placement";

export interface KeyPolicyInput {
  readonly trailName: string;
  /** The trail's log group name is generated from this prefix (naming.ts): the key policy names the prefix. */
  readonly trailLogGroupPrefix: string;
  /** Grant VPC flow-log delivery to S3 (the flow-log bucket is SSE-KMS with this key). */
  readonly flowLogsToS3: boolean;
}

/**
 * CloudTrail's use of a trail key (CloudTrail UG "Configure AWS KMS key policies for CloudTrail",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html): encrypt the
 * logs of `owner`'s trails (the management account's, for an organization trail) and describe the key, both for the one
 * trail `trail`. Shared by the single-account key and the organization's log-archive key.
 */
export function cloudTrailKeyStatements(owner: AccountContext, trail: string): Statement[] {
  return [
    {
      Sid: "AllowCloudTrailEncryptLogs",
      Effect: "Allow",
      Principal: { Service: service(owner, "cloudtrail") },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${owner.partition}:cloudtrail:*:${owner.accountId}:trail/*` },
        StringEquals: { "aws:SourceArn": trail },
      },
    },
    {
      Sid: "AllowCloudTrailDescribeKey",
      Effect: "Allow",
      Principal: { Service: service(owner, "cloudtrail") },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": trail } },
    },
  ];
}

/**
 * The baseline KMS key's policy. In a key policy `Resource: "*"` means "this key": KMS accepts nothing
 * narrower (KMS DG, "Key policies in AWS KMS").
 */
export function kmsKeyPolicy(ctx: AccountContext, input: KeyPolicyInput): PolicyDocument {
  const trail = trailArn(ctx, input.trailName);
  const statements: Statement[] = [
    {
      // KMS DG "Default key policy": lets IAM policies of this account grant use of the key (readers who
      // decrypt the logs get kms:Decrypt through IAM), and keeps the key manageable.
      Sid: "EnableIamPolicies",
      Effect: "Allow",
      Principal: { AWS: accountRoot(ctx) },
      Action: "kms:*",
      Resource: "*",
    },
    ...cloudTrailKeyStatements(ctx, trail),
    {
      // CloudWatch Logs UG "Encrypt log data in CloudWatch Logs using AWS KMS"
      // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html): the regional logs
      // principal, limited by encryption context to the trail's log groups (same region as the key). The group's
      // name is generated from a prefix (it is retained on destroy, and the next deploy makes a new one), so the
      // condition is ArnLike on the prefix, as the page's own example uses ArnLike with a wildcard.
      Sid: "AllowCloudWatchLogsTrailLogGroup",
      Effect: "Allow",
      Principal: { Service: `logs.${ctx.homeRegion}.${ctx.dnsSuffix}` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnLike: { "kms:EncryptionContext:aws:logs:arn": `${logGroupArn(ctx, ctx.homeRegion, input.trailLogGroupPrefix)}*` },
      },
    },
    {
      // AWS Config DG "Permissions for the KMS key": the delivery channel encrypts snapshots with this key.
      Sid: "AllowConfigDelivery",
      Effect: "Allow",
      Principal: { Service: service(ctx, "config") },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
    },
  ];
  if (input.flowLogsToS3) {
    // VPC UG "Amazon S3 bucket permissions for flow logs" / CWL UG "Logs sent to Amazon S3" (SSE-KMS needs a
    // customer-managed key); every region delivers, hence the region wildcard in aws:SourceArn.
    statements.push({
      Sid: "AllowVpcFlowLogsDelivery",
      Effect: "Allow",
      Principal: { Service: service(ctx, "delivery.logs") },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": ctx.accountId },
        ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:logs:*:${ctx.accountId}:*` },
      },
    });
  }
  return doc(statements);
}
