/**
 * Orchestration: who am I (STS), which regions (EC2 DescribeRegions, enabled ones only), then per region,
 * concurrently with a bound, the read-only calls the selected checks need. A failure stays inside the fact
 * it concerns, so a region that errs yields `error` findings for its checks while the others complete.
 * Only when the inventory is asked for (`--export-inventory`) does the audit also list IAM roles.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { Clock, systemClock } from "../clock";
import { CisVersion, PolicyName, controls } from "../policy-pack/controls";
import type { Inventory, OptInStatus, RegionInventory } from "../offline/inventory";
import { rules } from "../policy-pack/domain/rules";
import { compareWithAwsConfig, readRuleEvaluations } from "./awsConfigOpinion";
import { checksFor } from "./checks";
import { toFindings } from "./checks/findings";
import { fromAws } from "./fromAws";
import type { ClientFactory } from "./clients";
import { TrailSummary, getEventSelectors, getTrailStatus, listTrails } from "./collect/cloudtrail";
import { collectConfig } from "./collect/config";
import { RegionInfo, describeRegions, listFlowLogs, listVpcs } from "./collect/ec2";
import { INVENTORY_ROLE_PATH_PREFIXES, listRoleArns } from "./collect/iam";
import { collectKeys } from "./collect/kms";
import { BucketFacts, collectBucket, getAccountPublicAccessBlock, listOwnedBuckets } from "./collect/s3";
import { mapLimit } from "./concurrency";
import type { AuditData, Need, RegionData, TrailDetails } from "./data";
import { ApiFailure, Finding, Result, Status, attempt, describeFailure } from "./types";

export type RegionSelection = "all" | readonly string[];

export interface AuditOptions {
  readonly clients: ClientFactory;
  readonly cisVersion: CisVersion;
  /** "all": every region enabled for the account; else exactly these regions. */
  readonly regions: RegionSelection;
  /** Regions audited at the same time. Default 4. */
  readonly concurrency?: number;
  /** Called when a region's calls have completed (the CLI prints a progress line on a terminal). */
  readonly onRegionDone?: (progress: RegionProgress) => void;
  /** Checkers whose stricter reading turns a note into a fail (e.g. Security Hub Config.1's service-linked role). */
  readonly strict?: readonly "securityHub"[];
  /** Where "now" comes from for freshness decisions (default: the system clock). */
  readonly clock?: Clock;
  /**
   * Also collect the inventory `npm run plan -- --inventory` reads (`--export-inventory`): every region's VPCs and
   * the IAM roles the program looks up (iam:ListRoles). No check needs IAM, so without this the audit makes no IAM call.
   */
  readonly collectInventory?: boolean;
}

export interface RegionProgress {
  readonly region: string;
  readonly done: number;
  readonly total: number;
  readonly failedCalls: number;
  readonly ms: number;
}

export interface AuditResult {
  readonly accountId: string;
  readonly partition: string;
  readonly cisVersion: CisVersion;
  readonly regions: readonly string[];
  /** Sorted by catalog order, then region, then resource. */
  readonly findings: readonly Finding[];
  /** Only when `collectInventory` was asked: the inventory, or why it would be incomplete (then it must not be written). */
  readonly inventory?: InventoryOutcome;
  /** The policy config file whose exemptions were applied to the findings (applyExemptions), if any. */
  readonly policyConfig?: string;
  /** Remarks on the run that belong to no finding, e.g. an exemption that matched nothing. */
  readonly notes?: readonly string[];
  /**
   * Set for an organization audit (`--org`, `--from-aggregator`): the accounts it covered and how. `accountId` is then
   * the account the audit ran from (the management account or a delegated administrator), and every finding names its
   * own account.
   */
  readonly organization?: OrganizationScope;
}

/** How an account of the organization was covered. */
export type AccountOutcome =
  /** Visited (or read from the aggregator): its findings are in the result. */
  | "audited"
  /** Could not be audited (its role could not be assumed, its identity or regions could not be read): every control errs. */
  | "not-audited"
  /** Not ACTIVE (suspended, closing, closed, never activated): left out, with a note. */
  | "skipped";

export interface AccountCoverage {
  readonly accountId: string;
  readonly name?: string;
  /** The account's Organizations State (ACTIVE, SUSPENDED, ...). */
  readonly state: string;
  readonly outcome: AccountOutcome;
  /** The regions audited in this account (its own enabled regions with --regions all). */
  readonly regions: readonly string[];
  /** Why the account was not audited or was skipped. */
  readonly reason?: string;
}

