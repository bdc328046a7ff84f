import * as assert from "assert";
import { known, unknown } from "../../../policy-pack/domain/fact";
import type { RegionConfig } from "../../../policy-pack/domain/state";
import { fromStack } from "../../../policy-pack/fromStack";
import { StackResourceInput, stackResources, unknownValue, urnOf } from "../harness";

const region = "eu-west-1";
const provider: StackResourceInput = { type: "pulumi:providers:aws", name: `aws-${region}`, props: { region } };
const inRegion = (type: string, name: string, props: Record<string, unknown>): StackResourceInput =>
  ({ type, name, props, provider: { name: `aws-${region}`, region } });
const recorder = (props: Record<string, unknown> = {}) => inRegion("aws:cfg/recorder:Recorder", "recorder", { roleArn: "arn:aws:iam::123456789012:role/config", ...props });
const status = (props: Record<string, unknown> = {}, name = "status") => inRegion("aws:cfg/recorderStatus:RecorderStatus", name, { isEnabled: true, ...props });
const channel = (props: Record<string, unknown> = {}) => inRegion("aws:cfg/deliveryChannel:DeliveryChannel", "channel", { s3BucketName: "b", snsTopicArn: "arn:aws:sns:eu-west-1:123456789012:t", ...props });

function configOf(resources: StackResourceInput[]): RegionConfig {
  const config = fromStack(stackResources(resources)).state.config.get(region);
  assert.ok(config);
  return config;
}
const firstRecorder = (c: RegionConfig) => (c.recorders.kind === "known" ? c.recorders.value[0] : assert.fail("recorders not known"));

describe("fromStack/config.ts", () => {
  it("gives a recorder without recordingGroup all supported types and no global types (S26: provider defaults)", () => {
    const r = firstRecorder(configOf([provider, recorder(), status(), channel()]));
    assert.deepStrictEqual([r.allSupported, r.includeGlobal, r.recording], [known(true), known(false), known(true)]);
  });

  it("starts a recorder only through a RecorderStatus of the same region and name (default name \"default\")", () => {
    assert.deepStrictEqual(firstRecorder(configOf([provider, recorder(), channel()])).recording, known(false));
    assert.deepStrictEqual(firstRecorder(configOf([provider, recorder(), status({ name: "other" }), channel()])).recording, known(false));
    assert.deepStrictEqual(firstRecorder(configOf([provider, recorder({ name: "main" }), status({ name: "main" }), channel()])).recording, known(true));
    assert.deepStrictEqual(firstRecorder(configOf([provider, recorder(), status({ isEnabled: false }), channel()])).recording, known(false));
    const elsewhere = { ...status(), provider: { name: "aws-us-east-1", region: "us-east-1" } };
    assert.deepStrictEqual(firstRecorder(configOf([provider, recorder(), elsewhere, channel()])).recording, known(false));
  });

  it("makes settings unknown during preview: recordingGroup, isEnabled, a recorder's name (then any status of the region counts)", () => {
    assert.deepStrictEqual(firstRecorder(configOf([provider, recorder({ recordingGroup: unknownValue.object }), status(), channel()])).allSupported,
      unknown("Object value at .recordingGroup can't be known during preview"));
    assert.strictEqual(firstRecorder(configOf([provider, recorder(), status({ isEnabled: unknownValue.boolean }), channel()])).recording.kind, "unknown");
    assert.deepStrictEqual(firstRecorder(configOf([provider, recorder({ name: unknownValue.string }), status({ name: "whatever" }), channel()])).recording, known(true));
  });

  it("leaves a region's recorders unknown when it has none placed and some recorder's region is unknown", () => {
    const unplaced: StackResourceInput = { type: "aws:cfg/recorder:Recorder", name: "somewhere", props: { region: unknownValue.string } };
    assert.deepStrictEqual(configOf([provider, unplaced, channel()]).recorders,
      unknown('the region of Recorder "somewhere": string value at .region can\'t be known during preview'));
  });

  it("reads the channel's bucket and topic, an unknown ARN counting as set; runtime state is the audit's", () => {
    const c = configOf([provider, recorder(), status(), channel({ snsTopicArn: unknownValue.string, s3BucketName: undefined })]);
    assert.ok(c.channels.kind === "known");
    assert.deepStrictEqual([c.channels.value[0].s3Bucket, c.channels.value[0].snsTopic.kind], [known(null), "computed"]);
    assert.deepStrictEqual([c.serviceLinkedRecorders.kind, firstRecorder(c).lastStatus.kind], ["notVisible", "notVisible"]);
  });

  it("reports a region on its provider, else on its recorder (shared-provider mode), else on the stack, always naming the region and its identity config:<region>", () => {
    const bySubject = (resources: StackResourceInput[]) => fromStack(stackResources(resources)).subjects.get(`config:${region}`);
    const identities = [`config:${region}`];
    assert.deepStrictEqual(bySubject([provider, recorder()]), {
      resource: { type: "pulumi:providers:aws", name: `aws-${region}`, urn: urnOf("pulumi:providers:aws", `aws-${region}`) }, about: `region ${region}`, identities,
    });
    const shared = { ...recorder(), props: { ...recorder().props, region }, provider: { name: "aws-shared", region: "us-east-1" } };
    assert.strictEqual(bySubject([shared])?.resource?.name, "recorder");
    assert.deepStrictEqual(bySubject([{ type: "aws:sns/topic:Topic", name: "t", props: { region } }]), { about: `region ${region}`, identities });
  });
});
