/**
 * A compliant account as the audit's collectors would hand it over (AuditData), for the audit side of the bench:
 * 20 regions, each with its own multi-region trail (seen from every region, as DescribeTrails with shadow trails
 * answers), AWS Config, five rotating keys, and `vpcsPerRegion` VPCs each with an active flow log. Only the VPCs grow
 * with the size: they are what grows in a real account.
 */
import type { FlowLog } from "@aws-sdk/client-ec2";
import type { AuditData, RegionData, TrailDetails } from "../audit/data";
import type { TrailSummary } from "../audit/collect/cloudtrail";
import type { BucketFacts } from "../audit/collect/s3";
import type { VpcInfo } from "../audit/collect/ec2";
import { ok } from "../audit/types";
import { REGIONS } from "../test/policy-pack/generatedStack";

const ACCOUNT = "111122223333";
const NOW = new Date("2026-11-28T12:00:00Z");
const HOUR = 3_600_000;
const KEYS_PER_REGION = 5;

const hex = (n: number): string => n.toString(16).padStart(8, "0");

function trailOf(region: string, i: number): TrailSummary {
  return {
    arn: `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/trail-${i}`, name: `trail-${i}`, homeRegion: region,
    isMultiRegion: true, includeGlobalServiceEvents: true, isOrganizationTrail: false, logFileValidation: true,
    kmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/k-${i}`,
    cloudWatchLogsGroupArn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:trail-${i}:*`, cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-${i}`,
    s3BucketName: `trail-bucket-${i}`,
  };
}

const details: TrailDetails = {
  status: ok({ isLogging: true, startLoggingTime: new Date(NOW.getTime() - 30 * 24 * HOUR), latestCloudWatchLogsDeliveryTime: new Date(NOW.getTime() - HOUR / 12) }),
  selectors: ok({ classic: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }] }], advanced: [] }),
};

function bucketOf(name: string, region: string): BucketFacts {
  return {
    name,
    region: ok(region),
    publicAccessBlock: ok({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }),
    publicAclGrants: ok([]),
    policyIsPublic: ok(false),
    policy: ok(JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject" }] })),
    logging: ok({ targetBucket: "access-logs", targetPrefix: `${name}/` }),
  };
}

function networkOf(region: string, r: number, vpcsPerRegion: number): { vpcs: VpcInfo[]; flowLogs: FlowLog[] } {
  const vpcs: VpcInfo[] = [];
  const flowLogs: FlowLog[] = [];
  for (let v = 0; v < vpcsPerRegion; v++) {
    const n = r * vpcsPerRegion + v;
    const vpcId = `vpc-${hex(n)}`;
    vpcs.push({ vpcId, ownerId: ACCOUNT, isDefault: v === 0 });
    flowLogs.push({
      FlowLogId: `fl-${hex(n)}`, ResourceId: vpcId, TrafficType: "ALL", LogDestinationType: "s3",
      LogDestination: `arn:aws:s3:::flow-logs-${ACCOUNT}/${region}/`, FlowLogStatus: "ACTIVE", DeliverLogsStatus: "SUCCESS",
    });
  }
  return { vpcs, flowLogs };
}

function regionOf(region: string, r: number, trails: readonly TrailSummary[], vpcsPerRegion: number): RegionData {
  const keys = Array.from({ length: KEYS_PER_REGION }, (_, k) => {
    const keyId = `k-${r}-${k}`;
    const keyArn = `arn:aws:kms:${region}:${ACCOUNT}:key/${keyId}`;
    return {
      keyId, keyArn,
      metadata: ok({ KeyId: keyId, Arn: keyArn, KeyManager: "CUSTOMER" as const, KeyState: "Enabled" as const, KeySpec: "SYMMETRIC_DEFAULT" as const, KeyUsage: "ENCRYPT_DECRYPT" as const, Origin: "AWS_KMS" as const }),
      rotationEnabled: ok(true),
    };
  });
  const success = { lastStatus: "Success" as const };
  return {
    region,
    trails: ok(trails),
    network: ok(networkOf(region, r, vpcsPerRegion)),
    config: {
      recorders: ok([{
        name: "default", roleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === "us-east-1" },
      }]),
      recorderStatus: ok([{ name: "default", recording: true, lastStatus: "Success" as const, lastStatusChangeTime: new Date(NOW.getTime() - HOUR) }]),
      channels: ok([{ name: "default", s3BucketName: "config-bucket", snsTopicARN: `arn:aws:sns:${region}:${ACCOUNT}:config` }]),
      channelStatus: ok([{ name: "default", configHistoryDeliveryInfo: success, configSnapshotDeliveryInfo: success, configStreamDeliveryInfo: success }]),
    },
    keys: ok(keys),
  };
}

export function generatedAuditData(vpcsPerRegion: number): AuditData {
  const trails = REGIONS.map((region, i) => trailOf(region, i)).sort((a, b) => a.arn.localeCompare(b.arn));
  const regions = [...REGIONS].sort();
  const buckets = new Map(REGIONS.map((region, i) => [`trail-bucket-${i}`, bucketOf(`trail-bucket-${i}`, region)]));
  return {
    accountId: ACCOUNT,
    partition: "aws",
    regions,
    regional: regions.map((region, r) => regionOf(region, r, trails, vpcsPerRegion)),
    trails,
    trailListingFailures: [],
    trailDetails: new Map(trails.map((t) => [t.arn, details])),
    buckets,
    ownedBuckets: ok(new Set(buckets.keys())),
    accountPublicAccessBlock: ok({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }),
    now: NOW,
  };
}
