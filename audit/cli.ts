/**
 * `npm run audit -- [--regions all|r1,r2] [--format table|json|markdown|sarif] [--cis 1.2.0|1.4.0|3.0.0|5.0.0]
 *  [--policy-config FILE] [--export-inventory FILE] [--concurrency N]
 *  [--org [--org-role NAME] [--external-id ID] [--from-aggregator NAME | --compare-aggregator NAME]]`
 * Argument parsing, output and exit codes only; the audit itself is audit.ts, the exemptions exemptions.ts. Exit 0:
 * nothing fails or errs (not-judged and exempted findings never count); 1: a finding fails; 2: a finding errs or the
 * audit could not run (a policy config file it cannot use included, checked before any AWS call).
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { Clock, systemClock } from "../clock";
import { CisVersion, cisVersions, isCisVersion } from "../policy-pack/controls";
import { AuditAbort, AuditResult, RegionSelection, runAudit } from "./audit";
import { ClientFactoryOptions, createClientFactory } from "./clients";
import { PolicyConfig, PolicyConfigFileError, applyExemptions, readPolicyConfigFile } from "./exemptions";
import { Format, exitCodeOf, formats, isFormat, render } from "./report";
import { DEFAULT_ORG_ROLE } from "./org/assumeRole";
import { OrgCliOptions, parseOrgArgs, runOrg } from "./org/cli";
import { ACCOUNT_CONCURRENCY } from "./org/orgAudit";
import { writeRun } from "./run/document";
import { toRunDocument } from "./run/fromResult";
import { reportFromRun } from "./run/toReport";
import { UsageError } from "./usage";

export const USAGE = `usage: npm run audit -- [--regions all|r1,r2] [--format ${formats.join("|")}] [--cis ${cisVersions.join("|")}]
                        [--policy-config FILE] [--out DIR] [--export-inventory FILE] [--concurrency N]
                        [--org [--org-role NAME] [--external-id ID] [--from-aggregator NAME | --compare-aggregator NAME]]
  --regions           regions to audit: all (every region enabled for the account, default) or a comma-separated list
  --format            report format on stdout (default table)
  --cis               CIS AWS Foundations Benchmark version whose control ids and controls to report (default 1.2.0)
  --policy-config     the policy pack's config file (pulumi --policy-pack-config): its exemptions by "resource"
                      apply to the findings; an exempted finding is shown with its reason and does not fail the run
  --out               also save the run into DIR as one JSON document (audit/run/run.schema.json), named by its
                      start time; npm run report -- DIR --html FILE draws the posture report from them
  --export-inventory  write the regions, VPC IDs and IAM roles (iam:ListRoles) found to FILE, in the format
                      npm run plan -- --inventory reads
  --concurrency       regions audited at the same time (default 4); with --org, accounts audited at the same time
                      (default 32, at most 128), each with 4 regions at a time
  --org               audit every ACTIVE account of the organization (organizations:ListAccounts; run from the
                      management account or a delegated administrator), each through a read-only session in its role
  --org-role          the role assumed in each member account, a name with an optional path
                      (default ${DEFAULT_ORG_ROLE})
  --external-id       the external ID the member roles' trust policies require (sts:ExternalId), if any
  --from-aggregator   with --org: read the compliance of this AWS Config aggregator instead of visiting the accounts
  --compare-aggregator  with --org: visit the accounts and also say where this aggregator's evaluation disagrees
Credentials, profile, region and endpoint come from the AWS SDK's standard chain (AWS_PROFILE, AWS_REGION,
AWS_ENDPOINT_URL, ...). Exit codes: 0 nothing fails or errs (not-judged findings, another account's resources, never
count, nor do exempted ones), 1 a control fails, 2 a check could not be judged or the audit could not run.`;

export interface CliOptions {
  readonly regions: RegionSelection;
  readonly format: Format;
  readonly cisVersion: CisVersion;
  readonly policyConfig?: string;
  readonly exportInventory?: string;
  /** A folder to save the run into (the posture report's input). */
  readonly out?: string;
  readonly concurrency: number;
  /** `--org`: audit the organization's accounts. */
  readonly org?: OrgCliOptions;
}


