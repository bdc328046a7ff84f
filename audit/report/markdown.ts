/**
 * Markdown for pull-request comments and nightly reports: a summary, then the findings that need action. An exempted
 * fail or error keeps its status but follows the open ones, its reason in the Finding cell; the run's notes close it.
 */
import { Status, isMuted } from "../types";
import { describeDisagreement } from "../awsConfigOpinion";
import { controlId } from "../../policy-pack/controls";
import { Report, ReportFinding, accountControlGrid, summaryLine } from "./model";

function cell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

const CELL: Readonly<Record<string, string>> = { error: "ERROR", fail: "FAIL", muted: "exempted", "not-judged": "not judged", pass: "pass" };

/** For an organization: one row per account with its counts and its worst status per control. */
function organizationSection(report: Report): string[] {
  const grid = accountControlGrid(report);
  const policies = [...new Set(report.findings.map((f) => f.policy))];
  const source = report.organization?.source === "aggregator"
    ? `read from the AWS Config aggregator \`${cell(report.organization.aggregator ?? "")}\``
    : `visited through the role \`${cell(report.organization?.role ?? "")}\``;
  const out = [
    `Organization audited from account \`${report.account}\`: ${report.accounts.length} account(s), ${source}.`,
    "",
    `| Account | Name | Outcome | Pass | Fail | Error | ${policies.map((p) => cell(controlId(p, report.cisVersion) ?? p)).join(" | ")} |`,
    `|---|---|---|---|---|---|${policies.map(() => "---|").join("")}`,
  ];
  for (const a of report.accounts) {
    const row = grid.get(a.accountId);
    const cells = policies.map((p) => (a.outcome === "skipped" ? "–" : CELL[row?.get(p) ?? ""] ?? ""));
    const outcome = a.outcome === "audited" ? "audited" : `${a.outcome}: ${cell(a.reason ?? "")}`;
    out.push(`| \`${a.accountId}\` | ${cell(a.name ?? "")} | ${outcome} | ${a.summary.pass} | ${a.summary.fail} | ${a.summary.error} | ${cells.join(" | ")} |`);
  }
  return out;
}

export function renderMarkdown(report: Report): string {
  const organization = report.organization !== undefined;
  const out = [
    `# CIS AWS Foundations ${report.cisVersion} logging audit`,
    "",
    ...(organization
      ? organizationSection(report)
      : [`Account \`${report.account}\`, regions ${report.regions.map((r) => `\`${r}\``).join(", ")}.`]),
    "",
    `**${summaryLine(report)}**`,
    "",
    `| ${organization ? "Account | " : ""}Status | CIS | Policy | Region | Resource | Finding | Fix |`,
    `|${organization ? "---|" : ""}---|---|---|---|---|---|---|`,
  ];
  // What needs action first; then what an exemption accepts; `not-judged` (another account's to fix) before the passes.
  const rank: Record<Status, number> = { error: 0, fail: 1, "not-judged": 3, pass: 4 };
  const rankOf = (f: ReportFinding) => (isMuted(f) ? 2 : rank[f.status]);
  const sorted = [...report.findings].sort((a, b) => rankOf(a) - rankOf(b));
  for (const f of sorted) {
    const fix = f.status === "fail" || f.status === "error" ? f.remediation : "";
    const finding = f.exemption
      ? `${f.message} **${f.exemption.expired ? `Exemption expired on ${String(f.exemption.expires)}` : "Exempted"}:** ${f.exemption.reason}`
      : f.message;
    const aws = (f.awsConfigDisagrees ?? []).map((d) => ` **${describeDisagreement(d)}.**`).join("");
    out.push(
      `| ${organization ? `\`${f.account}\` | ` : ""}${f.status} | ${cell(f.control)} | ${cell(f.policy)} | ${cell(f.region)} | \`${cell(f.resource)}\` | ${cell(finding + aws)} | ${cell(fix)} |`,
    );
  }
  if (report.notes.length > 0) {
    out.push("", "Notes:", "", ...report.notes.map((n) => `- ${n}`));
  }
  return `${out.join("\n")}\n`;
}
