/**
 * A plain-text table for terminals: one row per finding, with the fix under each row that fails or errs. A
 * `not-judged` row has no fix: nothing in this account fixes it, and its message names who can. An exempted row
 * says so under its message (`exempted: <reason>`); the run's notes come before the closing count. An organization
 * audit first shows the accounts × controls grid (one letter per cell, the worst status of the account's findings for
 * the control), then the findings with their account, then one summary line per account.
 */
import { describeDisagreement } from "../awsConfigOpinion";
import { controlId } from "../../policy-pack/controls";
import { Report, accountControlGrid, accountLabel, summaryLine } from "./model";

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

/** One letter per cell, so that 11 controls fit a terminal line: E error, F fail, M muted, N not judged, P pass. */
const LETTER: Readonly<Record<string, string>> = { error: "E", fail: "F", muted: "M", "not-judged": "N", pass: "P" };

function organizationGrid(report: Report): string[] {
  const grid = accountControlGrid(report);
  const policies = [...new Set(report.findings.map((f) => f.policy))];
  const ids = policies.map((p) => controlId(p, report.cisVersion) ?? p);
  const accountWidth = Math.max("ACCOUNT".length, ...report.accounts.map((a) => a.accountId.length));
  const widths = ids.map((id) => Math.max(id.length, 1));
  const line = (first: string, cells: string[], last: string) =>
    `${pad(first, accountWidth)}  ${cells.map((c, i) => pad(c, widths[i])).join(" ")}  ${last}`.trimEnd();
  const out = [line("ACCOUNT", ids, "")];
  for (const a of report.accounts) {
    const row = grid.get(a.accountId);
    const cells = policies.map((p) => (a.outcome === "skipped" ? "-" : LETTER[row?.get(p) ?? ""] ?? "."));
    const tail = a.outcome === "skipped" ? `skipped: ${a.reason ?? a.state}` : `${a.name ?? ""}${a.outcome === "not-audited" ? " NOT AUDITED" : ""}`;
    out.push(line(a.accountId, cells, tail));
  }
  out.push("(E error, F fail, M exempted, N not judged, P pass, . no finding, - skipped)");
  return out;
}

export function renderTable(report: Report): string {
  const organization = report.organization !== undefined;
  const head = [...(organization ? ["ACCOUNT"] : []), "STATUS", "CIS", "REGION", "RESOURCE", "POLICY"];
  const rows = report.findings.map((f) => [...(organization ? [f.account] : []), f.status.toUpperCase(), f.control, f.region, f.resource, f.policy]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join("  ").trimEnd();
  const title = organization
    ? `CIS AWS Foundations ${report.cisVersion} logging audit of the organization: ${report.accounts.length} account(s) from ${report.account}` +
      (report.organization?.source === "aggregator" ? `, read from AWS Config aggregator ${report.organization.aggregator ?? ""}` : "")
    : `CIS AWS Foundations ${report.cisVersion} logging audit of account ${report.account} (${report.regions.join(", ")})`;
  const out = [title, ""];
  if (organization) {
    out.push(...organizationGrid(report), "");
  }
  out.push(line(head));
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
  if (organization) {
    out.push("");
    for (const a of report.accounts) {
      const s = a.summary;
      const what = a.outcome === "audited" ? `${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.notJudged} not judged` : `${a.outcome}: ${a.reason ?? ""}`;
      out.push(`account ${accountLabel(report, a.accountId)}: ${what}`);
    }
  }
  out.push("", summaryLine(report));
  return `${out.join("\n")}\n`;
}
