import * as assert from "assert";
import { cloudtrailKmsEncryptionEnabled as policy } from "../../../policy-pack/policies/cloudtrail-kms-encryption-enabled";
import { key, patched, trail, trailInputs } from "../fixtures";
import { detail, runResourcePolicy, unknownValue, urnOf } from "../harness";

const violation =
  'aws:cloudtrail/trail:Trail "baseline-trail" [CIS 1.2.0 2.7, Security Hub CloudTrail.2]: its log files are not encrypted with a KMS key (SSE-KMS). Fix: set kmsKeyId to a customer-managed key.';

describe("policy cloudtrail-kms-encryption-enabled", () => {
  it("passes a trail with a kmsKeyId", async () => {
    assert.deepStrictEqual(await runResourcePolicy(policy, trail()), { diagnostics: [], notApplicable: [] });
  });

  it("reports one mandatory violation when kmsKeyId is absent", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { kmsKeyId: undefined })));
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]),
      [["mandatory", urnOf("aws:cloudtrail/trail:Trail", "baseline-trail"), violation]],
    );
  });

  it("reports a violation when kmsKeyId is an empty string", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { kmsKeyId: "" })));
    assert.deepStrictEqual(diagnostics.map(detail), [violation]);
  });

  it("uses the 3.0.0 control id when configured", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { kmsKeyId: undefined })), { [policy.name]: { cisVersion: "3.0.0" } });
    assert.deepStrictEqual(diagnostics.map(detail), [violation.replace("CIS 1.2.0 2.7", "CIS 3.0.0 3.5")]);
  });

  it("is not applicable to an aws.kms.Key", async () => {
    const outcome = await runResourcePolicy(policy, key());
    assert.deepStrictEqual(outcome.notApplicable, ["Policy only applies to resources of type 'aws:cloudtrail/trail:Trail'"]);
    assert.deepStrictEqual(outcome.diagnostics, []);
  });

  it("treats an unknown kmsKeyId (a key created in the same update) as set: no violation, no note", async () => {
    const outcome = await runResourcePolicy(policy, trail(patched(trailInputs, { kmsKeyId: unknownValue.string })));
    assert.deepStrictEqual(outcome.diagnostics, []);
  });

  it("reports an exempted trail without a key as an advisory note", async () => {
    const config = { [policy.name]: { exemptions: [{ type: "aws:cloudtrail/trail:Trail", name: "baseline-trail", reason: "bucket SSE-KMS covers the objects" }] } };
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { kmsKeyId: undefined })), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `exempted (reason: bucket SSE-KMS covers the objects): ${violation}`],
    ]);
  });

  it("offers no remediation (choosing a key is not a local change)", () => {
    assert.strictEqual("remediateResource" in policy, false);
  });
});
