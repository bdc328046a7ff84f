import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FlowLogS3Options, S3DataEvents } from "../config";
import { AuditBucket, withAccessLogs } from "./auditBucket";
import { keyAliasName, trailLogGroupPrefix } from "./naming";
import { AccountContext, RegionPlacement } from "./placement";
import {
  accessLogBucketPolicy, cloudTrailToLogsPolicy, cloudTrailTrustPolicy, flowLogBucketPolicy, kmsKeyPolicy, toJson, trailBucketPolicy,
} from "./policyDocuments";

export interface LoggingBaselineArgs {
  /** The home region (`aws:region`) and its provider: the trail, buckets, key and log group live there. */
  readonly placement: RegionPlacement;
  readonly account: AccountContext;
  /** The trail's name (config `cloudTrail.name`); policies name the trail's ARN before it exists. */
  readonly trailName: string;
  /** S3 object-level data events on the trail (CIS 1.4.0 3.10/3.11). @default "all" */
  readonly s3DataEvents: S3DataEvents;
  /** Retention of the trail's CloudWatch Logs group, in days. @default 365 */
  readonly trailLogRetentionInDays: number;
  /** Create the central flow-log bucket, for files written with these options (config `flowLogs.destination: s3`). */
  readonly flowLogsToS3?: FlowLogS3Options;
  /** The IAM path of the stack's roles (naming.ts baselineRolePath). */
  readonly rolePath: string;
}

/** Access-log prefixes, one per source bucket, inside the access-log bucket. */
export const ACCESS_LOG_PREFIX = { trailBucket: "trail-bucket/", flowLogBucket: "flow-log-bucket/" } as const;

/**
 * The management events selector is always "All" with management events, because a classic selector's
 * readWriteType covers its data and management events alike: write-only or read-only S3 data events get a
 * selector of their own so that management events stay read and write (CIS 2.1). The value `arn:<p>:s3`
 * ("all current and future buckets") is what CIS, Prowler and Steampipe accept for 3.10/3.11.
 */
export function trailEventSelectors(partition: string, dataEvents: S3DataEvents): aws.types.input.cloudtrail.TrailEventSelector[] {
  const s3Objects = [{ type: "AWS::S3::Object", values: [`arn:${partition}:s3`] }];
  switch (dataEvents) {
    case "all":
      return [{ readWriteType: "All", includeManagementEvents: true, dataResources: s3Objects }];
    case "write":
      return [
        { readWriteType: "All", includeManagementEvents: true },
        { readWriteType: "WriteOnly", includeManagementEvents: false, dataResources: s3Objects },
      ];
    case "read":
      return [
        { readWriteType: "All", includeManagementEvents: true },
        { readWriteType: "ReadOnly", includeManagementEvents: false, dataResources: s3Objects },
      ];
    case "none":
      return [{ readWriteType: "All", includeManagementEvents: true }];
  }
}

/**
 * The account's CloudTrail in the home region: a customer-managed KMS key with rotation, the trail bucket
 * with its access-log bucket, the trail's CloudWatch Logs group and role, and one multi-region trail.
 * CIS 1.2.0 2.1, 2.2, 2.3, 2.4, 2.6, 2.7, 2.8; 1.4.0 3.10, 3.11.
 */
