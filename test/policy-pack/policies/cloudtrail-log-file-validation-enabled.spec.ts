import * as assert from "assert";
import { cloudtrailLogFileValidationEnabled as policy } from "../../../policy-pack/policies/cloudtrail-log-file-validation-enabled";
import { key, patched, trail, trailInputs } from "../fixtures";
import { detail, runRemediation, runResourcePolicy, unknownValue, urnOf } from "../harness";

const trailUrn = urnOf("aws:cloudtrail/trail:Trail", "baseline-trail");
const violation =
  'aws:cloudtrail/trail:Trail "baseline-trail" [CIS 1.2.0 2.2, Security Hub CloudTrail.4]: log file validation is off. Fix: set enableLogFileValidation: true.';

describe("policy cloudtrail-log-file-validation-enabled", () => {
  it("passes a trail with enableLogFileValidation true", async () => {
    const outcome = await runResourcePolicy(policy, trail());
    assert.deepStrictEqual(outcome, { diagnostics: [], notApplicable: [] });
  });

  it("reports one mandatory violation naming the trail, CIS id and property when enableLogFileValidation is false", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { enableLogFileValidation: false })));
    assert.strictEqual(diagnostics.length, 1);
    assert.strictEqual(diagnostics[0].enforcementLevel, "mandatory");
    assert.strictEqual(diagnostics[0].urn, trailUrn);
    assert.strictEqual(detail(diagnostics[0]), violation);
  });

  it("reports a violation when enableLogFileValidation is absent (the provider default is false)", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { enableLogFileValidation: undefined })));
    assert.deepStrictEqual(diagnostics.map(detail), [violation]);
  });

  it("uses the control id of the configured CIS version", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { enableLogFileValidation: false })), {
      [policy.name]: { cisVersion: "6.0.0" },
    });
    assert.deepStrictEqual(diagnostics.map(detail), [violation.replace("CIS 1.2.0 2.2", "CIS 6.0.0 4.2")]);
  });

  it("is not applicable to a resource of another type (aws.kms.Key)", async () => {
    const outcome = await runResourcePolicy(policy, key());
    assert.deepStrictEqual(outcome, { diagnostics: [], notApplicable: ["Policy only applies to resources of type 'aws:cloudtrail/trail:Trail'"] });
  });

  it("reports an unknown enableLogFileValidation as an advisory note, not a violation", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { enableLogFileValidation: unknownValue.boolean })));
    assert.strictEqual(diagnostics.length, 1);
    assert.strictEqual(diagnostics[0].enforcementLevel, "advisory");
    assert.strictEqual(
      diagnostics[0].message,
      'aws:cloudtrail/trail:Trail "baseline-trail" [CIS 1.2.0 2.2, Security Hub CloudTrail.4]: cannot verify log file validation during preview (boolean value at .enableLogFileValidation can\'t be known during preview); the update re-checks it.',
    );
  });

  it("ignores unknown values of other properties (kmsKeyId, eventSelectors)", async () => {
    const outcome = await runResourcePolicy(policy, trail(patched(trailInputs, { kmsKeyId: unknownValue.string, eventSelectors: unknownValue.array })));
    assert.deepStrictEqual(outcome.diagnostics, []);
  });

  it("reports an exempted trail as an advisory note quoting the reason", async () => {
    const config = { [policy.name]: { exemptions: [{ type: "aws:cloudtrail/trail:Trail", name: "baseline-trail", reason: "legacy trail, replaced in Q1" }] } };
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { enableLogFileValidation: false })), config);
    assert.deepStrictEqual(diagnostics, [
      { policy: policy.name, enforcementLevel: "advisory", urn: trailUrn, message: `exempted (reason: legacy trail, replaced in Q1): ${violation}` },
    ]);
  });

  describe("remediation", () => {
    it("turns enableLogFileValidation on at level remediate, keeping every other input (unknowns included)", async () => {
      const props = patched(trailInputs, { enableLogFileValidation: false, kmsKeyId: unknownValue.string });
      const result = await runRemediation(policy, trail(props), { [policy.name]: { enforcementLevel: "remediate" } });
      assert.deepStrictEqual(result.props, { ...props, enableLogFileValidation: true });
    });

    it("leaves a compliant trail unchanged", async () => {
      const result = await runRemediation(policy, trail(), { [policy.name]: { enforcementLevel: "remediate" } });
      assert.deepStrictEqual(result, {});
    });

    it("does not remediate an exempted trail", async () => {
      const config = {
        [policy.name]: { enforcementLevel: "remediate" as const, exemptions: [{ urn: trailUrn, reason: "validation handled by the org trail" }] },
      };
      const result = await runRemediation(policy, trail(patched(trailInputs, { enableLogFileValidation: false })), config);
      assert.deepStrictEqual(result, {});
    });

    it("does not run at the default mandatory level", async () => {
      const result = await runRemediation(policy, trail(patched(trailInputs, { enableLogFileValidation: false })));
      assert.deepStrictEqual(result, {});
    });
  });
});
