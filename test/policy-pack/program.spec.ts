/**
 * The pack against the program: every resource `main` registers under the mocks passes the whole pack without a
 * mandatory violation, and switching off one setting (or removing one registration) trips exactly the matching
 * policy. Components' registered outputs (RegionalFlowLogs: region, discoveredVpcIds, sharedVpcIds) reach the stack
 * policies as their props, as the engine hands them over. The sample account has a VPC shared in by another account
 * in us-east-1 and in sa-east-1 (AWS RAM), so every run of it carries exactly two advisory notes that leave those
 * VPCs to their owner; the tests assert them, then look at what else the pack says.
 *
 * The mocks record each registration's type, name, URN, inputs, outputs (state), provider, parent, dependencies and
 * property dependencies. Resource policies get the inputs; stack policies get the outputs with the relations, as the
 * engine hands them. Unknown values (preview) become the engine's sentinels. Bridged providers report `id` among the
 * outputs, so it is added to each resource's props from the id the mock returned (the mocks give buckets an id that
 * is not their name, unlike S3).
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { policies } from "../../policy-pack/policies";
import { RecordedResource } from "../../offline/mockAccount";
import { ProgramRun, RunOptions, runProgram } from "../programHarness";
import { setPreviewMode } from "../setup/pulumiMocks";
import { Diagnostic, advisory, detail, mandatory, runPack } from "./harness";
import { packInputs } from "./packInputs";

/** The registrations with one resource's inputs and outputs patched (as if the program had set it so), or removed. */
function switched(run: ProgramRun, pick: (r: RecordedResource) => boolean, patch: Record<string, unknown> | null): RecordedResource[] {
  const matches = run.resources.filter(pick);
  assert.strictEqual(matches.length, 1, "the switch must pick exactly one registration");
  if (patch === null) {
    return run.resources.filter((r) => r !== matches[0]);
  }
  return run.resources.map((r) => (r === matches[0] ? { ...r, inputs: { ...r.inputs, ...patch }, state: { ...r.state, ...patch } } : r));
}

async function previewRun(raw: Record<string, unknown> = {}, options: RunOptions = {}): Promise<ProgramRun> {
  await setPreviewMode(true);
  try {
    return await runProgram(raw, { ...options, computedUnknown: true });
  } finally {
    await setPreviewMode(false);
  }
}

async function check(resources: readonly RecordedResource[]): Promise<Diagnostic[]> {
  const { inputs, outputs } = packInputs(resources);
  return runPack(policies, inputs, outputs);
}

const regionalFlowLogsType = "cis-logging:network:RegionalFlowLogs";
const region = "us-east-1";

/** The VPCs the sample account's network account (444455556666) shares in, by region (offline/sampleAccount.ts). */
const sharedVpcOfSample: readonly (readonly [string, string])[] = [
  ["us-east-1", "vpc-0f1a000000000009"],
  ["sa-east-1", "vpc-0f6a000000000009"],
];

/**
 * The advisory notes vpc-flow-logs-enabled gives every run of the sample account, one per region with a shared VPC,
 * against that region's RegionalFlowLogs, in the order the program registers the components (sorted regions).
 */
function sharedVpcNotes(run: ProgramRun): Diagnostic[] {
  return [...sharedVpcOfSample]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sharedRegion, vpcId]) => {
      const component = run.one(regionalFlowLogsType, `flow-logs-${sharedRegion}`);
      return {
        policy: "vpc-flow-logs-enabled",
        message:
          `${regionalFlowLogsType} "${component.name}" [CIS 1.2.0 2.9, Security Hub EC2.6]: cannot verify the VPC flow log for VPC ${vpcId} in ${sharedRegion} from this stack ` +
          '(shared into this account by another account (AWS RAM): only its owner can create its flow log; "Participants cannot create, delete, or describe flow logs for a shared VPC subnet", https://docs.aws.amazon.com/vpc/latest/userguide/vpc-share-limitations.html).',
        urn: component.urn,
        enforcementLevel: "advisory",
      };
    });
}

/** What the pack says besides the shared-VPC notes, after asserting that those notes are there, each exactly once. */
async function checkBeyondSharedVpcNotes(run: ProgramRun, resources: readonly RecordedResource[] = run.resources): Promise<Diagnostic[]> {
  const diagnostics = await check(resources);
  const notes = sharedVpcNotes(run);
  const isNote = (d: Diagnostic) => notes.some((n) => n.message === d.message && n.urn === d.urn);
  assert.deepStrictEqual(diagnostics.filter(isNote), notes);
  return diagnostics.filter((d) => !isNote(d));
}

