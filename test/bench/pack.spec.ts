import * as assert from "assert";
import { RESOURCE_POLICY_NAMES, STACK_POLICY_NAMES, idle, packCase, runOnce } from "../../bench/pack";
import { policies } from "../../policy-pack/policies";
import { fiftyExemptions, generatedStack } from "../policy-pack/generatedStack";
import { runPack } from "../policy-pack/harness";

describe("bench: the policy pack through the policy server's own handlers", () => {
  // The generator's smallest stack (its fixed part, about 420 resources): the shape of the large ones, in a second.
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

  it("times the decoding, the Analyze calls and each stack policy apart, within the whole run", async () => {
    const run = await runOnce(packCase(policies, stack));
    assert.strictEqual(run.stackPolicies.length, STACK_POLICY_NAMES.length);
    assert.deepStrictEqual(policies.map((p) => p.name).filter((n) => !STACK_POLICY_NAMES.includes(n) && !RESOURCE_POLICY_NAMES.includes(n)), []);
    const parts = [run.decoding, run.resourcePolicies, ...run.stackPolicies];
    assert.ok(parts.every((t) => t > 0), `every part takes time: ${parts.join(", ")}`);
    assert.ok(parts.reduce((a, b) => a + b, 0) <= run.whole, "the parts are consecutive intervals of the run");
  });

  it("keeps the server's work when the policies idle: every stack policy is still handed the stack, and nothing is reported", async () => {
    const run = await runOnce(packCase(policies.map(idle), stack));
    assert.deepStrictEqual(run.diagnostics, []);
    assert.ok(run.stackPolicies.every((t) => t > 0));
  });
});
