/** The report every format renders: findings with their control id in the selected CIS version and the fix. */
import { CisVersion, controlFor, controlId } from "../../policy-pack/controls";
import type { AccountCoverage, AuditResult, Disagreement } from "../audit";
import { Finding, Status, isMuted } from "../types";

export interface ReportFinding extends Finding {
  /** The account the finding is about (the audited account, or one account of the organization). */
  readonly account: string;
  /** The control id in the selected CIS version, e.g. "2.9" in 1.2.0. */
  readonly control: string;
  readonly title: string;
  /** The component or configuration key of this project that fixes a failing finding. */
  readonly remediation: string;
  readonly securityHub: string | null;
}

export interface Summary {
  readonly pass: number;
  readonly fail: number;
  readonly error: number;
  /** Findings of resources another account is responsible for (status `not-judged`). */
  readonly notJudged: number;
  /** Fails and errors an exemption accepts; they are also counted under their status. */
  readonly exempted: number;
}

/** One account of the report with its own counts (an organization audit has many; a single-account audit one). */
export interface AccountReport extends AccountCoverage {
  readonly summary: Summary;
}

export interface Report {
  /** The audited account; for an organization, the account the audit ran from. */
  readonly account: string;
  readonly partition: string;
  readonly cisVersion: CisVersion;
  readonly regions: readonly string[];
  readonly findings: readonly ReportFinding[];
  readonly summary: Summary;
  /** The policy config file whose exemptions were applied, if any (`--policy-config`). */
  readonly policyConfig?: string;
  /** Remarks on the run that belong to no finding (exemptions that matched nothing, or only the pack can match). */
  readonly notes: readonly string[];
  /** Every account of the report, sorted by id, with its summary. */
  readonly accounts: readonly AccountReport[];
  /** Set for an organization audit: where the verdicts come from, and where the aggregator disagrees with the visit. */
  readonly organization?: {
    readonly source: "accounts" | "aggregator";
    readonly role?: string;
    readonly aggregator?: string;
    readonly disagreements?: readonly Disagreement[];
  };
}

export function toReport(result: AuditResult): Report {
  const findings = result.findings.map((f): ReportFinding => {
    const control = controlFor(f.policy);
    const id = controlId(f.policy, result.cisVersion);
    if (id === null) {
      throw new Error(`finding for ${f.policy}, which CIS ${result.cisVersion} does not have`);
    }
    return { ...f, account: f.account ?? result.accountId, control: id, title: control.title, remediation: control.fixedBy, securityHub: control.securityHub };
  });
  const coverage: readonly AccountCoverage[] = result.organization?.accounts ??
    [{ accountId: result.accountId, state: "ACTIVE", outcome: "audited", regions: result.regions }];
  const accounts = accountReports(coverage, findings);
  const org = result.organization;
  return {
    account: result.accountId,
    partition: result.partition,
    cisVersion: result.cisVersion,
    regions: result.regions,
    findings,
    summary: summaryOf(findings),
    ...(result.policyConfig !== undefined ? { policyConfig: result.policyConfig } : {}),
    notes: result.notes ?? [],
    accounts,
    ...(org
      ? {
          organization: {
            source: org.source, ...(org.role ? { role: org.role } : {}), ...(org.aggregator ? { aggregator: org.aggregator } : {}),
            ...(org.disagreements ? { disagreements: org.disagreements } : {}),
          },
        }
      : {}),
  };
}

/** Each covered account with the summary of its own findings. */
export function accountReports(coverage: readonly AccountCoverage[], findings: readonly ReportFinding[]): AccountReport[] {
  const byAccount = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    byAccount.set(f.account, [...(byAccount.get(f.account) ?? []), f]);
  }
  return coverage.map((a): AccountReport => ({ ...a, summary: summaryOf(byAccount.get(a.accountId) ?? []) }));
}

export function summaryOf(findings: readonly Finding[]): Summary {
  const count = (s: Status) => findings.filter((f) => f.status === s).length;
  return {
    pass: count("pass"), fail: count("fail"), error: count("error"), notJudged: count("not-judged"),
    exempted: findings.filter(isMuted).length,
  };
}

/** The worst status first: what an accounts × controls cell shows (an exempted fail or error shows as such, muted). */
const CELL_ORDER: readonly Status[] = ["error", "fail", "not-judged", "pass"];

/** The accounts × controls grid: per account and policy, the worst open status of its findings ("muted" if all are exempted). */
export function accountControlGrid(report: Report): ReadonlyMap<string, ReadonlyMap<string, Status | "muted">> {
  const grid = new Map<string, Map<string, Status | "muted">>();
  for (const f of report.findings) {
    const row = grid.get(f.account) ?? new Map<string, Status | "muted">();
    grid.set(f.account, row);
    const shown: Status | "muted" = isMuted(f) ? "muted" : f.status;
    const rank = (s: Status | "muted") => (s === "muted" ? 1.5 : CELL_ORDER.indexOf(s));
    const before = row.get(f.policy);
    if (before === undefined || rank(shown) < rank(before)) {
      row.set(f.policy, shown);
    }
  }
  return grid;
}

/** "111122223333 (prod)": an account with its name, where Organizations gave one. */
export function accountLabel(report: Report, accountId: string): string {
  const name = report.accounts.find((a) => a.accountId === accountId)?.name;
  return name ? `${accountId} (${name})` : accountId;
}

/** The closing count; `exempted` only when an exemption file was applied, so runs without one read as before. */
export function summaryLine(report: Report): string {
  const s = report.summary;
  const exempted = report.policyConfig !== undefined ? `, ${s.exempted} exempted` : "";
  return `${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.notJudged} not judged${exempted}`;
}

/**
 * 0 when no finding fails or errs, 1 when any fails (and none errs), 2 when any errs. `not-judged` findings
 * never change it: they are another account's to fix, and a nightly job must not go red over them. Nor do
 * exempted findings: the exemption file records that the team accepted them.
 */
export function exitCodeOf(findings: readonly Finding[]): 0 | 1 | 2 {
  const open = findings.filter((f) => !isMuted(f));
  if (open.some((f) => f.status === "error")) {
    return 2;
  }
  return open.some((f) => f.status === "fail") ? 1 : 0;
}
