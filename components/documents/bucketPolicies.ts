/** The bucket policies: the trail bucket (CloudTrail and AWS Config delivery), the flow-log bucket and the access-log bucket. */
import type { FlowLogS3Options } from "../../config";
import { PolicyDocument, denyInsecureTransport, doc, service, trailArn } from "./common";
import { AccountContext } from "../placement";

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
