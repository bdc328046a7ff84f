/** KMS keys as the rules see them, from DescribeKey and GetKeyRotationStatus (asked only where rotation applies). */
import type { KeyMetadata } from "@aws-sdk/client-kms";
import { known } from "../../policy-pack/domain/fact";
import type { Key, KeyOrigin } from "../../policy-pack/domain/state";
import type { KeyFacts } from "../collect/kms";
import { fromResult } from "./facts";

/** A key's metadata as a domain key (rotation not yet known): the collector asks GetKeyRotationStatus only where it applies. */
export function keyOfMetadata(region: string, arn: string, m: KeyMetadata): Key {
  const origin: KeyOrigin = m.CustomKeyStoreId && m.Origin === "AWS_KMS" ? "AWS_CLOUDHSM" : ((m.Origin ?? "AWS_KMS") as KeyOrigin);
  return {
    ref: arn, label: m.KeyId ?? arn, region: known(region), manager: m.KeyManager === "AWS" ? "AWS" : "CUSTOMER",
    state: known(m.KeyState ?? "Enabled"), spec: known(m.KeySpec ?? "SYMMETRIC_DEFAULT"), usage: known(m.KeyUsage ?? "ENCRYPT_DECRYPT"),
    origin: known(origin), rotation: known(false),
  };
}

export function keysOf(region: string, facts: readonly KeyFacts[]): Key[] {
  return facts.map((k) => {
    if (!k.metadata.ok) {
      const unknownKey = fromResult(k.metadata, () => "");
      return {
        ref: k.keyArn, label: k.keyId, region: known(region), manager: "CUSTOMER" as const,
        state: unknownKey, spec: unknownKey, usage: unknownKey, origin: unknownKey as never, rotation: unknownKey as never,
      };
    }
    return { ...keyOfMetadata(region, k.keyArn, k.metadata.value), rotation: fromResult(k.rotationEnabled) };
  });
}
