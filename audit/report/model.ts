/** The report every format renders: findings with their control id in the selected CIS version and the fix. */
import { CisVersion, controlFor, controlId } from "../../policy-pack/controls";
import type { AuditResult } from "../audit";
import { Finding, Status, isMuted } from "../types";

export interface ReportFinding extends Finding {
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

export interface Report {
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
}

export function toReport(result: AuditResult): Report {
  const findings = result.findings.map((f): ReportFinding => {
    const control = controlFor(f.policy);
    const id = controlId(f.policy, result.cisVersion);
    if (id === null) {
      throw new Error(`finding for ${f.policy}, which CIS ${result.cisVersion} does not have`);
    }
    return { ...f, control: id, title: control.title, remediation: control.fixedBy, securityHub: control.securityHub };
  });
  const count = (s: Status) => findings.filter((f) => f.status === s).length;
  return {
    account: result.accountId,
    partition: result.partition,
    cisVersion: result.cisVersion,
    regions: result.regions,
    findings,
    summary: {
      pass: count("pass"), fail: count("fail"), error: count("error"), notJudged: count("not-judged"),
      exempted: findings.filter(isMuted).length,
    },
    ...(result.policyConfig !== undefined ? { policyConfig: result.policyConfig } : {}),
    notes: result.notes ?? [],
  };
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
