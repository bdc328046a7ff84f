/**
 * Reports the continuous-coverage policies' findings the way policies/report.ts reports the CIS policies' verdicts:
 * a violation at the policy's level on the resource to change, an advisory note for what a preview cannot decide, and
 * an exempted finding as an advisory note quoting the reason (exemptions by urn or by type and name; these policies
 * judge stack resources only, so a `resource` exemption, the audit's cloud identity, matches nothing here).
 */
import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import { summarize } from "../fromStack/known";
import { ExemptionIndex, readConfig } from "../policies/config";
import { reportAdvisory } from "../policies/report";
import type { ContinuousPolicyName } from "./catalog";
import { describe } from "./stack";

export interface Finding {
  /** The resource to change (or that could not be judged). */
  readonly on: PolicyResource;
  /** What is wrong or missing, naming the region and the rule, remediation or role. */
  readonly problem: string;
  /** A preview could not decide it: an advisory note, never a violation. */
  readonly undecided?: boolean;
  /** What fixes it. */
  readonly fix?: string;
}

export function reportFindings(
  policy: ContinuousPolicyName,
  args: { getConfig<T extends object>(): T },
  report: ReportViolation,
  findings: readonly Finding[],
): void {
  const exemptions = new ExemptionIndex(readConfig(policy, args.getConfig()).exemptions);
  // A first preview leaves every ARN-bearing document unknown, one per region: past three, one note says so.
  const undecided = findings.filter((f) => f.undecided);
  if (undecided.length > 3) {
    reportAdvisory(report, `stack [continuous coverage]: cannot verify during preview: ${summarize(undecided.map((f) => `${describe(f.on)}: ${f.problem}`))}; the update re-checks them.`);
  }
  for (const f of findings) {
    const head = `${describe(f.on)} [continuous coverage]`;
    if (f.undecided) {
      if (undecided.length <= 3) {
        reportAdvisory(report, `${head}: cannot verify during preview: ${f.problem}; the update re-checks it.`, f.on.urn);
      }
      continue;
    }
    const message = `${head}: ${f.problem}.${f.fix ? ` Fix: ${f.fix}.` : ""}`;
    const exemption = exemptions.for(f.on);
    if (exemption) {
      reportAdvisory(report, `exempted (reason: ${exemption.reason}): ${message}`, f.on.urn);
    } else {
      report(message, f.on.urn);
    }
  }
}
