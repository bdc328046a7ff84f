import * as assert from "assert";
import { configEnabledAllRegions as policy } from "../../../policy-pack/policies/config-enabled-all-regions";
import { compliantStack, other, regionalConfig, urnByName, withResource } from "../fixtures";
import { StackResourceInput, detail, runStackPolicy, unknownValue, urnOf } from "../harness";

const control = "[CIS 1.2.0 2.5, Security Hub Config.1]";
const recorder = (region: string) => `config-${region}-recorder`;

describe("policy config-enabled-all-regions", () => {
  it("passes the compliant stack: two regions, each with recorder, channel and status; global types in us-east-1 only", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("reports a region whose recorder is removed, against that region's provider", async () => {
    const stack = compliantStack().filter((r) => !r.name.startsWith(`config-${other}-`));
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [
      [
        "mandatory",
        urnOf("pulumi:providers:aws", `aws-${other}`),
        `pulumi:providers:aws "aws-${other}" ${control}: AWS Config is not recording in ${other}: no aws.cfg.Recorder. Fix: add an aws.cfg.Recorder (recordingGroup.allSupported: true), an aws.cfg.DeliveryChannel and an aws.cfg.RecorderStatus (isEnabled: true) in ${other}.`,
      ],
    ]);
  });

  it("covers a region only known from a resource's region output (shared-provider mode) and reports it against the stack", async () => {
    const stack: StackResourceInput[] = [
      ...compliantStack(),
      { type: "aws:ec2/flowLog:FlowLog", name: "fl-ap", props: { vpcId: "vpc-0ap", trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::b", region: "ap-southeast-2" } },
    ];
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.urn, detail(d)]), [
      [
        undefined,
        `stack ${control}: AWS Config is not recording in ap-southeast-2: no aws.cfg.Recorder. Fix: add an aws.cfg.Recorder (recordingGroup.allSupported: true), an aws.cfg.DeliveryChannel and an aws.cfg.RecorderStatus (isEnabled: true) in ap-southeast-2.`,
      ],
    ]);
  });

  it("reports a recorder that does not record all supported types", async () => {
    const stack = withResource(compliantStack(), recorder(other), { recordingGroup: { allSupported: false, includeGlobalResourceTypes: false } });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `aws:cfg/recorder:Recorder "${recorder(other)}" ${control}: the recorder in ${other} does not record all supported resource types. Fix: set recordingGroup.allSupported: true.`,
    ]);
  });

  it("reports a stopped recorder status", async () => {
    const stack = withResource(compliantStack(), `config-${other}-status`, { isEnabled: false });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `aws:cfg/recorderStatus:RecorderStatus "config-${other}-status" ${control}: the recorder in ${other} is stopped. Fix: set isEnabled: true.`,
    ]);
  });

  it("reports a recorder without a status, and does not count a status of another region", async () => {
    const stack = withResource(compliantStack(), `config-${other}-status`, { region: "us-east-1" });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map(detail), [
      `aws:cfg/recorder:Recorder "${recorder(other)}" ${control}: the recorder in ${other} is never started: no aws.cfg.RecorderStatus for it. Fix: add an aws.cfg.RecorderStatus {name: the recorder's name, isEnabled: true} in ${other}.`,
    ]);
  });

  it("reports a region without a delivery channel", async () => {
    const stack = withResource(compliantStack(), `config-${other}-channel`, null);
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `aws:cfg/recorder:Recorder "${recorder(other)}" ${control}: the recorder in ${other} has no delivery channel. Fix: add an aws.cfg.DeliveryChannel with s3BucketName and snsTopicArn in ${other}.`,
    ]);
  });

  it("reports a delivery channel without an SNS topic", async () => {
    const stack = withResource(compliantStack(), `config-${other}-channel`, { snsTopicArn: undefined });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `aws:cfg/deliveryChannel:DeliveryChannel "config-${other}-channel" ${control}: the delivery channel in ${other} has no snsTopicArn. Fix: set snsTopicArn.`,
    ]);
  });

  it("reports global resource types recorded in two regions, on both recorders", async () => {
    const stack = withResource(compliantStack(), recorder(other), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
    const { diagnostics } = await runStackPolicy(policy, stack);
    const message = (region: string) =>
      `aws:cfg/recorder:Recorder "${recorder(region)}" ${control}: global resource types are recorded in 2 regions (us-east-1, ${other}), not exactly one. Fix: set recordingGroup.includeGlobalResourceTypes: true in the home region only.`;
    assert.deepStrictEqual(diagnostics.map(detail), [message("us-east-1"), message(other)]);
  });

  it("reports the stack when no region records global resource types", async () => {
    const stack = withResource(compliantStack(), recorder("us-east-1"), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.urn, detail(d)]), [
      [undefined, `stack ${control}: no region records global resource types (IAM). Fix: set recordingGroup.includeGlobalResourceTypes: true on the home region's aws.cfg.Recorder.`],
    ]);
  });

  it("uses the 7.0.0 id when configured", async () => {
    const stack = withResource(compliantStack(), `config-${other}-status`, { isEnabled: false });
    const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { cisVersion: "7.0.0" } });
    assert.match(detail(diagnostics[0]), /\[CIS 7\.0\.0 4\.3, Security Hub Config\.1\]/);
  });

  it("ignores resources of other types in the region (an SNS topic named like a recorder is not a recorder)", async () => {
    const stack = compliantStack().filter((r) => r.name !== recorder(other));
    stack.push({ type: "aws:sns/topic:Topic", name: recorder(other), props: { name: "default", recordingGroup: { allSupported: true }, region: other } });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.strictEqual(diagnostics.length, 1);
    assert.match(detail(diagnostics[0]), /AWS Config is not recording in eu-west-1: no aws\.cfg\.Recorder/);
  });

  it("is not applicable to a stack without regional resources", async () => {
    const outcome = await runStackPolicy(policy, [{ type: "aws:iam/role:Role", name: "r", props: { arn: "arn:aws:iam::1:role/r" } }]);
    assert.deepStrictEqual(outcome, { diagnostics: [], notApplicable: ["the stack has no regional AWS resources"] });
  });

  it("notes unknown allSupported, isEnabled and includeGlobalResourceTypes as advisory, never mandatory", async () => {
    let stack = withResource(compliantStack(), recorder(other), { recordingGroup: unknownValue.object });
    stack = withResource(stack, `config-${other}-status`, { isEnabled: unknownValue.boolean });
    stack = withResource(stack, recorder("us-east-1"), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: unknownValue.boolean } });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory", "advisory", "advisory"]);
  });

  it("exempts a region through its provider, with an advisory note", async () => {
    const stack = compliantStack().filter((r) => !r.name.startsWith(`config-${other}-`));
    const config = { [policy.name]: { exemptions: [{ type: "pulumi:providers:aws", name: `aws-${other}`, reason: "Config is run by Control Tower in eu-west-1" }] } };
    const { diagnostics } = await runStackPolicy(policy, stack, config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn]), [["advisory", urnByName(stack, `aws-${other}`)]]);
    assert.match(diagnostics[0].message, /^exempted \(reason: Config is run by Control Tower in eu-west-1\): pulumi:providers:aws "aws-eu-west-1"/);
  });

  it("accepts a third region added with its full AWS Config set", async () => {
    const stack = [
      ...compliantStack(),
      { type: "pulumi:providers:aws", name: "aws-ap-southeast-2", props: { region: "ap-southeast-2" } },
      ...regionalConfig("ap-southeast-2", false),
    ];
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
  });
});
