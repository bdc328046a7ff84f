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

  const provider = (region: string) => `pulumi:providers:aws "aws-${region}" ${control}: region ${region}`;
  const noRecorder = "no configuration recorder; no delivery channel. Fix: cover the region with RegionalConfig (config keys regions, excludeRegions, awsConfig.adopt); add an aws.cfg.DeliveryChannel.";

  it("reports a region whose recorder and channel are removed, against that region's provider", async () => {
    const stack = compliantStack().filter((r) => !r.name.startsWith(`config-${other}-`));
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [
      ["mandatory", urnOf("pulumi:providers:aws", `aws-${other}`), `${provider(other)}: ${noRecorder}`],
    ]);
  });

  it("covers a region only known from a resource's region output (shared-provider mode) and reports it against the stack", async () => {
    const stack: StackResourceInput[] = [
      ...compliantStack(),
      { type: "aws:ec2/flowLog:FlowLog", name: "fl-ap", props: { vpcId: "vpc-0ap", trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::b", region: "ap-southeast-2" } },
    ];
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.urn, detail(d)]), [[undefined, `stack ${control}: region ap-southeast-2: ${noRecorder}`]]);
  });

  it("reports a region's recorder against its recorder when the region has no explicit provider (shared-provider mode)", async () => {
    const stack = withResource(compliantStack(), recorder(other), { recordingGroup: { allSupported: false } }).map((r) =>
      r.name.startsWith(`config-${other}-`) ? { ...r, provider: { name: "aws-shared", region: "us-east-1" } } : r,
    ).filter((r) => r.name !== `aws-${other}`);
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.urn, detail(d)]), [
      [urnByName(stack, recorder(other)), `aws:cfg/recorder:Recorder "${recorder(other)}" ${control}: region ${other}: the recorder does not record all supported resource types. Fix: set recordingGroup.allSupported: true.`],
    ]);
  });

  it("reports a recorder that does not record all supported types", async () => {
    const stack = withResource(compliantStack(), recorder(other), { recordingGroup: { allSupported: false, includeGlobalResourceTypes: false } });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `${provider(other)}: the recorder does not record all supported resource types. Fix: set recordingGroup.allSupported: true.`,
    ]);
  });

  it("accepts a recorder without recordingGroup or allSupported (S26: the provider default is all supported types)", async () => {
    assert.deepStrictEqual((await runStackPolicy(policy, withResource(compliantStack(), recorder(other), { recordingGroup: undefined }))).diagnostics, []);
    assert.deepStrictEqual((await runStackPolicy(policy, withResource(compliantStack(), recorder(other), { recordingGroup: { includeGlobalResourceTypes: false } }))).diagnostics, []);
  });

  const notRecording = "the recorder is not recording. Fix: add an aws.cfg.RecorderStatus with isEnabled: true.";

  it("reports a stopped recorder status", async () => {
    const stack = withResource(compliantStack(), `config-${other}-status`, { isEnabled: false });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [`${provider(other)}: ${notRecording}`]);
  });

  it("reports a recorder without a status, and does not count a status of another region or of another recorder name", async () => {
    for (const patch of [{ region: "us-east-1" }, { name: "other-recorder" }]) {
      const stack = withResource(compliantStack(), `config-${other}-status`, patch);
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [`${provider(other)}: ${notRecording}`], JSON.stringify(patch));
    }
  });

  it("reports a region without a delivery channel", async () => {
    const stack = withResource(compliantStack(), `config-${other}-channel`, null);
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [`${provider(other)}: no delivery channel. Fix: add an aws.cfg.DeliveryChannel.`]);
  });

  it("reports a delivery channel without an SNS topic, saying the project is stricter than the checkers there (S24)", async () => {
    const stack = withResource(compliantStack(), `config-${other}-channel`, { snsTopicArn: undefined });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `${provider(other)}: the delivery channel has no SNS topic (stricter than Security Hub and Prowler; CIS 1.2.0 sets one up). Fix: set the delivery channel's snsTopicArn (CIS 1.2.0 asks for SNS notifications).`,
    ]);
  });

  describe("global resource types (IAM)", () => {
    const rule =
      '("These resource types cannot be recorded in Regions supported by AWS Config after February 2022", https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html#select-resources-all)';
    const ineligible = (region: string) =>
      `pulumi:providers:aws "aws-${region}" ${control}: region ${region}: the recorder includes the global IAM types, which AWS Config cannot record in ${region} (a region it reached after February 2022) ${rule}. ` +
      "Fix: record global IAM types in a region where AWS Config existed before February 2022 (awsConfig.globalResourceTypesRegion).";
    const noRegionRecords =
      `stack ${control}: no region records the global IAM resource types. ` +
      "Fix: set awsConfig.globalResourceTypesRegion (recordingGroup.includeGlobalResourceTypes on a working recorder).";
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

    it("reports, as mandatory and against its region's provider, each region launched after February 2022 whose recorder has the flag on, naming the region and AWS's rule", async () => {
      for (const region of ["ap-south-2", "ap-southeast-4", "ca-west-1", "eu-central-2", "eu-south-2", "il-central-1", "me-central-1", "mx-central-1"]) {
        const stack = withRegion(region, true);
        const { diagnostics } = await runStackPolicy(policy, stack);
        assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [["mandatory", urnByName(stack, `aws-${region}`), ineligible(region)]], region);
      }
    });

    it("accepts a region launched after February 2022 whose recorder leaves the flag off, and a GovCloud region that records them", async () => {
      assert.deepStrictEqual((await runStackPolicy(policy, withRegion("me-central-1", false))).diagnostics, []);
      assert.deepStrictEqual((await runStackPolicy(policy, withRegion("us-gov-west-1", true))).diagnostics, []);
    });

    it("does not count a flag in a region that cannot record them: with no eligible region recording, the stack is reported too", async () => {
      let stack = withRegion("il-central-1", true);
      stack = withResource(stack, recorder("us-east-1"), { recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
        ineligible("il-central-1"),
        `stack ${control}: the global IAM resource types are recorded only in il-central-1, whose recorder is not working. Fix: set awsConfig.globalResourceTypesRegion (recordingGroup.includeGlobalResourceTypes on a working recorder).`,
      ]);
    });

    it("counts the global types only from a working recorder (S21): a stopped one in the home region leaves the account without them", async () => {
      const stack = withResource(compliantStack(), "config-us-east-1-status", { isEnabled: false });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
        `${"pulumi:providers:aws \"aws-us-east-1\""} ${control}: region us-east-1: the recorder is not recording. Fix: add an aws.cfg.RecorderStatus with isEnabled: true.`,
        `stack ${control}: the global IAM resource types are recorded only in us-east-1, whose recorder is not working. Fix: set awsConfig.globalResourceTypesRegion (recordingGroup.includeGlobalResourceTypes on a working recorder).`,
      ]);
    });

    it("reports an exempted region's flag in an ineligible region as an advisory note quoting the reason", async () => {
      const stack = withRegion("eu-central-2", true);
      const reason = "Zurich recorder is replaced next sprint (ticket CFG-7)";
      const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { exemptions: [{ type: "pulumi:providers:aws", name: "aws-eu-central-2", reason }] } });
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
        ["advisory", urnByName(stack, "aws-eu-central-2"), `exempted (reason: ${reason}): ${ineligible("eu-central-2")}`],
      ]);
    });

    it("notes, without a violation, a recorder with the flag on whose region is not known yet when no eligible region records them", async () => {
      const stack = withResource(compliantStack(), recorder("us-east-1"), { region: unknownValue.string }).map((r) =>
        r.name === recorder("us-east-1") ? { type: r.type, name: r.name, urn: r.urn, props: r.props } : r,
      );
      const { diagnostics } = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
        [
          "advisory",
          `pulumi:providers:aws "aws-us-east-1" ${control}: cannot verify AWS Config for region us-east-1 during preview (the region of Recorder "${recorder("us-east-1")}": string value at .region can't be known during preview); the update re-checks it.`,
        ],
        ["advisory", `stack ${control}: cannot verify AWS Config during preview (which region records the global IAM resource types is not known); the update re-checks it.`],
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
    assert.strictEqual(detail(diagnostics[0]), `${provider(other)}: no configuration recorder. Fix: cover the region with RegionalConfig (config keys regions, excludeRegions, awsConfig.adopt).`);
  });

  it("says nothing about a stack without regional resources (no region in scope: not applicable)", async () => {
    const outcome = await runStackPolicy(policy, [{ type: "aws:iam/role:Role", name: "r", props: { arn: "arn:aws:iam::1:role/r" } }]);
    assert.deepStrictEqual(outcome, { diagnostics: [], notApplicable: [] });
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

  it("exempts a region by config:<region> (resource), the audit's name for it, and points the exemption out as not needed once the region complies", async () => {
    const reason = "Config is run by Control Tower in eu-west-1";
    const config = { [policy.name]: { exemptions: [{ resource: `config:${other}`, reason }] } };
    const withoutConfig = compliantStack().filter((r) => !r.name.startsWith(`config-${other}-`));
    const { diagnostics } = await runStackPolicy(policy, withoutConfig, config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn]), [["advisory", urnByName(withoutConfig, `aws-${other}`)]]);
    assert.match(diagnostics[0].message, /^exempted \(reason: Config is run by Control Tower in eu-west-1\): pulumi:providers:aws "aws-eu-west-1"/);
    const compliant = await runStackPolicy(policy, compliantStack(), config);
    assert.deepStrictEqual(compliant.diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `pulumi:providers:aws "aws-${other}" [CIS 1.2.0 2.5, Security Hub Config.1]: exemption not needed, region ${other} complies (reason given: ${reason}).`],
    ]);
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
