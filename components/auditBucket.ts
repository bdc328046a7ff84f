import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionPlacement } from "./placement";

export interface AuditBucketArgs {
  readonly placement: RegionPlacement;
  /**
   * Default encryption: a KMS key ARN for SSE-KMS (the trail bucket, CIS 2.7), or "SSE-S3" for the
   * access-log bucket, whose server access logs S3 cannot write with SSE-KMS (S3 UG "Enabling Amazon S3
   * server access logging").
   */
  readonly encryption: pulumi.Input<string> | "SSE-S3";
  /** The bucket policy, given the bucket's ARN. A deny of non-TLS requests is part of every document. */
  readonly policy: (bucketArn: pulumi.Output<string>) => pulumi.Input<string>;
  /** Server access logging into another bucket (CIS 2.6), under this prefix. */
  readonly accessLogs?: {
    readonly targetBucket: pulumi.Input<string>;
    readonly targetPrefix: string;
    /** The target bucket's policy: S3 must be allowed to write there before logging is switched on. */
    readonly targetReady: pulumi.Resource;
  };
}

/**
 * An S3 bucket that holds audit data: versioned, encrypted by default, all four public access block
 * settings on (CIS 2.3), ACLs disabled (BucketOwnerEnforced), a TLS-only policy, never force-destroyed.
 *
 * The bucket's sub-resources are applied one after another: concurrent PutBucketPolicy,
 * PutPublicAccessBlock and PutBucketOwnershipControls calls fail with 409 OperationAborted
 * (terraform-provider-aws #7628). Every piece is retained on `pulumi destroy`, so the retained bucket keeps
 * its protections.
 */
export class AuditBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly versioning: aws.s3.BucketVersioning;
  readonly encryption: aws.s3.BucketServerSideEncryptionConfiguration;
  readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
  readonly ownershipControls: aws.s3.BucketOwnershipControls;
  readonly policy: aws.s3.BucketPolicy;
  readonly logging?: aws.s3.BucketLogging;
  /** The last configuration step: depend on it to use the bucket fully configured. */
  readonly ready: pulumi.Resource;

  constructor(name: string, args: AuditBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:storage:AuditBucket", name, {}, opts);
    const p = args.placement;
    const child = (dependsOn?: pulumi.Resource): pulumi.CustomResourceOptions => ({
      parent: this, provider: p.provider, retainOnDelete: true, ...(dependsOn ? { dependsOn: [dependsOn] } : {}),
    });

    this.bucket = new aws.s3.Bucket(name, p.regional<aws.s3.BucketArgs>({ forceDestroy: false }), child());

    this.versioning = new aws.s3.BucketVersioning(`${name}-versioning`, p.regional<aws.s3.BucketVersioningArgs>({
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
    }), child(this.bucket));

    const sseDefault: aws.types.input.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault =
      args.encryption === "SSE-S3"
        ? { sseAlgorithm: "AES256" }
        : { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption };
    this.encryption = new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`,
      p.regional<aws.s3.BucketServerSideEncryptionConfigurationArgs>({
        bucket: this.bucket.id,
        // S3 Bucket Keys cut KMS requests (and cost) for high-volume log delivery.
        rules: [{ applyServerSideEncryptionByDefault: sseDefault, bucketKeyEnabled: args.encryption !== "SSE-S3" }],
      }), child(this.versioning));

    this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`,
      p.regional<aws.s3.BucketPublicAccessBlockArgs>({
        bucket: this.bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }), child(this.encryption));

    this.ownershipControls = new aws.s3.BucketOwnershipControls(`${name}-ownership`,
      p.regional<aws.s3.BucketOwnershipControlsArgs>({
        bucket: this.bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
      }), child(this.publicAccessBlock));

    this.policy = new aws.s3.BucketPolicy(`${name}-policy`, p.regional<aws.s3.BucketPolicyArgs>({
      bucket: this.bucket.id,
      policy: args.policy(this.bucket.arn),
    }), child(this.ownershipControls));

    let ready: pulumi.Resource = this.policy;
    if (args.accessLogs) {
      this.logging = new aws.s3.BucketLogging(`${name}-access-logging`, p.regional<aws.s3.BucketLoggingArgs>({
        bucket: this.bucket.id,
        targetBucket: args.accessLogs.targetBucket,
        targetPrefix: args.accessLogs.targetPrefix,
      }), { ...child(this.policy), dependsOn: [this.policy, args.accessLogs.targetReady] });
      ready = this.logging;
    }
    this.ready = ready;

    this.registerOutputs({ bucketName: this.bucket.bucket, bucketArn: this.bucket.arn });
  }
}

/** A bucket that logs its requests into the access-log bucket of `withAccessLogs`. */
export interface LoggedBucketArgs extends Omit<AuditBucketArgs, "placement" | "accessLogs"> {
  /** The bucket's logical name. */
  readonly name: string;
  /** Its prefix in the access-log bucket. */
  readonly logPrefix: string;
}

/**
 * The access-log bucket (`<name>-access-logs`, SSE-S3) and the buckets that log into it (CIS 2.6), as the account's
 * baseline and the organization trail both build them. The access-log bucket's policy names its source buckets, which
 * are created after it (their logging needs its policy first): it reads them from a deferred output that resolves
 * once every source bucket exists.
 */
export function withAccessLogs(
  name: string,
  placement: RegionPlacement,
  accessLogPolicy: (bucketArn: string, sources: { bucketArn: string; prefix: string }[]) => string,
  sources: readonly LoggedBucketArgs[],
  opts: pulumi.ComponentResourceOptions,
): { accessLogBucket: AuditBucket; logged: AuditBucket[] } {
  const [sourcesOutput, resolveSources] = pulumi.deferredOutput<{ bucketArn: string; prefix: string }[]>();
  const accessLogBucket = new AuditBucket(`${name}-access-logs`, {
    placement,
    encryption: "SSE-S3",
    policy: (arn) => pulumi.all([arn, sourcesOutput]).apply(([bucketArn, list]) => accessLogPolicy(bucketArn, list)),
  }, opts);
  const logged = sources.map(({ name: bucketName, logPrefix, ...bucket }) => new AuditBucket(bucketName, {
    ...bucket,
    placement,
    accessLogs: { targetBucket: accessLogBucket.bucket.id, targetPrefix: logPrefix, targetReady: accessLogBucket.ready },
  }, opts));
  resolveSources(pulumi.all(logged.map((b, i) => b.bucket.arn.apply((bucketArn) => ({ bucketArn, prefix: sources[i].logPrefix })))));
  return { accessLogBucket, logged };
}