export { UsageError };

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function parseCliArgs(argv: readonly string[]): CliOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        regions: { type: "string", default: "all" },
        format: { type: "string", default: "table" },
        cis: { type: "string", default: "1.2.0" },
        "policy-config": { type: "string" },
        "export-inventory": { type: "string" },
        out: { type: "string" },
        concurrency: { type: "string" },
        org: { type: "boolean", default: false },
        "org-role": { type: "string" },
        "external-id": { type: "string" },
        "from-aggregator": { type: "string" },
        "compare-aggregator": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    return "help";
  }
  const format = v.format ?? "table";
  if (!isFormat(format)) {
    throw new UsageError(`[--format] is ${JSON.stringify(format)}; expected one of ${formats.join(", ")}`);
  }
  const cis = v.cis ?? "1.2.0";
  if (!isCisVersion(cis)) {
    throw new UsageError(`[--cis] is ${JSON.stringify(cis)}; expected one of ${cisVersions.join(", ")}`);
  }
  const regionsArg = (v.regions ?? "all").trim();
  let regions: RegionSelection = "all";
  if (regionsArg !== "all") {
    const list = regionsArg.split(",").map((r) => r.trim()).filter((r) => r.length > 0);
    const bad = list.filter((r) => !REGION.test(r));
    if (list.length === 0 || bad.length > 0) {
      throw new UsageError(`[--regions] is ${JSON.stringify(regionsArg)}; expected all or region names such as us-east-1,eu-north-1`);
    }
    regions = list;
  }
  const org = parseOrgArgs(v);
  // Regions of one account, or accounts of an organization (each with 4 regions at a time; org/orgAudit.ts says why 32).
  const maxConcurrency = org ? ACCOUNT_CONCURRENCY.max : 32;
  const concurrency = Number(v.concurrency ?? (org ? ACCOUNT_CONCURRENCY.default : 4));
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > maxConcurrency) {
    throw new UsageError(`[--concurrency] is ${JSON.stringify(v.concurrency)}; expected an integer from 1 to ${maxConcurrency}`);
  }
  const exportInventory = v["export-inventory"];
  if (exportInventory !== undefined && exportInventory.trim() === "") {
    throw new UsageError("[--export-inventory] needs a file name");
  }
  if (exportInventory !== undefined && org) {
    throw new UsageError("[--export-inventory] describes one account; it cannot be used with --org");
  }
  const out = v.out;
  if (out !== undefined && out.trim() === "") {
    throw new UsageError("[--out] needs a folder name");
  }
  const policyConfig = v["policy-config"];
  if (policyConfig !== undefined && policyConfig.trim() === "") {
    throw new UsageError("[--policy-config] needs a file name");
  }
  return {
    regions, format, cisVersion: cis, concurrency,
    ...(policyConfig ? { policyConfig } : {}), ...(exportInventory ? { exportInventory } : {}), ...(out ? { out } : {}),
    ...(org ? { org } : {}),
  };
}

export interface CliIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  /** Tests and the demo only (a local moto); the CLI uses the SDK's standard chain. */
  readonly clientOptions?: ClientFactoryOptions;
  /** Tests only: the clock freshness decisions use (default: the system clock). */
  readonly clock?: Clock;
}

function toolVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(`${__dirname}/../package.json`, "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let options: CliOptions;
  try {
    const parsed = parseCliArgs(argv);
    if (parsed === "help") {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    options = parsed;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`audit: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  // Read before any AWS call: a file the audit cannot use must not cost a whole run.
  let policyConfig: PolicyConfig | undefined;
  try {
    policyConfig = options.policyConfig !== undefined ? readPolicyConfigFile(options.policyConfig) : undefined;
  } catch (err) {
    if (err instanceof PolicyConfigFileError) {
      io.stderr.write(`audit: [--policy-config] ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const progress = io.stderr.isTTY === true && options.format !== "json";
  const clock = io.clock ?? systemClock;
  const startedAt = clock();
  let result: AuditResult;
  try {
    result = options.org ? await runOrg(options, options.org, io, progress) : await runAudit({
      clients: createClientFactory(io.clientOptions),
      cisVersion: options.cisVersion,
      regions: options.regions,
      concurrency: options.concurrency,
      collectInventory: options.exportInventory !== undefined,
      ...(io.clock ? { clock: io.clock } : {}),
      ...(progress
        ? {
            onRegionDone: (p) =>
              io.stderr.write(
                `[${p.done}/${p.total}] ${p.region} read in ${p.ms} ms${p.failedCalls > 0 ? `, ${p.failedCalls} call(s) failed` : ""}\n`,
              ),
          }
        : {}),
    });
  } catch (err) {
    if (err instanceof AuditAbort) {
      io.stderr.write(`audit: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const judged = policyConfig ? applyExemptions(result, policyConfig, startedAt) : result;
  // Every format renders from the saved run, the one document `npm run report` renders later (issue 11).
  const run = toRunDocument(judged, { toolVersion: toolVersion(), startedAt, endedAt: clock() });
  const report = reportFromRun(run);
  io.stdout.write(render(report, options.format, toolVersion()));
  let code: number = exitCodeOf(report.findings);
  if (options.out) {
    try {
      const file = writeRun(run, options.out);
      io.stderr.write(`audit: run saved to ${file}\n`);
    } catch (err) {
      io.stderr.write(`audit: --out: cannot save the run in ${options.out}: ${(err as Error).message}\n`);
      code = 2;
    }
  }
  if (options.exportInventory) {
    const outcome = result.inventory ?? { ok: false, reason: "the audit collected no inventory" };
    if (!outcome.ok) {
      io.stderr.write(`audit: --export-inventory: not written, ${outcome.reason}\n`);
      code = 2;
    } else {
      const inventory = outcome.value;
      try {
        fs.writeFileSync(options.exportInventory, `${JSON.stringify(inventory, null, 2)}\n`);
        io.stderr.write(
          `audit: inventory of ${Object.keys(inventory.regions).length} region(s) and ${inventory.iamRoleArns?.length ?? 0} IAM role(s) written to ${options.exportInventory}\n`,
        );
      } catch (err) {
        io.stderr.write(`audit: --export-inventory: cannot write ${options.exportInventory}: ${(err as Error).message}\n`);
        code = 2;
      }
    }
  }
  return code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`audit: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
