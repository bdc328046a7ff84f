/**
 * Adapter (a) of the control model (shared/notes/control-model.md §2.5): a Pulumi stack, as the engine hands it to
 * a stack policy (outputs, relations, unknown values in a preview), mapped onto the domain's AccountState. A constant
 * number of passes over the resources, with Map indexes, whatever the stack's size. Facts a stack cannot show
 * (runtime state, resources outside it) are `notVisible`; the audit (`npm run audit`) judges those.
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { Fact, known, notVisible, unknown } from "../domain/fact";
import type { AccountState, Key, Trail } from "../domain/state";
import { trailBuckets } from "./buckets";
import { regionConfigs } from "./config";
import { factOf } from "./known";
import { KEY_TYPES, keyOf, keys } from "./keys";
import { network } from "./network";
import { flowLogCoverage } from "./coverage";
import { ResourceIndex, TYPES } from "./resourceIndex";
import { Subject, subjectOf } from "./subject";
import { trailOf } from "./trails";

export type { Resource, Subject } from "./subject";
export { KEY_TYPES } from "./keys";

export interface StackState {
  readonly state: AccountState;
  /** By verdict or gap ref (a URN, or a derived ref such as `config:<region>`): what to report it on. */
  readonly subjects: ReadonlyMap<string, Subject>;
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
function accountOf(index: ResourceIndex, regions: readonly string[]): { accountId: string; partition: string } {
  const accounts = new Map<string, number>();
  const partitions = new Map<string, number>();
  for (const r of index.resources) {
    const arn = factOf(() => r.props.arn as unknown);
    const match = arn.kind === "known" && typeof arn.value === "string" ? ARN.exec(arn.value) : null;
    if (match) {
      partitions.set(match[1], (partitions.get(match[1]) ?? 0) + 1);
      accounts.set(match[2], (accounts.get(match[2]) ?? 0) + 1);
    }
  }
  const byRegion = regions.length > 0 && regions.every((r) => r.startsWith("us-gov-")) ? "aws-us-gov" : regions.length > 0 && regions.every((r) => r.startsWith("cn-")) ? "aws-cn" : "aws";
  return { accountId: mostFrequent(accounts) ?? "(this account)", partition: mostFrequent(partitions) ?? byRegion };
}

/** The regions the stack covers: its explicit aws providers' regions and its regional AWS resources' regions. */
function regionsOf(index: ResourceIndex): string[] {
  const regions = new Set<string>();
  for (const r of index.resources) {
    if (r.type === TYPES.provider) {
      const region = factOf(() => r.props.region as unknown);
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
    const value = factOf(() => r.props[key] as unknown);
    return value.kind === "known" && typeof value.value === "string" && value.value.length > 0 ? [value.value] : [];
  });
}

const cache = new WeakMap<readonly PolicyResource[], StackState>();

/**
 * The stack's AccountState. Cached by the resources array: @pulumi/policy 1.21's server builds a new array for each
 * stack policy (server.js makeAnalyzeStackRpcFun), so there each policy maps the stack once (7 × O(n)); a caller that
 * hands several policies the same array (a test, the bench) maps it once.
 */
export function fromStack(resources: readonly PolicyResource[]): StackState {
  const cached = cache.get(resources);
  if (cached) {
    return cached;
  }
  const index = new ResourceIndex(resources);
  const regions = regionsOf(index);
  const { accountId, partition } = accountOf(index, regions);
  const trailResources = index.ofType(TYPES.trail);
  const buckets = trailBuckets(index, trailResources);
  const config = regionConfigs(index, regions);
  const net = network(index, accountId, regions);
  const trails: Trail[] = trailResources.map((t) => trailOf(
    { name: t.name, urn: t.urn, props: t.props, propertyDependencies: t.propertyDependencies, region: index.regionOf(t) },
    buckets.bucketNameOf.get(t.urn) ?? known(null),
  ));
  const subjects = new Map<string, Subject>([...buckets.subjects, ...config.subjects, ...net.subjects]);
  // The cloud identities an exemption's `resource` names, as the audit reports them (policies/config.ts).
  for (const bucket of buckets.buckets.values()) {
    const subject = subjects.get(bucket.ref);
    if (subject && bucket.name !== bucket.ref) {
      subjects.set(bucket.ref, { ...subject, identities: [`arn:${partition}:s3:::${bucket.name}`, bucket.name] });
    }
  }
  for (const r of trailResources) {
    subjects.set(r.urn, subjectOf(r, undefined, knownStrings(r, ["arn"])));
  }
  for (const r of index.ofType(KEY_TYPES)) {
    subjects.set(r.urn, subjectOf(r, undefined, knownStrings(r, ["arn", "keyId"])));
  }
  if (/^\d{12}$/.test(accountId)) {
    subjects.set(`account:${accountId}`, { identities: [`account:${accountId}`] });
  }
  const result: StackState = {
    state: {
      accountId,
      partition,
      scope: { regions, origin: "stack" },
      trails,
      trailListingUnknown: new Map(),
      buckets: buckets.buckets,
      accountPublicAccessBlock: buckets.accountPublicAccessBlock,
      config: config.config,
      keys: keys(index),
      keyListingUnknown: new Map(),
      vpcs: net.vpcs,
      vpcListingUnknown: new Map(),
      flowLogsByVpc: net.flowLogsByVpc,
      unplacedFlowLogs: net.unplacedFlowLogs,
      flowLogCoverage: flowLogCoverage(index),
    },
    subjects,
  };
  cache.set(resources, result);
  return result;
}

/** The region of the one resource a resource policy sees: its `region` input, else its explicit provider's. */
function inputRegion(args: ResourceValidationArgs): Fact<string> {
  const own = factOf(() => args.props.region as unknown);
  if (own.kind === "known" && typeof own.value === "string" && own.value.length > 0) {
    return known(own.value);
  }
  const provider = factOf(() => args.provider?.props.region as unknown);
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
  return { state, subjects: new Map([[args.urn, subjectOf(args)]]) };
}

/** One key from a resource policy's inputs (a replica's primary is not visible there). */
export function fromKeyInputs(args: ResourceValidationArgs): { key: Key; subjects: ReadonlyMap<string, Subject> } {
  return {
    key: keyOf({ type: args.type, name: args.name, urn: args.urn, props: args.props, region: inputRegion(args) }),
    subjects: new Map([[args.urn, subjectOf(args)]]),
  };
}