export class LoggingBaseline extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly keyAlias: aws.kms.Alias;
  readonly accessLogBucket: AuditBucket;
  readonly trailBucket: AuditBucket;
  readonly flowLogBucket?: AuditBucket;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly cloudWatchRole: aws.iam.Role;
  readonly cloudWatchRolePolicy: aws.iam.RolePolicy;
  readonly trail: aws.cloudtrail.Trail;

  constructor(name: string, args: LoggingBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:logging:LoggingBaseline", name, {}, opts);
    const p = args.placement;
    const ctx = args.account;
    if (p.region !== ctx.homeRegion) {
      throw new Error(`LoggingBaseline must be placed in the home region ${ctx.homeRegion}, not ${p.region}`);
    }
    const child: pulumi.CustomResourceOptions = { parent: this, provider: p.provider };
    const retained: pulumi.CustomResourceOptions = { ...child, retainOnDelete: true };
    const logGroupPrefix = trailLogGroupPrefix(args.trailName);

    // CIS 2.7/2.8: a customer-managed key with yearly rotation; 30 days to cancel a deletion.
    this.key = new aws.kms.Key(`${name}-key`, p.regional<aws.kms.KeyArgs>({
      description: `CloudTrail, AWS Config and log encryption for trail ${args.trailName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      policy: toJson(kmsKeyPolicy(ctx, { trailName: args.trailName, trailLogGroupPrefix: logGroupPrefix, flowLogsToS3: args.flowLogsToS3 !== undefined })),
    }), retained);
    // A fixed name: a replacement must delete the old alias first (CreateAlias fails on an existing name).
    this.keyAlias = new aws.kms.Alias(`${name}-key-alias`, p.regional<aws.kms.AliasArgs>({
      name: keyAliasName(args.trailName),
      targetKeyId: this.key.keyId,
    }), { ...child, deleteBeforeReplace: true });

    const flowLogOptions = args.flowLogsToS3;
    const { accessLogBucket, logged: [trailBucket, flowLogBucket] } = withAccessLogs(name, p,
      (bucketArn, sources) => toJson(accessLogBucketPolicy(ctx, bucketArn, sources)), [
        {
          name: `${name}-trail-bucket`,
          encryption: this.key.arn,
          policy: (arn) => arn.apply((bucketArn) => toJson(trailBucketPolicy(ctx, bucketArn, args.trailName))),
          logPrefix: ACCESS_LOG_PREFIX.trailBucket,
        },
        ...(flowLogOptions ? [{
          name: `${name}-flow-log-bucket`,
          encryption: this.key.arn,
          policy: (arn: pulumi.Output<string>) => arn.apply((bucketArn) => toJson(flowLogBucketPolicy(ctx, bucketArn, flowLogOptions))),
          logPrefix: ACCESS_LOG_PREFIX.flowLogBucket,
        }] : []),
      ], { parent: this });
    this.accessLogBucket = accessLogBucket;
    this.trailBucket = trailBucket;
    this.flowLogBucket = flowLogBucket;

    // CIS 2.4: the trail delivers to CloudWatch Logs, encrypted with the same key (same region). Retained on
    // destroy with its events, so its name is generated from a prefix: the next `pulumi up` creates a new group
    // beside it instead of failing with ResourceAlreadyExistsException (naming.ts).
    this.logGroup = new aws.cloudwatch.LogGroup(`${name}-trail-logs`, p.regional<aws.cloudwatch.LogGroupArgs>({
      namePrefix: logGroupPrefix,
      retentionInDays: args.trailLogRetentionInDays,
      kmsKeyId: this.key.arn,
    }), retained);

    this.cloudWatchRole = new aws.iam.Role(`${name}-trail-to-logs`, {
      description: `CloudTrail ${args.trailName} delivers events to its log group ${logGroupPrefix}*`,
      path: args.rolePath,
      // No aws:SourceAccount/aws:SourceArn condition: CloudTrail does not send them for this role (see
      // cloudTrailTrustPolicy); with them CreateTrail fails with InvalidCloudWatchLogsRoleArnException.
      assumeRolePolicy: toJson(cloudTrailTrustPolicy(ctx)),
    }, child);
    this.cloudWatchRolePolicy = new aws.iam.RolePolicy(`${name}-trail-to-logs`, {
      role: this.cloudWatchRole.id,
      policy: this.logGroup.arn.apply((groupArn) => toJson(cloudTrailToLogsPolicy(ctx, groupArn))),
    }, child);

    const trailArgs: aws.cloudtrail.TrailArgs = p.regional<aws.cloudtrail.TrailArgs>({
      name: args.trailName,
      s3BucketName: this.trailBucket.bucket.bucket,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogging: true,
      enableLogFileValidation: true,
      kmsKeyId: this.key.arn,
      // CloudTrail requires the log-stream wildcard; the provider strips `:*` from LogGroup.arn.
      cloudWatchLogsGroupArn: pulumi.interpolate`${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: this.cloudWatchRole.arn,
      eventSelectors: trailEventSelectors(ctx.partition, args.s3DataEvents),
    });
    // CreateTrail checks the bucket policy (InsufficientS3BucketPolicyException, not retried by the
    // provider) and the role's permissions: the trail only names the bucket, so the order is explicit.
    // A fixed name (the policies name the trail's ARN): a replacement deletes the old trail first, since
    // CreateTrail fails on an existing name (TrailAlreadyExistsException).
    this.trail = new aws.cloudtrail.Trail(`${name}-trail`, trailArgs, {
      ...child,
      deleteBeforeReplace: true,
      dependsOn: [this.trailBucket.ready, this.cloudWatchRolePolicy, this.logGroup],
    });

    this.registerOutputs({
      trailArn: this.trail.arn,
      trailBucketName: this.trailBucket.bucket.bucket,
      accessLogBucketName: this.accessLogBucket.bucket.bucket,
      kmsKeyArn: this.key.arn,
      trailLogGroupName: this.logGroup.name,
    });
  }
}
