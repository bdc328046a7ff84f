/**
 * What the trail rules share: the subjects (the account, a trail, a trail bucket), the account-wide combiner
 * ("some trail qualifies"), and the grouping of trails by bucket.
 */
import type { PolicyName } from "../../controls";
import type { AccountState, Trail } from "../state";
import { Judgement, Note, Ref, Verdict, gap, setAside, undecided, verdictOf } from "../verdict";

export const accountRef = (state: AccountState): Ref => ({ kind: "account", ref: `account:${state.accountId}`, label: `account ${state.accountId}` });

export const trailRef = (trail: Trail): Ref => ({
  kind: "trail", ref: trail.ref, label: `trail ${trail.name}`,
  ...(trail.homeRegion.kind === "known" ? { region: trail.homeRegion.value } : {}),
});

/**
 * Account-wide controls: pass when one trail passes (the verdict is then about that trail); otherwise unknown when
 * any trail, or any region's trail listing, is undecided; otherwise fail with every trail's gaps (or "no trail").
 */
export function oneTrailQualifies<P extends string = PolicyName>(policy: P, state: AccountState, judge: (trail: Trail) => readonly Judgement[]): Verdict<P> {
  const candidates = state.trails.map((t) => ({ trail: t, verdict: verdictOf(policy, trailRef(t), judge(t)) }));
  const passing = candidates.find((c) => c.verdict.status === "pass");
  if (passing) {
    return passing.verdict;
  }
  const listing = [...state.trailListingUnknown].map(([region, why]) => `the trails of ${region} could not be listed: ${why}`);
  const judgements: Judgement[] = candidates.length === 0 && listing.length === 0
    ? [gap("trail.none", "the account has no trail")]
    : [];
  const gaps = candidates.flatMap((c) => c.verdict.gaps.map((g) => ({ ...g, problem: `${c.trail.name}: ${g.problem}`, at: g.at ?? c.verdict.subject })));
  const unknowns = [...candidates.flatMap((c) => c.verdict.unknowns.map((u) => `${c.trail.name}: ${u}`)), ...listing];
  const base = verdictOf(policy, accountRef(state), judgements);
  // No trail passes: a decidable gap is only "proven" when nothing could still pass.
  const status = unknowns.length > 0 ? "unknown" : "fail";
  const notes: Note[] = candidates.flatMap((c) => c.verdict.notes);
  return { ...base, status, gaps: status === "fail" ? [...base.gaps, ...gaps] : [], unknowns, notes };
}

/**
 * What per-trail controls say beside their per-trail verdicts: for each region whose trails could not be listed, an
 * unknown verdict (a trail homed there is not judged, so nothing may pass for it); on an account with no trail at
 * all, not applicable (the multi-region control fails once, instead of every per-trail control repeating it).
 */
export function unlistedTrails(policy: PolicyName, state: AccountState): Verdict[] {
  const unlisted = [...state.trailListingUnknown].map(([region, why]) =>
    verdictOf(policy, { kind: "region", ref: `cloudtrail:${region}`, label: `trails of ${region}`, region }, [undecided(`could not be listed: ${why}`)]));
  if (unlisted.length > 0 || state.trails.length > 0) {
    return unlisted;
  }
  return [setAside(policy, accountRef(state), "notApplicable", "the account has no trail (see the multi-region trail control)")];
}

/** The account's trail buckets, each with the trails that deliver to it. Trails whose bucket is undecided are listed apart. */
export function trailBuckets(state: AccountState): { byBucket: Map<string, Trail[]>; undecided: Trail[] } {
  const byBucket = new Map<string, Trail[]>();
  const undecided: Trail[] = [];
  for (const trail of state.trails) {
    if (trail.bucketName.kind === "known" && trail.bucketName.value !== null) {
      const list = byBucket.get(trail.bucketName.value) ?? [];
      list.push(trail);
      byBucket.set(trail.bucketName.value, list);
    } else if (trail.bucketName.kind !== "known") {
      undecided.push(trail);
    }
  }
  return { byBucket, undecided };
}

/**
 * The verdicts of the trails whose bucket cannot be named (trailBuckets' `undecided`): their bucket may be public or
 * unlogged, so they are never a silent pass. A name not known yet (a preview) or computed by this update is unknown;
 * a name this adapter cannot see at all is not judged here.
 */
export function undecidedBucketVerdicts(policy: PolicyName, trails: readonly Trail[]): Verdict[] {
  return trails.map((t) => {
    const name = t.bucketName;
    if (name.kind === "notVisible") {
      return setAside(policy, trailRef(t), "notJudgedHere", name.why);
    }
    const why = name.kind === "unknown" ? name.why : name.kind === "computed" ? `it is set by ${name.by}` : "it is not known";
    return verdictOf(policy, trailRef(t), [undecided(`which bucket the trail delivers to: ${why}`)]);
  });
}
