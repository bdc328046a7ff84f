import { strict as assert } from "assert";
import { MOCK_NAME_SUFFIX } from "../../offline/mockAccount";
import { promiseOf } from "../helpers";
import { ProgramRun, runProgram } from "../programHarness";
import { dependsOn, only, statements } from "./assertions";

const ACCOUNT = "111122223333";
const HOME = "ap-northeast-1";
const TRAIL_ARN = `arn:aws:cloudtrail:${HOME}:${ACCOUNT}:trail/cis-logging-baseline`;
const KEY_ARN = `arn:aws:kms:${HOME}:${ACCOUNT}:key/baseline-key-key-id`;
const TRAIL_BUCKET = "baseline-trail-bucket-0123456";
const ACCESS_BUCKET = "baseline-access-logs-0123456";
/** The trail's log group: a generated name from the prefix, since it is retained on destroy (naming.ts). */
const LOG_GROUP_PREFIX = "/cis/cloudtrail/cis-logging-baseline-";
const LOG_GROUP = `${LOG_GROUP_PREFIX}${MOCK_NAME_SUFFIX}`;

describe("components/LoggingBaseline", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({ cloudTrail: { logRetentionInDays: 400 } });
  });

  describe("KMS key (CIS 2.7, 2.8)", () => {
    it("is a symmetric customer-managed key with rotation, a 30-day deletion window, retained on destroy", () => {
      const key = only(run, "aws:kms/key:Key", "baseline-key");
      assert.equal(key.inputs.enableKeyRotation, true);
      assert.equal(key.inputs.deletionWindowInDays, 30);
      assert.equal(key.inputs.keyUsage, "ENCRYPT_DECRYPT");
      assert.equal(key.inputs.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
      assert.equal(key.region, HOME);
      assert.equal(key.retainOnDelete, true);
      assert.equal(only(run, "aws:kms/alias:Alias", "baseline-key-alias").inputs.name, "alias/cis-logging-baseline");
    });

    it("has a key policy granting CloudTrail, CloudWatch Logs and Config exactly what AWS documents", () => {
      const s = statements(only(run, "aws:kms/key:Key", "baseline-key"));
      assert.deepEqual(Object.keys(s), [
        "EnableIamPolicies", "AllowCloudTrailEncryptLogs", "AllowCloudTrailDescribeKey", "AllowCloudWatchLogsTrailLogGroup", "AllowConfigDelivery",
      ]);
      assert.deepEqual(s.EnableIamPolicies, {
        Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*",
      });
      assert.deepEqual(s.AllowCloudTrailEncryptLogs, {
        Sid: "AllowCloudTrailEncryptLogs", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*", Resource: "*",
        Condition: {
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
          StringEquals: { "aws:SourceArn": TRAIL_ARN },
        },
      });
      assert.deepEqual(s.AllowCloudTrailDescribeKey, {
        Sid: "AllowCloudTrailDescribeKey", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
      });
      assert.deepEqual(s.AllowCloudWatchLogsTrailLogGroup, {
        Sid: "AllowCloudWatchLogsTrailLogGroup", Effect: "Allow", Principal: { Service: `logs.${HOME}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"], Resource: "*",
        // The group's name is generated from the prefix: the key allows the trail's groups by prefix, as the
        // CloudWatch Logs UG example does with ArnLike and a wildcard.
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${HOME}:${ACCOUNT}:log-group:${LOG_GROUP_PREFIX}*` } },
      });
      assert.deepEqual(s.AllowConfigDelivery, {
        Sid: "AllowConfigDelivery", Effect: "Allow", Principal: { Service: "config.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      });
    });
  });

  describe("trail (CIS 2.1, 2.2, 2.4, 2.7, 3.10, 3.11)", () => {
    it("is one multi-region trail with global events, validation, KMS, CloudWatch Logs and management events read and write", () => {
      const trail = only(run, "aws:cloudtrail/trail:Trail", "baseline-trail");
      assert.deepEqual(trail.inputs, {
        name: "cis-logging-baseline",
        s3BucketName: TRAIL_BUCKET,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogging: true,
        enableLogFileValidation: true,
        kmsKeyId: KEY_ARN,
        cloudWatchLogsGroupArn: `arn:aws:logs:${HOME}:${ACCOUNT}:log-group:${LOG_GROUP}:*`,
        cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/baseline-trail-to-logs-0123456`,
        eventSelectors: [{
          readWriteType: "All", includeManagementEvents: true,
          dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }],
        }],
      });
      assert.equal(trail.region, HOME);
    });

    it("is created after its bucket policy, its role's policy and its log group (InsufficientS3BucketPolicyException otherwise)", () => {
      const trail = only(run, "aws:cloudtrail/trail:Trail", "baseline-trail");
      assert.ok(dependsOn(run, trail, only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-trail-bucket-policy")));
      assert.ok(dependsOn(run, trail, only(run, "aws:iam/rolePolicy:RolePolicy", "baseline-trail-to-logs")));
      assert.ok(dependsOn(run, trail, only(run, "aws:cloudwatch/logGroup:LogGroup", "baseline-trail-logs")));
    });

    for (const [setting, selectors] of [
      ["write", [
        { readWriteType: "All", includeManagementEvents: true },
        { readWriteType: "WriteOnly", includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] },
      ]],
      ["read", [
        { readWriteType: "All", includeManagementEvents: true },
        { readWriteType: "ReadOnly", includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] },
      ]],
      ["none", [{ readWriteType: "All", includeManagementEvents: true }]],
    ] as const) {
      it(`keeps management events read and write with s3DataEvents: ${setting}`, async () => {
        const variant = await runProgram({ cloudTrail: { s3DataEvents: setting } });
        assert.deepEqual(only(variant, "aws:cloudtrail/trail:Trail", "baseline-trail").inputs.eventSelectors, selectors);
      });
    }
  });

  describe("CloudWatch Logs (CIS 2.4)", () => {
    it("keeps the trail's log group in the key's region, encrypted with it, with the configured retention, retained on destroy", () => {
      const group = only(run, "aws:cloudwatch/logGroup:LogGroup", "baseline-trail-logs");
      assert.deepEqual(group.inputs, { namePrefix: LOG_GROUP_PREFIX, retentionInDays: 400, kmsKeyId: KEY_ARN });
      assert.equal(group.region, only(run, "aws:kms/key:Key", "baseline-key").region);
      assert.equal(group.retainOnDelete, true);
    });

    it("lets CloudTrail assume its role with no aws:SourceAccount/SourceArn condition (CloudTrail sends neither), and write only the trail's streams of every region", () => {
      // CloudTrail UG "Role policy document for CloudTrail to use CloudWatch Logs for monitoring": "The role
      // policy doesn't support the use of aws:SourceArn and aws:SourceAccount"; with a condition on them
      // CreateTrail fails with InvalidCloudWatchLogsRoleArnException. The trust is the service principal alone.
      const role = only(run, "aws:iam/role:Role", "baseline-trail-to-logs");
      assert.deepEqual(JSON.parse(String(role.inputs.assumeRolePolicy)), {
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowCloudTrailAssumeRole", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
      });
      assert.deepEqual(statements(only(run, "aws:iam/rolePolicy:RolePolicy", "baseline-trail-to-logs")), {
        AWSCloudTrailCreateLogStreamAndPutEvents: {
          Sid: "AWSCloudTrailCreateLogStreamAndPutEvents", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `arn:aws:logs:${HOME}:${ACCOUNT}:log-group:${LOG_GROUP}:log-stream:${ACCOUNT}_CloudTrail_*`,
        },
      });
    });
  });

  describe("names that survive a replacement and a redeploy", () => {
    it("replaces the fixed-name trail and key alias delete-first (CreateTrail and CreateAlias fail on an existing name)", () => {
      assert.equal(only(run, "aws:cloudtrail/trail:Trail", "baseline-trail").deleteBeforeReplace, true);
      assert.equal(only(run, "aws:kms/alias:Alias", "baseline-key-alias").deleteBeforeReplace, true);
    });

    it("puts the trail's role under the stack's IAM path, which marks the account as taken by this stack", () => {
      assert.equal(only(run, "aws:iam/role:Role", "baseline-trail-to-logs").inputs.path, "/cis-logging-baseline/organization/cis-logging-baseline/test/");
    });

    it("exports the trail log group's generated name", async () => {
      assert.equal(await promiseOf(run.outputs.trailLogGroupName), LOG_GROUP);
    });
  });

  describe("trail bucket (CIS 2.3, 2.6, 2.7)", () => {
    const piece = (type: string, suffix: string) => only(run, type, `baseline-trail-bucket${suffix}`);

    it("is versioned, SSE-KMS with the baseline key, blocks all public access, enforces bucket ownership, never force-destroyed", () => {
      assert.equal(piece("aws:s3/bucket:Bucket", "").inputs.forceDestroy, false);
      assert.deepEqual(piece("aws:s3/bucketVersioning:BucketVersioning", "-versioning").inputs,
        { bucket: TRAIL_BUCKET, versioningConfiguration: { status: "Enabled" } });
      assert.deepEqual(piece("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "-encryption").inputs, {
        bucket: TRAIL_BUCKET,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }],
      });
      assert.deepEqual(piece("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "-public-access-block").inputs, {
        bucket: TRAIL_BUCKET, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
      });
      assert.deepEqual(piece("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "-ownership").inputs,
        { bucket: TRAIL_BUCKET, rule: { objectOwnership: "BucketOwnerEnforced" } });
    });

    it("applies its settings one after another (409 OperationAborted otherwise) and retains every piece on destroy", () => {
      const chain = [
        piece("aws:s3/bucket:Bucket", ""),
        piece("aws:s3/bucketVersioning:BucketVersioning", "-versioning"),
        piece("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "-encryption"),
        piece("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "-public-access-block"),
        piece("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "-ownership"),
        piece("aws:s3/bucketPolicy:BucketPolicy", "-policy"),
        piece("aws:s3/bucketLogging:BucketLogging", "-access-logging"),
      ];
      for (let i = 1; i < chain.length; i++) {
        assert.ok(chain[i].dependencies.includes(chain[i - 1].urn), `${chain[i].name} waits for ${chain[i - 1].name}`);
      }
      assert.deepEqual(chain.filter((r) => !r.retainOnDelete).map((r) => r.name), []);
      assert.deepEqual(chain.map((r) => r.region), chain.map(() => HOME));
    });

    it("has a policy for CloudTrail and Config delivery with confused-deputy conditions, and denies non-TLS access", () => {
      const arn = `arn:aws:s3:::${TRAIL_BUCKET}`;
      const s = statements(piece("aws:s3/bucketPolicy:BucketPolicy", "-policy"));
      assert.deepEqual(s, {
        AWSCloudTrailAclCheck: {
          Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl",
          Resource: arn, Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
        },
        AWSCloudTrailWrite: {
          Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject",
          Resource: `${arn}/AWSLogs/${ACCOUNT}/*`,
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
        },
        AWSConfigBucketPermissionsCheck: {
          Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl",
          Resource: arn, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
        AWSConfigBucketExistenceCheck: {
          Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:ListBucket",
          Resource: arn, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
        AWSConfigBucketDelivery: {
          Sid: "AWSConfigBucketDelivery", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject",
          Resource: `${arn}/AWSLogs/${ACCOUNT}/Config/*`,
          Condition: {
            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:config:*:${ACCOUNT}:*` },
          },
        },
        DenyInsecureTransport: {
          Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      });
    });

    it("sends its server access logs to the separate access-log bucket, without target grants, once that bucket's policy allows it", () => {
      const logging = piece("aws:s3/bucketLogging:BucketLogging", "-access-logging");
      assert.deepEqual(logging.inputs, { bucket: TRAIL_BUCKET, targetBucket: ACCESS_BUCKET, targetPrefix: "trail-bucket/" });
      assert.ok(dependsOn(run, logging, only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-access-logs-policy")));
    });
  });

  describe("access-log bucket", () => {
    it("is in the trail bucket's region, on SSE-S3 (server access logs cannot be written with SSE-KMS), with no logging of its own", () => {
      const bucket = only(run, "aws:s3/bucket:Bucket", "baseline-access-logs");
      assert.equal(bucket.region, only(run, "aws:s3/bucket:Bucket", "baseline-trail-bucket").region);
      assert.equal(bucket.inputs.objectLockEnabled, undefined, "no Object Lock on a logging target");
      assert.deepEqual(only(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "baseline-access-logs-encryption").inputs.rules,
        [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false }]);
      assert.deepEqual(run.ofType("aws:s3/bucketLogging:BucketLogging").map((r) => r.name), ["baseline-trail-bucket-access-logging"]);
      assert.deepEqual(only(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "baseline-access-logs-public-access-block").inputs, {
        bucket: ACCESS_BUCKET, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
      });
    });

    it("lets only the S3 logging service write, only from the trail bucket of this account, under its prefix", () => {
      const arn = `arn:aws:s3:::${ACCESS_BUCKET}`;
      assert.deepEqual(statements(only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-access-logs-policy")).S3ServerAccessLogsPolicy, {
        Sid: "S3ServerAccessLogsPolicy", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject",
        Resource: [`${arn}/trail-bucket/*`],
        Condition: { ArnLike: { "aws:SourceArn": [`arn:aws:s3:::${TRAIL_BUCKET}`] }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
      });
    });
  });

  describe("outputs", () => {
    it("names the buckets the trail and Config deliver to", async () => {
      assert.equal(await promiseOf(run.outputs.trailBucketName), TRAIL_BUCKET);
      assert.equal(await promiseOf(run.outputs.accessLogBucketName), ACCESS_BUCKET);
    });
  });
});
