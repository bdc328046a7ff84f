/**
 * Per-region collection orchestration: per region, concurrently with a bound, the read-only calls the selected
 * checks need; then, once across regions, the trails' status and selectors from their home region and their
 * buckets' facts. A failure stays inside the fact it concerns, so a region that errs yields `error` findings for
 * its checks while the others complete. Split from audit.ts.
 */
import type { CisVersion } from "../policy-pack/controls";
import { checksFor } from "./checks";
import type { ClientFactory } from "./clients";
import { TrailSummary, getEventSelectors, getTrailStatus, listTrails } from "./collect/cloudtrail";
import { collectConfig } from "./collect/config";
import { listFlowLogs, listVpcs } from "./collect/ec2";
import { collectKeys } from "./collect/kms";
import { BucketFacts, collectBucket, getAccountPublicAccessBlock, listOwnedBuckets } from "./collect/s3";
import { mapLimit } from "./concurrency";
import type { AuditData, Need, RegionData, TrailDetails } from "./data";
import { ApiFailure, Result, attempt } from "./types";

export interface RegionProgress {
  readonly region: string;
  readonly done: number;
  readonly total: number;
  readonly failedCalls: number;
  readonly ms: number;
}

/** What collectAccount gathered: the AuditData but for the account's identity, regions and the time. */
export type CollectedFacts = Omit<AuditData, "accountId" | "partition" | "regions" | "now">;

export function needsOf(version: CisVersion): Set<Need> {
  return new Set(checksFor(version).flatMap((c) => c.needs));
}

async function collectRegion(clients: ClientFactory, region: string, needs: ReadonlySet<Need>): Promise<RegionData> {
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

export interface CollectOptions {
  readonly clients: ClientFactory;
  /** The account-wide region: S3's ListBuckets and account-level public access block are asked there. */
  readonly home: string;
  readonly accountId: string;
  readonly regions: readonly string[];
  readonly needs: ReadonlySet<Need>;
  readonly concurrency: number;
  readonly onRegionDone?: (progress: RegionProgress) => void;
}

export async function collectAccount(options: CollectOptions): Promise<CollectedFacts> {
  const { clients, home, accountId, regions, needs, concurrency } = options;
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

  return {
    regional, trails, trailListingFailures, trailDetails, buckets,
    ...(ownedBuckets ? { ownedBuckets } : {}), ...(accountPublicAccessBlock ? { accountPublicAccessBlock } : {}),
  };
}
