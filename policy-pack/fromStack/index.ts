/**
 * Adapter (a) of the control model (shared/notes/control-model.md §2.5): a Pulumi stack, as the engine hands it to
 * a stack policy (outputs, relations, unknown values in a preview), mapped onto the domain's AccountState. A constant
 * number of passes over the resources, with Map indexes, whatever the stack's size. Facts a stack cannot show
 * (runtime state, resources outside it) are `notVisible`; the audit (`npm run audit`) judges those.
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { Fact, known, notVisible, unknown } from "../domain/fact";
import type { AccountState, Key, Trail } from "../domain/state";
import type { EntityKind, Ref } from "../domain/verdict";
import { trailBuckets } from "./buckets";
import { regionConfigs } from "./config";
import { propFact, rawString } from "./known";
import { KEY_TYPES, keyOf, keys } from "./keys";
import { network } from "./network";
import { flowLogCoverage } from "./coverage";
import { ResourceIndex, TYPES } from "./resourceIndex";
import { Subject, SubjectLookup, subjectOf, subjectsByRef } from "./subject";
import { trailOf } from "./trails";
import { organizationOf } from "./organization";

export type { Resource, Subject, SubjectLookup } from "./subject";
export { KEY_TYPES } from "./keys";

export interface StackState {
  readonly state: AccountState;
  /** What to report each verdict or gap on. */
  readonly subjects: SubjectLookup & { get(ref: string): Subject | undefined };
}

const ARN = /^arn:([a-z-]+):[^:]*:[^:]*:(\d{12}):/;

/** The most frequent value, ties broken by order; undefined for none. */
function mostFrequent(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const [value, count] of counts) {
    if (best === undefined || count > (counts.get(best) ?? 0) || (count === counts.get(best) && value < best)) {
      best = value;
    }
  }
  return best;
}

/**
 * The account and partition: the most frequent in the `arn` outputs of the stack's resources (each is created in the
 * stack's account; a resource of another account appears in ARNs the stack references, not in its own `arn`). A first
 * preview knows few ARNs, so the partition falls back to the regions' (us-gov-*, cn-*) and the account to "this
 * account": rules only compare it with owners this adapter sets itself, never with an ARN.
 */
function accountOf(index: ResourceIndex, scopeRegions: () => readonly string[]): { accountId: string; partition: string } {
  const accounts = new Map<string, number>();
  const partitions = new Map<string, number>();
  for (const r of index.resources) {
    const arn = rawString(r.props, "arn");
    const match = arn !== undefined ? ARN.exec(arn) : null;
    if (match) {
      partitions.set(match[1], (partitions.get(match[1]) ?? 0) + 1);
      accounts.set(match[2], (accounts.get(match[2]) ?? 0) + 1);
    }
  }
  // The regions (a pass over the stack) only when no ARN tells the partition.
  const byRegion = (): string => {
    const regions = scopeRegions();
    return regions.length > 0 && regions.every((r) => r.startsWith("us-gov-")) ? "aws-us-gov" : regions.length > 0 && regions.every((r) => r.startsWith("cn-")) ? "aws-cn" : "aws";
  };
  return { accountId: mostFrequent(accounts) ?? "(this account)", partition: mostFrequent(partitions) ?? byRegion() };
}

/** The regions the stack covers: its explicit aws providers' regions and its regional AWS resources' regions. */
function regionsOf(index: ResourceIndex): string[] {
  const regions = new Set<string>();
  for (const r of index.resources) {
    if (r.type === TYPES.provider) {
      const region = propFact(r.props, "region");
      if (region.kind === "known" && typeof region.value === "string" && region.value.length > 0) {
        regions.add(region.value);
      }
    } else if (r.type.startsWith("aws:")) {
      const region = index.regionOf(r);
      if (region.kind === "known") {
        regions.add(region.value);
      }
    }
  }
  return [...regions].sort();
}

