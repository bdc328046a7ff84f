/**
 * The whole pack against the program in each continuous-coverage mode (issue 10 item 5, 6): the stack the program
 * registers under the mocks passes with no mandatory violation and no word from the continuous-coverage policies, in
 * every sample region and in a first preview; removing or weakening one mechanism trips exactly the policy that
 * enforces it (and vpc-flow-logs-enabled where the VPCs lose the mechanism that creates their flow logs).
 */
import * as assert from "assert";
import { policies } from "../../policy-pack/policies";
import { runProgram } from "../programHarness";
import { change, editDocument, programStack, urnOfName, without } from "./continuousFixture";
import { Diagnostic, StackResourceInput, mandatory, runPack } from "./harness";
import { packInputs } from "./packInputs";

const continuous = (d: Diagnostic) => d.policy.startsWith("continuous-coverage-");

async function pack(stack: readonly StackResourceInput[]): Promise<Diagnostic[]> {
  return runPack(policies, [], stack);
}

const tripped = (diagnostics: readonly Diagnostic[]) => [...new Set(mandatory(diagnostics).map((d) => d.policy))].sort();

describe("policy pack against the program's continuous-coverage resources (mocks)", () => {
  for (const mode of ["telemetryRule", "configRemediation"] as const) {
    it(`passes ${mode} in every region of the sample account: no mandatory violation, nothing from the continuous-coverage policies`, async () => {
      const run = await runProgram({ continuousCoverage: mode });
      assert.ok(run.outputs.regions.length >= 17, "the sample account's regions are covered (the test would prove little otherwise)");
      const { inputs, outputs } = packInputs(run.resources);
      const diagnostics = await runPack(policies, inputs, outputs);
      assert.deepStrictEqual(mandatory(diagnostics), []);
      assert.deepStrictEqual(diagnostics.filter(continuous), []);
    });

    it(`reports no mandatory violation in a first preview of ${mode}, where ARNs and policy documents are unknown`, async () => {
      const diagnostics = await pack(await programStack(mode, true));
      assert.deepStrictEqual(mandatory(diagnostics), []);
      assert.ok(diagnostics.filter(continuous).every((d) => d.enforcementLevel === "advisory" && /cannot verify during preview/.test(d.message)));
    });

    it(`trips only continuous-coverage-rules-present when a region loses a detection rule (${mode})`, async () => {
      const stack = change(await programStack(mode), "detection-eu-central-1-cloud-trail-encryption-enabled", null);
      const diagnostics = await pack(stack);
      assert.deepStrictEqual(tripped(diagnostics), ["continuous-coverage-rules-present"]);
      assert.deepStrictEqual(mandatory(diagnostics).map((d) => d.urn), [urnOfName(stack, "flow-logs-eu-central-1")]);
      assert.match(mandatory(diagnostics)[0].message, /eu-central-1 lacks the AWS Config managed rule cloud-trail-encryption-enabled/);
    });

    it(`trips only continuous-coverage-remediation-automatic when key rotation is no longer remediated automatically (${mode})`, async () => {
      const diagnostics = await pack(change(await programStack(mode), "remediation-ap-northeast-1-key-rotation-remediation", { automatic: false }));
      assert.deepStrictEqual(tripped(diagnostics), ["continuous-coverage-remediation-automatic"]);
    });

    it(`trips only continuous-coverage-automation-role-least-privilege when the key-rotation role's trust loses its conditions (${mode})`, async () => {
      const stack = editDocument(await programStack(mode), "remediation-ap-northeast-1-key-rotation-role", "assumeRolePolicy", (doc) => {
        delete doc.Statement[0].Condition;
      });
      assert.deepStrictEqual(tripped(await pack(stack)), ["continuous-coverage-automation-role-least-privilege"]);
    });
  }

  it("trips continuous-coverage-remediation-automatic and vpc-flow-logs-enabled when a region's flow-log remediation is gone (configRemediation)", async () => {
    const diagnostics = await pack(change(await programStack("configRemediation"), "remediation-eu-central-1-flow-logs-remediation", null));
    assert.deepStrictEqual(tripped(diagnostics), ["continuous-coverage-remediation-automatic", "vpc-flow-logs-enabled"]);
  });

  it("trips continuous-coverage-rules-present for every rule of a region whose rules are all gone (configRemediation)", async () => {
    const stack = without(await programStack("configRemediation"), (r) => r.type === "aws:cfg/rule:Rule" && r.name.includes("eu-central-1"));
    const diagnostics = await pack(stack);
    assert.deepStrictEqual(mandatory(diagnostics).filter((d) => d.policy === "continuous-coverage-rules-present").length, 8);
  });

  it("passes the S3 destination of configRemediation (its flow-log role reads the bucket, not log groups)", async () => {
    assert.deepStrictEqual(mandatory(await pack(await programStack("configRemediation-s3"))), []);
  });
});
