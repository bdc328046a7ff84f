/**
 * KMS facts of one region: every key with its metadata and, for keys where rotation applies, its rotation
 * status. A failure on one key (a key policy that denies the auditor, typically) stays on that key.
 */
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KeyMetadata, KMSClient, paginateListKeys } from "@aws-sdk/client-kms";
import { mapLimit } from "../concurrency";
import { Result, attempt } from "../types";

export interface KeyFacts {
  readonly keyId: string;
  readonly keyArn: string;
  readonly metadata: Result<KeyMetadata>;
  /** Asked only when rotation applies to the key (see rotationApplies). */
  readonly rotationEnabled?: Result<boolean>;
}

/**
 * Whether CIS key rotation applies: an enabled customer-managed symmetric encryption key with AWS_KMS key
 * material outside a custom key store. AWS-managed keys rotate on their own (KeyManager AWS); asymmetric and
 * HMAC keys, imported material (EXTERNAL) and custom key stores cannot use automatic rotation.
 */
export function rotationApplies(m: KeyMetadata): boolean {
  return (
    m.KeyManager === "CUSTOMER" &&
    m.KeyState === "Enabled" &&
    (m.KeySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT" &&
    (m.KeyUsage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT" &&
    m.Origin === "AWS_KMS" &&
    !m.CustomKeyStoreId
  );
}

export async function collectKeys(client: KMSClient, region: string): Promise<KeyFacts[]> {
  const keys: { keyId: string; keyArn: string }[] = [];
  for await (const page of paginateListKeys({ client }, {})) {
    for (const k of page.Keys ?? []) {
      if (!k.KeyId || !k.KeyArn) {
        throw new Error("ListKeys returned a key without KeyId or KeyArn");
      }
      keys.push({ keyId: k.KeyId, keyArn: k.KeyArn });
    }
  }
  keys.sort((a, b) => a.keyArn.localeCompare(b.keyArn));
  return mapLimit(keys, 5, async (k) => {
    const metadata = await attempt("kms:DescribeKey", region, async () => {
      const m = (await client.send(new DescribeKeyCommand({ KeyId: k.keyId }))).KeyMetadata;
      if (!m) {
        throw new Error(`DescribeKey for ${k.keyArn} returned no KeyMetadata`);
      }
      return m;
    });
    if (!metadata.ok || !rotationApplies(metadata.value)) {
      return { ...k, metadata };
    }
    const rotationEnabled = await attempt("kms:GetKeyRotationStatus", region, async () => {
      const r = await client.send(new GetKeyRotationStatusCommand({ KeyId: k.keyId }));
      if (typeof r.KeyRotationEnabled !== "boolean") {
        throw new Error(`GetKeyRotationStatus for ${k.keyArn} returned no KeyRotationEnabled`);
      }
      return r.KeyRotationEnabled;
    });
    return { ...k, metadata, rotationEnabled };
  });
}
