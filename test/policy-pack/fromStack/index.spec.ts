import * as assert from "assert";
import { fromStack } from "../../../policy-pack/fromStack";
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

  it("maps a resources array once: stack policies handed the same array share the state", () => {
    const resources = stackResources([provider("eu-west-1")]);
    assert.strictEqual(fromStack(resources), fromStack(resources));
  });
});