export interface OrganizationScope {
  /** `accounts`: each account visited through its role; `aggregator`: read from an AWS Config aggregator. */
  readonly source: "accounts" | "aggregator";
  readonly accounts: readonly AccountCoverage[];
  /** The role assumed in each member account (source `accounts`). */
  readonly role?: string;
  /** The AWS Config aggregator read (source `aggregator`, or the one compared with `--compare-aggregator`). */
  readonly aggregator?: string;
  /** With `--compare-aggregator`: where the aggregator's verdict and the visit's differ. */
  readonly disagreements?: readonly Disagreement[];
}

/** One (account, control) on which the visited account and the aggregator reach different verdicts. */
export interface Disagreement {
  readonly account: string;
  readonly policy: PolicyName;
  /** The worst status of the visit's findings for the control in the account ("none": no finding). */
  readonly visited: Status | "none";
  /** The worst status of the aggregator's evaluations ("none": the aggregator has no result). */
  readonly aggregator: Status | "none";
  /** What each side found, naming the resources in question. */
  readonly detail: string;
}

export type InventoryOutcome = { readonly ok: true; readonly value: Inventory } | { readonly ok: false; readonly reason: string };

/** A failure that stops the audit before any region is judged (identity or region discovery). */
export class AuditAbort extends Error {
  override readonly name = "AuditAbort";
}

function partitionOf(arn: string): string {
  const partition = arn.split(":")[1];
  if (!partition) {
    throw new AuditAbort(`sts:GetCallerIdentity returned an unexpected Arn ${JSON.stringify(arn)}`);
  }
  return partition;
}

export async function identity(clients: ClientFactory, region: string): Promise<{ accountId: string; partition: string }> {
  const who = await attempt("sts:GetCallerIdentity", region, () => clients.client("sts", region).send(new GetCallerIdentityCommand({})));
  if (!who.ok) {
    throw new AuditAbort(`cannot identify the account: ${describeFailure(who.error)}`);
  }
  if (!who.value.Account || !who.value.Arn) {
    throw new AuditAbort("sts:GetCallerIdentity returned no Account or Arn");
  }
  return { accountId: who.value.Account, partition: partitionOf(who.value.Arn) };
}

/** The regions to audit, with the opt-in status DescribeRegions reports for each. */
export async function resolveRegions(clients: ClientFactory, region: string, selection: RegionSelection): Promise<RegionInfo[]> {
  const known = await attempt("ec2:DescribeRegions", region, () => describeRegions(clients.client("ec2", region)));
  if (!known.ok) {
    throw new AuditAbort(`cannot list the account's regions: ${describeFailure(known.error)}`);
  }
  if (selection === "all") {
    return known.value.filter((r) => r.optInStatus !== "not-opted-in");
  }
  const byName = new Map(known.value.map((r) => [r.name, r]));
  const unknown = selection.filter((r) => !byName.has(r));
  if (unknown.length > 0) {
    throw new AuditAbort(`unknown region(s) ${unknown.join(", ")}; DescribeRegions lists ${known.value.map((r) => r.name).join(", ")}`);
  }
  return [...new Set(selection)].sort().map((r) => byName.get(r) as RegionInfo);
}

function needsOf(version: CisVersion): Set<Need> {
  return new Set(checksFor(version).flatMap((c) => c.needs));
}

async function collectRegion(clients: ClientFactory, region: string, needs: Set<Need>): Promise<RegionData> {
  const [trails, network, config, keys] = await Promise.all([
    needs.has("trails") ? attempt("cloudtrail:DescribeTrails", region, () => listTrails(clients.client("cloudtrail", region), region)) : undefined,
    needs.has("network")
      ? (async () => {
          const ec2 = clients.client("ec2", region);
          const vpcs = await attempt("ec2:DescribeVpcs", region, () => listVpcs(ec2));
          if (!vpcs.ok) {
            return vpcs;
          }
          const flowLogs = await attempt("ec2:DescribeFlowLogs", region, () => listFlowLogs(ec2));
          return flowLogs.ok ? { ok: true as const, value: { vpcs: vpcs.value, flowLogs: flowLogs.value } } : flowLogs;
        })()
      : undefined,
    needs.has("config") ? collectConfig(clients.client("config", region), region) : undefined,
    needs.has("keys") ? attempt("kms:ListKeys", region, () => collectKeys(clients.client("kms", region), region)) : undefined,
  ]);
  return {
    region,
    ...(trails ? { trails } : {}),
    ...(network ? { network } : {}),
    ...(config ? { config } : {}),
    ...(keys ? { keys } : {}),
  };
}

