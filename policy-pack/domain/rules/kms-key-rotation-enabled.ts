/**
 * CIS 1.2.0 2.8 / Security Hub KMS.4: automatic rotation on every enabled, customer-managed, symmetric encryption key
 * with key material from AWS KMS. AWS-managed keys rotate themselves; asymmetric, HMAC, disabled and pending keys
 * cannot be rotated: not applicable. Imported key material and custom key stores cannot be rotated automatically
 * either, but Prowler's kms_cmk_rotation_enabled reports them as FAIL: not applicable, with a note naming the key.
 */
import type { Key } from "../state";
import { Note, Ref, Verdict, expect, setAside, undecided, verdictOf } from "../verdict";
import type { Rule } from "./rule";

const keyRef = (key: Key): Ref => ({
  kind: "key", ref: key.ref, label: `key ${key.label}`, ...(key.region.kind === "known" ? { region: key.region.value } : {}),
});

/** Whether rotation applies to a key: undefined when it does, else why not (and a checker note where one differs). */
export function rotationNotApplicable(key: Key): { reason: string; notes: Note[] } | "unknown" | undefined {
  if (key.manager === "AWS") {
    return { reason: "an AWS managed key (AWS rotates it every year)", notes: [] };
  }
  for (const [fact, wanted, what] of [[key.spec, "SYMMETRIC_DEFAULT", "key spec"], [key.usage, "ENCRYPT_DECRYPT", "key usage"], [key.state, "Enabled", "key state"]] as const) {
    if (fact.kind === "unknown") {
      return "unknown";
    }
    if (fact.kind === "known" && fact.value !== wanted) {
      return { reason: `its ${what} is ${fact.value} (automatic rotation applies to enabled symmetric encryption keys)`, notes: [] };
    }
  }
  if (key.origin.kind === "unknown") {
    return "unknown";
  }
  if (key.origin.kind === "known" && key.origin.value !== "AWS_KMS") {
    const what = key.origin.value === "EXTERNAL" ? "imported key material" : "a custom key store";
    return {
      reason: `the key has ${what}, which KMS cannot rotate automatically`,
      notes: [{ basis: "prowler", text: `Prowler kms_cmk_rotation_enabled reports this key as FAIL; mute it there (${what} cannot be rotated automatically)` }],
    };
  }
  return undefined;
}

export function judgeKeyRotation(key: Key): Verdict {
  const policy = "kms-key-rotation-enabled";
  const applicability = rotationNotApplicable(key);
  if (applicability === "unknown") {
    const why = [key.spec, key.usage, key.state, key.origin].find((f) => f.kind === "unknown");
    return verdictOf(policy, keyRef(key), [undecided(why && why.kind === "unknown" ? why.why : "the key's type is not known")]);
  }
  if (applicability) {
    return setAside(policy, keyRef(key), "notApplicable", applicability.reason, applicability.notes);
  }
  return verdictOf(policy, keyRef(key), [expect(key.rotation, (v) => v, "key.rotation", "automatic key rotation is off")]);
}

export const kmsKeyRotationEnabled: Rule = {
  policy: "kms-key-rotation-enabled",
  evaluate(state) {
    const unread = [...state.keyListingUnknown].map(([region, why]) =>
      verdictOf("kms-key-rotation-enabled", { kind: "region", ref: `kms:${region}`, label: `keys of ${region}`, region }, [undecided(why)]));
    return [...unread, ...state.keys.map(judgeKeyRotation)];
  },
};
