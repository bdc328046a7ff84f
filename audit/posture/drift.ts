/**
 * `npm run drift -- RUNS [--preview success|failure|skipped]`: what changed since the previous saved run, as Markdown
 * for a CI job summary, and an exit code for the nightly drift check: 1 when the stack drifted (the preview with
 * --expect-no-changes failed), a region appeared, or a control turned red; else 0. 2 on bad arguments or runs.
 */
import { parseArgs } from "util";
import { readRuns } from "../run/document";
import type { RunDocument, RunFinding } from "../run/document";
import type { ReportIo } from "./cli";
import { isMuted } from "./model";

export interface Drift {
  readonly newRegions: readonly string[];
  /** Findings failing (and not muted) now that did not fail in the previous run. */
  readonly turnedRed: readonly RunFinding[];
  /** Findings that failed before and pass now. */
  readonly turnedGreen: readonly RunFinding[];
  /** Exemptions that lapsed since the previous run. */
  readonly expired: readonly RunFinding[];
}

const key = (f: RunFinding) => `${f.policy}\u0000${f.region}\u0000${f.resource}`;
const red = (f: RunFinding) => (f.status === "fail" || f.status === "error") && !isMuted(f);

export function driftBetween(previous: RunDocument | undefined, latest: RunDocument): Drift {
  const before = new Map((previous?.findings ?? []).map((f) => [key(f), f]));
  const turnedRed = latest.findings.filter((f) => red(f) && !(before.has(key(f)) && red(before.get(key(f)) as RunFinding)));
  const turnedGreen = latest.findings.filter((f) => f.status === "pass" && before.has(key(f)) && red(before.get(key(f)) as RunFinding));
  const expired = latest.findings.filter((f) => f.exemption?.expired && !before.get(key(f))?.exemption?.expired);
  const newRegions = previous ? latest.regions.filter((r) => !previous.regions.includes(r)) : [];
  return { newRegions, turnedRed, turnedGreen, expired };
}

export function driftMarkdown(drift: Drift, latest: RunDocument, preview: string | undefined): string {
  const lines = [`## Nightly drift check: account ${latest.account}, ${latest.startedAt}`, ""];
  if (preview !== undefined) {
    lines.push(preview === "success"
      ? "- Stack: no drift (`pulumi preview --refresh --expect-no-changes` passed)."
      : `- **Stack drifted**: \`pulumi preview --refresh --expect-no-changes\` ${preview === "failure" ? "found changes or a policy violation" : `was ${preview}`}; run it locally to see them, then \`pulumi up\`.`);
  }
  lines.push(drift.newRegions.length > 0
    ? `- **New region(s) enabled**: ${drift.newRegions.join(", ")}: run \`pulumi up\` to cover them.`
    : "- Regions: none new.");
  const s = latest.summary;
  lines.push(`- Audit: ${s.fail} fail, ${s.error} error, ${s.pass} pass, ${s.exempted} muted, ${s.notJudged} not judged.`);
  const list = (title: string, fs: readonly RunFinding[]) => {
    if (fs.length > 0) {
      lines.push("", `### ${title}`, "", "| Control | Region | Resource | Reason |", "|---|---|---|---|");
      lines.push(...fs.map((f) => `| ${f.control} | ${f.region} | \`${f.resource}\` | ${f.reason.replace(/\|/g, "\\|")} |`));
    }
  };
  list("Turned red since the previous run", drift.turnedRed);
  list("Exemptions that expired", drift.expired);
  list("Fixed since the previous run", drift.turnedGreen);
  return `${lines.join("\n")}\n`;
}

export function shouldFail(drift: Drift, preview: string | undefined): boolean {
  return (preview !== undefined && preview !== "success") || drift.newRegions.length > 0 || drift.turnedRed.length > 0 || drift.expired.length > 0;
}

export function main(argv: readonly string[], io: ReportIo = { stdout: process.stdout, stderr: process.stderr }): number {
  let location: string;
  let preview: string | undefined;
  try {
    const parsed = parseArgs({ args: [...argv], options: { preview: { type: "string" } }, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== 1) {
      throw new Error("give one folder of saved runs");
    }
    location = parsed.positionals[0];
    preview = parsed.values.preview;
    if (preview !== undefined && !["success", "failure", "cancelled", "skipped"].includes(preview)) {
      throw new Error(`[--preview] is ${JSON.stringify(preview)}; expected success, failure, cancelled or skipped (a GitHub step outcome)`);
    }
  } catch (err) {
    io.stderr.write(`drift: ${(err as Error).message}\nusage: npm run drift -- RUNS [--preview success|failure|cancelled|skipped]\n`);
    return 2;
  }
  try {
    const runs = readRuns(location);
    if (runs.length === 0) {
      throw new Error(`${location} holds no saved runs`);
    }
    const latest = runs[runs.length - 1];
    const drift = driftBetween(runs[runs.length - 2], latest);
    io.stdout.write(driftMarkdown(drift, latest, preview));
    return shouldFail(drift, preview) ? 1 : 0;
  } catch (err) {
    io.stderr.write(`drift: ${(err as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
