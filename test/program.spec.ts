import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parseConfig } from "../config";
import { sampleAccount } from "../offline/sampleAccount";
import { Inventory } from "../offline/inventory";
import { RegionDiscoveryError } from "../discovery";
import { PreflightError, resolveRegions } from "../program";
import { promiseOf, promiseOrUnknown } from "./helpers";
import { ProgramRun, runProgram } from "./programHarness";
import { setPreviewMode } from "./setup/pulumiMocks";

const ENABLED = [
  "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
  "ca-central-1", "eu-central-1", "eu-north-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "me-central-1",
  "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];
/** The sample account's VPCs by region, sorted (af-south-1 is not opted in: its VPC is out of reach). */
const VPCS: Record<string, string[]> = {
  "us-east-1": ["vpc-0a1a000000000001", "vpc-0b1a000000000002", "vpc-0c1a000000000003"],
  "us-east-2": ["vpc-0a2a000000000001"],
  "us-west-2": ["vpc-0a4a000000000001", "vpc-0b4a000000000002"],
  "ca-central-1": ["vpc-0a5a000000000001"],
  "eu-west-1": ["vpc-0a7a000000000001"],
  "eu-west-2": ["vpc-0a8a000000000001"],
  "eu-central-1": ["vpc-0a9a000000000001", "vpc-0b9a000000000002", "vpc-0c9a000000000003"],
  "eu-north-1": ["vpc-0aaa000000000001"],
  "ap-northeast-1": ["vpc-0aba000000000001", "vpc-0bba000000000002"],
  "ap-northeast-3": ["vpc-0ada000000000001"],
  "ap-southeast-1": ["vpc-0aea000000000001"],
  "ap-southeast-2": ["vpc-0afa000000000001"],
  "ap-east-1": ["vpc-0a0b000000000001"],
  "eu-south-2": ["vpc-0a2b000000000001"],
};

const countByType = (run: ProgramRun): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const r of run.resources) {
    counts[r.type] = (counts[r.type] ?? 0) + 1;
  }
  return counts;
};

