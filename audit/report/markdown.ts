/** Markdown for pull-request comments and nightly reports: a summary, then the findings that need action. */
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
    `**${s.pass} pass, ${s.fail} fail, ${s.error} error**`,
    "",
    "| Status | CIS | Policy | Region | Resource | Finding | Fix |",
    "|---|---|---|---|---|---|---|",
  ];
  const rank = { error: 0, fail: 1, pass: 2 } as const;
  const sorted = [...report.findings].sort((a, b) => rank[a.status] - rank[b.status]);
  for (const f of sorted) {
    const fix = f.status === "pass" ? "" : f.remediation;
    out.push(
      `| ${f.status} | ${cell(f.control)} | ${cell(f.policy)} | ${cell(f.region)} | \`${cell(f.resource)}\` | ${cell(f.message)} | ${cell(fix)} |`,
    );
  }
  return `${out.join("\n")}\n`;
}
