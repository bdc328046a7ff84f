import * as assert from "assert";
import { computed, known, notVisible, unknown } from "../../../policy-pack/domain/fact";
import type { AccountState } from "../../../policy-pack/domain/state";
import { fromStack } from "../../../policy-pack/fromStack";
import { StackResourceInput, stackResources, unknownValue, urnOf } from "../harness";

const vpcType = "aws:ec2/vpc:Vpc";
const componentType = "cis-logging:network:RegionalFlowLogs";
const at = (region: string) => ({ name: `aws-${region}`, region });
const vpc = (name: string, id: unknown, region = "us-east-1"): StackResourceInput => ({ type: vpcType, name, props: { id, arn: `arn:aws:ec2:${region}:123456789012:vpc/x` }, provider: at(region) });
const flowLog = (name: string, props: Record<string, unknown>, extra: Partial<StackResourceInput> = {}): StackResourceInput =>
  ({ type: "aws:ec2/flowLog:FlowLog", name, props: { trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::logs", ...props }, provider: at("us-east-1"), ...extra });
const component = (props: Record<string, unknown>, name = "flow-logs-eu-west-1"): StackResourceInput =>
  ({ type: componentType, name, props: { region: "eu-west-1", discoveredVpcIds: [], sharedVpcIds: [], ...props } });
const state = (resources: StackResourceInput[]): AccountState => fromStack(stackResources(resources)).state;
const logsOf = (s: AccountState, key: string) => (s.flowLogsByVpc.get(key) ?? []).map((f) => f.ref);

describe("fromStack/network.ts", () => {
  it("keys a VPC the stack creates by region and id (its id output, else its ARN's tail), owned by the stack's account", () => {
    const s = state([vpc("app", "vpc-1"), { type: vpcType, name: "from-arn", props: { arn: "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-2" }, provider: at("eu-west-1") }]);
    assert.deepStrictEqual(s.vpcs.map((v) => [v.key, v.ownerAccount]), [["us-east-1/vpc-1", known("123456789012")], ["eu-west-1/vpc-2", known("123456789012")]]);
  });

  it("places a flow log on a VPC by its vpcId in its own region, or by the engine's vpcId dependency while the id is unknown", () => {
    const s = state([vpc("app", "vpc-1"), vpc("new", unknownValue.string), flowLog("by-value", { vpcId: "vpc-1" }),
      flowLog("by-dependency", { vpcId: unknownValue.string }, { propertyDependencies: { vpcId: [urnOf(vpcType, "new")] } })]);
    assert.deepStrictEqual(logsOf(s, "us-east-1/vpc-1"), ["by-value"]);
    assert.deepStrictEqual(logsOf(s, urnOf(vpcType, "new")), ["by-dependency"]);
  });

  it("does not place a flow log of another region, or of another VPC, on the VPC", () => {
    const elsewhere = flowLog("elsewhere", { vpcId: "vpc-1", region: "eu-west-1" });
    const s = state([vpc("app", "vpc-1"), elsewhere, flowLog("other", { vpcId: "vpc-9" })]);
    assert.deepStrictEqual(logsOf(s, "us-east-1/vpc-1"), []);
    assert.deepStrictEqual(logsOf(s, "eu-west-1/vpc-1"), ["elsewhere"]);
  });

  it("leaves a flow log of unknown vpcId and no dependency unplaced in its region, and in every region when its region is unknown too", () => {
    const s = state([vpc("app", "vpc-1"), flowLog("pending", { vpcId: unknownValue.string })]);
    assert.deepStrictEqual([...s.unplacedFlowLogs], [["us-east-1", 'which VPC FlowLog "pending" is on: string value at .vpcId can\'t be known during preview']]);
    const anywhere = state([vpc("app", "vpc-1"), vpc("eu", "vpc-2", "eu-west-1"), flowLog("lost", { vpcId: unknownValue.string, region: unknownValue.string }, { provider: undefined })]);
    assert.deepStrictEqual([...anywhere.unplacedFlowLogs.keys()].sort(), ["eu-west-1", "us-east-1"]);
  });

  it("maps the VPCs a RegionalFlowLogs component publishes: discovered ones owned by the account, shared ones by another account (also when listed as both)", () => {
    const s = state([component({ discoveredVpcIds: ["vpc-b", "vpc-a", "vpc-s"], sharedVpcIds: ["vpc-s"] })]);
    assert.deepStrictEqual(s.vpcs.map((v) => [v.key, v.ownerAccount.kind === "known" ? v.ownerAccount.value : v.ownerAccount.kind]), [
      ["eu-west-1/vpc-a", "(this account)"], ["eu-west-1/vpc-b", "(this account)"], ["eu-west-1/vpc-s", "another account"],
    ]);
    const { subjects } = fromStack(stackResources([component({ discoveredVpcIds: ["vpc-a"] })]));
    assert.deepStrictEqual(subjects.get(`${urnOf(componentType, "flow-logs-eu-west-1")}#vpc-a`)?.about, "VPC vpc-a in eu-west-1");
  });

  it("stands in one VPC of unknown owner for a component whose outputs are unknown, and one not visible for a component without them", () => {
    const pending = state([component({ sharedVpcIds: unknownValue.array })]);
    assert.deepStrictEqual(pending.vpcs.map((v) => v.ownerAccount), [unknown("Array value at .sharedVpcIds can't be known during preview")]);
    const older = state([component({ region: undefined, discoveredVpcIds: undefined })]);
    assert.deepStrictEqual(older.vpcs.map((v) => v.ownerAccount), [notVisible("it publishes no region output; npm run audit checks its VPCs")]);
    const noShared = state([component({ discoveredVpcIds: ["vpc-a"], sharedVpcIds: undefined })]);
    assert.deepStrictEqual(noShared.vpcs.map((v) => v.key), ["eu-west-1/vpc-a"], "a component without sharedVpcIds knows no shared VPC");
  });

  it("reads a flow log's settings with the provider defaults; an unknown destination or role counts as set", () => {
    const s = state([vpc("app", "vpc-1"), flowLog("f", { vpcId: "vpc-1", trafficType: undefined, logDestinationType: undefined, logDestination: unknownValue.string, iamRoleArn: undefined })]);
    const [f] = s.flowLogsByVpc.get("us-east-1/vpc-1") ?? [];
    assert.deepStrictEqual([f.trafficType, f.destinationType, f.destination, f.roleArn, f.active.kind], [known("no"), known("cloud-watch-logs"), computed("another resource's output"), known(null), "notVisible"]);
  });

  it("names a flow log by its logical name, or by its URN when two flow logs share that name", () => {
    const twin = (parent: string) => flowLog("fl", { vpcId: "vpc-1" }, { urn: urnOf("aws:ec2/flowLog:FlowLog", "fl", [parent]) });
    assert.deepStrictEqual(logsOf(state([vpc("app", "vpc-1"), flowLog("fl", { vpcId: "vpc-1" })]), "us-east-1/vpc-1"), ["fl"]);
    assert.deepStrictEqual(logsOf(state([vpc("app", "vpc-1"), twin("a:b:A"), twin("a:b:B")]), "us-east-1/vpc-1"),
      [urnOf("aws:ec2/flowLog:FlowLog", "fl", ["a:b:A"]), urnOf("aws:ec2/flowLog:FlowLog", "fl", ["a:b:B"])]);
  });

  it("ignores a flow log on a subnet or ENI (no vpcId): not a VPC-level flow log", () => {
    const s = state([vpc("app", "vpc-1"), flowLog("subnet-log", { subnetId: "subnet-1" })]);
    assert.deepStrictEqual([...s.flowLogsByVpc.keys(), ...s.unplacedFlowLogs.keys()], []);
  });
});
