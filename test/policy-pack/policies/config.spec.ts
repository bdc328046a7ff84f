import * as assert from "assert";
import { cisVersions } from "../../../policy-pack/controls";
import { cloudtrailLogFileValidationEnabled } from "../../../policy-pack/policies/cloudtrail-log-file-validation-enabled";
import { Exemption, ExemptionIndex, PolicyConfigError, configSchema, identityAliases, readConfig } from "../../../policy-pack/policies/config";
import { vpcFlowLogsEnabled } from "../../../policy-pack/policies/vpc-flow-logs-enabled";
import { compliantStack, trail } from "../fixtures";
import { runResourcePolicy, runStackPolicy } from "../harness";

const name = "kms-key-rotation-enabled";

describe("policy-pack config (policies/config.ts)", () => {
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

    it("accepts an exemption by resource, the cloud identity both the pack and the audit match", () => {
      assert.deepStrictEqual(readConfig(name, { exemptions: [{ resource: "vpc-0a1b2c3d", reason: "  build sandbox without ENIs " }] }).exemptions, [
        { resource: "vpc-0a1b2c3d", reason: "build sandbox without ENIs" },
      ]);
    });

    it("rejects an exemption that matches in two ways, naming the entry and both ways", () => {
      assert.throws(() => readConfig(name, { exemptions: [{ urn: "urn:x", reason: "a written reason" }, { resource: "vpc-1", type: "aws:ec2/vpc:Vpc", name: "v", reason: "a written reason" }] }), {
        message: "policy-pack config for 'kms-key-rotation-enabled': exemptions[1] must match in one way only, by urn, by type and name, or by resource (it gives type and name and resource)",
      });
      assert.throws(() => readConfig(name, { exemptions: [{ resource: "vpc-1", urn: "urn:x", reason: "a written reason" }] }), /exemptions\[0\] must match in one way only, .*\(it gives urn and resource\)$/);
    });

    it("rejects an exemption that matches in no way, or by an empty or patterned resource", () => {
      assert.throws(() => readConfig(name, { exemptions: [{ reason: "a written reason" }] }), {
        message: "policy-pack config for 'kms-key-rotation-enabled': exemptions[0] must match by urn, by both type and name, or by resource",
      });
      assert.throws(() => readConfig(name, { exemptions: [{ resource: "", reason: "a written reason" }] }), /exemptions\[0\]\.resource must be a non-empty string$/);
      assert.throws(() => readConfig(name, { exemptions: [{ resource: "vpc-*", reason: "a written reason" }] }), {
        message: 'policy-pack config for \'kms-key-rotation-enabled\': exemptions[0].resource must name one resource exactly; patterns such as "vpc-*" are not supported',
      });
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

    it("offers resource beside urn and type and name, and says where the pack can match it", () => {
      const exemptions = configSchema.properties.exemptions as { items: { properties: Record<string, { type: string; minLength: number; description: string }> } };
      assert.deepStrictEqual(Object.keys(exemptions.items.properties), ["type", "name", "urn", "resource", "reason", "owner", "expires"]);
      const resource = exemptions.items.properties.resource;
      assert.deepStrictEqual([resource.type, resource.minLength], ["string", 1]);
      assert.match(resource.description, /The pack matches it where the stack knows the identity of what a policy judges: a trail bucket's name or ARN, a VPC id/);
      assert.match(resource.description, /never in the per-trail and per-key resource policies/);
    });
  });

  describe("exemption matching (ExemptionIndex)", () => {
    const subject = { type: "aws:s3/bucket:Bucket", name: "access-logs", urn: "urn:pulumi:test::p::aws:s3/bucket:Bucket::access-logs" };
    const exemptionFor = (exemptions: Exemption[], resource: typeof subject) => new ExemptionIndex(exemptions).for(resource);

    it("matches by exact URN, or by exact type and name", () => {
      assert.ok(exemptionFor([{ urn: subject.urn, reason: "r".repeat(10) }], subject));
      assert.ok(exemptionFor([{ type: subject.type, name: subject.name, reason: "r".repeat(10) }], subject));
    });

    it("takes the first of two exemptions of the same resource, as the config lists them", () => {
      const first = { urn: subject.urn, reason: "first written reason" };
      assert.strictEqual(exemptionFor([first, { urn: subject.urn, reason: "second written reason" }], subject), first);
    });

    it("lists the exemptions that match none of the resources, in config order", () => {
      const reason = "r".repeat(10);
      const typo = { type: subject.type, name: "acess-logs", reason };
      const gone = { urn: `${subject.urn}-old`, reason };
      const index = new ExemptionIndex([typo, { urn: subject.urn, reason }, gone]);
      assert.deepStrictEqual(index.unmatched([subject], []), [typo, gone]);
    });

    it("matches by cloud identity, trying each alias of the resource in turn", () => {
      const byName = { resource: "trail-logs-111122223333", reason: "r".repeat(10) };
      const index = new ExemptionIndex([byName]);
      assert.strictEqual(index.forIdentity(["arn:aws:s3:::trail-logs-111122223333", "trail-logs-111122223333"]), byName);
      assert.strictEqual(index.forIdentity(["arn:aws:s3:::trail-logs-1111222233334"]), undefined);
      assert.strictEqual(index.forIdentity(undefined), undefined);
      assert.strictEqual(index.for(subject), undefined, "a resource exemption never matches by URN, type or name");
    });

    it("lists a resource exemption as unmatched unless one of the identities names it, duplicates counting as matched", () => {
      const reason = "r".repeat(10);
      const vpc = { resource: "vpc-0a", reason };
      const again = { resource: "vpc-0a", reason: "second written reason" };
      const gone = { resource: "vpc-0gone", reason };
      const index = new ExemptionIndex([vpc, gone, again]);
      assert.deepStrictEqual(index.unmatched([subject], ["config:eu-west-1", "vpc-0a"]), [gone]);
      assert.strictEqual(index.indexedAs(again), vpc);
    });

    it("names a bucket ARN also by the bucket name and a key ARN also by the key id; nothing else gets an alias", () => {
      assert.deepStrictEqual(identityAliases("arn:aws:s3:::trail-logs"), ["arn:aws:s3:::trail-logs", "trail-logs"]);
      assert.deepStrictEqual(identityAliases("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/0a1b-2c"), ["arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/0a1b-2c", "0a1b-2c"]);
      for (const identity of ["vpc-0a1b", "config:eu-west-1", "account:111122223333", "arn:aws:cloudtrail:us-east-1:111122223333:trail/baseline", "arn:aws:s3:::bucket/prefix"]) {
        assert.deepStrictEqual(identityAliases(identity), [identity]);
      }
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
});
