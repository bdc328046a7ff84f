/** Markdown for pull-request comments and nightly reports: a summary, then the findings that need action. */
import type { Status } from "../types";
import type { Report } from "./model";

function cell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out = [
    `# CIS AWS Foundations ${report.cisVersion} logging audit`,
    "",
    `Account \`${report.account}\`, regions ${report.regions.map((r) => `\`${r}\``).join(", ")}.`,
    "",
    `**${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.notJudged} not judged**`,
    "",
    "| Status | CIS | Policy | Region | Resource | Finding | Fix |",
    "|---|---|---|---|---|---|---|",
  ];
  // What needs action first; `not-judged` (another account's to fix) before the passes.
  const rank: Record<Status, number> = { error: 0, fail: 1, "not-judged": 2, pass: 3 };
  const sorted = [...report.findings].sort((a, b) => rank[a.status] - rank[b.status]);
  for (const f of sorted) {
    const fix = f.status === "fail" || f.status === "error" ? f.remediation : "";
    out.push(
      `| ${f.status} | ${cell(f.control)} | ${cell(f.policy)} | ${cell(f.region)} | \`${cell(f.resource)}\` | ${cell(f.message)} | ${cell(fix)} |`,
    );
  }
  return `${out.join("\n")}\n`;
}
