/**
 * The buckets the stack's trails deliver to, with what decides CIS 2.3 and 2.6 about them: public access blocks
 * (bucket and account level), ACLs with canned ACLs expanded, bucket policies, server access logging. Attachments
 * (BucketPublicAccessBlock, BucketAcl, BucketPolicy, BucketLogging) are grouped by their bucket in one pass; a bucket
 * is named by its `bucket` or `id` output (the same for S3; the mocks give them different values), or linked through
 * the engine's property dependencies when the name is unknown in a preview.
 */
import type { PolicyResource } from "@pulumi/policy";
import { publicAllowStatements } from "../domain/bucketAccess";
import { Fact, known, notVisible, unknown } from "../domain/fact";
import type { Bucket, BucketPolicy, PolicyStatement, PublicAccessBlock } from "../domain/state";
import { Grant, grantsOf, statementsOf } from "./bucketDocuments";
import { factOf, plain, propFact, summarize } from "./known";
import { Link, ResourceIndex, TYPES, identityMap, shortName } from "./resourceIndex";
import { Subject, subjectOf } from "./subject";

const SETTINGS = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"] as const;
const RUNTIME = "runtime state: npm run audit reads it";

interface Attachments {
  readonly blocks: PolicyResource[];
  readonly acls: PolicyResource[];
  readonly policies: PolicyResource[];
  readonly loggings: PolicyResource[];
}
type Kind = keyof Attachments;
/** Per kind of attachment, why some could belong to any bucket (undefined: none could). */
type Pending = Readonly<Record<Kind, string | undefined>>;

const isBucket = (r: PolicyResource): boolean => (TYPES.bucket as readonly string[]).includes(r.type);

export interface TrailBuckets {
  /** Per trail URN: the key of its bucket in `buckets` (the bucket name, or the bucket's URN while its name is unknown). */
  readonly bucketNameOf: ReadonlyMap<string, Fact<string | null>>;
  readonly buckets: ReadonlyMap<string, Bucket>;
  readonly accountPublicAccessBlock: Fact<PublicAccessBlock | null>;
  readonly subjects: ReadonlyMap<string, Subject>;
}

export function trailBuckets(index: ResourceIndex, trails: readonly PolicyResource[]): TrailBuckets {
  const identities = identityMap(index.ofType(TYPES.bucket), ["bucket", "id"]);
  const keyOf = (bucket: PolicyResource): string => {
    const name = propFact(bucket.props, "bucket");
    return name.kind === "known" && typeof name.value === "string" && name.value.length > 0 ? name.value : bucket.urn;
  };
  const attached = new Map<string, Attachments>();
  // Attachments whose bucket cannot be told yet (unknown name, no dependency): they may belong to any trail bucket.
  const unplaced: Record<Kind, string[]> = { blocks: [], acls: [], policies: [], loggings: [] };
  for (const [kind, types] of [["blocks", TYPES.publicAccessBlock], ["acls", TYPES.acl], ["policies", TYPES.bucketPolicy], ["loggings", TYPES.logging]] as const) {
    for (const r of index.ofType(types)) {
      const link = index.linkOf(r, "bucket", isBucket, identities);
      if (link.kind === "resource") {
        const entry = attached.get(link.target.urn) ?? { blocks: [], acls: [], policies: [], loggings: [] };
        entry[kind].push(r);
        attached.set(link.target.urn, entry);
      } else if (link.kind === "unknown") {
        unplaced[kind].push(`which bucket ${shortName(r)} belongs to: ${link.why}`);
      }
    }
  }
  const accountBlock = accountPublicAccessBlock(index.ofType(TYPES.accountPublicAccessBlock));
  // Summarised once: every trail bucket shares them.
  const pending: Pending = {
    blocks: unplaced.blocks.length > 0 ? summarize(unplaced.blocks) : undefined,
    acls: unplaced.acls.length > 0 ? summarize(unplaced.acls) : undefined,
    policies: unplaced.policies.length > 0 ? summarize(unplaced.policies) : undefined,
    loggings: unplaced.loggings.length > 0 ? summarize(unplaced.loggings) : undefined,
  };

  const bucketNameOf = new Map<string, Fact<string | null>>();
  const buckets = new Map<string, Bucket>();
  const subjects = new Map<string, Subject>();
  for (const trail of trails) {
    const link = index.linkOf(trail, "s3BucketName", isBucket, identities);
    if (link.kind === "resource") {
      const key = keyOf(link.target);
      bucketNameOf.set(trail.urn, known(key));
      if (!buckets.has(key)) {
        const entry = attached.get(link.target.urn) ?? { blocks: [], acls: [], policies: [], loggings: [] };
        buckets.set(key, stackBucket(link.target, key, entry, pending, accountBlock, (r) => linkTarget(index.linkOf(r, "targetBucket", isBucket, identities), keyOf)));
        subjects.set(link.target.urn, subjectOf(link.target));
      }
    } else if (link.kind === "value") {
      bucketNameOf.set(trail.urn, known(link.value));
      const ref = `bucket:${link.value}`;
      if (!buckets.has(link.value)) {
        buckets.set(link.value, outsideBucket(ref, link.value));
        // Reported on the (first) trail that names it: the bucket itself is no resource of the stack.
        subjects.set(ref, subjectOf(trail));
      }
    } else if (link.kind === "none") {
      bucketNameOf.set(trail.urn, known(null));
    } else {
      bucketNameOf.set(trail.urn, unknown(link.kind === "computed" ? `its s3BucketName is computed from ${link.by}` : link.why));
    }
  }
  return { bucketNameOf, buckets, accountPublicAccessBlock: accountBlock, subjects };
}

