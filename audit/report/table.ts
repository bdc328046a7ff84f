/**
 * A plain-text table for terminals: one row per finding, with the fix under each row that fails or errs. A
 * `not-judged` row has no fix: nothing in this account fixes it, and its message names who can. An exempted row
 * says so under its message (`exempted: <reason>`); the run's notes come before the closing count.
 */
import { describeDisagreement } from "../awsConfigOpinion";
import { Report, summaryLine } from "./model";

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

export function renderTable(report: Report): string {
  const head = ["STATUS", "CIS", "REGION", "RESOURCE", "POLICY"];
  const rows = report.findings.map((f) => [f.status.toUpperCase(), f.control, f.region, f.resource, f.policy]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join("  ").trimEnd();
  const out = [
    `CIS AWS Foundations ${report.cisVersion} logging audit of account ${report.account} (${report.regions.join(", ")})`,
    "",
    line(head),
  ];
  report.findings.forEach((f, i) => {
    out.push(line(rows[i]));
    out.push(`    ${f.message}`);
    if (f.exemption) {
      out.push(f.exemption.expired
        ? `    exemption EXPIRED on ${String(f.exemption.expires)} (no longer mutes): ${f.exemption.reason}`
        : `    exempted${f.exemption.expires ? ` until ${f.exemption.expires}` : ""}: ${f.exemption.reason}`);
    }
    for (const d of f.awsConfigDisagrees ?? []) {
      out.push(`    ${describeDisagreement(d)}`);
    }
    if (f.status === "fail" || f.status === "error") {
      out.push(`    fix: ${f.remediation}`);
    }
  });
  if (report.notes.length > 0) {
    out.push("", ...report.notes.map((n) => `note: ${n}`));
  }
  out.push("", summaryLine(report));
  return `${out.join("\n")}\n`;
}
