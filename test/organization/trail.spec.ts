import { strict as assert } from "assert";
import { SAMPLE_LOG_ARCHIVE_ACCOUNT, SAMPLE_ORGANIZATION_ID } from "../../offline/sampleOrganization";
import { statements } from "../components/assertions";
import { OrganizationRun, runOrganization } from "./orgHarness";

const MGMT = "111122223333";
const ARCHIVE = SAMPLE_LOG_ARCHIVE_ACCOUNT;
const HOME = "ap-northeast-1";
const TRAIL_ARN = `arn:aws:cloudtrail:${HOME}:${MGMT}:trail/cis-logging-baseline`;
const BUCKET_ARN = "arn:aws:s3:::organization-trail-bucket-0123456";

describe("organization/trail", () => {
  let run: OrganizationRun;
  before(async () => { run = await runOrganization(); });

  it("creates exactly one trail: an organization trail, multi-region, validated, KMS-encrypted, to CloudWatch Logs, with S3 data events", () => {
    const trails = run.ofType("aws:cloudtrail/trail:Trail");
    assert.equal(trails.length, 1);
    const { inputs } = trails[0];
    assert.equal(inputs.isOrganizationTrail, true);
    assert.equal(inputs.isMultiRegionTrail, true);
    assert.equal(inputs.enableLogFileValidation, true);
    assert.equal(inputs.includeGlobalServiceEvents, true);
    assert.equal(inputs.enableLogging, true);
    assert.equal(inputs.kmsKeyId, `arn:aws:kms:${HOME}:${ARCHIVE}:key/organization-key-key-id`, "the log-archive account's key");
    assert.match(String(inputs.cloudWatchLogsGroupArn), /^arn:aws:logs:ap-northeast-1:111122223333:log-group:\/cis\/cloudtrail\/cis-logging-baseline-\d+:\*$/);
    assert.ok(inputs.cloudWatchLogsRoleArn);
    // The same selectors as the single-account trail (loggingBaseline.ts trailEventSelectors, s3DataEvents all).
    assert.deepEqual(inputs.eventSelectors, [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }]);
    assert.equal(trails[0].providerRegion, HOME);
  });

  it("puts the key and both buckets in the log-archive account through a provider that assumes the configured role", () => {
    const provider = run.one("pulumi:providers:aws", "aws-log-archive");
    assert.deepEqual(JSON.parse(String(provider.inputs.assumeRoles)), [{ roleArn: `arn:aws:iam::${ARCHIVE}:role/OrganizationAccountAccessRole`, sessionName: "cis-logging-baseline" }]);
    assert.equal(provider.inputs.region, HOME);
    const archiveProvider = (r: { provider: string }): boolean => r.provider.endsWith("::aws-log-archive-provider-id");
    for (const type of ["aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:s3/bucketPolicy:BucketPolicy"]) {
      const inArchive = run.ofType(type).filter(archiveProvider).map((r) => r.name).sort();
      const expected = {
        "aws:kms/key:Key": ["organization-key"],
        "aws:s3/bucket:Bucket": ["organization-access-logs", "organization-trail-bucket"],
        "aws:s3/bucketPolicy:BucketPolicy": ["organization-access-logs-policy", "organization-trail-bucket-policy"],
      }[type];
      assert.deepEqual(inArchive, expected, type);
    }
    assert.ok(!archiveProvider(run.one("aws:cloudtrail/trail:Trail", "organization-trail")), "the trail lives in the management account");
  });

  it("uses another role name when organization.logArchiveRoleName is set", async () => {
    const other = await runOrganization({ mode: "organization", organization: { logArchiveAccountId: ARCHIVE, logArchiveRoleName: "LogArchiveDeployer" } });
    assert.deepEqual(JSON.parse(String(other.one("pulumi:providers:aws", "aws-log-archive").inputs.assumeRoles)),
      [{ roleArn: `arn:aws:iam::${ARCHIVE}:role/LogArchiveDeployer`, sessionName: "cis-logging-baseline" }]);
  });

  it("needs no extra provider when the management account is its own log archive", async () => {
    const self = await runOrganization({ mode: "organization", organization: { logArchiveAccountId: MGMT } });
    assert.equal(self.ofType("pulumi:providers:aws").filter((p) => p.name === "aws-log-archive").length, 0);
  });

  it("grants the bucket to CloudTrail for the organization trail only, under AWSLogs/<management>/ and AWSLogs/<organization>/, and to AWS Config for the organization and (documented condition) the management account; no Principal \"*\"", () => {
    const policy = statements(run.one("aws:s3/bucketPolicy:BucketPolicy", "organization-trail-bucket-policy"));
    const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
    const config = { Service: "config.amazonaws.com" };
    const acl = { "s3:x-amz-acl": "bucket-owner-full-control" };
    assert.deepEqual(policy, {
      AWSCloudTrailAclCheck: { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: cloudTrail, Action: "s3:GetBucketAcl", Resource: BUCKET_ARN, Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } } },
      AWSCloudTrailWrite: { Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: cloudTrail, Action: "s3:PutObject", Resource: `${BUCKET_ARN}/AWSLogs/${MGMT}/*`, Condition: { StringEquals: { ...acl, "aws:SourceArn": TRAIL_ARN } } },
      AWSCloudTrailOrganizationWrite: { Sid: "AWSCloudTrailOrganizationWrite", Effect: "Allow", Principal: cloudTrail, Action: "s3:PutObject", Resource: `${BUCKET_ARN}/AWSLogs/${SAMPLE_ORGANIZATION_ID}/*`, Condition: { StringEquals: { ...acl, "aws:SourceArn": TRAIL_ARN } } },
      AWSConfigBucketPermissionsCheck: { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: config, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: BUCKET_ARN, Condition: { StringEquals: { "aws:SourceOrgID": SAMPLE_ORGANIZATION_ID } } },
      AWSConfigBucketPermissionsCheckManagement: { Sid: "AWSConfigBucketPermissionsCheckManagement", Effect: "Allow", Principal: config, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: BUCKET_ARN, Condition: { StringEquals: { "aws:SourceAccount": MGMT } } },
      AWSConfigBucketDeliveryManagement: { Sid: "AWSConfigBucketDeliveryManagement", Effect: "Allow", Principal: config, Action: "s3:PutObject", Resource: `${BUCKET_ARN}/AWSLogs/${MGMT}/Config/*`, Condition: { StringEquals: { ...acl, "aws:SourceAccount": MGMT } } },
      AWSConfigBucketDelivery: { Sid: "AWSConfigBucketDelivery", Effect: "Allow", Principal: config, Action: "s3:PutObject", Resource: `${BUCKET_ARN}/AWSLogs/*/Config/*`, Condition: { StringEquals: { ...acl, "aws:SourceOrgID": SAMPLE_ORGANIZATION_ID } } },
      DenyInsecureTransport: { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
    });
  });

  it("lets CloudTrail encrypt only for the organization trail, and AWS Config only for the management account (aws:SourceAccount) and accounts of the organization", () => {
    const key = run.one("aws:kms/key:Key", "organization-key");
    assert.equal(key.inputs.enableKeyRotation, true);
    assert.equal(key.retainOnDelete, true);
    const policy = statements(key);
    assert.deepEqual(Object.keys(policy), ["EnableIamPolicies", "AllowCloudTrailEncryptLogs", "AllowCloudTrailDescribeKey", "AllowConfigDeliveryManagement", "AllowConfigDelivery"]);
    assert.deepEqual(policy.AllowConfigDeliveryManagement.Condition, { StringEquals: { "aws:SourceAccount": MGMT } });
    assert.deepEqual(policy.EnableIamPolicies.Principal, { AWS: `arn:aws:iam::${ARCHIVE}:root` });
    assert.deepEqual(policy.AllowCloudTrailEncryptLogs.Condition, {
      StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${MGMT}:trail/*` },
      StringEquals: { "aws:SourceArn": TRAIL_ARN },
    });
    assert.deepEqual(policy.AllowCloudTrailDescribeKey.Condition, { StringEquals: { "aws:SourceArn": TRAIL_ARN } });
    assert.deepEqual(policy.AllowConfigDelivery.Condition, { StringEquals: { "aws:SourceOrgID": SAMPLE_ORGANIZATION_ID } });
  });

  it("lets the trail's role write the management account's and the members' log streams only", () => {
    const policy = statements(run.one("aws:iam/rolePolicy:RolePolicy", "organization-trail-to-logs"));
    const group = `arn:aws:logs:${HOME}:${MGMT}:log-group:/cis/cloudtrail/cis-logging-baseline-20261202000000000000000001`;
    assert.deepEqual(policy.AWSCloudTrailCreateLogStreamAndPutEvents.Resource, [
      `${group}:log-stream:${MGMT}_CloudTrail_*`, `${group}:log-stream:${SAMPLE_ORGANIZATION_ID}_*`,
    ]);
  });

  it("retains buckets, keys and the log group on destroy, and never force-destroys a bucket", () => {
    for (const r of [...run.ofType("aws:s3/bucket:Bucket"), ...run.ofType("aws:kms/key:Key"), ...run.ofType("aws:cloudwatch/logGroup:LogGroup")]) {
      assert.equal(r.retainOnDelete, true, `${r.type} ${r.name}`);
    }
    for (const b of run.ofType("aws:s3/bucket:Bucket")) {
      assert.equal(b.inputs.forceDestroy, false);
    }
  });
});
