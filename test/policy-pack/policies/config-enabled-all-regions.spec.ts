import * as assert from "assert";
import { configEnabledAllRegions as policy } from "../../../policy-pack/policies/config-enabled-all-regions";
import { compliantStack, other, regionalConfig, urnByName, withResource } from "../fixtures";
import { StackResourceInput, detail, runStackPolicy, unknownValue, urnOf } from "../harness";

const control = "[CIS 1.2.0 2.5, Security Hub Config.1]";
const recorder = (region: string) => `config-${region}-recorder`;

describe("policy config-enabled-all-regions", () => {
  it("passes the compliant stack: two regions, each with recorder, channel and status; global types in us-east-1", async () => {
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

  describe("global resource types (IAM)", () => {
    const rule =
      '("These resource types cannot be recorded in Regions supported by AWS Config after February 2022", AWS Config DG https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html#select-resources-all)';
    const ineligible = (region: string) =>
      `aws:cfg/recorder:Recorder "${recorder(region)}" ${control}: the recorder in ${region} has includeGlobalResourceTypes true, but AWS Config cannot record the global IAM resource types in ${region} ${rule}. ` +
      `Fix: set recordingGroup.includeGlobalResourceTypes: false in ${region}, and true in a region where AWS Config existed before February 2022 (awsConfig.globalResourceTypesRegion: a region of GLOBAL_RESOURCE_TYPE_REGIONS in policy-pack/awsFacts.ts, or all-eligible).`;
    const noRegionRecords =
      `stack ${control}: no region that can record them records the global resource types (IAM). ` +
      "Fix: set recordingGroup.includeGlobalResourceTypes: true on the aws.cfg.Recorder of the home region, or of another region where AWS Config existed before February 2022.";
    /** The compliant stack plus a third region with its provider and full AWS Config set. */
    const withRegion = (region: string, recordGlobal: boolean): StackResourceInput[] => [
      ...compliantStack(),
      { type: "pulumi:providers:aws", name: `aws-${region}`, props: { region } },
      ...regionalConfig(region, recordGlobal),
    ];

    it("accepts global resource types recorded in several eligible regions (awsConfig.globalResourceTypesRegion: all-eligible)", async () => {
      const stack = withResource(withRegion("ap-southeast-2", true), recorder(other), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
      assert.deepStrictEqual(await runStackPolicy(policy, stack), { diagnostics: [], notApplicable: [] });
    });

    it("accepts them recorded in one eligible region other than the home region", async () => {
      let stack = withResource(compliantStack(), recorder("us-east-1"), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } });
      stack = withResource(stack, recorder(other), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
    });

    it("reports the stack when no region records them", async () => {
      const stack = withResource(compliantStack(), recorder("us-east-1"), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [
        ["mandatory", undefined, noRegionRecords],
      ]);
    });

    it("reports, as mandatory and against its recorder, each region launched after February 2022 whose recorder has the flag on, naming the region and AWS's rule", async () => {
      for (const region of ["ap-south-2", "ap-southeast-4", "ca-west-1", "eu-central-2", "eu-south-2", "il-central-1", "me-central-1", "mx-central-1"]) {
        const stack = withRegion(region, true);
        const { diagnostics } = await runStackPolicy(policy, stack);
        assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [["mandatory", urnByName(stack, recorder(region)), ineligible(region)]], region);
      }
    });

    it("accepts a region launched after February 2022 whose recorder leaves the flag off, and a GovCloud region that records them", async () => {
      assert.deepStrictEqual((await runStackPolicy(policy, withRegion("me-central-1", false))).diagnostics, []);
      assert.deepStrictEqual((await runStackPolicy(policy, withRegion("us-gov-west-1", true))).diagnostics, []);
    });

    it("does not count a flag in a region that cannot record them: with no eligible region recording, the stack is reported too", async () => {
      let stack = withRegion("il-central-1", true);
      stack = withResource(stack, recorder("us-east-1"), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [ineligible("il-central-1"), noRegionRecords]);
    });

    it("reports an exempted recorder's flag in an ineligible region as an advisory note quoting the reason", async () => {
      const stack = withRegion("eu-central-2", true);
      const reason = "Zurich recorder is replaced next sprint (ticket CFG-7)";
      const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { exemptions: [{ type: "aws:cfg/recorder:Recorder", name: recorder("eu-central-2"), reason }] } });
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
        ["advisory", urnByName(stack, recorder("eu-central-2")), `exempted (reason: ${reason}): ${ineligible("eu-central-2")}`],
      ]);
    });

    it("notes, without a violation, a recorder with the flag on whose region is not known yet when no eligible region records them", async () => {
      const stack = withResource(compliantStack(), recorder("us-east-1"), { region: unknownValue.string }).map((r) =>
        r.name === recorder("us-east-1") ? { type: r.type, name: r.name, urn: r.urn, props: r.props } : r,
      );
      const { diagnostics } = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
        ["advisory", `pulumi:providers:aws "aws-us-east-1" ${control}: cannot verify AWS Config in us-east-1 during preview (some AWS Config resources have no known region yet); the update re-checks it.`],
        ["advisory", `stack ${control}: cannot verify which region records global resource types during preview (includeGlobalResourceTypes or the recorder's region is not known yet); the update re-checks it.`],
      ]);
    });
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
