/**
 * The audit against a fake account that answers as real AWS does (aws-sdk-client-mock), for what moto cannot
 * show: opt-in regions, the default event selector, delivery channel status, bucket policy status,
 * AWS-managed keys, and API errors in one region.
 */
import { strict as assert } from "assert";
import { GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { AuditResult, runAudit } from "../../audit/audit";
import { CONFIG_SERVICE_LINKED_ROLE_PATH } from "../../audit/collect/iam";
import { BASELINE_ROLE_PATH_ROOT } from "../../components/naming";
import { CONFIG_SERVICE_LINKED_ROLE_PATH as PROGRAM_CONFIG_SERVICE_LINKED_ROLE_PATH } from "../../discovery";
import type { Inventory } from "../../offline/inventory";
import { fixedClock } from "../../clock";
import type { ClientFactory } from "../../audit/clients";
import { exitCodeOf, toReport } from "../../audit/report";
import {
  ACCOUNT,
  BASELINE_ROLE_ARN,
  BUCKET,
  CONFIG_SLR_ARN,
  FakeAccount,
  HOME,
  NOW,
  OTHER,
  TRAIL_ARN,
  awsError,
  compliantAccount,
  fakeRegion,
  installFake,
} from "./fakeAccount";

function rows(result: AuditResult, policy?: string): string[] {
  return result.findings
    .filter((f) => policy === undefined || f.policy === policy)
    .map((f) => `${f.policy} ${f.status} ${f.region} ${f.resource}`)
    .sort();
}

/** The inventory of a result that was asked for one; fails the test with the reason when there is none. */
function inventoryOf(result: AuditResult): Inventory {
  assert.ok(result.inventory, "the audit collected no inventory");
  assert.ok(result.inventory.ok, result.inventory.ok ? "" : result.inventory.reason);
  return result.inventory.value;
}

const KEY_HOME = `arn:aws:kms:${HOME}:${ACCOUNT}:key/00000001-1111-2222-3333-444444444444`;
const KEY_OTHER = `arn:aws:kms:${OTHER}:${ACCOUNT}:key/00000002-1111-2222-3333-444444444444`;
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

describe("audit (against a fake account answering as real AWS)", () => {
  let account: FakeAccount;
  let clients: ClientFactory;
  let restore: () => void;
  let mocks: ReturnType<typeof installFake>["mocks"];
  let listRolesRequests: ReturnType<typeof installFake>["listRolesRequests"];

  beforeEach(() => {
    account = compliantAccount();
    ({ clients, restore, mocks, listRolesRequests } = installFake(account));
  });
  afterEach(() => restore());

  const audit = (regions: "all" | string[] = [HOME, OTHER], cisVersion: "1.4.0" | "1.2.0" = "1.4.0", collectInventory = false) =>
    runAudit({ clients, cisVersion, regions, clock: fixedClock(NOW), collectInventory });
  const auditWithInventory = (regions: "all" | string[] = [HOME, OTHER]) => audit(regions, "1.4.0", true);

  it("passes every check of the compliant fake account (the baseline every other test changes one answer of)", async () => {
    const result = await audit();
    assert.deepEqual(rows(result), [
      `cloudtrail-bucket-access-logging-enabled pass ${HOME} ${BUCKET_ARN}`,
      `cloudtrail-bucket-not-public pass ${HOME} ${BUCKET_ARN}`,
      `cloudtrail-cloudwatch-logs-enabled pass ${HOME} ${TRAIL_ARN}`,
      `cloudtrail-kms-encryption-enabled pass ${HOME} ${TRAIL_ARN}`,
      `cloudtrail-log-file-validation-enabled pass ${HOME} ${TRAIL_ARN}`,
      `cloudtrail-multi-region-enabled pass ${HOME} ${TRAIL_ARN}`,
      `cloudtrail-s3-data-events-read-enabled pass ${HOME} ${TRAIL_ARN}`,
      `cloudtrail-s3-data-events-write-enabled pass ${HOME} ${TRAIL_ARN}`,
      `config-enabled-all-regions pass ${OTHER} config:${OTHER}`,
      `config-enabled-all-regions pass global account:${ACCOUNT}`,
      `config-enabled-all-regions pass ${HOME} config:${HOME}`,
      `kms-key-rotation-enabled pass ${OTHER} ${KEY_OTHER}`,
      `kms-key-rotation-enabled pass ${HOME} ${KEY_HOME}`,
      `vpc-flow-logs-enabled pass ${OTHER} vpc-02aaaaaaaaaaaaaa`,
      `vpc-flow-logs-enabled pass ${HOME} vpc-01aaaaaaaaaaaaaa`,
    ].sort());
    assert.equal(exitCodeOf(toReport(result).findings), 0);
  });

  describe("regions", () => {
    it("audits every enabled region with --regions all: opted-in ones included, not-opted-in ones left out", async () => {
      const result = await auditWithInventory("all");
      assert.deepEqual(result.regions, ["ap-east-1", OTHER, HOME]);
      assert.deepEqual(mocks.ec2.commandCalls(DescribeRegionsCommand).map((c) => c.args[0].input), [{ AllRegions: true }]);
      assert.deepEqual(inventoryOf(result).regions["ap-east-1"], { optInStatus: "opted-in", vpcIds: ["vpc-03aaaaaaaaaaaaaa"], sharedVpcs: [] });
      assert.equal(inventoryOf(result).regions["af-south-1"], undefined);
    });

    it("audits regions concurrently, at most --concurrency at a time", async () => {
      const names = ["ap-northeast-1", "ap-southeast-1", "ca-central-1", "eu-west-1", "sa-east-1", "us-west-2"];
      names.forEach((n, i) => {
        account.regions.push({ RegionName: n, OptInStatus: "opt-in-not-required" });
        account.byRegion[n] = fakeRegion(n, i + 4);
      });
      const active = new Map<string, number>();
      let peak = 0;
      account.delayMs = 20;
      account.onCall = (region, phase) => {
        active.set(region, (active.get(region) ?? 0) + (phase === "start" ? 1 : -1));
        if ((active.get(region) ?? 0) === 0) {
          active.delete(region);
        }
        peak = Math.max(peak, active.size);
      };
      const result = await runAudit({ clients, cisVersion: "1.4.0", regions: "all", concurrency: 4, clock: fixedClock(NOW) });
      assert.equal(result.regions.length, 9);
      assert.equal(peak, 4, "four regions in flight at the peak, never more");
      assert.equal(result.findings.filter((f) => f.status !== "pass").length, 0);
    });

    it("rejects a region DescribeRegions does not know before making any regional call", async () => {
      await assert.rejects(audit([HOME, "xx-fake-1"]), /unknown region\(s\) xx-fake-1/);
      assert.equal(mocks.ec2.commandCalls(DescribeRegionsCommand).length, 1);
    });
  });

  describe("API errors", () => {
    it("turns AccessDenied on every call in one region into errors for that region's checks only", async () => {
      account.denied[OTHER] = ["*"];
      const result = await audit();
      const errors = rows(result).filter((r) => r.includes(" error "));
      assert.deepEqual(errors, [
        // A trail homed in that region could be hidden: every per-trail control says so for the region (S9).
        `cloudtrail-bucket-access-logging-enabled error ${OTHER} cloudtrail:${OTHER}`,
        `cloudtrail-bucket-not-public error ${OTHER} cloudtrail:${OTHER}`,
        `cloudtrail-cloudwatch-logs-enabled error ${OTHER} cloudtrail:${OTHER}`,
        `cloudtrail-kms-encryption-enabled error ${OTHER} cloudtrail:${OTHER}`,
        `cloudtrail-log-file-validation-enabled error ${OTHER} cloudtrail:${OTHER}`,
        `config-enabled-all-regions error ${OTHER} config:${OTHER}`,
        `kms-key-rotation-enabled error ${OTHER} kms:${OTHER}`,
        `vpc-flow-logs-enabled error ${OTHER} ec2:${OTHER}`,
      ]);
      // The home region still completes, and the account-wide verdicts stand on what it proved.
      assert.ok(rows(result).includes(`vpc-flow-logs-enabled pass ${HOME} vpc-01aaaaaaaaaaaaaa`));
      assert.ok(rows(result).includes(`cloudtrail-multi-region-enabled pass ${HOME} ${TRAIL_ARN}`));
      assert.equal(result.findings.filter((f) => f.status === "fail").length, 0);
      assert.equal(exitCodeOf(toReport(result).findings), 2);
      const message = result.findings.find((f) => f.resource === `kms:${OTHER}`)?.message ?? "";
      assert.match(message, /kms:ListKeys in eu-north-1 failed: AccessDeniedException \(HTTP 400\)/);
    });

    it("errs (not passes) the multi-region control when the only multi-region trail's status cannot be read", async () => {
      account.trailStatus[TRAIL_ARN] = awsError("ThrottlingException", 400, "Rate exceeded");
      const result = await audit();
      assert.deepEqual(rows(result, "cloudtrail-multi-region-enabled"), [`cloudtrail-multi-region-enabled error global account:${ACCOUNT}`]);
      assert.deepEqual(rows(result, "cloudtrail-cloudwatch-logs-enabled"), [`cloudtrail-cloudwatch-logs-enabled error ${HOME} ${TRAIL_ARN}`]);
      assert.deepEqual(rows(result, "cloudtrail-s3-data-events-write-enabled"), [`cloudtrail-s3-data-events-write-enabled error global account:${ACCOUNT}`]);
    });

    it("errs a key whose key policy denies DescribeKey, and still judges the other keys", async () => {
      account.denied[OTHER] = ["DescribeKey"];
      const result = await audit();
      assert.deepEqual(rows(result, "kms-key-rotation-enabled"), [
        `kms-key-rotation-enabled error ${OTHER} ${KEY_OTHER}`,
        `kms-key-rotation-enabled pass ${HOME} ${KEY_HOME}`,
      ]);
    });

    it("does not write an inventory when a region's VPCs could not be listed", async () => {
      account.denied[OTHER] = ["DescribeVpcs"];
      const result = await auditWithInventory();
      assert.equal(result.inventory?.ok, false);
      assert.match(result.inventory?.ok === false ? result.inventory.reason : "", /ec2:DescribeVpcs in eu-north-1 failed/);
    });
  });

  describe("inventory (--export-inventory)", () => {
    const listRolesCalls = () => mocks.iam.commandCalls(ListRolesCommand);

    it("lists the same role paths as the program's discovery (discovery.ts, components/naming.ts)", () => {
      assert.equal(CONFIG_SERVICE_LINKED_ROLE_PATH, PROGRAM_CONFIG_SERVICE_LINKED_ROLE_PATH);
      assert.equal(BASELINE_ROLE_PATH_ROOT, "/cis-logging-baseline/");
    });

    it("writes the roles under both program paths into iamRoleArns, every ListRoles page, through one IAM client in the account-wide region", async () => {
      const secondStackRole = `arn:aws:iam::${ACCOUNT}:role/cis-logging-baseline/organization/cis-logging-baseline/dev/baseline-flow-logs-5d6e7f8`;
      account.iamRoleArns.push(secondStackRole);
      account.iamPageSize = 1;
      // Audit eu-north-1 only: a regional IAM client would then show up as eu-north-1.
      const result = await auditWithInventory([OTHER]);
      assert.deepEqual(inventoryOf(result).iamRoleArns, [CONFIG_SLR_ARN, BASELINE_ROLE_ARN, secondStackRole].sort());
      assert.deepEqual(
        [...listRolesRequests].sort((a, b) => `${a.PathPrefix} ${a.Marker ?? ""}`.localeCompare(`${b.PathPrefix} ${b.Marker ?? ""}`)),
        [
          { PathPrefix: "/aws-service-role/config.amazonaws.com/" },
          { PathPrefix: "/cis-logging-baseline/" },
          { PathPrefix: "/cis-logging-baseline/", Marker: "1" },
        ],
      );
      const clientRegions = await Promise.all(listRolesCalls().map((c) => (c.thisValue as IAMClient).config.region()));
      assert.deepEqual([...new Set(clientRegions)], [HOME]);
      assert.equal(new Set(listRolesCalls().map((c) => c.thisValue)).size, 1, "one IAM client");
    });

    it("writes an empty iamRoleArns for an account without AWSServiceRoleForConfig or baseline roles", async () => {
      account.iamRoleArns = [`arn:aws:iam::${ACCOUNT}:role/team-deployer`];
      assert.deepEqual(inventoryOf(await auditWithInventory()).iamRoleArns, []);
    });

    it("makes no IAM call without --export-inventory: no check needs IAM", async () => {
      const result = await audit("all");
      assert.equal(mocks.iam.calls().length, 0);
      assert.equal(result.inventory, undefined);
    });

    it("gives no inventory, naming the lookup and the failure, when ListRoles is denied; the findings are unchanged", async () => {
      account.denied[HOME] = ["ListRoles"];
      const result = await auditWithInventory();
      assert.equal(result.inventory?.ok, false);
      const reason = result.inventory?.ok === false ? result.inventory.reason : "";
      assert.match(reason, /^the inventory would be incomplete: /);
      assert.match(reason, /roles under \/aws-service-role\/config\.amazonaws\.com\/ were not listed: iam:ListRoles in us-east-1 failed: AccessDenied \(HTTP 403\)/);
      assert.match(reason, /roles under \/cis-logging-baseline\/ were not listed: iam:ListRoles in us-east-1 failed: AccessDenied/);
      assert.deepEqual(result.findings.filter((f) => f.status !== "pass"), []);
    });

    it("gives no inventory when a later ListRoles page fails: a partial role list would hide another stack", async () => {
      account.iamRoleArns.push(`arn:aws:iam::${ACCOUNT}:role/cis-logging-baseline/organization/cis-logging-baseline/dev/baseline-flow-logs-5d6e7f8`);
      account.iamPageSize = 1;
      mocks.iam.on(ListRolesCommand, { PathPrefix: "/cis-logging-baseline/", Marker: "1" }).rejects(awsError("Throttling", 400, "Rate exceeded"));
      const result = await auditWithInventory();
      assert.equal(result.inventory?.ok, false);
      assert.match(result.inventory?.ok === false ? result.inventory.reason : "", /roles under \/cis-logging-baseline\/ were not listed: iam:ListRoles in us-east-1 failed: Throttling/);
    });
  });

  describe("trails", () => {
    it("passes a trail created without selectors: real AWS answers its default read/write management selector", async () => {
      account.selectors[TRAIL_ARN] = {
        EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
      };
      const result = await audit();
      assert.deepEqual(rows(result, "cloudtrail-multi-region-enabled"), [`cloudtrail-multi-region-enabled pass ${HOME} ${TRAIL_ARN}`]);
      assert.deepEqual(rows(result, "cloudtrail-s3-data-events-read-enabled"), [`cloudtrail-s3-data-events-read-enabled fail global account:${ACCOUNT}`]);
    });

    it("fails a trail whose selector answer is empty: no selector records management events", async () => {
      account.selectors[TRAIL_ARN] = { EventSelectors: [], AdvancedEventSelectors: [] };
      const result = await audit();
      const finding = result.findings.find((f) => f.policy === "cloudtrail-multi-region-enabled");
      assert.equal(finding?.status, "fail");
      assert.match(finding?.message ?? "", /baseline: no event selector includes management events/);
    });

    it("fails a multi-region trail that is not logging (IsLogging false), and its CloudWatch Logs delivery (none since)", async () => {
      account.trailStatus[TRAIL_ARN] = { IsLogging: false, $metadata: {} };
      const result = await audit();
      assert.deepEqual(
        result.findings.filter((f) => f.status !== "pass").map((f) => `${f.policy} ${f.status}`),
        ["cloudtrail-multi-region-enabled fail", "cloudtrail-cloudwatch-logs-enabled fail", "cloudtrail-s3-data-events-write-enabled fail", "cloudtrail-s3-data-events-read-enabled fail"],
      );
    });

    it("fails a trail that excludes management event sources (Security Hub CloudTrail.1)", async () => {
      account.selectors[TRAIL_ARN] = { EventSelectors: [{ ...baseSelector(), ExcludeManagementEventSources: ["kms.amazonaws.com"] }] };
      const result = await audit();
      assert.equal(result.findings.find((f) => f.policy === "cloudtrail-multi-region-enabled")?.status, "fail");
    });

    it("reads advanced selectors: management events, and S3 write events only (readOnly = false)", async () => {
      account.selectors[TRAIL_ARN] = {
        EventSelectors: [],
        AdvancedEventSelectors: [
          { Name: "Management events", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] },
          {
            Name: "S3 writes",
            FieldSelectors: [
              { Field: "eventCategory", Equals: ["Data"] },
              { Field: "resources.type", Equals: ["AWS::S3::Object"] },
              { Field: "readOnly", Equals: ["false"] },
              { Field: "resources.ARN", NotStartsWith: [`arn:aws:s3:::${BUCKET}/`] },
            ],
          },
        ],
      };
      const result = await audit();
      const status = (p: string) => result.findings.find((f) => f.policy === p)?.status;
      assert.equal(status("cloudtrail-multi-region-enabled"), "pass");
      assert.equal(status("cloudtrail-s3-data-events-write-enabled"), "pass");
      assert.equal(status("cloudtrail-s3-data-events-read-enabled"), "fail");
    });

    it("does not count an advanced management selector limited to writes, nor S3 data events scoped to one bucket", async () => {
      account.selectors[TRAIL_ARN] = {
        AdvancedEventSelectors: [
          { FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }, { Field: "readOnly", Equals: ["false"] }] },
          {
            FieldSelectors: [
              { Field: "eventCategory", Equals: ["Data"] },
              { Field: "resources.type", Equals: ["AWS::S3::Object"] },
              { Field: "resources.ARN", StartsWith: ["arn:aws:s3:::one-bucket/"] },
            ],
          },
        ],
      };
      const result = await audit();
      assert.deepEqual(
        result.findings.filter((f) => f.status === "fail").map((f) => f.policy),
        ["cloudtrail-multi-region-enabled", "cloudtrail-s3-data-events-write-enabled", "cloudtrail-s3-data-events-read-enabled"],
      );
    });

    it("does not count classic S3 data events scoped to a bucket; counts WriteOnly for writes only", async () => {
      account.selectors[TRAIL_ARN] = {
        EventSelectors: [
          { ...baseSelector(), DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::one-bucket/"] }] },
          { ReadWriteType: "WriteOnly", IncludeManagementEvents: false, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::"] }] },
        ],
      };
      const result = await audit();
      const status = (p: string) => result.findings.find((f) => f.policy === p)?.status;
      assert.equal(status("cloudtrail-s3-data-events-write-enabled"), "pass");
      assert.equal(status("cloudtrail-s3-data-events-read-enabled"), "fail");
    });

    it("judges every trail once (de-duplicated by ARN) and each in its home region", async () => {
      const second = { ...account.byRegion[OTHER].trails[0], Name: "team", TrailARN: `arn:aws:cloudtrail:${OTHER}:${ACCOUNT}:trail/team`, HomeRegion: OTHER, IsMultiRegionTrail: false, LogFileValidationEnabled: false, KmsKeyId: undefined };
      account.byRegion[OTHER].trails.push(second);
      account.trailStatus[second.TrailARN] = { IsLogging: true, $metadata: {} };
      account.selectors[second.TrailARN] = { EventSelectors: [baseSelector()] };
      const result = await audit();
      // Every trail is judged on every per-trail control: the team trail has no CloudWatch Logs group either.
      assert.deepEqual(rows(result).filter((r) => !r.includes(" pass ")), [
        `cloudtrail-cloudwatch-logs-enabled fail ${OTHER} ${second.TrailARN}`,
        `cloudtrail-kms-encryption-enabled fail ${OTHER} ${second.TrailARN}`,
        `cloudtrail-log-file-validation-enabled fail ${OTHER} ${second.TrailARN}`,
      ]);
      assert.equal(rows(result, "cloudtrail-log-file-validation-enabled").length, 2);
      // The baseline trail is listed from both regions but read once, in its home region (the fake answers
      // TrailNotFoundException elsewhere, as AWS does).
      const statusCalls = mocks.cloudtrail.commandCalls(GetTrailStatusCommand).map((c) => (c.args[0].input as { Name: string }).Name).sort();
      assert.deepEqual(statusCalls, [TRAIL_ARN, second.TrailARN].sort());
      assert.equal(mocks.cloudtrail.commandCalls(GetEventSelectorsCommand).length, 2);
    });

    it("S17: fails a last delivery older than 24 hours and a trail that never delivered; pending (error) in its first 24 hours", async () => {
      const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);
      const cw = async () => (await audit()).findings.find((x) => x.policy === "cloudtrail-cloudwatch-logs-enabled");
      account.trailStatus[TRAIL_ARN] = { IsLogging: true, LatestCloudWatchLogsDeliveryTime: hoursAgo(25), $metadata: {} };
      let f = await cw();
      assert.equal(f?.status, "fail");
      assert.match(f?.message ?? "", /the last delivery to CloudWatch Logs was 25 hours ago/);
      account.trailStatus[TRAIL_ARN] = { IsLogging: true, StartLoggingTime: hoursAgo(48), LatestCloudWatchLogsDeliveryError: "AccessDenied", $metadata: {} };
      f = await cw();
      assert.equal(f?.status, "fail");
      assert.match(f?.message ?? "", /has never delivered to CloudWatch Logs \(last error: AccessDenied\)/);
      account.trailStatus[TRAIL_ARN] = { IsLogging: true, StartLoggingTime: hoursAgo(2), $metadata: {} };
      f = await cw();
      assert.equal(f?.status, "error");
      assert.match(f?.message ?? "", /pending: the trail has not delivered to CloudWatch Logs yet/);
    });

    it("S18: passes a fresh delivery beside a delivery error, noting the error", async () => {
      account.trailStatus[TRAIL_ARN] = { IsLogging: true, LatestCloudWatchLogsDeliveryTime: new Date(NOW.getTime() - 3600_000), LatestCloudWatchLogsDeliveryError: "AccessDenied", $metadata: {} };
      const f = (await audit()).findings.find((x) => x.policy === "cloudtrail-cloudwatch-logs-enabled");
      assert.equal(f?.status, "pass");
      assert.match(f?.message ?? "", /Note: CloudTrail reports a CloudWatch Logs delivery error \(AccessDenied\)/);
    });
  });

  describe("trail bucket", () => {
    it("fails a public bucket policy (GetBucketPolicyStatus IsPublic), which moto cannot answer", async () => {
      account.policyStatus = true;
      const result = await audit();
      assert.deepEqual(rows(result, "cloudtrail-bucket-not-public"), [`cloudtrail-bucket-not-public fail ${HOME} ${BUCKET_ARN}`]);
    });

    it("S11: fails a policy statement allowing \"*\" even when a condition narrows it and S3 does not call it public", async () => {
      account.bucketPolicy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*`, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }] });
      const f = (await audit()).findings.find((x) => x.policy === "cloudtrail-bucket-not-public");
      assert.equal(f?.status, "fail");
      assert.match(f?.message ?? "", /the bucket policy allows "\*" \(a condition narrows it, but CIS asks for named principals\)/);
    });

    it("S10: passes a bucket without its own block when the account-level block has all four settings, with a note", async () => {
      account.publicAccessBlock = awsError("NoSuchPublicAccessBlockConfiguration", 404);
      account.accountPublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
      const f = (await audit()).findings.find((x) => x.policy === "cloudtrail-bucket-not-public");
      assert.equal(f?.status, "pass");
      assert.match(f?.message ?? "", /relies on the account-level public access block/);
    });

    it("S15: does not judge a trail bucket of another account (not in ListBuckets), and exits 0 for it", async () => {
      account.ownedBuckets = ["access-logs-111122223333"];
      const result = await audit();
      assert.deepEqual(rows(result).filter((r) => r.includes(BUCKET_ARN)), [
        `cloudtrail-bucket-access-logging-enabled not-judged ${HOME} ${BUCKET_ARN}`,
        `cloudtrail-bucket-not-public not-judged ${HOME} ${BUCKET_ARN}`,
      ]);
      assert.equal(exitCodeOf(toReport(result).findings), 0);
    });

    it("treats NoSuchBucketPolicy as 'no policy' and NoSuchPublicAccessBlockConfiguration as 'no block'", async () => {
      account.policyStatus = awsError("NoSuchBucketPolicy", 404, "The bucket policy does not exist");
      assert.equal((await audit()).findings.find((f) => f.policy === "cloudtrail-bucket-not-public")?.status, "pass");
      account.publicAccessBlock = awsError("NoSuchPublicAccessBlockConfiguration", 404);
      const f = (await audit()).findings.find((x) => x.policy === "cloudtrail-bucket-not-public");
      assert.equal(f?.status, "fail");
      assert.match(f?.message ?? "", /public access is not fully blocked: blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets off at bucket and account level/);
    });

    it("fails an ACL grant to AllUsers even when another call failed, and errs when only a call failed", async () => {
      account.grants = [{ Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" }];
      account.policyStatus = awsError("AccessDenied", 403);
      let f = (await audit()).findings.find((x) => x.policy === "cloudtrail-bucket-not-public");
      assert.equal(f?.status, "fail");
      assert.match(f?.message ?? "", /the ACL grants READ to AllUsers\. Fix: .* Also could not be judged: s3:GetBucketPolicyStatus/);
      account.grants = [];
      f = (await audit()).findings.find((x) => x.policy === "cloudtrail-bucket-not-public");
      assert.equal(f?.status, "error");
    });

    it("judges the bucket in its own region and fails access logging that is off or points at itself", async () => {
      account.bucketRegion = "eu-west-1";
      account.logging = null;
      let result = await audit();
      assert.deepEqual(rows(result, "cloudtrail-bucket-access-logging-enabled"), [`cloudtrail-bucket-access-logging-enabled fail eu-west-1 ${BUCKET_ARN}`]);
      account.logging = { TargetBucket: BUCKET, TargetPrefix: "logs/" };
      result = await audit();
      assert.match(result.findings.find((f) => f.policy === "cloudtrail-bucket-access-logging-enabled")?.message ?? "", /access logs are delivered into the bucket itself/);
    });
  });

  describe("AWS Config", () => {
    it("fails a region whose delivery channel's last delivery failed (DescribeDeliveryChannelStatus)", async () => {
      account.byRegion[OTHER].channelStatus = [{ name: "default", configHistoryDeliveryInfo: { lastStatus: "Failure", lastErrorCode: "NoSuchBucket" } }];
      const result = await audit();
      assert.deepEqual(rows(result, "config-enabled-all-regions"), [
        `config-enabled-all-regions fail ${OTHER} config:${OTHER}`,
        `config-enabled-all-regions pass global account:${ACCOUNT}`,
        `config-enabled-all-regions pass ${HOME} config:${HOME}`,
      ]);
      assert.match(result.findings.find((f) => f.status === "fail")?.message ?? "", /deliveries fail: history: NoSuchBucket/);
    });

    it("errs (not passes) a region whose DescribeDeliveryChannelStatus answers HTTP 500", async () => {
      account.byRegion[OTHER].channelStatus = awsError("InternalFailure", 500, "internal error");
      const result = await audit();
      assert.deepEqual(rows(result, "config-enabled-all-regions"), [
        `config-enabled-all-regions error ${OTHER} config:${OTHER}`,
        `config-enabled-all-regions pass global account:${ACCOUNT}`,
        `config-enabled-all-regions pass ${HOME} config:${HOME}`,
      ]);
    });

    it("fails a recorder that is stopped, one not recording all types, a channel without topic, and a region with only a service-linked recorder", async () => {
      account.byRegion[HOME].recorderStatus = [{ name: "default", recording: false, lastStatus: "Success" }];
      account.byRegion[OTHER].recorders = [{ name: "AWSConfigurationRecorderForSecurityHub", servicePrincipal: "securityhub.amazonaws.com", recordingGroup: { allSupported: true } }];
      account.byRegion["ap-east-1"].recorders[0].recordingGroup = { allSupported: false, resourceTypes: ["AWS::EC2::VPC"] };
      account.byRegion["ap-east-1"].channels[0].snsTopicARN = undefined;
      const result = await audit([HOME, OTHER, "ap-east-1"]);
      const messages = Object.fromEntries(result.findings.filter((f) => f.policy === "config-enabled-all-regions").map((f) => [f.region, `${f.status}: ${f.message}`]));
      assert.match(messages[HOME], /^fail: .*the recorder is not recording/);
      assert.match(messages[OTHER], /^fail: .*no configuration recorder.*Note: only the service-linked recorder AWSConfigurationRecorderForSecurityHub records here/);
      assert.match(messages["ap-east-1"], /^fail: .*does not record all supported resource types.*has no SNS topic/);
      // The only recorder with global types (home) is stopped: IAM is recorded nowhere.
      assert.match(messages.global, /^fail: /);
    });
  });

  describe("KMS keys", () => {
    it("judges only enabled customer-managed symmetric AWS_KMS keys (AWS-managed keys are excluded by KeyManager)", async () => {
      const base = account.byRegion[HOME].keys[0];
      const variant = (id: string, m: object) => ({ ...base, KeyId: id, Arn: `arn:aws:kms:${HOME}:${ACCOUNT}:key/${id}`, ...m });
      account.byRegion[HOME].keys.push(
        variant("aws-managed", { KeyManager: "AWS" }),
        variant("asymmetric", { KeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY" }),
        variant("hmac", { KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" }),
        variant("imported", { Origin: "EXTERNAL" }),
        variant("custom-store", { Origin: "AWS_CLOUDHSM", CustomKeyStoreId: "cks-1" }),
        variant("disabled", { KeyState: "Disabled", Enabled: false }),
        variant("pending-deletion", { KeyState: "PendingDeletion" }),
        variant("unrotated", {}),
      );
      const result = await audit();
      // S31/S32: imported material and custom key stores are named (Prowler fails them), not silently passed.
      assert.deepEqual(rows(result, "kms-key-rotation-enabled"), [
        `kms-key-rotation-enabled fail ${HOME} arn:aws:kms:${HOME}:${ACCOUNT}:key/unrotated`,
        `kms-key-rotation-enabled not-judged ${HOME} arn:aws:kms:${HOME}:${ACCOUNT}:key/custom-store`,
        `kms-key-rotation-enabled not-judged ${HOME} arn:aws:kms:${HOME}:${ACCOUNT}:key/imported`,
        `kms-key-rotation-enabled pass ${OTHER} ${KEY_OTHER}`,
        `kms-key-rotation-enabled pass ${HOME} ${KEY_HOME}`,
      ]);
    });
  });

  describe("VPC flow logs", () => {
    it("requires an ACTIVE, delivering flow log on the VPC that captures rejected traffic; a shared-in VPC is not judged", async () => {
      const r = account.byRegion[HOME];
      r.vpcs.push(
        { VpcId: "vpc-0b00000000000001", OwnerId: ACCOUNT },
        { VpcId: "vpc-0b00000000000002", OwnerId: ACCOUNT },
        { VpcId: "vpc-0b00000000000003", OwnerId: ACCOUNT },
        { VpcId: "vpc-0b00000000000004", OwnerId: "999988887777" },
        { VpcId: "vpc-0b00000000000005", OwnerId: ACCOUNT },
      );
      r.flowLogs.push(
        { FlowLogId: "fl-reject", ResourceId: "vpc-0b00000000000001", FlowLogStatus: "ACTIVE", DeliverLogsStatus: "SUCCESS", TrafficType: "REJECT", LogDestinationType: "s3", LogDestination: "arn:aws:s3:::flow-logs" },
        { FlowLogId: "fl-accept", ResourceId: "vpc-0b00000000000002", FlowLogStatus: "ACTIVE", DeliverLogsStatus: "SUCCESS", TrafficType: "ACCEPT" },
        { FlowLogId: "fl-failed", ResourceId: "vpc-0b00000000000003", FlowLogStatus: "ACTIVE", DeliverLogsStatus: "FAILED", TrafficType: "ALL" },
        // A flow log on another resource (a subnet) does not cover the VPC.
        { FlowLogId: "fl-subnet", ResourceId: "subnet-0b00000000000005", FlowLogStatus: "ACTIVE", DeliverLogsStatus: "SUCCESS", TrafficType: "ALL" },
      );
      const result = await audit([HOME], "1.4.0", true);
      assert.deepEqual(rows(result, "vpc-flow-logs-enabled"), [
        `vpc-flow-logs-enabled fail ${HOME} vpc-0b00000000000002`,
        `vpc-flow-logs-enabled fail ${HOME} vpc-0b00000000000003`,
        `vpc-flow-logs-enabled fail ${HOME} vpc-0b00000000000005`,
        `vpc-flow-logs-enabled not-judged ${HOME} vpc-0b00000000000004`,
        `vpc-flow-logs-enabled pass ${HOME} vpc-01aaaaaaaaaaaaaa`,
        `vpc-flow-logs-enabled pass ${HOME} vpc-0b00000000000001`,
      ]);
      assert.deepEqual(inventoryOf(result).regions[HOME].vpcIds, [
        "vpc-01aaaaaaaaaaaaaa", "vpc-0b00000000000001", "vpc-0b00000000000002", "vpc-0b00000000000003", "vpc-0b00000000000005",
      ]);
    });
  });
});

describe("audit of a VPC shared into the account (AWS RAM)", () => {
  const OWNER = "444455556666";
  const SHARED = "vpc-0c00000000000001";
  let account: FakeAccount;
  let restore: () => void;
  let clients: ClientFactory;

  beforeEach(() => {
    account = compliantAccount();
    // DescribeVpcs lists a VPC shared in through AWS RAM with its owner's OwnerId; the participant sees no flow log
    // of it ("Participants cannot create, delete, or describe flow logs for a shared VPC subnet").
    account.byRegion[OTHER].vpcs.push({ VpcId: SHARED, OwnerId: OWNER, IsDefault: false });
    ({ clients, restore } = installFake(account));
  });
  afterEach(() => restore());

  it("gives exactly one not-judged finding naming the owner, and the exit code stays 0", async () => {
    const result = await runAudit({ clients, cisVersion: "1.4.0", regions: [HOME, OTHER], clock: fixedClock(NOW), collectInventory: true });
    assert.deepEqual(
      result.findings.filter((f) => f.status !== "pass"),
      [
        {
          policy: "vpc-flow-logs-enabled",
          status: "not-judged",
          region: OTHER,
          resource: SHARED,
          message:
            `VPC ${SHARED}: not judged here: shared into this account by 444455556666 (AWS RAM): only its owner can create its flow log. ` +
            "Note: Prowler vpc_flow_logs_enabled reports shared-in VPCs as FAIL in the participant account.",
        },
      ],
    );
    const report = toReport(result);
    assert.deepEqual(report.summary, { pass: 15, fail: 0, error: 0, notJudged: 1, exempted: 0 });
    assert.equal(exitCodeOf(report.findings), 0);
    // The account's own VPC in that region is still judged, and the inventory keeps the two apart.
    assert.ok(rows(result).includes(`vpc-flow-logs-enabled pass ${OTHER} vpc-02aaaaaaaaaaaaaa`));
    assert.deepEqual(inventoryOf(result).regions[OTHER], { optInStatus: "opt-in-not-required", vpcIds: ["vpc-02aaaaaaaaaaaaaa"], sharedVpcs: [{ vpcId: SHARED, ownerId: OWNER }] });
  });

  it("keeps exit code 1 when an owned VPC fails beside the shared one", async () => {
    account.byRegion[OTHER].flowLogs = [];
    const result = await runAudit({ clients, cisVersion: "1.4.0", regions: [HOME, OTHER], clock: fixedClock(NOW) });
    assert.deepEqual(rows(result, "vpc-flow-logs-enabled").filter((r) => !r.includes(" pass ")), [
      `vpc-flow-logs-enabled fail ${OTHER} vpc-02aaaaaaaaaaaaaa`,
      `vpc-flow-logs-enabled not-judged ${OTHER} ${SHARED}`,
    ]);
    assert.equal(exitCodeOf(toReport(result).findings), 1);
  });
});

function baseSelector() {
  return { ReadWriteType: "All" as const, IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }], ExcludeManagementEventSources: [] };
}
