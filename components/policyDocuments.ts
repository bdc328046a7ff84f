/**
 * The IAM, KMS, S3 and SNS policy documents of the baseline, as pure functions of plain strings so that
 * tests can assert every statement. Each statement follows the AWS page named above it; confused-deputy
 * conditions (aws:SourceArn / aws:SourceAccount) are on every service-principal grant that supports them.
 */
import type * as aws from "@pulumi/aws";
import type { FlowLogS3Options } from "../config";
import { FLOW_LOG_RUNBOOK, KEY_ROTATION_RUNBOOK } from "../policy-pack/coverageFacts";
import { AccountContext } from "./placement";

type Statement = aws.iam.PolicyStatement;
export type PolicyDocument = aws.iam.PolicyDocument & { Statement: Statement[] };

const doc = (statements: Statement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

/** Serializes a policy document for a BucketPolicy/KMS/IAM/SNS `policy` input. */
export const toJson = (document: PolicyDocument): string => JSON.stringify(document);

export const trailArn = (ctx: AccountContext, trailName: string): string =>
  `arn:${ctx.partition}:cloudtrail:${ctx.homeRegion}:${ctx.accountId}:trail/${trailName}`;

export const logGroupArn = (ctx: AccountContext, region: string, name: string): string =>
  `arn:${ctx.partition}:logs:${region}:${ctx.accountId}:log-group:${name}`;

const accountRoot = (ctx: AccountContext): string => `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
const service = (ctx: AccountContext, name: string): string => `${name}.${ctx.dnsSuffix}`;

/** Deny every request that does not use TLS (AWS Security Hub S3.5; S3 UG "Enforce encryption in transit"). */
export function denyInsecureTransport(bucketArn: string): Statement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export interface KeyPolicyInput {
  readonly trailName: string;
  /** The trail's log group name is generated from this prefix (naming.ts): the key policy names the prefix. */
  readonly trailLogGroupPrefix: string;
  /** Grant VPC flow-log delivery to S3 (the flow-log bucket is SSE-KMS with this key). */
  readonly flowLogsToS3: boolean;
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
    {
      // CloudTrail UG "Configure AWS KMS key policies for CloudTrail": encrypt logs of this account's trails.
      Sid: "AllowCloudTrailEncryptLogs",
      Effect: "Allow",
      Principal: { Service: service(ctx, "cloudtrail") },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*` },
        StringEquals: { "aws:SourceArn": trail },
      },
    },
    {
      Sid: "AllowCloudTrailDescribeKey",
      Effect: "Allow",
      Principal: { Service: service(ctx, "cloudtrail") },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": trail } },
    },
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

/**
 * The trail bucket: CloudTrail (CloudTrail UG "Amazon S3 bucket policy for CloudTrail") and AWS Config (Config
 * DG "Permissions for the Amazon S3 bucket") deliver here. aws:SourceArn is the trail ARN built as a string:
 * the trail depends on this policy, so its `arn` output cannot be used without a cycle.
 */
export function trailBucketPolicy(ctx: AccountContext, bucketArn: string, trailName: string): PolicyDocument {
  const trail = trailArn(ctx, trailName);
  const ownerFullControl = { "s3:x-amz-acl": "bucket-owner-full-control" };
  return doc([
    {
      Sid: "AWSCloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: service(ctx, "cloudtrail") },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": trail } },
    },
    {
      Sid: "AWSCloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: service(ctx, "cloudtrail") },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${ctx.accountId}/*`,
      Condition: { StringEquals: { ...ownerFullControl, "aws:SourceArn": trail } },
    },
    {
      Sid: "AWSConfigBucketPermissionsCheck",
      Effect: "Allow",
      Principal: { Service: service(ctx, "config") },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
    },
    {
      Sid: "AWSConfigBucketExistenceCheck",
      Effect: "Allow",
      Principal: { Service: service(ctx, "config") },
      Action: "s3:ListBucket",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
    },
    {
      // Config's aws:SourceArn is arn:<partition>:config:<channel region>:<account>:*; every region
      // delivers to this central bucket, hence the region wildcard.
      Sid: "AWSConfigBucketDelivery",
      Effect: "Allow",
      Principal: { Service: service(ctx, "config") },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${ctx.accountId}/Config/*`,
      Condition: {
        StringEquals: { ...ownerFullControl, "aws:SourceAccount": ctx.accountId },
        ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:config:*:${ctx.accountId}:*` },
      },
    },
    denyInsecureTransport(bucketArn),
  ]);
}

/**
 * The key prefix flow-log delivery writes under, for the chosen options (VPC UG "Flow log files",
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html):
 * - default: `AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/[<HH>/]`;
 * - Hive-compatible: `AWSLogs/aws-account-id=<account>/aws-service=vpcflowlogs/aws-region=<region>/year=<yyyy>/month=<mm>/day=<dd>/[hour=<HH>/]`.
 * Hourly partitions add a level below the day and the file format changes only the file name, so the account
 * level is all the options decide. The bucket policy grants exactly this prefix
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html: "The ARN that you specify for
 * my-s3-arn depends on whether you use Hive-compatible S3 prefixes").
 */
export function flowLogObjectPrefix(accountId: string, options: FlowLogS3Options): string {
  return options.hiveCompatiblePartitions ? `AWSLogs/aws-account-id=${accountId}/` : `AWSLogs/${accountId}/`;
}

/**
 * The central flow-log bucket (destination s3). Written in full here because flow-log delivery otherwise
 * attaches its own policy, overwriting this one (VPC UG "Amazon S3 bucket permissions for flow logs").
 */
export function flowLogBucketPolicy(ctx: AccountContext, bucketArn: string, options: FlowLogS3Options): PolicyDocument {
  const sourceConditions = {
    StringEquals: { "aws:SourceAccount": ctx.accountId },
    ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:logs:*:${ctx.accountId}:*` },
  };
  return doc([
    {
      Sid: "AWSLogDeliveryWrite",
      Effect: "Allow",
      Principal: { Service: service(ctx, "delivery.logs") },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/${flowLogObjectPrefix(ctx.accountId, options)}*`,
      Condition: {
        StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ctx.accountId },
        ArnLike: sourceConditions.ArnLike,
      },
    },
    {
      Sid: "AWSLogDeliveryAclCheck",
      Effect: "Allow",
      Principal: { Service: service(ctx, "delivery.logs") },
      Action: ["s3:GetBucketAcl", "s3:ListBucket"],
      Resource: bucketArn,
      Condition: sourceConditions,
    },
    denyInsecureTransport(bucketArn),
  ]);
}