/** The known, non-empty string values of `keys` among a resource's outputs. */
function knownStrings(r: PolicyResource, keys: readonly string[]): string[] {
  return keys.flatMap((key) => {
    const value = propFact(r.props, key);
    return value.kind === "known" && typeof value.value === "string" && value.value.length > 0 ? [value.value] : [];
  });
}

/** A value computed on its first use, then kept. */
function once<T>(compute: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

type PartName = "trails" | "keys" | "network" | "config" | "buckets" | "organization";
type Parts = Readonly<Record<PartName, () => { readonly subjects: { get(ref: string): Subject | undefined } }>>;

/** Which part of the state maps the entities of each kind a verdict or gap can be about (the account: none). */
const PART_OF_KIND: Readonly<Record<EntityKind, PartName | undefined>> = {
  account: undefined, trail: "trails", bucket: "buckets", region: "config", key: "keys", vpc: "network", flowLog: "network",
  stackSet: "organization", aggregator: "organization",
};

/**
 * The subjects of a stack, each part's kept with the part. A verdict or gap is looked up in the part of its kind,
 * which its rule has built by reading it, so reporting builds nothing a rule did not need, and refs of different
 * kinds cannot shadow one another (a flow log named like a bucket's ref).
 */
class StackSubjects implements SubjectLookup {
  constructor(private readonly parts: Parts) {}

  of(ref: Ref): Subject | undefined {
    if (ref.kind === "account") {
      // The account is reported on the stack; its identity is what an exemption's `resource` names, as in the audit.
      return /^account:\d{12}$/.test(ref.ref) ? { identities: [ref.ref] } : undefined;
    }
    const part = PART_OF_KIND[ref.kind];
    return part ? this.parts[part]().subjects.get(ref.ref) : undefined;
  }

  /** By ref alone, for a caller without the kind: every part is built and searched, trails first, buckets last. */
  get(ref: string): Subject | undefined {
    if (/^account:\d{12}$/.test(ref)) {
      return { identities: [ref] };
    }
    for (const part of ["trails", "keys", "network", "config", "buckets", "organization"] as const) {
      const subject = this.parts[part]().subjects.get(ref);
      if (subject !== undefined) {
        return subject;
      }
    }
    return undefined;
  }
}

const cache = new WeakMap<readonly PolicyResource[], StackState>();

/**
 * The stack's AccountState. Each part (trails and their buckets, AWS Config, keys, VPCs and flow logs, the account,
 * the regions) is mapped on its first read: a policy pays for the resources its rule looks at, and only the VPC
 * policy walks the VPCs and flow logs, which are most of a large stack. Cached by the resources array: @pulumi/policy
 * 1.21's server builds a new array for each stack policy (server.js makeAnalyzeStackRpcFun), so there each policy maps
 * what it reads once; a caller that hands several policies the same array (a test) maps each part once.
 */
export function fromStack(resources: readonly PolicyResource[]): StackState {
  const cached = cache.get(resources);
  if (cached) {
    return cached;
  }
  const index = new ResourceIndex(resources);
  const regions = once(() => regionsOf(index));
  const account = once(() => accountOf(index, regions));
  const scope = once(() => ({ regions: regions(), origin: "stack" as const }));
  const trailResources = once(() => index.ofType(TYPES.trail));
  const buckets = once(() => {
    const part = trailBuckets(index, trailResources());
    const names = new Map([...part.buckets.values()].filter((b) => b.name !== b.ref).map((b) => [b.ref, b.name]));
    // The cloud identities an exemption's `resource` names, as the audit reports them (policies/config.ts); the
    // partition (a pass over the stack's ARNs) is read when a bucket's finding is reported, not when it is judged.
    const get = (ref: string): Subject | undefined => {
      const subject = part.subjects.get(ref);
      const name = names.get(ref);
      return subject && name !== undefined ? { ...subject, identities: [`arn:${account().partition}:s3:::${name}`, name] } : subject;
    };
    return { ...part, subjects: { get } };
  });
  const trails = once(() => {
    const { bucketNameOf } = buckets();
    const rs = trailResources();
    const list: Trail[] = rs.map((t) => trailOf(
      { name: t.name, urn: t.urn, props: t.props, propertyDependencies: t.propertyDependencies, region: index.regionOf(t) },
      bucketNameOf.get(t.urn) ?? known(null),
    ));
    return { trails: list, subjects: new Map(rs.map((t) => [t.urn, subjectOf(t, undefined, knownStrings(t, ["arn"]))])) };
  });
  const keyPart = once(() => ({ keys: keys(index), subjects: new Map(index.ofType(KEY_TYPES).map((k) => [k.urn, subjectOf(k, undefined, knownStrings(k, ["arn", "keyId"]))])) }));
  const config = once(() => regionConfigs(index, regions()));
  const net = once(() => network(index, account().accountId, regions()));
  const organization = once(() => organizationOf(index, trailResources()));
  const coverage = once(() => flowLogCoverage(index, regions(), organization().organization));
  const state: AccountState = {
    get accountId() { return account().accountId; },
    get partition() { return account().partition; },
    get scope() { return scope(); },
    get trails() { return trails().trails; },
    trailListingUnknown: new Map(),
    get buckets() { return buckets().buckets; },
    get accountPublicAccessBlock() { return buckets().accountPublicAccessBlock; },
    get config() { return config().config; },
    get keys() { return keyPart().keys; },
    keyListingUnknown: new Map(),
    get vpcs() { return net().vpcs; },
    vpcListingUnknown: new Map(),
    get flowLogsByVpc() { return net().flowLogsByVpc; },
    get unplacedFlowLogs() { return net().unplacedFlowLogs; },
    get flowLogCoverage() { return coverage(); },
    get organization() { return organization().organization; },
  };
  const result: StackState = { state, subjects: new StackSubjects({ trails, keys: keyPart, network: net, config, buckets, organization }) };
  cache.set(resources, result);
  return result;
}

/** The region of the one resource a resource policy sees: its `region` input, else its explicit provider's. */
function inputRegion(args: ResourceValidationArgs): Fact<string> {
  const own = propFact(args.props, "region");
  if (own.kind === "known" && typeof own.value === "string" && own.value.length > 0) {
    return known(own.value);
  }
  const provider = args.provider ? propFact(args.provider.props, "region") : known(undefined);
  if (provider.kind === "known" && typeof provider.value === "string" && provider.value.length > 0) {
    return known(provider.value);
  }
  return own.kind === "unknown" ? unknown(own.why) : notVisible("the default provider's region is not visible to a policy");
}

/** An account holding one trail, from a resource policy's inputs (the trail's bucket is the stack policies' to follow). */
export function fromTrailInputs(args: ResourceValidationArgs): StackState {
  const trail = trailOf({ name: args.name, urn: args.urn, props: args.props, region: inputRegion(args) }, notVisible("a resource policy sees the trail alone"));
  const state: AccountState = {
    accountId: "(this account)", partition: "aws", scope: { regions: [], origin: "stack" }, trails: [trail], trailListingUnknown: new Map(),
    buckets: new Map(), accountPublicAccessBlock: notVisible("not read by a resource policy"), config: new Map(), keys: [],
    keyListingUnknown: new Map(), vpcs: [], vpcListingUnknown: new Map(),
    flowLogsByVpc: new Map(), unplacedFlowLogs: new Map(),
  };
  return { state, subjects: subjectsByRef(new Map([[args.urn, subjectOf(args)]])) };
}

/** One key from a resource policy's inputs (a replica's primary is not visible there). */
export function fromKeyInputs(args: ResourceValidationArgs): { key: Key; subjects: SubjectLookup } {
  return {
    key: keyOf({ type: args.type, name: args.name, urn: args.urn, props: args.props, region: inputRegion(args) }),
    subjects: subjectsByRef(new Map([[args.urn, subjectOf(args)]])),
  };
}
