/**
 * What the posture report shows, computed from saved runs: the latest run's regions × controls grid, the verdict per
 * control, the trend of failing and passing checks per control over every run, and the accepted exceptions; for an
 * organization run, also its accounts × controls grid.
 */
import type { RunAccount, RunDocument, RunFinding } from "../run/document";

export type CellStatus = "fail" | "error" | "pass" | "not-judged" | "muted" | "none";

/** Worst first: a cell shows the worst status among its findings (a muted fail counts as muted). */
const ORDER: readonly CellStatus[] = ["fail", "error", "muted", "not-judged", "pass", "none"];

export const isMuted = (f: RunFinding): boolean => f.exemption !== undefined && !f.exemption.expired;
export const shownStatus = (f: RunFinding): CellStatus => (isMuted(f) ? "muted" : f.status);

export function worst(statuses: readonly CellStatus[]): CellStatus {
  return statuses.reduce<CellStatus>((w, s) => (ORDER.indexOf(s) < ORDER.indexOf(w) ? s : w), "none");
}

export interface ControlRow {
  readonly policy: string;
  readonly control: string;
  readonly title: string;
  readonly securityHub: string | null;
  readonly status: CellStatus;
  /** Per region (in `regions` order): the cell status and how many findings it holds. */
  readonly cells: readonly { readonly region: string; readonly status: CellStatus; readonly count: number }[];
}

export interface TrendPoint {
  readonly at: string;
  readonly fail: number;
  readonly pass: number;
}

/** One account of an organization run: its outcome and, per control (in `rows` order), its worst status and count. */
export interface AccountRow extends RunAccount {
  readonly status: CellStatus;
  readonly cells: readonly { readonly policy: string; readonly status: CellStatus; readonly count: number }[];
}

export interface Posture {
  readonly latest: RunDocument;
  readonly regions: readonly string[];
  readonly rows: readonly ControlRow[];
  /** Per policy: failing and passing checks in each run, oldest first. */
  readonly trend: ReadonlyMap<string, readonly TrendPoint[]>;
  readonly total: readonly TrendPoint[];
  readonly exceptions: readonly RunFinding[];
  /** Organization runs only: every account, sorted by id. */
  readonly accounts?: readonly AccountRow[];
}

export function postureOf(runs: readonly RunDocument[]): Posture {
  if (runs.length === 0) {
    throw new Error("no saved runs to report on");
  }
  const latest = runs[runs.length - 1];
  const regions = [...new Set(latest.findings.map((f) => f.region))].sort((a, b) => (a === "global" ? -1 : b === "global" ? 1 : a.localeCompare(b)));
  const byPolicy = new Map<string, RunFinding[]>();
  for (const f of latest.findings) {
    byPolicy.set(f.policy, [...(byPolicy.get(f.policy) ?? []), f]);
  }
  const rows = [...byPolicy.entries()].map(([policy, findings]): ControlRow => {
    const byRegion = new Map<string, RunFinding[]>();
    for (const f of findings) {
      byRegion.set(f.region, [...(byRegion.get(f.region) ?? []), f]);
    }
    const cells = regions.map((region) => {
      const here = byRegion.get(region) ?? [];
      return { region, status: worst(here.map(shownStatus)), count: here.length };
    });
    const first = findings[0];
    return { policy, control: first.control, title: first.title, securityHub: first.securityHub, status: worst(findings.map(shownStatus)), cells };
  }).sort((a, b) => a.control.localeCompare(b.control, undefined, { numeric: true }));

  const trend = new Map<string, TrendPoint[]>();
  const total: TrendPoint[] = [];
  for (const run of runs) {
    const counts = new Map<string, { fail: number; pass: number }>();
    for (const f of run.findings) {
      const c = counts.get(f.policy) ?? { fail: 0, pass: 0 };
      if (f.status === "fail" && !isMuted(f)) {
        c.fail += 1;
      } else if (f.status === "pass") {
        c.pass += 1;
      }
      counts.set(f.policy, c);
    }
    for (const policy of new Set([...byPolicy.keys(), ...counts.keys()])) {
      const c = counts.get(policy) ?? { fail: 0, pass: 0 };
      trend.set(policy, [...(trend.get(policy) ?? []), { at: run.startedAt, ...c }]);
    }
    total.push({ at: run.startedAt, fail: [...counts.values()].reduce((n, c) => n + c.fail, 0), pass: [...counts.values()].reduce((n, c) => n + c.pass, 0) });
  }
  const exceptions = latest.findings.filter((f) => f.exemption !== undefined);
  const accounts = latest.organization ? accountRows(latest, rows) : undefined;
  return { latest, regions, rows, trend, total, exceptions, ...(accounts ? { accounts } : {}) };
}

function accountRows(latest: RunDocument, rows: readonly ControlRow[]): AccountRow[] {
  const byAccount = new Map<string, RunFinding[]>();
  for (const f of latest.findings) {
    const account = f.account ?? latest.account;
    byAccount.set(account, [...(byAccount.get(account) ?? []), f]);
  }
  return [...(latest.organization?.accounts ?? [])]
    .sort((a, b) => a.account.localeCompare(b.account))
    .map((a): AccountRow => {
      const mine = byAccount.get(a.account) ?? [];
      const cells = rows.map((r) => {
        const here = mine.filter((f) => f.policy === r.policy);
        return { policy: r.policy, status: worst(here.map(shownStatus)), count: here.length };
      });
      return { ...a, status: worst(mine.map(shownStatus)), cells };
    });
}