export interface AccessLogSource {
  readonly bucketArn: string;
  /** The target prefix the source bucket's BucketLogging writes under. */
  readonly prefix: string;
}

/**
 * The access-log bucket. With BucketOwnerEnforced, S3 server access logging needs a bucket policy for the
 * logging service principal and no target grants (S3 UG "Enabling Amazon S3 server access logging").
 */
export function accessLogBucketPolicy(ctx: AccountContext, bucketArn: string, sources: readonly AccessLogSource[]): PolicyDocument {
  return doc([
    {
      Sid: "S3ServerAccessLogsPolicy",
      Effect: "Allow",
      Principal: { Service: service(ctx, "logging.s3") },
      Action: "s3:PutObject",
      Resource: sources.map((s) => `${bucketArn}/${s.prefix}*`),
      Condition: {
        ArnLike: { "aws:SourceArn": sources.map((s) => s.bucketArn) },
        StringEquals: { "aws:SourceAccount": ctx.accountId },
      },
    },
    denyInsecureTransport(bucketArn),
  ]);
}

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

/**
 * Trust policy of a remediation role: AWS Systems Manager Automation assumes it for AWS Config's automatic remediation
 * (the runbook's AutomationAssumeRole). Confused-deputy conditions as the Systems Manager UG recommends ("Cross-service
 * confused deputy prevention", https://docs.aws.amazon.com/systems-manager/latest/userguide/cross-service-confused-deputy-prevention.html):
 * aws:SourceAccount, and aws:SourceArn on the automation executions of this account in this region (the role serves one
 * region's remediation). The stored copy of that page did not show its Automation example in full; the ARN is the
 * automation-execution resource form `arn:<partition>:ssm:<region>:<account>:automation-execution/<id>`.
 */
