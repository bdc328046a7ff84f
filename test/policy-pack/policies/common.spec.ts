import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { cisVersions } from "../../../policy-pack/controls";
import { policies } from "../../../policy-pack/policies";
import { cloudtrailLogFileValidationEnabled } from "../../../policy-pack/policies/cloudtrail-log-file-validation-enabled";
import { vpcFlowLogsEnabled } from "../../../policy-pack/policies/vpc-flow-logs-enabled";
import {
  PolicyConfigError,
  configSchema,
  controlReference,
  exemptionFor,
  known,
  rawCopy,
  readConfig,
} from "../../../policy-pack/policies/common";
import { compliantStack, patched, trail, trailInputs, withResource } from "../fixtures";
import { runResourcePolicy, runStackPolicy, unknownValue } from "../harness";

const name = "kms-key-rotation-enabled";

describe("policy-pack common", () => {
  describe("readConfig", () => {
    it("applies the defaults when nothing is configured (getConfig returns {})", () => {
      assert.deepStrictEqual(readConfig(name, {}), { cisVersion: "1.2.0", exemptions: [] });
    });

    it("accepts every catalog version", () => {
      for (const version of cisVersions) {
        assert.strictEqual(readConfig(name, { cisVersion: version }).cisVersion, version);
      }
    });

    it("rejects a CIS version the catalog does not know, naming the allowed ones", () => {
      assert.throws(() => readConfig(name, { cisVersion: "2.0.0" }), {
        name: "PolicyConfigError",
        message: "policy-pack config for 'kms-key-rotation-enabled': cisVersion '2.0.0' is not one of 1.2.0, 1.4.0, 3.0.0, 5.0.0, 6.0.0, 7.0.0",
      });
    });

    it("rejects an exemption without a reason", () => {
      assert.throws(() => readConfig(name, { exemptions: [{ type: "aws:kms/key:Key", name: "k" }] }), {
        message: "policy-pack config for 'kms-key-rotation-enabled': exemptions[0] needs a written reason of at least 10 characters (got null)",
      });
    });

    it("rejects a reason shorter than 10 characters, even padded with spaces", () => {
      assert.throws(() => readConfig(name, { exemptions: [{ urn: "urn:x", reason: "   ok     " }] }), {
        message: 'policy-pack config for \'kms-key-rotation-enabled\': exemptions[0] needs a written reason of at least 10 characters (got "   ok     ")',
      });
    });

    it("rejects an exemption that matches by type alone, by name alone, or by both urn and name", () => {
      for (const entry of [{ type: "aws:kms/key:Key" }, { name: "k" }, { urn: "urn:x", name: "k" }]) {
        assert.throws(() => readConfig(name, { exemptions: [{ ...entry, reason: "a written reason" }] }), PolicyConfigError);
      }
    });

    it("rejects unknown keys (a pattern field would otherwise be silently ignored)", () => {
      assert.throws(() => readConfig(name, { exemptions: [{ namePattern: ".*", urn: "u", reason: "a written reason" }] }), {
        message: "policy-pack config for 'kms-key-rotation-enabled': exemptions[0] has unknown keys namePattern",
      });
    });

    it("makes the policy fail loudly (not pass) when its config is invalid", async () => {
      await assert.rejects(
        runResourcePolicy(cloudtrailLogFileValidationEnabled, trail(), { [cloudtrailLogFileValidationEnabled.name]: { exemptions: [{ urn: "u" }] } }),
        PolicyConfigError,
      );
      await assert.rejects(runStackPolicy(vpcFlowLogsEnabled, compliantStack(), { [vpcFlowLogsEnabled.name]: { cisVersion: 7 } }), PolicyConfigError);
    });
  });

  describe("config schema (what the CLI validates a --policy-pack-config file against)", () => {
    it("requires a reason of at least 10 characters on each exemption and offers the catalog versions", () => {
      const exemptions = configSchema.properties.exemptions as { items: { required: string[]; properties: { reason: { minLength: number } }; additionalProperties: boolean } };
      assert.deepStrictEqual(exemptions.items.required, ["reason"]);
      assert.strictEqual(exemptions.items.properties.reason.minLength, 10);
      assert.strictEqual(exemptions.items.additionalProperties, false);
      assert.deepStrictEqual((configSchema.properties.cisVersion as { enum: string[] }).enum, [...cisVersions]);
    });
  });

  describe("exemption matching", () => {
    const subject = { type: "aws:s3/bucket:Bucket", name: "access-logs", urn: "urn:pulumi:test::p::aws:s3/bucket:Bucket::access-logs" };

    it("matches by exact URN, or by exact type and name", () => {
      assert.ok(exemptionFor([{ urn: subject.urn, reason: "r".repeat(10) }], subject));
      assert.ok(exemptionFor([{ type: subject.type, name: subject.name, reason: "r".repeat(10) }], subject));
    });

    it("does not match a prefix, a pattern, another type or another name", () => {
      const reason = "r".repeat(10);
      for (const e of [
        { urn: subject.urn.slice(0, -1), reason },
        { type: subject.type, name: "access-log.*", reason },
        { type: "aws:s3/bucketV2:BucketV2", name: subject.name, reason },
        { type: subject.type, name: "access-logs-2", reason },
      ]) {
        assert.strictEqual(exemptionFor([e], subject), undefined, JSON.stringify(e));
      }
    });
  });

  describe("control references", () => {
    it("names the id in the selected version and the Security Hub control", () => {
      assert.strictEqual(controlReference("vpc-flow-logs-enabled", "1.2.0"), "CIS 1.2.0 2.9, Security Hub EC2.6");
      assert.strictEqual(controlReference("vpc-flow-logs-enabled", "1.4.0"), "CIS 1.4.0 3.9, Security Hub EC2.6");
      assert.strictEqual(controlReference("vpc-flow-logs-enabled", "5.0.0"), "CIS 5.0.0 3.7, Security Hub EC2.6");
      assert.strictEqual(controlReference("vpc-flow-logs-enabled", "7.0.0"), "CIS 7.0.0 4.7, Security Hub EC2.6");
    });

    it("says when the selected version lacks the control and where it is", () => {
      assert.strictEqual(controlReference("cloudtrail-s3-data-events-read-enabled", "1.2.0"), "not in CIS 1.2.0; CIS 1.4.0 3.11, Security Hub S3.23");
      assert.strictEqual(controlReference("cloudtrail-bucket-not-public", "6.0.0"), "not in CIS 6.0.0; CIS 1.2.0 2.3, Security Hub CloudTrail.6");
    });
  });

  describe("unknown values", () => {
    it("known() turns the SDK's UnknownValueError into {known: false} and rethrows anything else", () => {
      const props = unknownCheckingProxy({ a: unknownValue.string, b: "x" });
      assert.deepStrictEqual(known(() => props.a), { known: false, detail: "string value at .a can't be known during preview" });
      assert.deepStrictEqual(known(() => props.b), { known: true, value: "x" });
      assert.throws(() => known(() => { throw new TypeError("boom"); }), TypeError);
    });

    it("recognises an UnknownValueError thrown by another copy of @pulumi/policy (the pack's own node_modules)", () => {
      class UnknownValueError extends Error {}
      assert.deepStrictEqual(known(() => { throw new UnknownValueError("string value at .x can't be known during preview"); }), {
        known: false,
        detail: "string value at .x can't be known during preview",
      });
      class OtherError extends Error {}
      assert.throws(() => known(() => { throw new OtherError("boom"); }), OtherError);
    });

    it("rawCopy copies proxied props without reading unknowns through the proxy", () => {
      const raw = { a: unknownValue.boolean, nested: { b: unknownValue.string } };
      assert.deepStrictEqual(rawCopy(unknownCheckingProxy(raw)), raw);
    });

    it("no policy crashes or reports a mandatory violation on a trail whose every input is unknown", async () => {
      const allUnknown = Object.fromEntries(Object.keys(trailInputs).map((k) => [k, unknownValue.string]));
      for (const policy of policies) {
        const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, allUnknown)));
        assert.deepStrictEqual(diagnostics.filter((d) => d.enforcementLevel === "mandatory"), [], policy.name);
      }
    });

    it("no policy reports a mandatory violation on the compliant stack with every output of the trail unknown", async () => {
      const allUnknown = Object.fromEntries(Object.keys(trailInputs).map((k) => [k, unknownValue.string]));
      const stack = withResource(compliantStack(), "baseline-trail", allUnknown);
      for (const policy of policies) {
        const { diagnostics } = await runStackPolicy(policy, stack);
        assert.deepStrictEqual(diagnostics.filter((d) => d.enforcementLevel === "mandatory"), [], policy.name);
      }
    });
  });
});
