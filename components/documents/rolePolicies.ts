/** Trust and permission policies of the service roles: AWS Config, VPC flow logs, CloudTrail to CloudWatch Logs, and the Config topic. */
import { PolicyDocument, doc, service } from "./common";
import { AccountContext } from "../placement";

/**
 * Trust policy for a service role, limited to requests made on behalf of this account. Only for services
 * that document these keys for their role: VPC flow logs (VPC UG "IAM role for publishing flow logs to
 * CloudWatch Logs") and AWS Config (Config DG "Permissions for the IAM role assigned to AWS Config"). Never for
 * CloudTrail's CloudWatch Logs role: see cloudTrailTrustPolicy.
 */
export function serviceTrustPolicy(ctx: AccountContext, serviceName: string, sourceArnLike?: string): PolicyDocument {
  return doc([
    {
      Sid: "AllowServiceAssumeRole",
      Effect: "Allow",
      Principal: { Service: service(ctx, serviceName) },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": ctx.accountId },
        ...(sourceArnLike ? { ArnLike: { "aws:SourceArn": sourceArnLike } } : {}),
      },
    },
  ]);
}

/**
 * Trust policy of CloudTrail's role for CloudWatch Logs: the service principal alone, with no condition. The
 * CloudTrail UG ("Role policy document for CloudTrail to use CloudWatch Logs for monitoring",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html)
 * says: "Confused deputy prevention is not applicable to the role policy for CloudWatch Logs monitoring. The
 * role policy doesn't support the use of aws:SourceArn and aws:SourceAccount." CloudTrail does not send those
 * keys when it assumes this role, so a condition on them denies AssumeRole and CreateTrail fails with
 * InvalidCloudWatchLogsRoleArnException. This is the one role of the baseline without a confused-deputy
 * condition (a documented exception for scanners such as Prowler iam_role_cross_service_confused_deputy_prevention);
 * what the role can do stays limited to the trail's own log streams (cloudTrailToLogsPolicy).
 */
export function cloudTrailTrustPolicy(ctx: AccountContext): PolicyDocument {
  return doc([
    {
      Sid: "AllowCloudTrailAssumeRole",
      Effect: "Allow",
      Principal: { Service: service(ctx, "cloudtrail") },
      Action: "sts:AssumeRole",
    },
  ]);
}

/**
 * CloudTrail's role for CloudWatch Logs (CloudTrail UG "Role policy document for CloudTrail to use
 * CloudWatch Logs"): a multi-region trail writes one stream per region, named <account>_CloudTrail_<region>.
 * `groupArn` is the log group's ARN (without `:*`).
 */
export function cloudTrailToLogsPolicy(ctx: AccountContext, groupArn: string): PolicyDocument {
  return doc([
    {
      Sid: "AWSCloudTrailCreateLogStreamAndPutEvents",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${groupArn}:log-stream:${ctx.accountId}_CloudTrail_*`,
    },
  ]);
}

/**
 * VPC flow logs to CloudWatch Logs (VPC UG "IAM role for publishing flow logs to CloudWatch Logs"), scoped to
 * the region's flow-log group (`group`: its ARN without `:*`). The group exists (this stack creates it), so
 * logs:CreateLogGroup is not granted.
 */
export function flowLogsToLogsPolicy(ctx: AccountContext, region: string, group: string): PolicyDocument {
  return doc([
    {
      Sid: "PublishFlowLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: [group, `${group}:log-stream:*`],
    },
    {
      Sid: "DescribeFlowLogGroups",
      Effect: "Allow",
      Action: "logs:DescribeLogGroups",
      Resource: `arn:${ctx.partition}:logs:${region}:${ctx.accountId}:log-group:*`,
    },
  ]);
}

/** A dedicated AWS Config role's delivery permissions (Config DG "Permissions for the IAM role"). */
export function configDeliveryPolicy(ctx: AccountContext, bucketArn: string, kmsKeyArn: string, topicName: string): PolicyDocument {
  return doc([
    {
      Sid: "ConfigBucketDelivery",
      Effect: "Allow",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${ctx.accountId}/Config/*`,
      Condition: { StringLike: { "s3:x-amz-acl": "bucket-owner-full-control" } },
    },
    { Sid: "ConfigBucketAcl", Effect: "Allow", Action: "s3:GetBucketAcl", Resource: bucketArn },
    { Sid: "ConfigKms", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: kmsKeyArn },
    { Sid: "ConfigTopics", Effect: "Allow", Action: "sns:Publish", Resource: `arn:${ctx.partition}:sns:*:${ctx.accountId}:${topicName}` },
  ]);
}

/** The Config topic in a region (Config DG "Permissions for the Amazon SNS Topic"). */
export function configTopicPolicy(ctx: AccountContext, topicArn: string): PolicyDocument {
  return doc([
    {
      Sid: "AWSConfigSNSPolicy",
      Effect: "Allow",
      Principal: { Service: service(ctx, "config") },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
    },
  ]);
}
