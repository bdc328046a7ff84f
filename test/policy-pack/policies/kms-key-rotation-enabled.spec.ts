import * as assert from "assert";
import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { kmsKeyRotationEnabled as policy } from "../../../policy-pack/policies/kms-key-rotation-enabled";
import { key, keyInputs, patched, trail } from "../fixtures";
import { detail, runRemediation, runResourcePolicy, unknownValue, urnOf } from "../harness";

const violation =
  'aws:kms/key:Key "baseline-key" [CIS 1.2.0 2.8, Security Hub KMS.4]: automatic key rotation is off. Fix: set enableKeyRotation: true.';

describe("policy kms-key-rotation-enabled", () => {
  it("passes a symmetric key with rotation on", async () => {
    assert.deepStrictEqual(await runResourcePolicy(policy, key()), { diagnostics: [], notApplicable: [] });
  });

  it("reports one mandatory violation when enableKeyRotation is false", async () => {
    const { diagnostics } = await runResourcePolicy(policy, key(patched(keyInputs, { enableKeyRotation: false })));
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [["mandatory", urnOf("aws:kms/key:Key", "baseline-key"), violation]]);
  });

  it("reports a violation when enableKeyRotation is absent (the default is off)", async () => {
    const { diagnostics } = await runResourcePolicy(policy, key(patched(keyInputs, { enableKeyRotation: undefined })));
    assert.deepStrictEqual(diagnostics.map(detail), [violation]);
  });

  it("reports an explicit SYMMETRIC_DEFAULT ENCRYPT_DECRYPT key without rotation", async () => {
    const props = patched(keyInputs, { enableKeyRotation: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" });
    assert.deepStrictEqual((await runResourcePolicy(policy, key(props))).diagnostics.map(detail), [violation]);
  });

  for (const [what, patch, reason] of [
    ["an asymmetric signing key", { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" }, "its key spec is ECC_NIST_P256 (automatic rotation applies to enabled symmetric encryption keys)"],
    ["an RSA encryption key", { customerMasterKeySpec: "RSA_2048" }, "its key spec is RSA_2048 (automatic rotation applies to enabled symmetric encryption keys)"],
    ["an HMAC key", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }, "its key spec is HMAC_256 (automatic rotation applies to enabled symmetric encryption keys)"],
    ["a key in a custom key store", { customKeyStoreId: "cks-1234567890abcdef0" }, "the key has a custom key store, which KMS cannot rotate automatically; Prowler kms_cmk_rotation_enabled reports this key as FAIL; mute it there (a custom key store cannot be rotated automatically)"],
    ["a disabled key", { isEnabled: false }, "its key state is Disabled (automatic rotation applies to enabled symmetric encryption keys)"],
  ] as const) {
    it(`is not applicable to ${what}`, async () => {
      const outcome = await runResourcePolicy(policy, key(patched(keyInputs, { enableKeyRotation: false, ...patch })));
      assert.deepStrictEqual(outcome, { diagnostics: [], notApplicable: [reason] });
    });
  }

  it("is not applicable to a resource of another type (aws.cloudtrail.Trail)", async () => {
    assert.deepStrictEqual((await runResourcePolicy(policy, trail())).notApplicable, [
      "Policy only applies to resources of type 'aws:kms/key:Key', 'aws:kms/externalKey:ExternalKey', 'aws:kms/replicaKey:ReplicaKey', 'aws:kms/replicaExternalKey:ReplicaExternalKey'",
    ]);
  });

  it("throws the engine's not-applicable error without capturing stack frames, and leaves Error.stackTraceLimit as it was", () => {
    // The suite captures no frames (test/setup/stackTraces.ts); a server process does.
    const suiteLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 10;
    let thrown: Error | undefined;
    // The server's throwNotApplicable: a new Error subclass carrying the reason (server.js NotApplicableError).
    const notApplicable = (reason?: string): never => {
      throw new Error(reason);
    };
    const args = { type: "aws:cloudtrail/trail:Trail", notApplicable } as unknown as ResourceValidationArgs;
    let limitAfter: number;
    try {
      try {
        void (policy.validateResource as (a: ResourceValidationArgs, r: ReportViolation) => void)(args, () => undefined);
      } catch (error) {
        thrown = error as Error;
      }
      limitAfter = Error.stackTraceLimit;
    } finally {
      Error.stackTraceLimit = suiteLimit;
    }
    assert.ok(thrown, "a resource of another type must be reported as not applicable");
    assert.match(thrown.message, /^Policy only applies to resources of type 'aws:kms\/key:Key'/);
    assert.doesNotMatch(thrown.stack ?? "", /\n\s+at /, "no stack frame is captured for an error whose reason alone is read");
    assert.strictEqual(limitAfter, 10);
  });

  it("is not applicable to an aws.kms.ExternalKey (imported key material cannot rotate), and says that Prowler fails it (S31)", async () => {
    const outcome = await runResourcePolicy(policy, { type: "aws:kms/externalKey:ExternalKey", name: "imported", props: { description: "BYOK", region: "us-east-1" } });
    assert.deepStrictEqual(outcome, {
      diagnostics: [],
      notApplicable: [
        "the key has imported key material, which KMS cannot rotate automatically; Prowler kms_cmk_rotation_enabled reports this key as FAIL; mute it there (imported key material cannot be rotated automatically)",
      ],
    });
  });

  it("judges a replica key by the rotation it shares with its primary, and leaves one whose primary it cannot see to the primary's own check", async () => {
    const replica = (props: Record<string, unknown>) => ({ type: "aws:kms/replicaKey:ReplicaKey", name: "replica", props: { primaryKeyArn: "arn:aws:kms:us-east-1:123456789012:key/mrk-1", ...props } });
    assert.deepStrictEqual((await runResourcePolicy(policy, replica({}))).diagnostics, []);
    const { diagnostics } = await runResourcePolicy(policy, replica({ keyRotationEnabled: false }));
    assert.deepStrictEqual(diagnostics.map(detail), [violation.replace('aws:kms/key:Key "baseline-key"', 'aws:kms/replicaKey:ReplicaKey "replica"')]);
  });

  it("reports an unknown enableKeyRotation as an advisory note", async () => {
    const { diagnostics } = await runResourcePolicy(policy, key(patched(keyInputs, { enableKeyRotation: unknownValue.boolean })));
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /: cannot verify key rotation during preview \(boolean value at \.enableKeyRotation can't be known during preview\); the update re-checks it\.$/);
  });

  it("reports an unknown key spec as an advisory note, since applicability cannot be decided", async () => {
    const { diagnostics } = await runResourcePolicy(policy, key(patched(keyInputs, { enableKeyRotation: false, customerMasterKeySpec: unknownValue.string })));
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /: cannot verify key rotation during preview \(string value at \.customerMasterKeySpec can't be known during preview\)/);
  });

  it("reports an exempted key as an advisory note and a compliant exempted key as an unneeded exemption", async () => {
    const exemptions = [{ type: "aws:kms/key:Key", name: "baseline-key", reason: "rotated by the HSM runbook" }];
    const violating = await runResourcePolicy(policy, key(patched(keyInputs, { enableKeyRotation: false })), { [policy.name]: { exemptions } });
    assert.deepStrictEqual(violating.diagnostics.map((d) => [d.enforcementLevel, d.message]), [["advisory", `exempted (reason: rotated by the HSM runbook): ${violation}`]]);
    const compliant = await runResourcePolicy(policy, key(), { [policy.name]: { exemptions } });
    assert.deepStrictEqual(compliant.diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", 'aws:kms/key:Key "baseline-key" [CIS 1.2.0 2.8, Security Hub KMS.4]: exemption not needed, the resource complies (reason given: rotated by the HSM runbook).'],
    ]);
  });

  it("does not match an exemption of another key with the same type but another name", async () => {
    const config = { [policy.name]: { exemptions: [{ type: "aws:kms/key:Key", name: "baseline-key-2", reason: "rotated by the HSM runbook" }] } };
    const { diagnostics } = await runResourcePolicy(policy, key(patched(keyInputs, { enableKeyRotation: false })), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [["mandatory", violation]]);
  });

  describe("remediation", () => {
    const remediate = { [policy.name]: { enforcementLevel: "remediate" as const } };

    it("turns rotation on for a symmetric key", async () => {
      const props = patched(keyInputs, { enableKeyRotation: false });
      assert.deepStrictEqual((await runRemediation(policy, key(props), remediate)).props, { ...props, enableKeyRotation: true });
    });

    it("leaves an asymmetric key alone (AWS cannot rotate it)", async () => {
      const props = patched(keyInputs, { enableKeyRotation: false, customerMasterKeySpec: "RSA_4096", keyUsage: "SIGN_VERIFY" });
      assert.deepStrictEqual(await runRemediation(policy, key(props), remediate), {});
    });

    it("leaves a key with an unknown spec alone", async () => {
      const props = patched(keyInputs, { enableKeyRotation: false, customerMasterKeySpec: unknownValue.string });
      assert.deepStrictEqual(await runRemediation(policy, key(props), remediate), {});
    });

    it("reports violations at level remediate as mandatory (the server downgrades remediate)", async () => {
      const { diagnostics } = await runResourcePolicy(policy, key(patched(keyInputs, { enableKeyRotation: false })), remediate);
      assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["mandatory"]);
    });
  });
});
