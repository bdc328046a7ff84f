/**
 * One pass over the stack's resources: by type, each resource's region, and the identities other resources
 * name them by. Everything else in fromStack looks things up here instead of scanning the stack again
 * (control-model.md §4: no loop over resources inside a loop over resources).
 */
import type { PolicyResource } from "@pulumi/policy";
import { Fact, known, notVisible, unknown } from "../domain/fact";
import { propFact } from "./known";

/** The type tokens fromStack reads (@pulumi/aws 7.48 `__pulumiType`; the V2 names are deprecated aliases). */
export const TYPES = {
  provider: "pulumi:providers:aws",
  trail: "aws:cloudtrail/trail:Trail",
  bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  accountPublicAccessBlock: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
  acl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
  bucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
  logging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
  recorder: "aws:cfg/recorder:Recorder",
  recorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
  deliveryChannel: "aws:cfg/deliveryChannel:DeliveryChannel",
  key: "aws:kms/key:Key",
  externalKey: "aws:kms/externalKey:ExternalKey",
  replicaKey: "aws:kms/replicaKey:ReplicaKey",
  replicaExternalKey: "aws:kms/replicaExternalKey:ReplicaExternalKey",
  vpc: ["aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc"],
  flowLog: "aws:ec2/flowLog:FlowLog",
  /** components/flowLogs.ts: one per region with VPCs; outputs {region, discoveredVpcIds, sharedVpcIds, flowLogIds}. */
  regionalFlowLogs: "cis-logging:network:RegionalFlowLogs",
} as const;

/** Where a reference prop (`bucket`, `vpcId`, `s3BucketName`) points. */
export type Link =
  /** A resource of the stack: named by its identity, or recorded by the engine as the prop's source. */
  | { readonly kind: "resource"; readonly target: PolicyResource }
  /** A known name or id that is no resource of the stack (a bucket of a central log archive). */
  | { readonly kind: "value"; readonly value: string }
  | { readonly kind: "none" }
  /** Unknown, computed from resources of the stack that are not of the target type. */
  | { readonly kind: "computed"; readonly by: string }
  /** Unknown, and the engine recorded no source: it could be any of them. */
  | { readonly kind: "unknown"; readonly why: string };

export class ResourceIndex {
  private readonly byType = new Map<string, PolicyResource[]>();

  constructor(readonly resources: readonly PolicyResource[]) {
    for (const r of resources) {
      const list = this.byType.get(r.type);
      if (list) {
        list.push(r);
      } else {
        this.byType.set(r.type, [r]);
      }
    }
  }

  ofType(...types: readonly (string | readonly string[])[]): PolicyResource[] {
    return types.flat().flatMap((t) => this.byType.get(t) ?? []);
  }

  /**
   * The region a resource lives in: its own `region` output (aws v7 gives every regional resource one), else its
   * explicit provider's region. A `region` output that is unknown in a preview is not an input of the resource
   * (inputs are known then), so the provider's region is the one that applies. Not cached: two property reads cost
   * less than a map entry per resource, and each part of fromStack asks for a resource's region once.
   */
  regionOf(r: PolicyResource): Fact<string> {
    return regionFact(r);
  }

  /**
   * Where `from.props[key]` points, among `targets` indexed by their identities (`identities`: name or id → the
   * resource). The engine's property dependencies decide first; then a known value; an unknown value with no
   * dependency could point anywhere.
   */
  linkOf(from: PolicyResource, key: string, isTarget: (r: PolicyResource) => boolean, identities: ReadonlyMap<string, PolicyResource>): Link {
    const sources = from.propertyDependencies[key] ?? [];
    const target = sources.find(isTarget);
    if (target) {
      return { kind: "resource", target };
    }
    const value = propFact(from.props, key);
    if (value.kind === "known") {
      if (typeof value.value !== "string" || value.value.length === 0) {
        return { kind: "none" };
      }
      // A target whose identity is unknown is created by this update: a value known now cannot be its name.
      const named = identities.get(value.value);
      return named ? { kind: "resource", target: named } : { kind: "value", value: value.value };
    }
    if (sources.length > 0) {
      return { kind: "computed", by: sources.map((s) => s.urn).join(", ") };
    }
    return { kind: "unknown", why: value.kind === "unknown" ? value.why : "not known" };
  }
}

function regionFact(r: PolicyResource): Fact<string> {
  const own = propFact(r.props, "region");
  if (own.kind === "known" && typeof own.value === "string" && own.value.length > 0) {
    return known(own.value);
  }
  const provider = r.provider;
  if (provider) {
    const fromProvider = propFact(provider.props, "region");
    if (fromProvider.kind === "known" && typeof fromProvider.value === "string" && fromProvider.value.length > 0) {
      return known(fromProvider.value);
    }
  }
  if (own.kind === "unknown") {
    return unknown(own.why);
  }
  return notVisible("it has no region output and no explicit provider");
}

/** Maps each known identity output (`keys`, e.g. bucket and id) of `resources` to the resource. */
export function identityMap(resources: readonly PolicyResource[], keys: readonly string[]): Map<string, PolicyResource> {
  const map = new Map<string, PolicyResource>();
  for (const r of resources) {
    for (const key of keys) {
      const value = propFact(r.props, key);
      if (value.kind === "known" && typeof value.value === "string" && value.value.length > 0 && !map.has(value.value)) {
        map.set(value.value, r);
      }
    }
  }
  return map;
}

/** "BucketPolicy \"trail-policy\"": how an unknown of a resource other than the subject names its source. */
export function shortName(r: { readonly type: string; readonly name: string }): string {
  return `${r.type.split(":").pop() ?? r.type} "${r.name}"`;
}
