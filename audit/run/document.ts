/**
 * The saved run: one versioned JSON document per audit run (`npm run audit -- --out runs/`), validated against
 * run.schema.json. The posture report (npm run report) reads a folder of them; a document of an older schema version
 * is migrated on read, one of an unknown (newer) version is a clear error.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { CisVersion, cisVersions, controlFor } from "../../policy-pack/controls";
import type { Status } from "../types";

/**
 * The newest schema version this tool reads. Version 2 adds what an organization audit needs (each finding's account,
 * the accounts covered and how, the aggregator's disagreements) and nothing else: a single-account run is still
 * written as version 1, so tools that read only version 1 keep reading it.
 */
export const RUN_SCHEMA_VERSION = 2;
export type RunSchemaVersion = 1 | 2;

export interface RunExemption {
  readonly reason: string;
  readonly owner?: string;
  /** YYYY-MM-DD: the last day the exemption mutes the finding. */
  readonly expires?: string;
  /** Past its expiry on the run's date: it no longer mutes the finding. */
  readonly expired: boolean;
}

export interface RunFinding {
  /** Version 2, organization runs: the account the finding is about. */
  readonly account?: string;
  readonly policy: string;
  readonly title: string;
  /** The control id in the run's CIS version. */
  readonly control: string;
  /** The control id in every CIS version (null where a version lacks the control). */
  readonly cis: Readonly<Record<CisVersion, string | null>>;
  readonly securityHub: string | null;
  readonly region: string;
  readonly resource: string;
  readonly status: Status;
  readonly reason: string;
  /** What in this project fixes it (the catalog's fixedBy). */
  readonly remedy: string;
  readonly exemption?: RunExemption;
  /** AWS Config's opposite verdict on the resource, by rule (audit/awsConfigOpinion.ts); never changes `status`. */
  readonly awsConfigDisagrees?: readonly { readonly rule: string; readonly compliance: "COMPLIANT" | "NON_COMPLIANT"; readonly regions: readonly string[] }[];
}

export interface RunSummary {
  readonly pass: number;
  readonly fail: number;
  readonly error: number;
  readonly notJudged: number;
  readonly exempted: number;
}

/** One account of an organization run (version 2). */
export interface RunAccount {
  readonly account: string;
  readonly name?: string;
  /** The account's Organizations state (ACTIVE, SUSPENDED, ...). */
  readonly state: string;
  /** audited, not-audited (every control errs) or skipped (not ACTIVE). */
  readonly outcome: "audited" | "not-audited" | "skipped";
  readonly regions: readonly string[];
  readonly reason?: string;
}

export interface RunDisagreement {
  readonly account: string;
  readonly policy: string;
  readonly visited: string;
  readonly aggregator: string;
  readonly detail: string;
}

/** Version 2: set when the run audited an organization; `account` is then the account it ran from. */
export interface RunOrganization {
  readonly source: "accounts" | "aggregator";
  readonly role?: string;
  readonly aggregator?: string;
  readonly accounts: readonly RunAccount[];
  readonly disagreements?: readonly RunDisagreement[];
}

export interface RunDocument {
  readonly schemaVersion: RunSchemaVersion;
  readonly tool: { readonly name: string; readonly version: string };
  readonly account: string;
  readonly partition: string;
  readonly cisVersion: CisVersion;
  readonly regions: readonly string[];
  readonly startedAt: string;
  readonly endedAt: string;
  readonly findings: readonly RunFinding[];
  readonly summary: RunSummary;
  /** The policy config file whose exemptions were applied (`--policy-config`), if any. */
  readonly policyConfig?: string;
  /** Version 2: set when the run audited an organization. */
  readonly organization?: RunOrganization;
  /** Remarks on the run that belong to no finding (an exemption that matched nothing, skipped accounts, the aggregator's verdict). */
  readonly notes?: readonly string[];
}

/** The catalog facts a finding carries, so that a run renders without the catalog of the version that wrote it. */
export function catalogFacts(policy: string): Pick<RunFinding, "title" | "cis" | "securityHub"> {
  const control = controlFor(policy);
  return { title: control.title, cis: Object.fromEntries(cisVersions.map((v) => [v, control.cis[v]])) as Record<CisVersion, string | null>, securityHub: control.securityHub };
}

/** A finding counts toward the summary's status only when no live exemption mutes it. */
export function summarize(findings: readonly RunFinding[]): RunSummary {
  const live = (f: RunFinding) => f.exemption !== undefined && !f.exemption.expired;
  const count = (s: Status) => findings.filter((f) => f.status === s && !live(f)).length;
  return { pass: count("pass"), fail: count("fail"), error: count("error"), notJudged: count("not-judged"), exempted: findings.filter(live).length };
}

let validator: ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } | undefined;

function validate(doc: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "run.schema.json"), "utf8")) as object;
    validator = ajv.compile(schema);
  }
  return validator(doc) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

export class RunDocumentError extends Error {
  override readonly name = "RunDocumentError";
}

/** Checks a document against the schema of its version, migrating older versions; throws naming the file and the problem. */
export function parseRun(raw: unknown, source: string): RunDocument {
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== "number") {
    throw new RunDocumentError(`${source}: not a saved audit run (no schemaVersion)`);
  }
  if (version > RUN_SCHEMA_VERSION) {
    throw new RunDocumentError(`${source}: schema version ${version} is newer than this tool reads (${RUN_SCHEMA_VERSION}); update cis-logging-baseline`);
  }
  // Version 2 only adds optional fields to version 1, so one schema checks both; a later version that changes a field
  // adds its migration from the previous one here.
  const problems = validate(raw);
  if (problems.length > 0) {
    throw new RunDocumentError(`${source}: not a valid saved run (schema version ${version}): ${problems.slice(0, 5).join("; ")}`);
  }
  return raw as RunDocument;
}

/** Writes the run into `dir` as `<startedAt>-<account>.json` (colons replaced, so the name is valid everywhere). */
export function writeRun(doc: RunDocument, dir: string): string {
  const problems = validate(doc);
  if (problems.length > 0) {
    throw new RunDocumentError(`the run does not match its own schema: ${problems.join("; ")}`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${doc.startedAt.replace(/:/g, "-")}-${doc.account}.json`);
  fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

/** Every saved run of a folder (or one file), oldest first. */
export function readRuns(location: string): RunDocument[] {
  const files = fs.statSync(location).isDirectory()
    ? fs.readdirSync(location).filter((f) => f.endsWith(".json")).map((f) => path.join(location, f))
    : [location];
  const runs = files.map((file) => {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
      throw new RunDocumentError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    return parseRun(raw, file);
  });
  return runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