function outsideBucket(ref: string, name: string): Bucket {
  const outside = notVisible(`its bucket "${name}" is not a resource of this stack`);
  return { ref, name, inThisAccount: outside, publicAccessBlock: outside, publicGrants: outside, policy: outside, policyStatusPublic: outside, logging: outside };
}

/** Where a logging target points, as a key comparable with the trail bucket's key ("(set by …)" when computed). */
type Target = { readonly kind: "known"; readonly key: string } | { readonly kind: "unknown"; readonly why: string } | { readonly kind: "none" };

function linkTarget(link: Link, keyOf: (bucket: PolicyResource) => string): Target {
  switch (link.kind) {
    case "resource":
      return { kind: "known", key: keyOf(link.target) };
    case "value":
      return { kind: "known", key: link.value };
    case "computed":
      // Computed from resources that are not buckets of the stack: another bucket than this one.
      return { kind: "known", key: `(set by ${link.by})` };
    case "unknown":
      return { kind: "unknown", why: link.why };
    case "none":
      return { kind: "none" };
  }
}

function stackBucket(
  bucket: PolicyResource, key: string, entry: Attachments, unplaced: Pending,
  account: Fact<PublicAccessBlock | null>, targetOf: (logging: PolicyResource) => Target,
): Bucket {
  return {
    ref: bucket.urn,
    name: key,
    inThisAccount: known(true),
    publicAccessBlock: bucketBlock(entry.blocks, unplaced.blocks, account),
    publicGrants: publicGrants(bucket, entry.acls, unplaced.acls),
    policy: bucketPolicy(bucket, entry.policies, unplaced.policies),
    policyStatusPublic: notVisible(RUNTIME),
    logging: bucketLogging(bucket, key, entry.loggings, unplaced.loggings, targetOf),
  };
}

/** Per setting across blocks: on only if every block has it on; unknown if some block's value is unknown. */
function settingsOf(blocks: readonly PolicyResource[]): { values: Record<string, boolean | "unknown">; why: string[] } {
  const values: Record<string, boolean | "unknown"> = {};
  const why: string[] = [];
  for (const s of SETTINGS) {
    values[s] = true;
    for (const b of blocks) {
      const v = propFact(b.props, s);
      if (v.kind === "unknown") {
        why.push(`${shortName(b)}: ${v.why}`);
        values[s] = values[s] === false ? false : "unknown";
      } else if (v.kind === "known" && v.value !== true) {
        values[s] = false;
      }
    }
  }
  return { values, why };
}

function accountPublicAccessBlock(blocks: readonly PolicyResource[]): Fact<PublicAccessBlock | null> {
  if (blocks.length === 0) {
    return notVisible("the stack has no aws.s3.AccountPublicAccessBlock; npm run audit reads the account's");
  }
  const { values, why } = settingsOf(blocks);
  return why.length > 0 && SETTINGS.some((s) => values[s] === "unknown") ? unknown(summarize(why)) : known(values as unknown as PublicAccessBlock);
}

/**
 * The bucket-level block. With some setting unknown, a setting proven off (and not covered by the account block)
 * still fails the bucket: the unknown ones are then reported as on, so the gap names only what is proven.
 */
