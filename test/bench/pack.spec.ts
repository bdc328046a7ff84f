import * as assert from "assert";
import type * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { STACK_POLICY_NAMES, idle, packCase, runOnce } from "../../bench/pack";
import { policies } from "../../policy-pack/policies";
import { PACK, analyzeStackRequest, call, server } from "../policy-pack/engineRequests";
import { fiftyExemptions, generatedStack } from "../policy-pack/generatedStack";
import { isStackPolicy, runPack } from "../policy-pack/harness";

describe("bench: the policy pack through the policy server's own handlers", () => {
  // The generator's smallest stack (its fixed part, 220 resources): the shape of the large ones, in a second.
  const stack = generatedStack(0, { preview: true });

  it("gives the diagnostics the unit harness gives on the same stack, so every policy ran with its exemptions", async () => {
    const exemptions = fiftyExemptions(stack);
    const config = Object.fromEntries(policies.map((p) => [p.name, { exemptions }]));
    const expected = await runPack(policies, stack.map(({ type, name, urn, props, provider }) => ({ type, name, urn, props, provider })), stack, config);
    const run = await runOnce(packCase(policies, stack));
    const key = (d: { policy: string; urn?: string; enforcementLevel: string; message: string }) => `${d.policy} ${d.urn ?? ""} ${d.enforcementLevel} ${d.message}`;
    assert.ok(expected.filter((d) => d.message.includes("exemption")).length >= 50, "the exemptions must produce notes, or the comparison proves nothing about config");
    assert.deepStrictEqual(run.diagnostics.map(key).sort(), expected.map(key).sort());
  });

  it("skips exactly the stack policies the server skips for the pack as it is, busy or idle, and times each stack policy", async () => {
    const request = analyzeStackRequest(stack);
    const skippedByServer: string[] = [];
    for (const policy of policies.filter(isStackPolicy)) {
      const response = await call<analyzerproto.AnalyzeResponse>(server.makeAnalyzeStackRpcFun(...PACK, [policy]), request);
      skippedByServer.push(...response.getNotApplicableList().map((n) => n.getPolicyName()));
    }
    // The generated stack runs continuousCoverage off: no AWS Config rule, no remediation configuration.
    assert.deepStrictEqual(skippedByServer, ["continuous-coverage-remediation-automatic", "continuous-coverage-automation-role-least-privilege"]);
    const busy = await runOnce(packCase(policies, stack));
    const quiet = await runOnce(packCase(policies.map(idle), stack));
    assert.deepStrictEqual(busy.notApplicable, skippedByServer);
    assert.deepStrictEqual(quiet.notApplicable, skippedByServer);
    assert.deepStrictEqual(quiet.diagnostics, []);
    assert.strictEqual(busy.stackPolicies.length, STACK_POLICY_NAMES.length);
  });
});
