import * as assert from "assert";
import { vpcFlowLogsEnabled as policy } from "../../../policy-pack/policies/vpc-flow-logs-enabled";
import { compliantStack, urnByName, withRelations, withResource } from "../fixtures";
import { StackResourceInput, detail, runStackPolicy, unknownValue } from "../harness";

const control = "[CIS 1.2.0 2.9, Security Hub EC2.6]";
const noFlowLog = (suffix = "") =>
  `aws:ec2/vpc:Vpc "app-vpc" ${control}: the VPC has no flow log${suffix}. Fix: add an aws.ec2.FlowLog with vpcId set to this VPC's id, trafficType "ALL" and a logDestination.`;
const flowLog = "app-vpc-flow-log";

describe("policy vpc-flow-logs-enabled", () => {
  it("passes the compliant stack (a VPC with its flow log, and a flow log on a pre-existing VPC)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("reports a created VPC whose flow log is removed", async () => {
    const stack = withResource(compliantStack(), flowLog, null);
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [
      ["mandatory", urnByName(stack, "app-vpc"), noFlowLog(" (the stack's flow logs are attached to other VPCs)")],
    ]);
  });

  it("does not count a flow log on another VPC", async () => {
    const stack = withResource(compliantStack(), flowLog, { vpcId: "vpc-0other" });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [noFlowLog(" (the stack's flow logs are attached to other VPCs)")]);
  });

  it("reports a flow log without a traffic type, and one capturing only accepted traffic", async () => {
    const none = await runStackPolicy(policy, withResource(compliantStack(), flowLog, { trafficType: undefined }));
    assert.deepStrictEqual(none.diagnostics.map(detail), [
      `aws:ec2/flowLog:FlowLog "${flowLog}" ${control}: the flow log has no traffic type. Fix: set trafficType: "ALL" (or "REJECT").`,
    ]);
    const accept = await runStackPolicy(policy, withResource(compliantStack(), flowLog, { trafficType: "ACCEPT" }));
    assert.deepStrictEqual(accept.diagnostics.map(detail), [
      `aws:ec2/flowLog:FlowLog "${flowLog}" ${control}: the flow log captures only ACCEPT traffic, not rejected traffic. Fix: set trafficType: "ALL" (or "REJECT").`,
    ]);
  });

  it("reports a flow log without a destination, also on a pre-existing VPC", async () => {
    const stack = withResource(compliantStack(), "flow-logs-eu-west-1-vpc-0existing", { logDestination: undefined });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `aws:ec2/flowLog:FlowLog "flow-logs-eu-west-1-vpc-0existing" ${control}: the flow log has no destination. Fix: set logDestination (and logDestinationType) to a log group or bucket ARN.`,
    ]);
  });

  it("reports a CloudWatch Logs flow log without a role", async () => {
    const stack = withResource(compliantStack(), flowLog, { iamRoleArn: undefined });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `aws:ec2/flowLog:FlowLog "${flowLog}" ${control}: the flow log delivers to CloudWatch Logs without a role. Fix: set iamRoleArn to a role vpc-flow-logs.amazonaws.com can assume.`,
    ]);
  });

  it("uses the 1.4.0 id 3.9 and the 6.0.0 id 4.7 when configured", async () => {
    const stack = withResource(compliantStack(), flowLog, null);
    for (const [version, id] of [["1.4.0", "3.9"], ["6.0.0", "4.7"]]) {
      const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { cisVersion: version } });
      assert.match(detail(diagnostics[0]), new RegExp(`\\[CIS ${version.replace(/\./g, "\\.")} ${id.replace(".", "\\.")}, Security Hub EC2\\.6\\]`));
    }
  });

  it("ignores a resource of another type that carries a vpcId (a subnet is not a flow log)", async () => {
    const stack: StackResourceInput[] = [...withResource(compliantStack(), flowLog, null), { type: "aws:ec2/subnet:Subnet", name: "s", props: { vpcId: "vpc-0app", region: "us-east-1" } }];
    assert.strictEqual((await runStackPolicy(policy, stack)).diagnostics.length, 1);
  });

  it("is not applicable to a stack without VPCs and flow logs", async () => {
    const stack = compliantStack().filter((r) => !["aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog"].includes(r.type));
    assert.deepStrictEqual(await runStackPolicy(policy, stack), { diagnostics: [], notApplicable: ["the stack has no VPC and no flow log"] });
  });

  describe("in preview, where a created VPC's id is unknown", () => {
    const previewStack = () => {
      let stack = withResource(compliantStack(), "app-vpc", { arn: unknownValue.string });
      stack = withResource(stack, flowLog, { vpcId: unknownValue.string });
      return stack;
    };

    it("notes, without property dependencies, that it cannot verify (advisory)", async () => {
      const { diagnostics } = await runStackPolicy(policy, previewStack());
      assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    });

    it("links the flow log to its VPC through the vpcId property dependency", async () => {
      const stack = withRelations(previewStack(), flowLog, { propertyDependencies: { vpcId: [urnByName(previewStack(), "app-vpc")] } });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
    });

    it("reports the VPC when the only flow log depends on another VPC", async () => {
      const stack: StackResourceInput[] = [
        ...previewStack(),
        { type: "aws:ec2/vpc:Vpc", name: "other-vpc", props: { arn: unknownValue.string, region: "us-east-1" } },
      ];
      const linked = withRelations(stack, flowLog, { propertyDependencies: { vpcId: [urnByName(stack, "other-vpc")] } });
      const { diagnostics } = await runStackPolicy(policy, linked);
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [["mandatory", noFlowLog(" (the stack's flow logs are attached to other VPCs)")]]);
    });

    it("notes an unknown traffic type as advisory", async () => {
      const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), flowLog, { trafficType: unknownValue.string }));
      assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    });
  });

  it("reports an exempted VPC as an advisory note", async () => {
    const stack = withResource(compliantStack(), flowLog, null);
    const config = { [policy.name]: { exemptions: [{ type: "aws:ec2/vpc:Vpc", name: "app-vpc", reason: "isolated test VPC without ENIs" }] } };
    const { diagnostics } = await runStackPolicy(policy, stack, config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `exempted (reason: isolated test VPC without ENIs): ${noFlowLog(" (the stack's flow logs are attached to other VPCs)")}`],
    ]);
  });

  it("points out an exemption that matches no resource of the stack (a typo or a removed resource)", async () => {
    const config = { [policy.name]: { exemptions: [{ type: "aws:ec2/vpc:Vpc", name: "app-vcp", reason: "isolated test VPC without ENIs" }] } };
    const { diagnostics } = await runStackPolicy(policy, compliantStack(), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
      [
        "advisory",
        undefined,
        `stack ${control}: the exemption of aws:ec2/vpc:Vpc "app-vcp" matches no resource of this stack (reason given: isolated test VPC without ENIs); fix its type and name or urn, or remove it.`,
      ],
    ]);
  });

  it("points out an exemption of a compliant VPC as not needed", async () => {
    const config = { [policy.name]: { exemptions: [{ urn: urnByName(compliantStack(), "app-vpc"), reason: "isolated test VPC without ENIs" }] } };
    const { diagnostics } = await runStackPolicy(policy, compliantStack(), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `aws:ec2/vpc:Vpc "app-vpc" ${control}: exemption not needed, the resource complies (reason given: isolated test VPC without ENIs).`],
    ]);
  });
});