describe("program", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram();
  });

  describe("regions", () => {
    it("covers exactly the enabled regions: opted-in ones included, the not-opted-in one left out", async () => {
      assert.deepEqual(run.outputs.regions, ENABLED);
      assert.ok(!run.outputs.regions.includes("af-south-1"));
    });

    it("asks AWS for enabled regions, and which of them are opt-in, with the opt-in-status filter, through the home provider", () => {
      const calls = run.invokes.filter((i) => i.token === "aws:index/getRegions:getRegions");
      const byText = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
      assert.deepEqual(calls.map((c) => c.inputs).sort(byText), [
        { filters: [{ name: "opt-in-status", values: ["opt-in-not-required", "opted-in"] }] },
        { filters: [{ name: "opt-in-status", values: ["opted-in"] }] },
      ]);
      assert.deepEqual(calls.map((c) => c.region), ["ap-northeast-1", "ap-northeast-1"]);
    });

    it("takes a region list, less the exclusions", async () => {
      const listed = await runProgram({ regions: ["eu-north-1", "ap-northeast-1"], excludeRegions: ["us-east-1"] });
      assert.deepEqual(listed.outputs.regions, ["ap-northeast-1", "eu-north-1"]);
      assert.deepEqual(listed.ofType("aws:cfg/recorder:Recorder").map((r) => r.region), ["ap-northeast-1", "eu-north-1"]);
      const excluded = await runProgram({ excludeRegions: ["us-west-1", "sa-east-1"] });
      assert.deepEqual(excluded.outputs.regions, ENABLED.filter((r) => r !== "us-west-1" && r !== "sa-east-1"));
    });

    it("rejects a listed region the account has not enabled before registering any AWS resource", async () => {
      await assert.rejects(runProgram({ regions: ["ap-northeast-1", "af-south-1"] }), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.problems.length, 1);
        assert.match(err.problems[0], /^cis-logging-baseline:regions lists "af-south-1"; allowed: regions enabled for the account \(ap-east-1, /);
        return true;
      });
      const { mockAccount } = await import("./setup/pulumiMocks");
      assert.deepEqual(mockAccount.resources.filter((r) => r.type !== "pulumi:providers:aws").map((r) => r.type), []);
    });

    it("rejects an adoption for a region the stack does not cover", () => {
      const config = parseConfig((key) => ({
        awsConfig: { adopt: { "af-south-1": { recorderName: "default", deliveryChannelName: "default" } } },
      } as Record<string, unknown>)[key], "ap-northeast-1");
      assert.throws(() => resolveRegions(config, ["ap-northeast-1", "eu-west-1"]),
        /cis-logging-baseline:awsConfig.adopt has "af-south-1"; allowed: a region the stack covers \(ap-northeast-1, eu-west-1\)/);
    });
  });

  describe("resources", () => {
    it("registers exactly the expected resources for the sample account", () => {
      assert.deepEqual(countByType(run), {
        "pulumi:providers:aws": 20,
        "cis-logging:logging:LoggingBaseline": 1,
        "cis-logging:storage:AuditBucket": 2,
        "cis-logging:config:ConfigServiceRole": 1,
        "cis-logging:config:RegionalConfig": 20,
        "cis-logging:network:RegionalFlowLogs": 15,
        "aws:kms/key:Key": 1,
        "aws:kms/alias:Alias": 1,
        "aws:s3/bucket:Bucket": 2,
        "aws:s3/bucketVersioning:BucketVersioning": 2,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 2,
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 2,
        "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 2,
        "aws:s3/bucketPolicy:BucketPolicy": 2,
        "aws:s3/bucketLogging:BucketLogging": 1,
        "aws:cloudwatch/logGroup:LogGroup": 15,
        "aws:iam/role:Role": 15,
        "aws:iam/rolePolicy:RolePolicy": 15,
        "aws:cloudtrail/trail:Trail": 1,
        "aws:sns/topic:Topic": 20,
        "aws:sns/topicPolicy:TopicPolicy": 20,
        "aws:cfg/recorder:Recorder": 20,
        "aws:cfg/deliveryChannel:DeliveryChannel": 20,
        "aws:cfg/recorderStatus:RecorderStatus": 20,
        "aws:ec2/flowLog:FlowLog": 20,
      });
    });

    it("gives each region its own explicit provider, and every AWS resource an explicit provider", () => {
      const providers = run.ofType("pulumi:providers:aws");
      assert.deepEqual(providers.map((p) => p.name).sort(), ENABLED.map((r) => `aws-${r}`).sort());
      for (const p of providers) {
        assert.equal(p.inputs.region, p.name.replace(/^aws-/, ""));
      }
      const onDefaultProvider = run.resources.filter((r) => r.custom && r.type.startsWith("aws:") && r.provider === "");
      assert.deepEqual(onDefaultProvider.map((r) => r.name), []);
    });

    it("puts each region's Config resources in that region, through that region's provider", () => {
      for (const type of ["aws:cfg/recorder:Recorder", "aws:cfg/deliveryChannel:DeliveryChannel", "aws:cfg/recorderStatus:RecorderStatus", "aws:sns/topic:Topic", "aws:sns/topicPolicy:TopicPolicy"]) {
        const regions = run.ofType(type).map((r) => {
          assert.equal(r.providerRegion, r.region, `${type} ${r.name} is in ${r.region} through a provider of ${r.providerRegion}`);
          assert.equal(r.inputs.region, undefined, "per-region providers imply the region");
          return r.region;
        });
        assert.deepEqual([...regions].sort(), ENABLED, type);
      }
    });

    it("discovers each region's VPCs through that region's provider and flow-logs every one the account owns", () => {
      const vpcCalls = run.invokes.filter((i) => i.token === "aws:ec2/getVpcs:getVpcs");
      // Two lookups per region: every VPC, and those whose owner-id is the account (the rest are shared in).
      assert.deepEqual(vpcCalls.map((c) => c.region).sort(), ENABLED.flatMap((r) => [r, r]));
      for (const call of vpcCalls) {
        assert.match(call.provider, new RegExp(`::aws-${call.region}::aws-${call.region}-provider-id$`));
      }
      const byRegion: Record<string, string[]> = {};
      for (const fl of run.ofType("aws:ec2/flowLog:FlowLog")) {
        (byRegion[fl.region as string] ??= []).push(fl.inputs.vpcId as string);
        assert.equal(fl.name, `flow-log-${fl.region}-${fl.inputs.vpcId}`);
      }
      assert.deepEqual(byRegion, VPCS);
    });

    it("registers flow logs in sorted VPC order and no flow-log resources in regions without VPCs", () => {
      const order = run.ofType("aws:ec2/flowLog:FlowLog").filter((f) => f.region === "eu-central-1").map((f) => f.inputs.vpcId);
      assert.deepEqual(order, VPCS["eu-central-1"]);
      // A component wherever there are VPCs, owned or shared (sa-east-1 has only a shared one).
      const flowLogRegions = run.ofType("cis-logging:network:RegionalFlowLogs").map((c) => c.name.replace(/^flow-logs-/, "")).sort();
      assert.deepEqual(flowLogRegions, [...Object.keys(VPCS), "sa-east-1"].sort());
      assert.deepEqual(run.resources.filter((r) => r.custom && r.region === "sa-east-1" && /flow/i.test(r.type)).map((r) => r.name), []);
    });

    it("creates the account-wide resources once: trail, key, buckets, Config role", () => {
      assert.equal(run.ofType("aws:cloudtrail/trail:Trail").length, 1);
      assert.equal(run.ofType("aws:kms/key:Key").length, 1);
      assert.equal(run.ofType("cis-logging:config:ConfigServiceRole").length, 1);
      assert.equal(run.ofType("aws:s3/bucket:Bucket").length, 2);
      for (const type of ["aws:cloudtrail/trail:Trail", "aws:kms/key:Key", "aws:s3/bucket:Bucket"]) {
        assert.deepEqual(run.ofType(type).map((r) => r.region), run.ofType(type).map(() => "ap-northeast-1"), type);
      }
    });

    it("picks up a VPC created later and drops a deleted one on the next run, keeping the other names", async () => {
      const regions = { ...sampleAccount.regions };
      regions["eu-north-1"] = { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0aaa000000000001", "vpc-0f00000000000009"] };
      regions["us-east-1"] = { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0a1a000000000001", "vpc-0c1a000000000003"] };
      const later: Inventory = { ...sampleAccount, regions };
      const next = await runProgram({}, { account: later });
      const names = (r: ProgramRun) => r.ofType("aws:ec2/flowLog:FlowLog").map((f) => f.name).sort();
      const before = new Set(names(run));
      const after = new Set(names(next));
      assert.deepEqual([...after].filter((n) => !before.has(n)), ["flow-log-eu-north-1-vpc-0f00000000000009"]);
      assert.deepEqual([...before].filter((n) => !after.has(n)), ["flow-log-us-east-1-vpc-0b1a000000000002"]);
    });
  });

  describe("outputs", () => {
    it("exports the trail ARN, bucket names, key ARN, regions and per-region recorder and flow logs", async () => {
      assert.equal(await promiseOf(run.outputs.trailArn), "arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/cis-logging-baseline");
      assert.equal(await promiseOf(run.outputs.trailBucketName), "baseline-trail-bucket-0123456");
      assert.equal(await promiseOf(run.outputs.accessLogBucketName), "baseline-access-logs-0123456");
      assert.equal(run.outputs.flowLogBucketName, undefined);
      assert.equal(await promiseOf(run.outputs.kmsKeyArn), "arn:aws:kms:ap-northeast-1:111122223333:key/baseline-key-key-id");
      assert.deepEqual(Object.keys(run.outputs.perRegion).sort(), ENABLED);
      assert.equal(await promiseOf(run.outputs.perRegion["eu-north-1"].recorderName), "cis-logging-baseline");
      assert.deepEqual(await promiseOf(run.outputs.perRegion["us-west-2"].flowLogs), {
        "vpc-0a4a000000000001": "fl-0a4a000000000001",
        "vpc-0b4a000000000002": "fl-0b4a000000000002",
      });
      assert.deepEqual(await promiseOf(run.outputs.perRegion["us-west-1"].flowLogs), {});
    });
  });

  describe("discovery", () => {
    it("runs the per-region lookups concurrently: every enabled region's VPC lookup is in flight at once", async () => {
      // Counted, not timed: each invoke waits 200 ms for its answer, so lookups issued one after another never
      // overlap, and concurrent ones all do, however loaded the machine is.
      const run = await runProgram({}, { invokeDelayMs: 200 });
      const vpcLookups = run.invokes.filter((i) => i.token === "aws:ec2/getVpcs:getVpcs");
      assert.deepEqual([...new Set(vpcLookups.map((i) => i.region))].sort(), ENABLED);
      assert.ok(run.peakInvokesInFlight >= ENABLED.length, `at most ${run.peakInvokesInFlight} of ${ENABLED.length} regions' lookups were in flight at once`);
    });
  });

  describe("preflight: what would make a real pulumi up fail is refused before anything is registered", () => {
    const registered = async () => {
      const { mockAccount } = await import("./setup/pulumiMocks");
      return mockAccount.resources.filter((r) => r.type !== "pulumi:providers:aws").map((r) => r.type);
    };
    const withRoles = (...arns: string[]): Inventory => ({ ...sampleAccount, iamRoleArns: [...(sampleAccount.iamRoleArns ?? []), ...arns] });

    it("refuses a second stack of this program in the same account, naming the other stack's role path", async () => {
      // AWS Config allows one customer-managed recorder per region (PutConfigurationRecorder): a second stack would
      // silently share the first one's recorders and topics, and the first `pulumi destroy` would delete them.
      const other = "arn:aws:iam::111122223333:role/cis-logging-baseline/organization/cis-logging-baseline/staging/baseline-trail-to-logs-abc1234";
      await assert.rejects(runProgram({}, { account: withRoles(other) }), (err: unknown) => {
        assert.ok(err instanceof PreflightError);
        assert.equal(err.problems.length, 1);
        assert.match(err.problems[0], /^account 111122223333 already has the CIS logging baseline of another stack \(IAM roles under \/cis-logging-baseline\/organization\/cis-logging-baseline\/staging\/\); this stack's roles would be under \/cis-logging-baseline\/organization\/cis-logging-baseline\/test\//);
        return true;
      });
      assert.deepEqual(await registered(), []);
    });

    it("takes its own roles from an earlier deploy as its own", async () => {
      const own = "arn:aws:iam::111122223333:role/cis-logging-baseline/organization/cis-logging-baseline/test/baseline-trail-to-logs-abc1234";
      const again = await runProgram({ regions: ["ap-northeast-1"] }, { account: withRoles(own) });
      assert.equal(again.outputs.rolePath, "/cis-logging-baseline/organization/cis-logging-baseline/test/");
      assert.equal(again.ofType("aws:cloudtrail/trail:Trail").length, 1);
    });

    it("refuses a partition other than aws and aws-us-gov", async () => {
      await assert.rejects(runProgram({}, { account: { ...sampleAccount, partition: "aws-iso" } }),
        (err: unknown) => err instanceof PreflightError && /^the account is in the aws-iso partition; supported: aws, aws-us-gov$/.test(err.problems[0]));
      assert.deepEqual(await registered(), []);
    });

    it("names the region, the version 1 STS token cause and the fixes when discovery fails in an opt-in region", async () => {
      // IAM API SetSecurityTokenServicePreferences: "Version 1 tokens are valid only in AWS Regions that are
      // available by default. These tokens do not work in manually enabled Regions".
      await assert.rejects(runProgram({}, { rejectInvokesIn: ["ap-east-1"] }), (err: unknown) => {
        assert.ok(err instanceof RegionDiscoveryError);
        assert.match(err.message, /^cannot list the VPCs of ap-east-1 \(ec2:DescribeVpcs\): .*ap-east-1 is an opt-in region: session tokens from the global STS endpoint \(version 1\) are not valid there/);
        assert.match(err.message, /--global-endpoint-token-version v2Token/);
        return true;
      });
      assert.deepEqual(await registered(), []);
      await assert.rejects(runProgram({}, { rejectInvokesIn: ["eu-west-1"] }),
        (err: unknown) => err instanceof RegionDiscoveryError && /^cannot list the VPCs of eu-west-1/.test(err.message) && !/opt-in/.test(err.message));
    });
  });

  describe("destroy, then up again", () => {
    it("redeploys: the retained service-linked role is adopted, and no retained resource's name is asked for again", async () => {
      // pulumi destroy keeps what is retainOnDelete (Pulumi "retainOnDelete": removed from state, not deleted).
      // A new create with the same name would fail: CreateServiceLinkedRole ("has been taken in this account"),
      // CreateLogGroup (ResourceAlreadyExistsException: names are unique per region and account).
      const fresh: Inventory = { ...sampleAccount, iamRoleArns: [] };
      const first = await runProgram({ flowLogs: { destination: "cloud-watch-logs" } }, { account: fresh });
      const retained = first.resources.filter((r) => r.custom && r.retainOnDelete);
      assert.deepEqual([...new Set(retained.map((r) => r.type))].sort(), [
        "aws:cloudwatch/logGroup:LogGroup", "aws:iam/serviceLinkedRole:ServiceLinkedRole", "aws:kms/key:Key",
        "aws:s3/bucket:Bucket", "aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:s3/bucketPolicy:BucketPolicy",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketVersioning:BucketVersioning",
      ]);
      const afterDestroy: Inventory = {
        ...fresh,
        iamRoleArns: retained.filter((r) => r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole").map((r) => String(r.state.arn)),
      };
      const second = await runProgram({ flowLogs: { destination: "cloud-watch-logs" } }, { account: afterDestroy });
      assert.equal(second.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 0);
      assert.equal(second.outputs.configServiceLinkedRole, "adopted");
      // A name fixed in the program (name / bucket input) that a retained resource already holds would collide.
      // The input that names the resource itself in AWS (a bucket's sub-resources only refer to their bucket).
      const fixedName = (r: ProgramRun["resources"][number]) =>
        (r.type === "aws:s3/bucket:Bucket" ? r.inputs.bucket : r.inputs.name) as string | undefined;
      const held = new Set(retained.filter((r) => fixedName(r) !== undefined).map((r) => `${r.type} ${r.region} ${fixedName(r)}`));
      const collisions = second.resources.filter((r) => r.custom && held.has(`${r.type} ${r.region} ${fixedName(r)}`));
      assert.deepEqual(collisions.map((r) => r.name), []);
      for (const group of second.ofType("aws:cloudwatch/logGroup:LogGroup")) {
        assert.equal(group.inputs.name, undefined, `${group.name} takes a generated name`);
        assert.match(String(group.inputs.namePrefix), /^\/cis\/(cloudtrail|vpc-flow-logs)\/cis-logging-baseline-$/);
      }
    });
  });

  describe("shared-provider mode", () => {
    it("produces the same resources, each in its region, through one provider", async () => {
      const shared = await runProgram({ providerMode: "shared" });
      const providers = shared.ofType("pulumi:providers:aws");
      assert.deepEqual(providers.map((p) => [p.name, p.inputs.region]), [["aws-shared", "ap-northeast-1"]]);
      // IAM is global: where its API call goes does not matter.
      const key = (r: ProgramRun["resources"][number]) => `${r.type} ${r.name} @${r.type.startsWith("aws:iam/") ? "global" : r.region ?? "?"}`;
      const comparable = (r: ProgramRun) => r.resources.filter((x) => x.custom && x.type !== "pulumi:providers:aws").map(key).sort();
      assert.deepEqual(comparable(shared), comparable(run));
      for (const r of shared.resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
        assert.match(r.provider, /::aws-shared::aws-shared-provider-id$/, `${r.name} uses the shared provider`);
        if (!r.type.startsWith("aws:iam/")) {
          assert.ok(typeof r.inputs.region === "string", `${r.type} ${r.name} names its region`);
        } else {
          assert.equal(r.inputs.region, undefined, "IAM is global and takes no region");
        }
        const sharedInputs = { ...r.inputs };
        delete sharedInputs.region;
        const twin = run.one(r.type, r.name);
        assert.deepEqual(sharedInputs, twin.inputs, `${r.type} ${r.name} has the same settings in both modes`);
      }
      const vpcCalls = shared.invokes.filter((i) => i.token === "aws:ec2/getVpcs:getVpcs");
      assert.deepEqual(vpcCalls.map((c) => c.inputs.region).sort(), ENABLED.flatMap((r) => [r, r]));
    });
  });

  describe("preview", () => {
    it("runs in preview mode, also with unknown ARNs, and plans the same resources as an update", async () => {
      await setPreviewMode(true);
      try {
        const preview = await runProgram();
        const names = (r: ProgramRun) => r.resources.map((x) => `${x.type} ${x.name}`).sort();
        assert.deepEqual(names(preview), names(run));
        // A first preview: ARNs and generated names are unknown until AWS creates the resources.
        const first = await runProgram({ flowLogs: { destination: "s3" } }, { computedUnknown: true });
        assert.deepEqual(names(first).filter((n) => !n.includes("flow-log") && !n.includes("flow-logs")),
          names(run).filter((n) => !n.includes("flow-log") && !n.includes("flow-logs")));
        assert.equal(first.ofType("aws:ec2/flowLog:FlowLog").length, 20, "flow logs are planned though the bucket ARN is unknown");
        assert.equal(await promiseOrUnknown(first.outputs.trailArn), "unknown");
        const accessPolicy = first.one("aws:s3/bucketPolicy:BucketPolicy", "baseline-access-logs-policy");
        assert.ok(pulumi.isUnknown(accessPolicy.inputs.policy), "a policy naming unknown ARNs is itself unknown, not made up");
      } finally {
        await setPreviewMode(false);
      }
    });
  });

  describe("adoption of an existing recorder", () => {
    it("reuses the named recorder and channel in that region only", async () => {
      const adopted = await runProgram({ awsConfig: { adopt: { "eu-north-1": { recorderName: "default", deliveryChannelName: "default-channel" } } } });
      const inRegion = (type: string, region: string) => adopted.ofType(type).filter((r) => r.region === region);
      assert.deepEqual(inRegion("aws:cfg/recorder:Recorder", "eu-north-1").map((r) => r.inputs.name), ["default"]);
      assert.deepEqual(inRegion("aws:cfg/deliveryChannel:DeliveryChannel", "eu-north-1").map((r) => r.inputs.name), ["default-channel"]);
      assert.deepEqual(inRegion("aws:cfg/recorderStatus:RecorderStatus", "eu-north-1").map((r) => r.inputs.name), ["default"]);
      assert.deepEqual(inRegion("aws:cfg/recorder:Recorder", "eu-west-1").map((r) => r.inputs.name), ["cis-logging-baseline"]);
      assert.equal(adopted.ofType("aws:cfg/recorder:Recorder").length, 20, "still one recorder per region");
      assert.deepEqual(adopted.resources.filter((r) => r.importId).map((r) => r.name), [], "no import unless asked");
      assert.equal(await promiseOf(adopted.outputs.perRegion["eu-north-1"].recorderName), "default");
    });

    it("imports the existing recorder and channel into the stack when import is true", async () => {
      const adopted = await runProgram({ awsConfig: { adopt: { "eu-north-1": { recorderName: "default", deliveryChannelName: "default", import: true } } } });
      assert.deepEqual(adopted.resources.filter((r) => r.importId).map((r) => [r.type, r.region, r.importId]), [
        ["aws:cfg/recorder:Recorder", "eu-north-1", "default"],
        ["aws:cfg/deliveryChannel:DeliveryChannel", "eu-north-1", "default"],
      ]);
    });
  });
});
