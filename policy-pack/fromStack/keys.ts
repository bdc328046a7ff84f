/**
 * KMS keys → domain Key. aws.kms.Key: provider defaults keyUsage ENCRYPT_DECRYPT, customerMasterKeySpec
 * SYMMETRIC_DEFAULT, isEnabled true, enableKeyRotation false; customKeyStoreId means a CloudHSM key store, xksKeyId
 * an external one. aws.kms.ExternalKey holds imported key material (origin EXTERNAL), which KMS cannot rotate.
 * aws.kms.ReplicaKey / ReplicaExternalKey: "A primary key and its replica keys ... have the same key spec, key usage,
 * key material origin, and automatic key rotation status" (KMS API ReplicateKey), so a replica takes them from its
 * `keyRotationEnabled`/`keySpec`/`keyUsage` outputs, else from its primary when the primary is in the stack.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Fact, known, mapFact, notVisible } from "../domain/fact";
import type { Key, KeyOrigin } from "../domain/state";
import { factOf, flagFact, propFact } from "./known";
import { ResourceIndex, TYPES, identityMap } from "./resourceIndex";

/** A key as either side of the engine hands it: outputs (stack) or inputs (resource policy). */
export interface KeySource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly region: Fact<string>;
}

export const KEY_TYPES: readonly string[] = [TYPES.key, TYPES.externalKey, TYPES.replicaKey, TYPES.replicaExternalKey];

const text = (props: KeySource["props"], key: string, defaultValue: string): Fact<string> =>
  mapFact(propFact(props, key), (value) => (typeof value === "string" && value.length > 0 ? value : defaultValue));

function originOf(source: KeySource): Fact<KeyOrigin> {
  if (source.type === TYPES.externalKey || source.type === TYPES.replicaExternalKey) {
    return known("EXTERNAL");
  }
  return factOf((): KeyOrigin => {
    if (typeof source.props.xksKeyId === "string" && source.props.xksKeyId.length > 0) {
      return "EXTERNAL_KEY_STORE";
    }
    return typeof source.props.customKeyStoreId === "string" && source.props.customKeyStoreId.length > 0 ? "AWS_CLOUDHSM" : "AWS_KMS";
  });
}

const NOT_IN_STACK = "a replica key shares it with its primary key, which is not in this stack";

/** A replica's shared property: its own output when known, else its primary's, else not visible here. */
function shared<T>(own: Fact<unknown>, isValue: (v: unknown) => v is T, fromPrimary: Fact<T> | undefined): Fact<T> {
  if (own.kind === "known" && isValue(own.value)) {
    return known(own.value);
  }
  return fromPrimary ?? (own.kind === "unknown" ? own : notVisible(NOT_IN_STACK));
}
const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";

/**
 * One key. `primary` is a replica's primary key when the stack holds it; without it a replica's shared properties
 * (rotation, spec, usage) are not visible here and the primary's own check decides them.
 */
export function keyOf(source: KeySource, primary?: Key): Key {
  const { props, type } = source;
  const replica = type === TYPES.replicaKey || type === TYPES.replicaExternalKey;
  const enabled = flagFact(props, type === TYPES.key ? "isEnabled" : "enabled", true);
  const read = (key: string) => propFact(props, key);
  return {
    ref: source.urn,
    label: source.name,
    region: source.region,
    manager: "CUSTOMER",
    state: enabled.kind === "known" ? known(enabled.value ? "Enabled" : "Disabled") : enabled,
    spec: replica ? shared(read("keySpec"), isString, primary?.spec) : text(props, type === TYPES.key ? "customerMasterKeySpec" : "keySpec", "SYMMETRIC_DEFAULT"),
    usage: replica ? shared(read("keyUsage"), isString, primary?.usage) : text(props, "keyUsage", "ENCRYPT_DECRYPT"),
    origin: type === TYPES.replicaKey && primary ? primary.origin : originOf(source),
    rotation: replica
      ? shared(read("keyRotationEnabled"), isBoolean, primary?.rotation)
      // Imported key material cannot rotate automatically (KMS DG "Rotating AWS KMS keys").
      : type === TYPES.externalKey ? known(false) : flagFact(props, "enableKeyRotation", false),
  };
}

/** Every key of the stack; replicas find their primary by the primaryKeyArn dependency or value (its arn output). */
export function keys(index: ResourceIndex): Key[] {
  const primaries = index.ofType(TYPES.key, TYPES.externalKey);
  const byUrn = new Map<string, Key>();
  const sourceOf = (r: PolicyResource): KeySource => ({ type: r.type, name: r.name, urn: r.urn, props: r.props, region: index.regionOf(r) });
  for (const r of primaries) {
    byUrn.set(r.urn, keyOf(sourceOf(r)));
  }
  const arns = identityMap(primaries, ["arn"]);
  const replicas = index.ofType(TYPES.replicaKey, TYPES.replicaExternalKey).map((r) => {
    const link = index.linkOf(r, "primaryKeyArn", (p) => byUrn.has(p.urn), arns);
    return keyOf(sourceOf(r), link.kind === "resource" ? byUrn.get(link.target.urn) : undefined);
  });
  return [...byUrn.values(), ...replicas];
}
