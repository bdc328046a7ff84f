/**
 * The exemptions of one policy, indexed by URN, by type and name, and by cloud identity, so that matching costs a lookup
 * per subject and not a scan of the list (control-model.md §4); and when an exemption has expired.
 */
import { packNow } from "../clock";
import type { Resource } from "../fromStack";
import type { Exemption } from "./config";

/** Whether an exemption has lapsed at `now` (UTC): it mutes through the whole day its `expires` names. */
export function isExpired(e: Exemption, now: Date): boolean {
  return e.expires !== undefined && now.toISOString().slice(0, 10) > e.expires;
}

const BUCKET_ARN = /^arn:[a-z-]+:s3:::([^/:]+)$/;
const KEY_ARN = /^arn:[a-z-]+:kms:[^:]*:\d{12}:key\/([^/]+)$/;

/**
 * The identities a cloud resource answers to in an exemption's `resource`: its identity as the audit reports it (an
 * ARN, a VPC id, `config:<region>`, `account:<id>`), and for a bucket ARN the bucket name, for a key ARN the key id.
 * Bucket names are global and key ids unique, so either names one resource; a trail name is not (one per region).
 */
export function identityAliases(identity: string): string[] {
  const short = BUCKET_ARN.exec(identity)?.[1] ?? KEY_ARN.exec(identity)?.[1];
  return short !== undefined ? [identity, short] : [identity];
}

/**
 * The exemptions of one policy, indexed. An exemption matches by exact URN, by exact type and name, or by exact cloud
 * identity (no patterns: cdk-nag's lesson, style.md 37). Two exemptions with the same key: the first one counts.
 */
export class ExemptionIndex {
  private readonly byUrn = new Map<string, Exemption>();
  /** By name, then type: a lookup builds no key string (it runs once per subject of a stack of any size). */
  private readonly byNameAndType = new Map<string, Map<string, Exemption>>();
  private readonly byResource = new Map<string, Exemption>();

  /** The exemptions past their `expires` date: they mute nothing, and the policies say so. */
  readonly expired: readonly Exemption[];
  /** The exemptions that can still mute. */
  readonly exemptions: readonly Exemption[];

  /**
   * `now` decides which exemptions have expired (default: the pack's clock); null indexes every exemption, for the
   * audit, which reports an expired exemption on the finding it names (audit/exemptions.ts).
   */
  constructor(all: readonly Exemption[], now: Date | null = packNow()) {
    this.expired = now === null ? [] : all.filter((e) => isExpired(e, now));
    const exemptions = now === null ? all : all.filter((e) => !isExpired(e, now));
    this.exemptions = exemptions;
    for (const e of exemptions) {
      if (e.urn !== undefined) {
        this.byUrn.set(e.urn, this.byUrn.get(e.urn) ?? e);
      } else if (e.resource !== undefined) {
        this.byResource.set(e.resource, this.byResource.get(e.resource) ?? e);
      } else {
        const types = this.byNameAndType.get(String(e.name)) ?? new Map<string, Exemption>();
        types.set(String(e.type), types.get(String(e.type)) ?? e);
        this.byNameAndType.set(String(e.name), types);
      }
    }
  }

  get isEmpty(): boolean {
    return this.exemptions.length === 0;
  }

  /** The exemption of a resource of the stack, by its URN or its type and name. */
  for(resource: Resource): Exemption | undefined {
    return this.byUrn.get(resource.urn) ?? this.byNameAndType.get(resource.name)?.get(resource.type);
  }

  /** The exemption naming one of `identities` (the aliases of one cloud resource), the first identity first. */
  forIdentity(identities: readonly string[] | undefined): Exemption | undefined {
    if (this.byResource.size === 0 || identities === undefined) {
      return undefined;
    }
    for (const identity of identities) {
      const e = this.byResource.get(identity);
      if (e) {
        return e;
      }
    }
    return undefined;
  }

  /**
   * The exemptions that match none of `resources` and none of `identities` (a typo, a resource since removed, or for
   * `resource`, one the caller cannot see), in config order.
   */
  unmatched(resources: readonly Resource[], identities: Iterable<string>): Exemption[] {
    if (this.isEmpty) {
      return [];
    }
    const matched = new Set<Exemption>();
    for (const r of resources) {
      const byUrn = this.byUrn.get(r.urn);
      const byName = this.byNameAndType.get(r.name)?.get(r.type);
      if (byUrn) {
        matched.add(byUrn);
      }
      if (byName) {
        matched.add(byName);
      }
    }
    for (const identity of identities) {
      const byResource = this.byResource.get(identity);
      if (byResource) {
        matched.add(byResource);
      }
    }
    return this.exemptions.filter((e) => !matched.has(this.indexedAs(e)));
  }

  /** The exemption the index holds for `e`'s key: `e` itself, or the first one of the config with the same key. */
  indexedAs(e: Exemption): Exemption {
    const held = e.urn !== undefined
      ? this.byUrn.get(e.urn)
      : e.resource !== undefined
        ? this.byResource.get(e.resource)
        : this.byNameAndType.get(String(e.name))?.get(String(e.type));
    return held ?? e;
  }
}

/** How an exemption matches, for messages: `urn …`, `aws:s3/bucket:Bucket "name"`, `resource vpc-…`. */
export function describeExemptionTarget(e: Exemption): string {
  return e.urn !== undefined ? `urn ${e.urn}` : e.resource !== undefined ? `resource ${e.resource}` : `${String(e.type)} "${String(e.name)}"`;
}
