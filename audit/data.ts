/**
 * What the collectors gathered, handed to the checks. Checks are pure functions of this data: every API
 * call happens in audit.ts, the modules it calls and the collectors, every judgement in checks/.
 */
import type { FlowLog } from "@aws-sdk/client-ec2";
import type { PublicAccessBlockConfiguration } from "@aws-sdk/client-s3";
import type { TrailSelectors, TrailStatus, TrailSummary } from "./collect/cloudtrail";
import type { RegionConfig } from "./collect/config";
import type { VpcInfo } from "./collect/ec2";
import type { KeyFacts } from "./collect/kms";
import type { BucketFacts } from "./collect/s3";
import type { ApiFailure, Result } from "./types";

export interface RegionNetwork {
  readonly vpcs: readonly VpcInfo[];
  readonly flowLogs: readonly FlowLog[];
}

/** Per-region facts; a fact is absent when no selected check needs it. */
export interface RegionData {
  readonly region: string;
  readonly trails?: Result<readonly TrailSummary[]>;
  readonly network?: Result<RegionNetwork>;
  readonly config?: RegionConfig;
  readonly keys?: Result<readonly KeyFacts[]>;
}

export interface TrailDetails {
  readonly status: Result<TrailStatus>;
  readonly selectors: Result<TrailSelectors>;
}

export interface AuditData {
  readonly accountId: string;
  readonly partition: string;
  /** The audited regions, sorted. */
  readonly regions: readonly string[];
  readonly regional: readonly RegionData[];
  /** Every trail seen from the audited regions, de-duplicated by ARN and sorted by ARN. */
  readonly trails: readonly TrailSummary[];
  /** Regions whose DescribeTrails failed: trails homed there may be missing from `trails`. */
  readonly trailListingFailures: readonly ApiFailure[];
  readonly trailDetails: ReadonlyMap<string, TrailDetails>;
  /** Facts per trail bucket name. */
  readonly buckets: ReadonlyMap<string, BucketFacts>;
  /** The buckets the account owns (ListBuckets): a trail bucket outside it is another account's. */
  readonly ownedBuckets?: Result<ReadonlySet<string>>;
  /** The account-level S3 public access block (S3 Control); null when the account has none. */
  readonly accountPublicAccessBlock?: Result<PublicAccessBlockConfiguration | null>;
  /** The time the audit ran (for freshness rules such as the 24 h CloudWatch Logs delivery). */
  readonly now: Date;
}

/** The facts a check reads, so the audit only makes the calls the selected checks need. */
export type Need = "trails" | "trailStatus" | "trailSelectors" | "bucketPublicAccess" | "bucketLogging" | "config" | "network" | "keys";