/**
 * The registrations without the FlowLog of one VPC that us-east-1's RegionalFlowLogs discovered (the second of its
 * three): that VPC is no resource of the stack, so only the component's discoveredVpcIds output shows it is missing.
 */
function withoutDiscoveredFlowLog(run: ProgramRun): { resources: RecordedResource[]; component: RecordedResource; vpcId: string } {
  const component = run.one(regionalFlowLogsType, `flow-logs-${region}`);
  const discovered = component.state.discoveredVpcIds;
  assert.ok(Array.isArray(discovered) && discovered.length === 3, "us-east-1's component publishes its three discovered VPCs");
  const vpcId = String(discovered[1]);
  const resources = switched(run, (r) => r.type === "aws:ec2/flowLog:FlowLog" && r.region === region && r.inputs.vpcId === vpcId, null);
  return { resources, component, vpcId };
}

function discoveredVpcViolation(removed: { component: RecordedResource; vpcId: string }): Diagnostic {
  const { component, vpcId } = removed;
  const flowLogs = policies.find((p) => p.name === "vpc-flow-logs-enabled");
  assert.ok(flowLogs);
  return {
    policy: "vpc-flow-logs-enabled",
    message:
      `${flowLogs.description}\n${regionalFlowLogsType} "${component.name}" [CIS 1.2.0 2.9, Security Hub EC2.6]: VPC ${vpcId} in ${region}: the VPC has no flow log. ` +
      "Fix: add an aws.ec2.FlowLog for the VPC (RegionalFlowLogs covers every discovered VPC on the next `pulumi up`).",
    urn: component.urn,
    enforcementLevel: "mandatory",
  };
}

