import * as assert from "assert";
import { known, notVisible } from "../../../policy-pack/domain/fact";
import type { Key } from "../../../policy-pack/domain/state";
import { fromStack } from "../../../policy-pack/fromStack";
import { StackResourceInput, stackResources, unknownValue, urnOf } from "../harness";

const keyType = "aws:kms/key:Key";
const primaryArn = "arn:aws:kms:us-east-1:123456789012:key/mrk-1";
const keysOf = (resources: StackResourceInput[]): readonly Key[] => fromStack(stackResources(resources)).state.keys;
const one = (type: string, props: Record<string, unknown>): Key => keysOf([{ type, name: "k", props: { region: "us-east-1", ...props } }])[0];
const facts = (k: Key) => [k.state, k.spec, k.usage, k.origin, k.rotation];

describe("fromStack/keys.ts", () => {
  it("applies the aws.kms.Key provider defaults: enabled, SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT, key material from KMS, no rotation", () => {
    assert.deepStrictEqual(facts(one(keyType, {})), [known("Enabled"), known("SYMMETRIC_DEFAULT"), known("ENCRYPT_DECRYPT"), known("AWS_KMS"), known(false)]);
  });

  it("reads a disabled key, a CloudHSM and an external key store, and an unknown spec", () => {
    assert.deepStrictEqual(one(keyType, { isEnabled: false }).state, known("Disabled"));
    assert.deepStrictEqual(one(keyType, { customKeyStoreId: "cks-1" }).origin, known("AWS_CLOUDHSM"));
    assert.deepStrictEqual(one(keyType, { xksKeyId: "xks-1" }).origin, known("EXTERNAL_KEY_STORE"));
    assert.strictEqual(one(keyType, { customerMasterKeySpec: unknownValue.string }).spec.kind, "unknown");
  });

  it("gives an aws.kms.ExternalKey imported key material (origin EXTERNAL, S31), its keySpec and enabled", () => {
    const k = one("aws:kms/externalKey:ExternalKey", { enabled: false, keySpec: "RSA_2048" });
    assert.deepStrictEqual([k.origin, k.state, k.spec, k.rotation], [known("EXTERNAL"), known("Disabled"), known("RSA_2048"), known(false)]);
  });

  it("gives a replica its primary's rotation, spec, usage and origin when the stack holds the primary, by ARN or by dependency", () => {
    const primary: StackResourceInput = { type: keyType, name: "primary", props: { arn: primaryArn, enableKeyRotation: false, multiRegion: true, region: "us-east-1" } };
    const byArn = keysOf([primary, { type: "aws:kms/replicaKey:ReplicaKey", name: "replica", props: { primaryKeyArn: primaryArn, region: "eu-west-1" } }])[1];
    assert.deepStrictEqual(facts(byArn), [known("Enabled"), known("SYMMETRIC_DEFAULT"), known("ENCRYPT_DECRYPT"), known("AWS_KMS"), known(false)]);
    const byDependency = keysOf([{ ...primary, props: { ...primary.props, arn: unknownValue.string } }, {
      type: "aws:kms/replicaKey:ReplicaKey", name: "replica", props: { primaryKeyArn: unknownValue.string, region: "eu-west-1" },
      propertyDependencies: { primaryKeyArn: [urnOf(keyType, "primary")] },
    }])[1];
    assert.deepStrictEqual(byDependency.rotation, known(false));
  });

  it("prefers a replica's own keyRotationEnabled output, and cannot see a primary outside the stack", () => {
    const own = one("aws:kms/replicaKey:ReplicaKey", { primaryKeyArn: primaryArn, keyRotationEnabled: true, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" });
    assert.deepStrictEqual(own.rotation, known(true));
    const orphan = one("aws:kms/replicaKey:ReplicaKey", { primaryKeyArn: primaryArn });
    assert.deepStrictEqual(orphan.rotation, notVisible("a replica key shares it with its primary key, which is not in this stack"));
    assert.deepStrictEqual(one("aws:kms/replicaExternalKey:ReplicaExternalKey", { primaryKeyArn: primaryArn }).origin, known("EXTERNAL"));
  });
});
