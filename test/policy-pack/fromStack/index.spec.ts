import * as assert from "assert";
import { fromStack } from "../../../policy-pack/fromStack";
import { account, compliantStack, urnByName, withResource } from "../fixtures";
import { StackResourceInput, stackResources, unknownValue } from "../harness";

const provider = (region: string): StackResourceInput => ({ type: "pulumi:providers:aws", name: `aws-${region}`, props: { region } });
const withArn = (name: string, arn: string): StackResourceInput => ({ type: "aws:iam/role:Role", name, props: { arn } });

describe("fromStack/index.ts", () => {
  it("scopes the regions the stack covers: its providers' and its AWS resources' regions, sorted; a component's own props do not count", () => {
    const { state } = fromStack(stackResources([
      provider("eu-west-1"),
      { type: "aws:sns/topic:Topic", name: "t", props: { region: "ap-southeast-2" } },
      { type: "aws:sns/topic:Topic", name: "via-provider", props: { region: unknownValue.string }, provider: { name: "aws-ca-central-1", region: "ca-central-1" } },
      { type: "cis-logging:network:RegionalFlowLogs", name: "c", props: { region: "sa-east-1" } },
    ]));
    assert.deepStrictEqual(state.scope, { regions: ["ap-southeast-2", "ca-central-1", "eu-west-1"], origin: "stack" });
  });

  it("takes the account and partition from the stack's own ARN outputs (the most frequent), ignoring unknown ones", () => {
    const { state } = fromStack(stackResources([
      withArn("a", "arn:aws-us-gov:iam::111122223333:role/a"), withArn("b", "arn:aws-us-gov:iam::111122223333:role/b"),
      withArn("c", "arn:aws:iam::444455556666:role/c"), withArn("d", unknownValue.string),
    ]));
    assert.deepStrictEqual([state.accountId, state.partition], ["111122223333", "aws-us-gov"]);
  });

  it("falls back, in a first preview without known ARNs, to the regions' partition and to \"(this account)\"", () => {
    assert.deepStrictEqual([fromStack(stackResources([provider("us-gov-west-1")])).state.partition, fromStack(stackResources([provider("eu-west-1")])).state.partition], ["aws-us-gov", "aws"]);
    assert.strictEqual(fromStack(stackResources([provider("eu-west-1")])).state.accountId, "(this account)");
  });

  it("gives each subject the cloud identities the audit reports it by, where the stack knows them", () => {
    const stack = compliantStack();
    const { subjects } = fromStack(stackResources(stack));
    const identities = (ref: string) => subjects.get(ref)?.identities;
    assert.deepStrictEqual(identities(urnByName(stack, "baseline-trail-bucket")), ["arn:aws:s3:::baseline-trail-bucket-0123456", "baseline-trail-bucket-0123456"]);
    assert.deepStrictEqual(identities(urnByName(stack, "app-vpc")), ["vpc-0app"]);
    assert.deepStrictEqual(identities(`${urnByName(stack, "flow-logs-eu-west-1")}#vpc-0existing`), ["vpc-0existing"]);
    assert.deepStrictEqual(identities(urnByName(stack, "baseline-trail")), [`arn:aws:cloudtrail:us-east-1:${account}:trail/baseline-trail`]);
    assert.deepStrictEqual(identities(urnByName(stack, "baseline-key")), [`arn:aws:kms:us-east-1:${account}:key/baseline-key-id`, "baseline-key-id"]);
    assert.deepStrictEqual(identities("config:eu-west-1"), ["config:eu-west-1"]);
    assert.deepStrictEqual(subjects.get(`account:${account}`), { identities: [`account:${account}`] });
  });

  it("gives no identity where the stack does not know it yet: a VPC being created, a trail ARN computed by this update, the account in a first preview", () => {
    const stack = withResource(withResource(compliantStack(), "app-vpc", { arn: unknownValue.string }), "baseline-trail", { arn: unknownValue.string });
    const { subjects } = fromStack(stackResources(stack));
    assert.strictEqual(subjects.get(urnByName(stack, "app-vpc"))?.identities, undefined);
    assert.strictEqual(subjects.get(urnByName(stack, "baseline-trail"))?.identities, undefined);
    const firstPreview = fromStack(stackResources([provider("eu-west-1")]));
    assert.strictEqual(firstPreview.state.accountId, "(this account)");
    assert.strictEqual(firstPreview.subjects.of({ kind: "account", ref: `account:${firstPreview.state.accountId}`, label: "account" }), undefined, "no account:<id> without a known account id");
  });

  it("maps a part of the state on its first read: a policy reading trails never reads a flow log (most of a large stack)", () => {
    const resources = stackResources([
      provider("eu-west-1"),
      { type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: "b", region: "eu-west-1" } },
      { type: "aws:ec2/flowLog:FlowLog", name: "fl", props: { vpcId: "vpc-1", trafficType: "ALL", region: "eu-west-1" } },
    ]);
    let reads = 0;
    const flowLog = resources[2];
    const counting = new Proxy(flowLog.props, {
      get: (target, key) => { reads += 1; return Reflect.get(target, key) as unknown; },
      getOwnPropertyDescriptor: (target, key) => { reads += 1; return Reflect.getOwnPropertyDescriptor(target, key); },
    });
    resources[2] = { ...flowLog, props: counting };
    const { state, subjects } = fromStack(resources);
    assert.deepStrictEqual([state.trails.map((t) => t.name), subjects.of({ kind: "trail", ref: resources[1].urn, label: "trail t" })?.resource?.name], [["t"], "t"]);
    assert.strictEqual(reads, 0);
    assert.deepStrictEqual([...state.flowLogsByVpc.keys()], ["eu-west-1/vpc-1"]);
    assert.ok(reads > 0);
  });

  it("maps a resources array once: stack policies handed the same array share the state", () => {
    const resources = stackResources([provider("eu-west-1")]);
    assert.strictEqual(fromStack(resources), fromStack(resources));
  });
});