function failedCalls(rd: RegionData): number {
  const results: (Result<unknown> | undefined)[] = [rd.trails, rd.network, rd.keys];
  if (rd.config) {
    results.push(rd.config.recorders, rd.config.recorderStatus, rd.config.channels, rd.config.channelStatus);
  }
  if (rd.keys?.ok) {
    for (const k of rd.keys.value) {
      results.push(k.metadata, k.rotationEnabled);
    }
  }
  return results.filter((r) => r !== undefined && !r.ok).length;
}

const notAsked = (call: string, region: string): Result<never> => ({
  ok: false,
  error: { call, region, code: "NotCollected", message: "not needed by the selected checks" },
});

const catalogOrder = new Map(controls.map((c, i) => [c.policy, i]));

/** The order of findings in every format: account, then catalog order, then region, then resource. */
export function byFindingOrder(a: Finding, b: Finding): number {
  return (a.account ?? "").localeCompare(b.account ?? "") ||
    (catalogOrder.get(a.policy) ?? 0) - (catalogOrder.get(b.policy) ?? 0) || a.region.localeCompare(b.region) || a.resource.localeCompare(b.resource);
}

export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const { clients, cisVersion } = options;
  const concurrency = options.concurrency ?? 4;
  const now = (options.clock ?? systemClock)();
  const home = await clients.defaultRegion();
  const { accountId, partition } = await identity(clients, home);
  const regionInfos = await resolveRegions(clients, home, options.regions);
  const regions = regionInfos.map((r) => r.name);
  const needs = needsOf(cisVersion);
  if (options.collectInventory) {
    // The inventory needs every region's VPCs even if no selected check did.
    needs.add("network");
  }
  // Started now, awaited after the regions: the role listing runs beside the regional calls. attempt() never rejects.
  const roleListings = options.collectInventory ? listInventoryRoles(clients, home) : undefined;

  let done = 0;
  const regional = await mapLimit(regions, concurrency, async (region) => {
    const started = Date.now();
    const rd = await collectRegion(clients, region, needs);
    done += 1;
    options.onRegionDone?.({ region, done, total: regions.length, failedCalls: failedCalls(rd), ms: Date.now() - started });
    return rd;
  });

  // Trails: de-duplicated by ARN; status and selectors from the home region.
  const trailByArn = new Map<string, TrailSummary>();
  const trailListingFailures: ApiFailure[] = [];
  for (const rd of regional) {
    if (!rd.trails) {
      continue;
    }
    if (!rd.trails.ok) {
      trailListingFailures.push(rd.trails.error);
      continue;
    }
    for (const t of rd.trails.value) {
      if (!trailByArn.has(t.arn)) {
        trailByArn.set(t.arn, t);
      }
    }
  }
  const trails = [...trailByArn.values()].sort((a, b) => a.arn.localeCompare(b.arn));
  const detailList = await mapLimit(trails, concurrency, async (t): Promise<TrailDetails> => {
    const client = clients.client("cloudtrail", t.homeRegion);
    const [status, selectors] = await Promise.all([
      needs.has("trailStatus")
        ? attempt("cloudtrail:GetTrailStatus", t.homeRegion, () => getTrailStatus(client, t.arn))
        : notAsked("cloudtrail:GetTrailStatus", t.homeRegion),
      needs.has("trailSelectors")
        ? attempt("cloudtrail:GetEventSelectors", t.homeRegion, () => getEventSelectors(client, t.arn))
        : notAsked("cloudtrail:GetEventSelectors", t.homeRegion),
    ]);
    return { status, selectors };
  });
  const trailDetails = new Map(trails.map((t, i) => [t.arn, detailList[i]]));

  const bucketNames = [...new Set(trails.flatMap((t) => (t.s3BucketName ? [t.s3BucketName] : [])))].sort();
  const ask = { publicAccess: needs.has("bucketPublicAccess"), logging: needs.has("bucketLogging") };
  const bucketList: BucketFacts[] =
    ask.publicAccess || ask.logging
      ? await mapLimit(bucketNames, concurrency, (name) => collectBucket((r) => clients.client("s3", r), home, name, ask))
      : [];
  const buckets = new Map(bucketList.map((b) => [b.name, b]));
  // Whose trail buckets these are, and the account-level block: once each, and only when a bucket is judged.
  const [ownedBuckets, accountPublicAccessBlock] = bucketNames.length > 0 && (ask.publicAccess || ask.logging)
    ? await Promise.all([
      attempt("s3:ListBuckets", home, () => listOwnedBuckets(clients.client("s3", home))),
      ask.publicAccess
        ? attempt("s3:GetAccountPublicAccessBlock", home, () => getAccountPublicAccessBlock(clients.client("s3control", home), accountId))
        : undefined,
    ])
    : [undefined, undefined];

  const data: AuditData = {
    accountId, partition, regions, regional, trails, trailListingFailures, trailDetails, buckets, now,
    ...(ownedBuckets ? { ownedBuckets } : {}), ...(accountPublicAccessBlock ? { accountPublicAccessBlock } : {}),
  };
  // One state for every check: the rules of policy-pack/domain judge it, as the policy pack judges a stack.
  const state = fromAws(data);
  const ruleOptions = { strict: options.strict ?? [] };
  const findings = checksFor(cisVersion)
    .flatMap((c) => toFindings(rules[c.policy].evaluate(state, ruleOptions)))
    .sort(byFindingOrder);

  // AWS Config's own evaluation of the continuousCoverage rules, where the stack deployed them: a detail on the findings.
  const opinions = compareWithAwsConfig(findings, await readRuleEvaluations(clients, regions, concurrency), { accountId, trails });

  const inventory = roleListings ? inventoryOf(accountId, partition, regionInfos, regional, await roleListings) : undefined;
  return {
    accountId, partition, cisVersion, regions, findings: opinions.findings, ...(inventory ? { inventory } : {}),
    ...(opinions.notes.length > 0 ? { notes: opinions.notes } : {}),
  };
}

