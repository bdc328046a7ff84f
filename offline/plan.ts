/**
 * `npm run plan`: an offline preview. Runs the program in Pulumi's mock runtime against the built-in
 * sample account, or a JSON inventory (`--inventory FILE`, as `npm run audit -- --export-inventory`
 * writes it), with a stack's configuration (`--stack prod` reads Pulumi.prod.yaml), and prints per region
 * what would be created. No credentials, no AWS calls, no Pulumi CLI.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { ConfigError, parseConfig, readerFromStrings } from "../config";
import type { BaselineOutputs } from "../program";
import { Inventory, readInventory } from "./inventory";
import { MockAccount, RecordedResource } from "./mockAccount";
import { organizationNotes, planningOrganization } from "./planOrganization";
import { sampleAccount } from "./sampleAccount";

export interface PlanOptions {
  readonly inventory?: string;
  readonly stack: string;
  /** Where Pulumi.<stack>.yaml lives. */
  readonly projectDir: string;
}

export function parseArgs(argv: readonly string[]): PlanOptions {
  let inventory: string | undefined;
  let stack = "prod";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) {
        throw new Error(`${arg} needs a value`);
      }
      return v;
    };
    if (arg === "--inventory") {
      inventory = value();
    } else if (arg === "--stack") {
      stack = value();
    } else if (arg === "--help" || arg === "-h") {
      throw new Error("usage: npm run plan -- [--inventory FILE] [--stack NAME]");
    } else {
      throw new Error(`unknown argument ${arg}; usage: npm run plan -- [--inventory FILE] [--stack NAME]`);
    }
  }
  return { inventory, stack, projectDir: path.resolve(__dirname, "..") };
}

/** The stack's config as the Pulumi CLI hands it to the program: every value a string, objects as JSON. */
export function readStackConfig(file: string): Record<string, string> {
  if (!fs.existsSync(file)) {
    throw new Error(`no stack configuration at ${file}`);
  }
  const doc = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return values;
}

export interface RegionPlan {
  readonly region: string;
  readonly resources: readonly string[];
}

/** Groups what was registered by region ("global" for IAM), each line `<type> <name>`. */
export function summarize(resources: readonly RecordedResource[]): RegionPlan[] {
  const byRegion = new Map<string, string[]>();
  for (const r of resources) {
    if (!r.custom || r.type === "pulumi:providers:aws") {
      continue;
    }
    const region = r.type.startsWith("aws:iam/") ? "global" : (r.region ?? "unknown");
    const shortType = r.type.replace(/^aws:([^/]+)\/[^:]+:/, "aws.$1.");
    const lines = byRegion.get(region) ?? [];
    lines.push(`${shortType} ${r.name}`);
    byRegion.set(region, lines);
  }
  return [...byRegion.entries()]
    .sort(([a], [b]) => (a === "global" ? -1 : b === "global" ? 1 : a.localeCompare(b)))
    .map(([region, lines]) => ({ region, resources: lines.sort() }));
}

const SERVICE_LINKED_ROLE_LINE: Record<BaselineOutputs["configServiceLinkedRole"], string> = {
  adopted: "adopted: AWSServiceRoleForConfig exists in the account, the recorders use it, nothing is created",
  created: "created by this deploy (AWSServiceRoleForConfig is missing); retained on destroy and adopted by later deploys",
  "not-used": "not used (awsConfig.role: dedicated)",
};

const CONTINUOUS_COVERAGE_LINE: Record<BaselineOutputs["continuousCoverage"], string> = {
  off: "off: VPCs and KMS keys created after this deploy are covered by the next pulumi up",
  telemetryRule:
    "telemetryRule: a CloudWatch telemetry rule per region creates every VPC's flow log (the program creates none); " +
    "AWS Config remediates key rotation and reports the other logging controls",
  configRemediation:
    "configRemediation: AWS Config's vpc-flow-logs-enabled remediation creates every VPC's flow log to this stack's destination " +
    "(the program creates none); AWS Config remediates key rotation and reports the other logging controls",
};

