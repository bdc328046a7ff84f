/** The bench's tables: times in ms as "median [best]", ratios between consecutive sizes, plain text for a terminal or a log. */
import type { AuditResult } from "./audit";
import type { Timing } from "./measure";
import { MODES, Mode, RESOURCE_POLICY_NAMES, STACK_POLICY_NAMES, PackResult } from "./pack";

export const count = (n: number): string => n.toLocaleString("en-US");
export const ms = (n: number): string => (n < 10 ? n.toFixed(1) : count(Math.round(n)));
export const ratio = (n: number): string => n.toFixed(n < 10 ? 2 : 1);

const cell = (t: Timing): string => `${ms(t.median)} [${ms(t.best)}]`;

const MODE_TITLE: Readonly<Record<Mode, string>> = {
  update: "update: every value known",
  preview: "preview: every 2nd region being created",
};

/** What the preview's unknowns are, under its table. */
const PREVIEW_NOTE = "  (unknown there: ARNs, VPC and flow log ids, bucket names, bucket policies, the component's flowLogIds)";

function render(rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((v, c) => (c < leftColumns ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("   ").trimEnd()).join("\n");
}

/** Ratios between consecutive sizes, labelled by their sizes in thousands ("10k/1k"). */
function ratioHeaders(results: readonly PackResult[]): string[] {
  const k = (n: number) => `${Math.round(n / 1000)}k`;
  return results.slice(1).map((r, i) => `${k(r.size)}/${k(results[i].size)}`);
}

export function packTable(results: readonly PackResult[]): string {
  const sections: string[] = [];
  for (const mode of MODES) {
    const ofMode = results.filter((r) => r.mode === mode).sort((a, b) => a.resources - b.resources);
    const line = (label: string, get: (r: PackResult) => Timing): string[] => [
      label,
      ...ofMode.map((r) => cell(get(r))),
      ...ofMode.slice(1).map((r, i) => ratio(get(r).median / get(ofMode[i]).median)),
    ];
    const serverOnly = ofMode.every((r) => r.serverOnly !== undefined)
      ? [line("  of which the server's own work (idle policies)", (r) => r.serverOnly as Timing)]
      : [];
    const rows = [
      [`policy pack, ${MODE_TITLE[mode]}`, ...ofMode.map((r) => `${count(r.resources)} res.`), ...ratioHeaders(ofMode)],
      line("whole pack", (r) => r.whole),
      line("  of which garbage collection", (r) => r.collecting),
      ...serverOnly,
      line(`  every resource: Remediate, Analyze (${RESOURCE_POLICY_NAMES.length} resource policies)`, (r) => r.resourcePass),
      line("  decoding the stack request", (r) => r.stackDecoding),
      ...STACK_POLICY_NAMES.map((name) => line(`  ${name}`, (r) => r.byStackPolicy.get(name) as Timing)),
      ["  advisory notes per run", ...ofMode.map((r) => count(r.advisories))],
    ];
    sections.push(render(rows) + (mode === "preview" ? `\n${PREVIEW_NOTE}` : ""));
  }
  const updates = results.filter((r) => r.mode === "update").sort((a, b) => a.resources - b.resources);
  const previews = updates.map((u) => results.find((r) => r.mode === "preview" && r.size === u.size));
  sections.push(render([
    ["preview / update", ...updates.map((r) => `${count(r.resources)} res.`)],
    ["whole pack", ...updates.map((u, i) => { const p = previews[i]; return p ? ratio(p.whole.median / u.whole.median) : "-"; })],
  ]));
  return sections.join("\n\n");
}

export function auditTable(results: readonly AuditResult[]): string {
  const sorted = [...results].sort((a, b) => a.vpcs - b.vpcs);
  return render([
    ["audit: fromAws and every rule, 20 regions", "VPCs", "ms", "of which GC", "ratio"],
    ...sorted.map((r, i) => [
      `  ${count(r.vpcsPerRegion)} VPCs per region${r.repeat > 1 ? ` (${r.repeat} per timed sample)` : ""}`,
      count(r.vpcs),
      cell(r.time),
      cell(r.collecting),
      i === 0 ? "" : ratio(r.time.median / sorted[i - 1].time.median),
    ]),
  ]);
}