describe("policy pack against the program (mocks)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram();
  });

  it("registers the resources every policy looks at", () => {
    for (const type of ["aws:cloudtrail/trail:Trail", "aws:kms/key:Key", "aws:s3/bucketLogging:BucketLogging", "aws:cfg/recorder:Recorder", "aws:ec2/flowLog:FlowLog"]) {
      assert.ok(run.ofType(type).length > 0, type);
    }
  });

  it("passes the whole pack; its only diagnostics are the advisory notes leaving the shared VPCs of us-east-1 and sa-east-1 to their owner (default config)", async () => {
    const component = run.one(regionalFlowLogsType, "flow-logs-sa-east-1");
    assert.deepStrictEqual(component.state.discoveredVpcIds, [], "sa-east-1 has only a shared VPC: the component exists for it");
    assert.deepStrictEqual(await check(run.resources), sharedVpcNotes(run));
  });

  it("passes the whole pack in shared-provider mode, where regions come from each resource's region, with the same notes only", async () => {
    const shared = await runProgram({ providerMode: "shared" });
    assert.ok(shared.ofType("pulumi:providers:aws").length === 1, "shared mode registers one provider");
    assert.deepStrictEqual(await check(shared.resources), sharedVpcNotes(shared));
  });

  describe("with awsConfig.globalResourceTypesRegion: all-eligible", () => {
    let allEligible: ProgramRun;
    before(async () => {
      allEligible = await runProgram({ awsConfig: { globalResourceTypesRegion: "all-eligible" } });
    });
    const recordsGlobal = (recorder: RecordedResource) =>
      (recorder.inputs.recordingGroup as { includeGlobalResourceTypes?: unknown } | undefined)?.includeGlobalResourceTypes === true;

    it("records the global IAM types in every covered region that can, and not in me-central-1 and eu-south-2 (the test would prove nothing otherwise)", () => {
      const recorders = allEligible.ofType("aws:cfg/recorder:Recorder");
      const recording = recorders.filter(recordsGlobal).map((r) => r.region).sort();
      const notRecording = recorders.filter((r) => !recordsGlobal(r)).map((r) => r.region).sort();
      assert.ok(recording.length > 1 && recording.includes("ap-northeast-1") && recording.includes("us-east-1"), recording.join(", "));
      assert.deepStrictEqual(notRecording, ["eu-south-2", "me-central-1"]);
    });

    it("passes the whole pack with no mandatory violation; its only diagnostics are the shared-VPC notes", async () => {
      const diagnostics = await check(allEligible.resources);
      assert.deepStrictEqual(mandatory(diagnostics), []);
      assert.deepStrictEqual(diagnostics, sharedVpcNotes(allEligible));
    });

    it("passes the same way in shared-provider mode", async () => {
      const shared = await runProgram({ providerMode: "shared", awsConfig: { globalResourceTypesRegion: "all-eligible" } });
      assert.deepStrictEqual(await check(shared.resources), sharedVpcNotes(shared));
    });

    it("trips only config-enabled-all-regions, naming the region and AWS's rule, when eu-south-2's recorder records global types", async () => {
      const diagnostics = await checkBeyondSharedVpcNotes(
        allEligible,
        switched(allEligible, (r) => r.type === "aws:cfg/recorder:Recorder" && r.region === "eu-south-2", {
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        }),
      );
      assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["config-enabled-all-regions", "mandatory"]]);
      assert.match(
        detail(diagnostics[0]),
        /region eu-south-2: the recorder includes the global IAM types, which AWS Config cannot record in eu-south-2 \(a region it reached after February 2022\) \("These resource types cannot be recorded in Regions supported by AWS Config after February 2022", https:\/\/docs\.aws\.amazon\.com\/config\/latest\/developerguide\/select-resources\.html#select-resources-all\)/,
      );
    });
  });

  // Issue 10: in the continuous modes the program creates no flow logs of its own; an AWS mechanism creates them after
  // deployment. The pack passes a region whose mechanism is complete and names what is missing otherwise.
  for (const mode of ["telemetryRule", "configRemediation"] as const) {
    describe(`with continuousCoverage: ${mode}`, () => {
      let continuous: ProgramRun;
      before(async () => {
        continuous = await runProgram({ continuousCoverage: mode });
      });

      it("creates no flow log of its own (the test would prove nothing otherwise)", () => {
        assert.equal(continuous.ofType("aws:ec2/flowLog:FlowLog").length, 0);
      });

      it("passes the whole pack with no mandatory violation; its only diagnostics are the shared-VPC notes", async () => {
        const diagnostics = await check(continuous.resources);
        assert.deepStrictEqual(mandatory(diagnostics), []);
        assert.deepStrictEqual(diagnostics, sharedVpcNotes(continuous));
      });

      it("fails the discovered VPCs of a region whose mechanism is gone, naming what is missing", async () => {
        const mechanism = mode === "telemetryRule" ? "aws:observabilityadmin/telemetryRule:TelemetryRule" : "aws:cfg/remediationConfiguration:RemediationConfiguration";
        const gone = continuous.resources.filter((r) => !(r.type === mechanism && r.region === "eu-central-1" &&
          (mode === "telemetryRule" || String(r.name).includes("flow"))));
        assert.ok(gone.length < continuous.resources.length, "the mechanism was there to remove");
        const all = await checkBeyondSharedVpcNotes(continuous, gone);
        // configRemediation: continuous-coverage-remediation-automatic names the rule left without remediation too
        // (test/policy-pack/programContinuous.spec.ts); this test is about the VPCs.
        const beyond = all.filter((d) => !d.policy.startsWith("continuous-coverage-"));
        assert.deepStrictEqual(all.length - beyond.length, mode === "configRemediation" ? 1 : 0);
        assert.deepStrictEqual(beyond.map((d) => [d.policy, d.enforcementLevel]), [["vpc-flow-logs-enabled", "mandatory"], ["vpc-flow-logs-enabled", "mandatory"], ["vpc-flow-logs-enabled", "mandatory"]]);
        const why = mode === "telemetryRule" ? "the stack has no telemetry rule for VPC flow logs in eu-central-1" : "the AWS Config rule vpc-flow-logs-enabled in eu-central-1 has no automatic remediation";
        for (const d of beyond) {
          assert.ok(d.message.includes(`the stack leaves this region's flow logs to ${mode}, but ${why}`), d.message);
        }
      });
    });
  }

  it("trips only vpc-flow-logs-enabled, against the flow log, when the stack gives a shared VPC a flow log (whose note it replaces)", async () => {
    const [sharedRegion, sharedVpcId] = sharedVpcOfSample[0];
    const model = run.ofType("aws:ec2/flowLog:FlowLog").find((r) => r.region === sharedRegion);
    assert.ok(model);
    const name = `flow-log-${sharedRegion}-${sharedVpcId}`;
    const onShared: RecordedResource = {
      ...model,
      name,
      urn: model.urn.replace(/::[^:]+$/, `::${name}`),
      inputs: { ...model.inputs, vpcId: sharedVpcId },
      state: { ...model.state, vpcId: sharedVpcId },
    };
    const diagnostics = await check([...run.resources, onShared]);
    const otherNotes = sharedVpcNotes(run).filter((n) => !n.message.includes(sharedVpcId));
    assert.deepStrictEqual(diagnostics.filter((d) => d.enforcementLevel === "advisory"), otherNotes);
    const violations = mandatory(diagnostics);
    assert.deepStrictEqual(violations.map((d) => [d.policy, d.urn]), [["vpc-flow-logs-enabled", onShared.urn]]);
    assert.match(detail(violations[0]), new RegExp(`the flow log is on VPC ${sharedVpcId}, which another account shares into this account \\(AWS RAM\\)`));
  });

  it("trips only cloudtrail-log-file-validation-enabled when the trail's log file validation is off", async () => {
    const diagnostics = await checkBeyondSharedVpcNotes(run, switched(run, (r) => r.type === "aws:cloudtrail/trail:Trail", { enableLogFileValidation: false }));
    assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["cloudtrail-log-file-validation-enabled", "mandatory"]]);
    assert.match(detail(diagnostics[0]), /log file validation is off\. Fix: set enableLogFileValidation: true\.$/);
  });

  it("trips only kms-key-rotation-enabled when the baseline key's rotation is off", async () => {
    const diagnostics = await checkBeyondSharedVpcNotes(run, switched(run, (r) => r.type === "aws:kms/key:Key", { enableKeyRotation: false }));
    assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["kms-key-rotation-enabled", "mandatory"]]);
  });

  it("trips only config-enabled-all-regions, naming the region, when one region's recorder is gone", async () => {
    const diagnostics = await checkBeyondSharedVpcNotes(run, switched(run, (r) => r.type === "aws:cfg/recorder:Recorder" && r.region === "eu-west-1", null));
    assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["config-enabled-all-regions", "mandatory"]]);
    assert.match(detail(diagnostics[0]), /region eu-west-1: no configuration recorder\. Fix: cover the region with RegionalConfig/);
  });

  it("trips only vpc-flow-logs-enabled, against the VPC's RegionalFlowLogs, when the VPC's only flow log stops capturing rejected traffic", async () => {
    const flowLog = run.ofType("aws:ec2/flowLog:FlowLog").find((r) => r.region === "us-east-1");
    assert.ok(flowLog);
    const diagnostics = await checkBeyondSharedVpcNotes(run, switched(run, (r) => r === flowLog, { trafficType: "ACCEPT" }));
    assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel, d.urn]), [["vpc-flow-logs-enabled", "mandatory", run.one(regionalFlowLogsType, "flow-logs-us-east-1").urn]]);
    assert.match(detail(diagnostics[0]), new RegExp(`: VPC ${String(flowLog.inputs.vpcId)} in us-east-1: flow log ${flowLog.name} captures ACCEPT traffic, not rejected traffic\\.`));
  });

  it("trips only cloudtrail-bucket-access-logging-enabled when the trail bucket's BucketLogging is removed", async () => {
    const trailBucket = String(run.ofType("aws:cloudtrail/trail:Trail")[0].inputs.s3BucketName);
    const bucket = run.ofType("aws:s3/bucket:Bucket").find((b) => b.state.bucket === trailBucket);
    assert.ok(bucket, "the trail's bucket is a resource of the stack");
    const diagnostics = await checkBeyondSharedVpcNotes(run, switched(run, (r) => r.type === "aws:s3/bucketLogging:BucketLogging" && r.inputs.bucket === bucket.id, null));
    assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel, detail(d)]), [
      [
        "cloudtrail-bucket-access-logging-enabled",
        "mandatory",
        `aws:s3/bucket:Bucket "${bucket.name}" [CIS 1.2.0 2.6, Security Hub CloudTrail.7]: server access logging is off. Fix: add an aws.s3.BucketLogging to another bucket (the access-log bucket).`,
      ],
    ]);
  });

  it("trips only cloudtrail-bucket-not-public when the trail bucket's public access block lets public policies in", async () => {
    const trailBucket = String(run.ofType("aws:cloudtrail/trail:Trail")[0].inputs.s3BucketName);
    const bucket = run.ofType("aws:s3/bucket:Bucket").find((b) => b.state.bucket === trailBucket);
    assert.ok(bucket);
    const diagnostics = await checkBeyondSharedVpcNotes(
      run,
      switched(run, (r) => r.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock" && r.inputs.bucket === bucket.id, { blockPublicPolicy: false }),
    );
    assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["cloudtrail-bucket-not-public", "mandatory"]]);
  });

  it("trips only vpc-flow-logs-enabled, against that region's RegionalFlowLogs, when one discovered VPC's flow log is removed", async () => {
    const removed = withoutDiscoveredFlowLog(run);
    assert.deepStrictEqual(await checkBeyondSharedVpcNotes(run, removed.resources), [discoveredVpcViolation(removed)]);
  });

  it("trips only vpc-flow-logs-enabled the same way in shared-provider mode", async () => {
    const shared = await runProgram({ providerMode: "shared" });
    const removed = withoutDiscoveredFlowLog(shared);
    assert.deepStrictEqual(await checkBeyondSharedVpcNotes(shared, removed.resources), [discoveredVpcViolation(removed)]);
  });

  it("trips only cloudtrail-s3-data-events-read-enabled (advisory) when data events are write-only", async () => {
    const writeOnly = await runProgram({ cloudTrail: { s3DataEvents: "write" } });
    const diagnostics = await checkBeyondSharedVpcNotes(writeOnly);
    assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["cloudtrail-s3-data-events-read-enabled", "advisory"]]);
  });

  describe("in a first preview, where ARNs and generated names are unknown", () => {
    let preview: ProgramRun;
    before(async () => {
      preview = await previewRun();
    });

    it("hands the pack unknown values (the test would prove nothing otherwise)", () => {
      const trail = preview.ofType("aws:cloudtrail/trail:Trail")[0];
      assert.ok(pulumi.isUnknown(trail.inputs.kmsKeyId), "kmsKeyId is unknown");
      assert.ok(pulumi.isUnknown(trail.inputs.s3BucketName), "s3BucketName is unknown");
    });

    it("reports no mandatory violation from any policy", async () => {
      assert.deepStrictEqual(mandatory(await check(preview.resources)), []);
    });

    it("reports no mandatory violation with awsConfig.globalResourceTypesRegion: all-eligible either", async () => {
      const allEligible = await previewRun({ awsConfig: { globalResourceTypesRegion: "all-eligible" } });
      assert.deepStrictEqual(mandatory(await check(allEligible.resources)), []);
    });

    // The trail bucket's policy names the trail's ARN, which does not exist before the first update.
    const policyNote =
      'aws:s3/bucket:Bucket "baseline-trail-bucket" [CIS 1.2.0 2.3, Security Hub CloudTrail.6]: cannot verify that the trail bucket is not public during preview (BucketPolicy "baseline-trail-bucket-policy": string value at .policy can\'t be known during preview); the update re-checks it.';
    const withoutPolicyNote = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.message !== policyNote);
    const checkPreview = async (resources: readonly RecordedResource[]) => withoutPolicyNote(await checkBeyondSharedVpcNotes(preview, resources));

    it("decides every link through the engine's property dependencies: the only notes are the unknown bucket policy and the shared VPCs", async () => {
      assert.deepStrictEqual(
        advisory(await check(preview.resources)).map((d) => [d.policy, d.message]),
        [["cloudtrail-bucket-not-public", policyNote], ...sharedVpcNotes(preview).map((d) => [d.policy, d.message])],
      );
    });

    it("still trips cloudtrail-log-file-validation-enabled, and only it, when validation is off", async () => {
      const diagnostics = await checkPreview(switched(preview, (r) => r.type === "aws:cloudtrail/trail:Trail", { enableLogFileValidation: false }));
      assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["cloudtrail-log-file-validation-enabled", "mandatory"]]);
    });

    it("still trips cloudtrail-bucket-access-logging-enabled when the trail bucket's BucketLogging is removed", async () => {
      const diagnostics = await checkPreview(switched(preview, (r) => r.type === "aws:s3/bucketLogging:BucketLogging" && r.name.includes("trail"), null));
      assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["cloudtrail-bucket-access-logging-enabled", "mandatory"]]);
    });

    it("still trips vpc-flow-logs-enabled, and only it, when one discovered VPC's flow log is removed", async () => {
      const removed = withoutDiscoveredFlowLog(preview);
      assert.deepStrictEqual(await checkPreview(removed.resources), [discoveredVpcViolation(removed)]);
    });

    it("still trips config-enabled-all-regions when one region's recorder is gone", async () => {
      const diagnostics = await checkPreview(switched(preview, (r) => r.type === "aws:cfg/recorder:Recorder" && r.region === "eu-west-1", null));
      assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.enforcementLevel]), [["config-enabled-all-regions", "mandatory"]]);
    });
  });
});