/** What the plan says about the account beside the resources: discovery results and what a redeploy does. */
export function accountNotes(outputs: BaselineOutputs, resources: readonly RecordedResource[]): string[] {
  const shared = Object.entries(outputs.sharedVpcsSkipped);
  const globalRegions = Object.entries(outputs.perRegion).filter(([, r]) => r.recordsGlobalResourceTypes).map(([region]) => region);
  const retained = resources.filter((r) => r.custom && r.retainOnDelete);
  const retainedTypes = [...new Set(retained.map((r) => r.type.replace(/^aws:([^/]+)\/[^:]+:/, "aws.$1.")))].sort();
  return [
    `AWS Config service-linked role: ${SERVICE_LINKED_ROLE_LINE[outputs.configServiceLinkedRole]}`,
    `Global IAM resource types recorded in: ${globalRegions.join(", ")}`,
    shared.length === 0
      ? "Shared VPCs skipped: none"
      : `Shared VPCs skipped (shared into the account through AWS RAM; only their owner can create their flow logs): ${shared.map(([region, ids]) => `${region} ${ids.join(" ")}`).join("; ")}`,
    `IAM role path of this stack: ${outputs.rolePath} (another stack of this program in the account is refused before deployment)`,
    `Kept on pulumi destroy (retainOnDelete), ${retained.length} resources: ${retainedTypes.join(", ")}. ` +
      "A later pulumi up creates new log groups (generated names) and buckets beside them, and adopts the service-linked role.",
    `Continuous coverage: ${CONTINUOUS_COVERAGE_LINE[outputs.continuousCoverage]}`,
  ];
}

export async function plan(options: PlanOptions, out: (line: string) => void): Promise<RegionPlan[]> {
  const stackFile = path.join(options.projectDir, `Pulumi.${options.stack}.yaml`);
  const values = readStackConfig(stackFile);
  const config = parseConfig(readerFromStrings((key) => values[`cis-logging-baseline:${key}`]), values["aws:region"]);
  const account: Inventory | undefined = options.inventory ? readInventory(options.inventory) : undefined;
  const organization = config.mode === "organization";
  const inventory: Inventory = organization ? planningOrganization(account) : (account ?? sampleAccount);

  const mocks = new MockAccount(inventory);
  await mocks.install("cis-logging-baseline", options.stack, true);
  // Import the program only now: modules loaded before the mocks register against no monitor.
  const { main } = await import("../program");
  const { mainOrganization } = await import("../programOrganization");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
  const outputs = organization ? await mainOrganization(config) : await main(config);
  await settings.waitForRPCs();

  const plans = summarize(mocks.resources);
  const total = plans.reduce((n, p) => n + p.resources.length, 0);
  const source = organization ? `${options.inventory ?? "built-in sample account"} in the built-in sample organization` : (options.inventory ?? "built-in sample account");
  out(`Plan for account ${inventory.accountId} (${source}), stack ${options.stack}, ${organization ? "mode organization, " : ""}home region ${config.homeRegion}`);
  out(`Regions covered (${outputs.regions.length}): ${outputs.regions.join(", ")}`);
  const providers = mocks.resources.filter((r) => r.type === "pulumi:providers:aws").length;
  out(`Providers: ${providers} (${config.providerMode})`);
  const notes = "mode" in outputs ? organizationNotes(outputs, mocks.resources, inventory) : accountNotes(outputs, mocks.resources);
  for (const line of notes) {
    out(line);
  }
  for (const p of plans) {
    out("");
    out(`${p.region}: ${p.resources.length} to create`);
    for (const line of p.resources) {
      out(`  + ${line}`);
    }
  }
  out("");
  out(`${total} resources to create.`);
  return plans;
}

/** What `npm run plan` prints on stderr when planning fails. */
export function describePlanFailure(err: unknown): string {
  if (err instanceof ConfigError) {
    return `invalid configuration:\n${err.message}`;
  }
  const e = err as Error;
  return e.name === "PreflightError" ? `cannot deploy to this account:\n${e.message}` : e.message;
}

if (require.main === module) {
  const write = (line: string): void => { process.stdout.write(`${line}\n`); };
  let options: PlanOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  plan(options, write).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${describePlanFailure(err)}\n`);
      process.exit(1);
    },
  );
}
