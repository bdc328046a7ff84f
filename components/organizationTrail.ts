import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { S3DataEvents } from "../config";
import { AuditBucket, withAccessLogs } from "./auditBucket";
import { ACCESS_LOG_PREFIX, trailEventSelectors } from "./loggingBaseline";
import { keyAliasName, trailLogGroupPrefix } from "./naming";
import { RegionPlacement } from "./placement";
import {
  OrganizationContext, accessLogBucketPolicy, cloudTrailTrustPolicy, logArchiveContext, managementContext, organizationKeyPolicy,
  organizationTrailBucketPolicy, organizationTrailToLogsPolicy, toJson, trailLogGroupKeyPolicy,
} from "./policyDocuments";

export interface OrganizationTrailArgs {
  /** The home region in the stack's own account (management or delegated administrator): the trail and its log group. */
  readonly placement: RegionPlacement;
  /** The home region in the log-archive account (its explicit provider): the buckets and the key. */
  readonly logArchive: RegionPlacement;
  readonly organization: OrganizationContext;
  readonly trailName: string;
  readonly s3DataEvents: S3DataEvents;
  readonly trailLogRetentionInDays: number;
  /** The stack's own account (management or delegated administrator): the log group, its key and the trail's role. */
  readonly stackAccountId: string;
  /** The IAM path of the stack's roles (naming.ts baselineRolePath). */
  readonly rolePath: string;
}

/**
 * One organization trail for every account and region (CIS 1.2.0 2.1-2.4, 2.6-2.7; 1.4.0 3.10/3.11), with the same
 * settings and S3 data-event selectors as the single-account trail (LoggingBaseline). Its bucket, the bucket's access-log
 * bucket and the KMS key live in the log-archive account; the trail, its CloudWatch Logs group and role in the stack's
 * account. Member accounts see the trail and cannot change or delete it (CloudTrail UG "Creating a trail for an
 * organization", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html).
 */
export class OrganizationTrail extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly accessLogBucket: AuditBucket;
  readonly trailBucket: AuditBucket;
  readonly logGroupKey: aws.kms.Key;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly cloudWatchRole: aws.iam.Role;
  readonly trail: aws.cloudtrail.Trail;

  constructor(name: string, args: OrganizationTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:organization:OrganizationTrail", name, {}, opts);
    const o = args.organization;
    const home = args.placement;
    const archive = args.logArchive;
    const inHome: pulumi.CustomResourceOptions = { parent: this, provider: home.provider };
    const inArchive: pulumi.CustomResourceOptions = { parent: this, provider: archive.provider };
    const logGroupPrefix = trailLogGroupPrefix(args.trailName);

    this.key = new aws.kms.Key(`${name}-key`, archive.regional<aws.kms.KeyArgs>({
      description: `Organization trail ${args.trailName} and AWS Config delivery of organization ${o.organizationId}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      policy: toJson(organizationKeyPolicy(o, args.trailName)),
    }), { ...inArchive, retainOnDelete: true });
    new aws.kms.Alias(`${name}-key-alias`, archive.regional<aws.kms.AliasArgs>({
      name: keyAliasName(args.trailName), targetKeyId: this.key.keyId,
    }), { ...inArchive, deleteBeforeReplace: true });

    const archiveCtx = logArchiveContext(o);
    const { accessLogBucket, logged: [trailBucket] } = withAccessLogs(name, archive,
      (bucketArn, sources) => toJson(accessLogBucketPolicy(archiveCtx, bucketArn, sources)), [{
        name: `${name}-trail-bucket`,
        encryption: this.key.arn,
        policy: (arn) => arn.apply((bucketArn) => toJson(organizationTrailBucketPolicy(o, bucketArn, args.trailName))),
        logPrefix: ACCESS_LOG_PREFIX.trailBucket,
      }], { parent: this });
    this.accessLogBucket = accessLogBucket;
    this.trailBucket = trailBucket;

    // CloudWatch Logs takes a key of the group's own account and region: a second key, in the stack's account.
    this.logGroupKey = new aws.kms.Key(`${name}-logs-key`, home.regional<aws.kms.KeyArgs>({
      description: `CloudWatch Logs group of organization trail ${args.trailName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      policy: toJson(trailLogGroupKeyPolicy(o, args.stackAccountId, logGroupPrefix)),
    }), { ...inHome, retainOnDelete: true });
    this.logGroup = new aws.cloudwatch.LogGroup(`${name}-trail-logs`, home.regional<aws.cloudwatch.LogGroupArgs>({
      namePrefix: logGroupPrefix,
      retentionInDays: args.trailLogRetentionInDays,
      kmsKeyId: this.logGroupKey.arn,
    }), { ...inHome, retainOnDelete: true });
    this.cloudWatchRole = new aws.iam.Role(`${name}-trail-to-logs`, {
      description: `Organization trail ${args.trailName} delivers events to its log group ${logGroupPrefix}*`,
      path: args.rolePath,
      // No confused-deputy condition: CloudTrail does not send them for this role (policyDocuments.ts cloudTrailTrustPolicy).
      assumeRolePolicy: toJson(cloudTrailTrustPolicy({ ...managementContext(o), accountId: args.stackAccountId })),
    }, inHome);
    const rolePolicy = new aws.iam.RolePolicy(`${name}-trail-to-logs`, {
      role: this.cloudWatchRole.id,
      policy: this.logGroup.arn.apply((groupArn) => toJson(organizationTrailToLogsPolicy(o, groupArn))),
    }, inHome);

    this.trail = new aws.cloudtrail.Trail(`${name}-trail`, home.regional<aws.cloudtrail.TrailArgs>({
      name: args.trailName,
      isOrganizationTrail: true,
      s3BucketName: this.trailBucket.bucket.bucket,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogging: true,
      enableLogFileValidation: true,
      kmsKeyId: this.key.arn,
      cloudWatchLogsGroupArn: pulumi.interpolate`${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: this.cloudWatchRole.arn,
      eventSelectors: trailEventSelectors(o.partition, args.s3DataEvents),
    }), { ...inHome, deleteBeforeReplace: true, dependsOn: [this.trailBucket.ready, rolePolicy, this.logGroup] });

    this.registerOutputs({
      trailArn: this.trail.arn, trailBucketName: this.trailBucket.bucket.bucket, kmsKeyArn: this.key.arn, trailLogGroupName: this.logGroup.name,
    });
  }
}
