/** The report every format renders: findings with their control id in the selected CIS version and the fix. */
import { CisVersion, controlFor, controlId } from "../../policy-pack/controls";
import type { AuditResult } from "../audit";
import type { Finding, Status } from "../types";

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
}

export interface Report {
  readonly account: string;
  readonly partition: string;
  readonly cisVersion: CisVersion;
  readonly regions: readonly string[];
  readonly findings: readonly ReportFinding[];
  readonly summary: Summary;
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
    summary: { pass: count("pass"), fail: count("fail"), error: count("error"), notJudged: count("not-judged") },
  };
}

/**
 * 0 when no finding fails or errs, 1 when any fails (and none errs), 2 when any errs. `not-judged` findings
 * never change it: they are another account's to fix, and a nightly job must not go red over them.
 */
export function exitCodeOf(summary: Summary): 0 | 1 | 2 {
  if (summary.error > 0) {
    return 2;
  }
  return summary.fail > 0 ? 1 : 0;
}
