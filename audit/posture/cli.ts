/**
 * `npm run report -- RUNS --html FILE`: the posture report of the saved runs in RUNS (a folder of `npm run audit --
 * --out` documents, or one file) as one self-contained HTML file. Exit 0 when written, 2 on bad arguments or runs.
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { readRuns } from "../run/document";
import { renderPostureHtml } from "./html";

export const REPORT_USAGE = "usage: npm run report -- RUNS --html FILE   (RUNS: a folder of saved runs from npm run audit -- --out, or one run)";

export interface ReportIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

export function main(argv: readonly string[], io: ReportIo = { stdout: process.stdout, stderr: process.stderr }): number {
  let runsLocation: string;
  let html: string;
  try {
    const parsed = parseArgs({ args: [...argv], options: { html: { type: "string" } }, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== 1 || !parsed.values.html) {
      throw new Error("give one folder (or file) of saved runs and --html FILE");
    }
    runsLocation = parsed.positionals[0];
    html = parsed.values.html;
  } catch (err) {
    io.stderr.write(`report: ${(err as Error).message}\n${REPORT_USAGE}\n`);
    return 2;
  }
  try {
    const runs = readRuns(runsLocation);
    if (runs.length === 0) {
      throw new Error(`${runsLocation} holds no saved runs`);
    }
    fs.writeFileSync(html, renderPostureHtml(runs));
    io.stdout.write(`report: ${runs.length} run(s) of account ${runs[runs.length - 1].account} written to ${html}\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`report: ${(err as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
