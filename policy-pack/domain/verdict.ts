/**
 * What a rule returns: one verdict per subject (a trail, a bucket, a region, a key, a VPC, or the account), with the
 * gaps that make it fail, what could not be decided, and remarks on how the checkers (Security Hub, Prowler) see it.
 * The pack and the audit map these five statuses onto their own outputs in one place each.
 */
import type { PolicyName } from "../controls";
import type { Fact } from "./fact";
import type { GapCode } from "./remedies";

export type Status = "pass" | "fail" | "unknown" | "notJudgedHere" | "notApplicable";

export type EntityKind = "account" | "trail" | "bucket" | "region" | "key" | "vpc" | "flowLog" | "stackSet" | "aggregator";

/** What a verdict is about. `ref` is the adapter's identity (URN in the pack, ARN/id in the audit). */
export interface Ref {
  readonly kind: EntityKind;
  readonly ref: string;
  /** How people name it: the trail name, the bucket name, the VPC id, the region. */
  readonly label: string;
  readonly region?: string;
}

/** One reason for a fail. `at` names the entity to change when it is not the subject (a bucket's policy, a region). */
export interface Gap {
  readonly code: GapCode;
  readonly problem: string;
  readonly at?: Ref;
}

/** Whose view a note explains: where the project is stricter, or where a checker reports differently. */
export type NoteBasis = "securityHub" | "prowler" | "project";

export interface Note {
  readonly basis: NoteBasis;
  readonly text: string;
}

/** `P`: the catalog the policy belongs to (CIS controls by default; organization mode's, orgControls.ts). */
export interface Verdict<P extends string = PolicyName> {
  readonly policy: P;
  readonly status: Status;
  readonly subject: Ref;
  /** Non-empty exactly when the status is fail. */
  readonly gaps: readonly Gap[];
  /** Why the verdict is unknown; also listed beside a proven fail. */
  readonly unknowns: readonly string[];
  readonly notes: readonly Note[];
  /** For notJudgedHere and notApplicable: why. */
  readonly reason?: string;
}

/** The judgement of one condition about one subject. */
export type Judgement =
  | { readonly kind: "ok"; readonly notes?: readonly Note[] }
  | { readonly kind: "gap"; readonly gap: Gap; readonly notes?: readonly Note[] }
  | { readonly kind: "unknown"; readonly why: string };

/** Judgements are never changed once made, so every plain "ok" is this one: rules make one per condition checked. */
const OK: Judgement = { kind: "ok" };

export const ok = (notes?: readonly Note[]): Judgement => (notes && notes.length > 0 ? { kind: "ok", notes } : OK);
export const gap = (code: GapCode, problem: string, at?: Ref): Judgement => ({ kind: "gap", gap: at ? { code, problem, at } : { code, problem } });
export const undecided = (why: string): Judgement => ({ kind: "unknown", why });

/**
 * Judges a fact against a predicate. A computed value counts as present but its content is not judged (`ifComputed`
 * says which: "ok" for presence checks); a fact this adapter cannot see is not judged here (ok: the other tool
 * judges it, e.g. runtime state seen from a stack).
 */
export function expect<T>(
  fact: Fact<T>, holds: (value: T) => boolean, code: GapCode, problem: string | ((value: T) => string), at?: Ref,
): Judgement {
  switch (fact.kind) {
    case "known":
      return holds(fact.value) ? ok() : gap(code, typeof problem === "string" ? problem : problem(fact.value), at);
    case "computed":
    case "notVisible":
      return ok();
    case "unknown":
      return undecided(fact.why);
  }
}

/**
 * Verdicts are never changed once made, so their empty lists are all this one: most verdicts pass, and an account's
 * thousands of VPCs each get a verdict that the pack or the audit keeps until it has reported them all.
 */
const NONE: readonly never[] = Object.freeze([]);
const orNone = <T>(list: readonly T[]): readonly T[] => (list.length > 0 ? list : NONE);

/**
 * The one combining rule: a proven gap fails the verdict even while other facts are unknown (they are listed
 * beside it); an unknown beats a pass.
 */
export function verdictOf<P extends string = PolicyName>(policy: P, subject: Ref, judgements: readonly Judgement[], extraNotes: readonly Note[] = []): Verdict<P> {
  const gaps: Gap[] = [];
  const unknowns: string[] = [];
  const notes: Note[] = [...extraNotes];
  for (const j of judgements) {
    if (j.kind === "gap") {
      gaps.push(j.gap);
    } else if (j.kind === "unknown") {
      unknowns.push(j.why);
    }
    if (j.kind !== "unknown" && j.notes) {
      notes.push(...j.notes);
    }
  }
  const status: Status = gaps.length > 0 ? "fail" : unknowns.length > 0 ? "unknown" : "pass";
  return { policy, status, subject, gaps: orNone(gaps), unknowns: orNone(unknowns), notes: orNone(dedupeNotes(notes)) };
}

/** A verdict that does not judge the subject here: not this account's, or not applicable to the control. */
export function setAside<P extends string = PolicyName>(policy: P, subject: Ref, status: "notJudgedHere" | "notApplicable", reason: string, notes: readonly Note[] = []): Verdict<P> {
  return { policy, status, subject, gaps: NONE, unknowns: NONE, notes: orNone(notes), reason };
}

function dedupeNotes(notes: Note[]): Note[] {
  if (notes.length < 2) {
    return notes;
  }
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.basis}\u0000${n.text}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