function bucketBlock(blocks: readonly PolicyResource[], unplaced: string | undefined, account: Fact<PublicAccessBlock | null>): Fact<PublicAccessBlock | null> {
  if (blocks.length === 0) {
    return unplaced !== undefined ? unknown(unplaced) : known(null);
  }
  const { values, why } = settingsOf(blocks);
  const pending = SETTINGS.filter((s) => values[s] === "unknown");
  if (pending.length === 0) {
    return known(values as unknown as PublicAccessBlock);
  }
  const coveredByAccount = (s: (typeof SETTINGS)[number]) => account.kind === "known" && account.value?.[s] === true;
  const provenOff = account.kind !== "unknown" && SETTINGS.some((s) => values[s] === false && !coveredByAccount(s));
  return provenOff ? known(Object.fromEntries(SETTINGS.map((s) => [s, values[s] !== false])) as unknown as PublicAccessBlock) : unknown(summarize(why));
}

/** A proven public grant fails whatever else is unknown; otherwise any unknown leaves the grants unknown. */
function publicGrants(bucket: PolicyResource, acls: readonly PolicyResource[], unplaced: string | undefined): Fact<readonly Grant[]> {
  const grants: Grant[] = [];
  const why = unplaced !== undefined ? [unplaced] : [];
  for (const r of [bucket, ...acls]) {
    const read = factOf(() => grantsOf(r.props));
    if (read.kind === "known") {
      grants.push(...read.value);
    } else if (read.kind === "unknown") {
      why.push(`${shortName(r)}: ${read.why}`);
    }
  }
  const distinct = [...new Map(grants.map((g) => [`${g.grantee} ${g.permission}`, g])).values()];
  return distinct.length > 0 || why.length === 0 ? known(distinct) : unknown(summarize(why));
}

/** The bucket policy: every BucketPolicy of the bucket and its deprecated inline policy, as one document. */
function bucketPolicy(bucket: PolicyResource, policies: readonly PolicyResource[], unplaced: string | undefined): Fact<BucketPolicy | null> {
  const statements: PolicyStatement[] = [];
  const why = unplaced !== undefined ? [unplaced] : [];
  let documents = 0;
  for (const r of [bucket, ...policies]) {
    const read = factOf(() => plain(r.props.policy));
    if (read.kind === "unknown") {
      why.push(`${shortName(r)}: ${read.why}`);
      continue;
    }
    const value = read.kind === "known" ? read.value : undefined;
    if (value === undefined || value === null || value === "") {
      continue;
    }
    let document: unknown = value;
    if (typeof value === "string") {
      try {
        document = JSON.parse(value) as unknown;
      } catch (error) {
        return known({ kind: "invalid", problem: `${shortName(r)}: ${(error as Error).message}` });
      }
    }
    documents += 1;
    statements.push(...statementsOf(document));
  }
  if (publicAllowStatements(statements).length > 0 || why.length === 0) {
    return known(documents > 0 ? { kind: "document", statements } : null);
  }
  return unknown(summarize(why));
}

/** Server access logging: some target other than the bucket itself passes; otherwise an undecided target is unknown. */
function bucketLogging(
  bucket: PolicyResource, key: string, loggings: readonly PolicyResource[], unplaced: string | undefined, targetOf: (logging: PolicyResource) => Target,
): Fact<{ readonly targetBucket: string } | null> {
  const targets: Target[] = loggings.map(targetOf);
  const inline = factOf(() => (plain(bucket.props.logging) as { targetBucket?: unknown } | undefined)?.targetBucket);
  if (inline.kind === "unknown") {
    targets.push({ kind: "unknown", why: `${shortName(bucket)}: ${inline.why}` });
  } else if (inline.kind === "known" && typeof inline.value === "string" && inline.value.length > 0) {
    const own = ["bucket", "id"].map((k) => propFact(bucket.props, k)).some((v) => v.kind === "known" && v.value === inline.value);
    targets.push({ kind: "known", key: own ? key : inline.value });
  }
  const decided = targets.filter((t): t is Extract<Target, { kind: "known" }> => t.kind === "known");
  const other = decided.find((t) => t.key !== key);
  if (other) {
    return known({ targetBucket: other.key });
  }
  const why = [...targets.flatMap((t) => (t.kind === "unknown" ? [t.why] : [])), ...(decided.length === 0 && unplaced !== undefined ? [unplaced] : [])];
  if (why.length > 0) {
    return unknown(summarize(why));
  }
  return known(decided.length > 0 ? { targetBucket: key } : null);
}
