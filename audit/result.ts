/**
 * What an audit hands back: the account's findings in catalog order, the inventory when asked, and, for an
 * organization audit, how each account was covered. Split from audit.ts; audit.ts re-exports everything here.
 */
import type { Inventory } from "../offline/inventory";
import { CisVersion, PolicyName, controls } from "../policy-pack/controls";
import type { Finding, Status } from "./types";

export interface AuditResult {
  readonly accountId: string;
  readonly partition: string;
  readonly cisVersion: CisVersion;
  readonly regions: readonly string[];
  /** Sorted by catalog order, then region, then resource. */
  readonly findings: readonly Finding[];
  /** Only when `collectInventory` was asked: the inventory, or why it would be incomplete (then it must not be written). */
  readonly inventory?: InventoryOutcome;
  /** The policy config file whose exemptions were applied to the findings (applyExemptions), if any. */
  readonly policyConfig?: string;
  /** Remarks on the run that belong to no finding, e.g. an exemption that matched nothing. */
  readonly notes?: readonly string[];
  /**
   * Set for an organization audit (`--org`, `--from-aggregator`): the accounts it covered and how. `accountId` is then
   * the account the audit ran from (the management account or a delegated administrator), and every finding names its
   * own account.
   */
  readonly organization?: OrganizationScope;
}

/** How an account of the organization was covered. */
export type AccountOutcome =
  /** Visited (or read from the aggregator): its findings are in the result. */
  | "audited"
  /** Could not be audited (its role could not be assumed, its identity or regions could not be read): every control errs. */
  | "not-audited"
  /** Not ACTIVE (suspended, closing, closed, never activated): left out, with a note. */
  | "skipped";

export interface AccountCoverage {
  readonly accountId: string;
  readonly name?: string;
  /** The account's Organizations State (ACTIVE, SUSPENDED, ...). */
  readonly state: string;
  readonly outcome: AccountOutcome;
  /** The regions audited in this account (its own enabled regions with --regions all). */
  readonly regions: readonly string[];
  /** Why the account was not audited or was skipped. */
  readonly reason?: string;
}

export interface OrganizationScope {
  /** `accounts`: each account visited through its role; `aggregator`: read from an AWS Config aggregator. */
  readonly source: "accounts" | "aggregator";
  readonly accounts: readonly AccountCoverage[];
  /** The role assumed in each member account (source `accounts`). */
  readonly role?: string;
  /** The AWS Config aggregator read (source `aggregator`, or the one compared with `--compare-aggregator`). */
  readonly aggregator?: string;
  /** With `--compare-aggregator`: where the aggregator's verdict and the visit's differ. */
  readonly disagreements?: readonly Disagreement[];
}

/** One (account, control) on which the visited account and the aggregator reach different verdicts. */
export interface Disagreement {
  readonly account: string;
  readonly policy: PolicyName;
  /** The worst status of the visit's findings for the control in the account ("none": no finding). */
  readonly visited: Status | "none";
  /** The worst status of the aggregator's evaluations ("none": the aggregator has no result). */
  readonly aggregator: Status | "none";
  /** What each side found, naming the resources in question. */
  readonly detail: string;
}

export type InventoryOutcome = { readonly ok: true; readonly value: Inventory } | { readonly ok: false; readonly reason: string };

const catalogOrder = new Map(controls.map((c, i) => [c.policy, i]));

/** The order of findings in every format: account, then catalog order, then region, then resource. */
export function byFindingOrder(a: Finding, b: Finding): number {
  return (a.account ?? "").localeCompare(b.account ?? "") ||
    (catalogOrder.get(a.policy) ?? 0) - (catalogOrder.get(b.policy) ?? 0) || a.region.localeCompare(b.region) || a.resource.localeCompare(b.resource);
}
