/**
 * Domain states for the rule tests: a compliant account (one multi-region trail, its bucket, Config in two regions,
 * one key, one VPC with a flow log), and small helpers to change one fact. Times are relative to NOW.
 */
import { known } from "../../../policy-pack/domain/fact";
import type {
  AccountState, Bucket, ClassicSelector, FieldSelector, FlowLog, Key, Recorder, RegionConfig, Selectors, Trail, Vpc,
} from "../../../policy-pack/domain/state";

export const ACCOUNT = "111122223333";
export const NOW = new Date("2026-06-01T12:00:00Z");
export const hoursAgo = (h: number): Date => new Date(NOW.getTime() - h * 3600_000);
export const SLR = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;

export const classic = (...items: Partial<ClassicSelector>[]): Selectors => ({
  kind: "classic",
  items: items.map((i) => ({ readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: [], dataResources: [], ...i })),
});

export const field = (name: string, ops: Partial<Omit<FieldSelector, "field">>): FieldSelector => ({
  field: name, equals: [], notEquals: [], startsWith: [], notStartsWith: [], endsWith: [], notEndsWith: [], ...ops,
});

export const advanced = (...selectors: FieldSelector[][]): Selectors => ({ kind: "advanced", items: selectors.map((fields) => ({ fields })) });

export function trail(overrides: Partial<Trail> = {}): Trail {
  return {
    ref: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`,
    name: "main",
    homeRegion: known("us-east-1"),
    multiRegion: known(true),
    globalServiceEvents: known(true),
    logging: known(true),
    loggingSince: known(hoursAgo(1000)),
    logFileValidation: known(true),
    kmsKeyId: known(`arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`),
    cloudWatch: {
      groupArn: known(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/cis/cloudtrail/main-1:*`),
      roleArn: known(`arn:aws:iam::${ACCOUNT}:role/trail-to-logs`),
      lastDelivery: known(hoursAgo(1)),
      lastError: known(null),
    },
    bucketName: known("trail-bucket"),
    selectors: known(classic({ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] })),
    ...overrides,
  };
}

export function bucket(overrides: Partial<Bucket> = {}): Bucket {
  return {
    ref: "arn:aws:s3:::trail-bucket",
    name: "trail-bucket",
    inThisAccount: known(true),
    publicAccessBlock: known({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }),
    publicGrants: known([]),
    policy: known({ kind: "document", statements: [{ effect: "Allow", principal: { Service: "cloudtrail.amazonaws.com" } }] }),
    policyStatusPublic: known(false),
    logging: known({ targetBucket: "access-logs" }),
    ...overrides,
  };
}

export function recorder(overrides: Partial<Recorder> = {}): Recorder {
  return {
    ref: "recorder", name: known("default"), allSupported: known(true), includeGlobal: known(false), roleArn: known(SLR),
    recording: known(true), lastStatus: known({ status: "Success" }), ...overrides,
  };
}

export function regionConfig(region: string, recorderOverrides: Partial<Recorder> = {}, overrides: Partial<RegionConfig> = {}): RegionConfig {
  return {
    region, ref: `config:${region}`,
    recorders: known([recorder({ ref: `recorder:${region}`, ...recorderOverrides })]),
    serviceLinkedRecorders: known([]),
    channels: known([{ ref: `channel:${region}`, s3Bucket: known("trail-bucket"), snsTopic: known(`arn:aws:sns:${region}:${ACCOUNT}:t`), failedDeliveries: known([]) }]),
    ...overrides,
  };
}

export function key(overrides: Partial<Key> = {}): Key {
  return {
    ref: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`, label: "k1", region: known("us-east-1"), manager: "CUSTOMER",
    state: known("Enabled"), spec: known("SYMMETRIC_DEFAULT"), usage: known("ENCRYPT_DECRYPT"), origin: known("AWS_KMS"), rotation: known(true),
    ...overrides,
  };
}

export function vpc(overrides: Partial<Vpc> = {}): Vpc {
  return { key: "us-east-1/vpc-1", ref: "vpc-1", id: known("vpc-1"), region: known("us-east-1"), ownerAccount: known(ACCOUNT), isDefault: known(false), ...overrides };
}

export function flowLog(overrides: Partial<FlowLog> = {}): FlowLog {
  return {
    ref: "fl-1", trafficType: known("ALL"), destinationType: known("s3"), destination: known("arn:aws:s3:::flow-logs"),
    roleArn: known(null), active: known(true), deliveryFailed: known(null), ...overrides,
  };
}

/** The compliant account; `patch` replaces whole fields. */
export function state(patch: Partial<AccountState> = {}): AccountState {
  return {
    accountId: ACCOUNT,
    partition: "aws",
    now: NOW,
    scope: { regions: ["us-east-1", "eu-north-1"], origin: "account" },
    trails: [trail()],
    trailListingUnknown: new Map(),
    buckets: new Map([["trail-bucket", bucket()]]),
    accountPublicAccessBlock: known(null),
    config: new Map([["us-east-1", regionConfig("us-east-1", { includeGlobal: known(true) })], ["eu-north-1", regionConfig("eu-north-1")]]),
    keys: [key()],
    keyListingUnknown: new Map(),
    vpcs: [vpc()],
    vpcListingUnknown: new Map(),
    flowLogsByVpc: new Map([["us-east-1/vpc-1", [flowLog()]]]),
    unplacedFlowLogs: new Map(),
    ...patch,
  };
}
