/**
 * Markdown for pull-request comments and nightly reports: a summary, then the findings that need action. An exempted
 * fail or error keeps its status but follows the open ones, its reason in the Finding cell; the run's notes close it.
 */
import { Status, isMuted } from "../types";
import { describeDisagreement } from "../awsConfigOpinion";
import { Report, ReportFinding, summaryLine } from "./model";

function cell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function renderMarkdown(report: Report): string {
  const out = [
    `# CIS AWS Foundations ${report.cisVersion} logging audit`,
    "",
    `Account \`${report.account}\`, regions ${report.regions.map((r) => `\`${r}\``).join(", ")}.`,
    "",
    `**${summaryLine(report)}**`,
    "",
    "| Status | CIS | Policy | Region | Resource | Finding | Fix |",
    "|---|---|---|---|---|---|---|",
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
      `| ${f.status} | ${cell(f.control)} | ${cell(f.policy)} | ${cell(f.region)} | \`${cell(f.resource)}\` | ${cell(finding + aws)} | ${cell(fix)} |`,
    );
  }
  if (report.notes.length > 0) {
    out.push("", "Notes:", "", ...report.notes.map((n) => `- ${n}`));
  }
  return `${out.join("\n")}\n`;
}