export function ssmAutomationTrustPolicy(ctx: AccountContext, region: string): PolicyDocument {
  return doc([
    {
      Sid: "AllowSsmAutomationAssumeRole",
      Effect: "Allow",
      Principal: { Service: service(ctx, "ssm") },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": ctx.accountId },
        ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:ssm:${region}:${ctx.accountId}:automation-execution/*` },
      },
    },
  ]);
}

/**
 * What every runbook's AutomationAssumeRole needs by its reference page ("Required IAM permissions":
 * ssm:StartAutomationExecution and ssm:GetAutomationExecution), scoped to the one runbook and this account's executions in
 * the region. An AWS-owned runbook's definition ARN carries no account of ours, hence the account wildcard.
 */
function runbookExecutionStatements(ctx: AccountContext, region: string, documentName: string): Statement[] {
  return [
    {
      Sid: "StartThisRunbook",
      Effect: "Allow",
      Action: "ssm:StartAutomationExecution",
      Resource: `arn:${ctx.partition}:ssm:${region}:*:automation-definition/${documentName}:*`,
    },
    {
      Sid: "ReadOwnAutomationExecutions",
      Effect: "Allow",
      Action: "ssm:GetAutomationExecution",
      Resource: `arn:${ctx.partition}:ssm:${region}:${ctx.accountId}:automation-execution/*`,
    },
  ];
}

/** Where the flow-log runbook sends what it creates (the project's destination in the region). */
export type FlowLogRemediationDestination =
  | { readonly type: "cloud-watch-logs"; readonly logGroupArn: string; readonly deliveryRoleArn: string }
  | { readonly type: "s3"; readonly bucketArn: string };

/**
 * Permissions of the role AWSSupport-EnableVPCFlowLogs runs with, for the parameters this project passes
 * (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-vpc-flowlogs.html).
 * The page lists one set of "Required IAM permissions" for all of the runbook's branches; its "Document Steps" say it
 * creates a log group only "if no value is specified for the LogDestinationARN parameter", and it creates a delivery role
 * (AWSSupportCreateFlowLogsRole in the page's sample policy) only without DeliverLogsPermissionArn. This project always
 * passes both, so the role gets neither logs:CreateLogGroup/DeleteLogGroup nor any iam:Create*, Delete*, Attach*, Put*,
 * Update*, Tag* or Get* action; and it gets no ec2:DeleteFlowLogs, s3:ListBucket or s3:PutObject either, which no
 * documented step needs (so the role can never remove a flow log nor write into the log bucket). AWS does not document
 * which branch uses which permission; these omissions follow the documented steps.
 *
 * `Resource: "*"` remains only where AWS allows nothing narrower: ec2:DescribeFlowLogs (EC2 Describe actions take no
 * resource), logs:CreateLogDelivery / logs:DeleteLogDelivery (the vended-logs permissions of whoever creates a flow log to
 * S3; AWS grants them "on all resources", e.g. https://docs.aws.amazon.com/verified-access/latest/ug/access-logs-permissions.html,
 * and the runbook page lists both) and s3:GetAccountPublicAccessBlock (an
 * account-level setting; the runbook checks that the bucket is not public, and its sample policy grants this action).
 */
export function flowLogRemediationPolicy(ctx: AccountContext, region: string, destination: FlowLogRemediationDestination): PolicyDocument {
  const statements: Statement[] = [
    ...runbookExecutionStatements(ctx, region, FLOW_LOG_RUNBOOK.documentName),
    {
      Sid: "CreateFlowLogsForVpcs",
      Effect: "Allow",
      Action: "ec2:CreateFlowLogs",
      Resource: [
        `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:vpc/*`,
        `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:vpc-flow-log/*`,
      ],
    },
    { Sid: "DescribeFlowLogs", Effect: "Allow", Action: "ec2:DescribeFlowLogs", Resource: "*" },
  ];
  if (destination.type === "cloud-watch-logs") {
    statements.push(
      {
        // VPC UG "IAM role for publishing flow logs to CloudWatch Logs": whoever creates the flow log passes the
        // delivery role to the flow-logs service; only that role, only to that service.
        Sid: "PassOnlyTheDeliveryRole",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: destination.deliveryRoleArn,
        Condition: { StringEquals: { "iam:PassedToService": service(ctx, "vpc-flow-logs") } },
      },
      {
        Sid: "DescribeDestinationLogGroups",
        Effect: "Allow",
        Action: "logs:DescribeLogGroups",
        Resource: `arn:${ctx.partition}:logs:${region}:${ctx.accountId}:log-group:*`,
      },
    );
  } else {
    statements.push(
      { Sid: "CreateLogDeliveryToS3", Effect: "Allow", Action: ["logs:CreateLogDelivery", "logs:DeleteLogDelivery"], Resource: "*" },
      {
        Sid: "CheckDestinationBucketIsNotPublic",
        Effect: "Allow",
        Action: ["s3:GetBucketLocation", "s3:GetBucketAcl", "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicyStatus"],
        Resource: destination.bucketArn,
      },
      { Sid: "CheckAccountPublicAccessBlock", Effect: "Allow", Action: "s3:GetAccountPublicAccessBlock", Resource: "*" },
    );
  }
  return doc(statements);
}

/**
 * Permissions of the role AWSConfigRemediation-EnableKeyRotation runs with: exactly its "Required IAM permissions"
 * (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-key-rotation.html),
 * the KMS ones on this account's keys in the region. A key whose key policy does not let IAM policies of the account
 * grant access (KMS DG "Default key policy") stays out of reach, and its remediation fails visibly in AWS Config.
 */
export function keyRotationRemediationPolicy(ctx: AccountContext, region: string): PolicyDocument {
  return doc([
    ...runbookExecutionStatements(ctx, region, KEY_ROTATION_RUNBOOK.documentName),
    {
      Sid: "EnableRotationOfAccountKeys",
      Effect: "Allow",
      Action: ["kms:EnableKeyRotation", "kms:GetKeyRotationStatus"],
      Resource: `arn:${ctx.partition}:kms:${region}:${ctx.accountId}:key/*`,
    },
  ]);
}