interface RoleListing {
  readonly pathPrefix: string;
  readonly arns: Result<readonly string[]>;
}

/**
 * The program's two ListRoles lookups (discovery.ts), concurrently, through one IAM client in the account-wide
 * region: IAM is global, one endpoint per partition.
 */
async function listInventoryRoles(clients: ClientFactory, home: string): Promise<RoleListing[]> {
  const iam = clients.client("iam", home);
  return Promise.all(
    INVENTORY_ROLE_PATH_PREFIXES.map(async (pathPrefix) => ({
      pathPrefix,
      arns: await attempt("iam:ListRoles", home, () => listRoleArns(iam, pathPrefix)),
    })),
  );
}

function inventoryOf(
  accountId: string,
  partition: string,
  regionInfos: readonly RegionInfo[],
  regional: readonly RegionData[],
  roleListings: readonly RoleListing[],
): InventoryOutcome {
  const regions: Record<string, RegionInventory> = {};
  const failures: string[] = [];
  const iamRoleArns = new Set<string>();
  for (const listing of roleListings) {
    if (!listing.arns.ok) {
      // A missing role would make the offline plan create AWSServiceRoleForConfig, or deploy beside another stack.
      failures.push(`roles under ${listing.pathPrefix} were not listed: ${describeFailure(listing.arns.error)}`);
      continue;
    }
    listing.arns.value.forEach((arn) => iamRoleArns.add(arn));
  }
  for (const info of regionInfos) {
    const network = regional.find((r) => r.region === info.name)?.network;
    if (!network?.ok) {
      failures.push(network ? describeFailure(network.error) : `VPCs of ${info.name} were not listed`);
      continue;
    }
    const optInStatus: OptInStatus = info.optInStatus;
    const owned = (v: { ownerId: string }) => !v.ownerId || v.ownerId === accountId;
    const vpcIds = network.value.vpcs.filter(owned).map((v) => v.vpcId).sort();
    const sharedVpcs = network.value.vpcs.filter((v) => !owned(v)).map((v) => ({ vpcId: v.vpcId, ownerId: v.ownerId }));
    regions[info.name] = { optInStatus, vpcIds, sharedVpcs };
  }
  if (failures.length > 0) {
    return { ok: false, reason: `the inventory would be incomplete: ${failures.join("; ")}` };
  }
  return { ok: true, value: { accountId, partition, iamRoleArns: [...iamRoleArns].sort(), regions } };
}
