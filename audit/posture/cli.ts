/**
 * `npm run report -- RUNS --html FILE`: the posture report of the saved runs in RUNS (a folder of `npm run audit --
 * --out` documents, or one file) as one self-contained HTML file. `--format table|json|markdown|sarif` renders the
 * newest of them on stdout exactly as the audit printed it (both render from the saved run). Exit 0 when written,
 * 2 on bad arguments or runs.
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { Format, formats, isFormat, render } from "../report";
import { readRuns } from "../run/document";
import { reportFromRun } from "../run/toReport";
import { renderPostureHtml } from "./html";

export const REPORT_USAGE = `usage: npm run report -- RUNS [--html FILE] [--format ${formats.join("|")}]   (RUNS: a folder of saved runs from npm run audit -- --out, or one run)`;

export interface ReportIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

export function main(argv: readonly string[], io: ReportIo = { stdout: process.stdout, stderr: process.stderr }): number {
  let runsLocation: string;
  let html: string | undefined;
  let format: Format | undefined;
  try {
    const parsed = parseArgs({ args: [...argv], options: { html: { type: "string" }, format: { type: "string" } }, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== 1 || (parsed.values.html === undefined && parsed.values.format === undefined)) {
      throw new Error("give one folder (or file) of saved runs and --html FILE, --format FORMAT or both");
    }
    const asked = parsed.values.format;
    if (asked !== undefined && !isFormat(asked)) {
      throw new Error(`[--format] ${JSON.stringify(asked)} is not a format; use one of ${formats.join(", ")}`);
    }
    if (parsed.values.html !== undefined && parsed.values.html.trim() === "") {
      throw new Error("[--html] needs a file name");
    }
    runsLocation = parsed.positionals[0];
    html = parsed.values.html;
    format = asked;
  } catch (err) {
    io.stderr.write(`report: ${(err as Error).message}\n${REPORT_USAGE}\n`);
    return 2;
  }
  try {
    const runs = readRuns(runsLocation);
    if (runs.length === 0) {
      throw new Error(`${runsLocation} holds no saved runs`);
    }
    const newest = runs[runs.length - 1];
    if (format !== undefined) {
      io.stdout.write(render(reportFromRun(newest), format, newest.tool.version));
    }
    if (html !== undefined) {
      fs.writeFileSync(html, renderPostureHtml(runs));
      // On stderr when a format goes to stdout, so `--format json > run.json` stays one document.
      (format !== undefined ? io.stderr : io.stdout).write(`report: ${runs.length} run(s) of account ${newest.account} written to ${html}\n`);
    }
    return 0;
  } catch (err) {
    io.stderr.write(`report: ${(err as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
