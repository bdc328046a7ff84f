/**
 * `npm run bench` arguments: `--runs N` (timed runs per case), `--only PART[,PART]` (pack, audit, organization: the
 * organization audit alone takes a minute and needs no pack run before it) and `--org-concurrency N` (the accounts
 * the organization audit visits at a time, default ORG_TARGET.accountConcurrency, to compare settings). One clear
 * error per bad argument, naming it and what is allowed.
 */
import { ACCOUNT_CONCURRENCY } from "../audit/org/orgAudit";

export const BENCH_PARTS = ["pack", "audit", "organization"] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchArgs {
  readonly runs: number;
  readonly parts: ReadonlySet<BenchPart>;
  readonly orgConcurrency?: number;
}

const isPart = (p: string): p is BenchPart => (BENCH_PARTS as readonly string[]).includes(p);

/** The value of `--name V` or `--name=V`, undefined when absent; an error when the flag has no value. */
function valueOf(argv: readonly string[], name: string): string | undefined {
  const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) {
    return undefined;
  }
  const value = argv[at].includes("=") ? argv[at].slice(name.length + 1) : argv[at + 1];
  if (value === undefined || value === "" || value.startsWith("--")) {
    throw new Error(`${name} needs a value`);
  }
  return value;
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} is ${JSON.stringify(value)}; expected a whole number from ${min} to ${max}`);
  }
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const known = new Set(["--runs", "--only", "--org-concurrency"]);
  const unknown = argv.filter((a) => a.startsWith("--") && !known.has(a.split("=")[0]));
  if (unknown.length > 0) {
    throw new Error(`unknown argument ${unknown[0]}; expected --runs N, --only ${BENCH_PARTS.join("|")}[,...], --org-concurrency N`);
  }
  const runs = valueOf(argv, "--runs");
  const only = valueOf(argv, "--only");
  const orgConcurrency = valueOf(argv, "--org-concurrency");
  const parts = only === undefined ? [...BENCH_PARTS] : only.split(",").map((p) => p.trim());
  const bad = parts.filter((p) => !isPart(p));
  if (bad.length > 0 || parts.length === 0) {
    throw new Error(`--only is ${JSON.stringify(only)}; expected one or more of ${BENCH_PARTS.join(", ")}, comma-separated`);
  }
  return {
    runs: runs === undefined ? 5 : wholeNumber("--runs", runs, 1, 1000),
    parts: new Set(parts.filter(isPart)),
    // The CLI's own bound for --concurrency with --org.
    ...(orgConcurrency === undefined ? {} : { orgConcurrency: wholeNumber("--org-concurrency", orgConcurrency, 1, ACCOUNT_CONCURRENCY.max) }),
  };
}
