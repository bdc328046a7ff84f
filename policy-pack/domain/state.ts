/**
 * The account as the rules see it: plain data, every link already resolved by the adapter (trail → bucket name,
 * bucket ← its block, ACL, policy, logging; flow log → VPC), and every default already applied (provider defaults
 * for Pulumi inputs, AWS defaults for empty answers). Rules only look things up; they never search lists.
 */
import type { Fact } from "./fact";
import type { OrganizationState } from "./organizationState";

export type * from "./organizationState";

export interface AccountState {
  readonly accountId: string;
  readonly partition: string;
  /** The current time, for freshness decisions (audit only; the pack judges configuration, not runtime state). */
  readonly now?: Date;
  /** The regions judged, and whether they are the regions a stack covers or every region enabled for the account. */
  readonly scope: { readonly regions: readonly string[]; readonly origin: "stack" | "account" };
  readonly trails: readonly Trail[];
  /** Regions whose trail listing failed, with why: trails homed there may be missing. */
  readonly trailListingUnknown: ReadonlyMap<string, string>;
  /** Trail buckets, by bucket name. */
  readonly buckets: ReadonlyMap<string, Bucket>;
  /** The account-level S3 public access block (s3control), or null when the account has none. */
  readonly accountPublicAccessBlock: Fact<PublicAccessBlock | null>;
  /** AWS Config per region in scope. */
  readonly config: ReadonlyMap<string, RegionConfig>;
  readonly keys: readonly Key[];
  /** Regions whose keys could not be listed, with why (audit: ListKeys failed). */
  readonly keyListingUnknown: ReadonlyMap<string, string>;
  readonly vpcs: readonly Vpc[];
  /** Regions whose VPCs or flow logs could not be listed, with why. */
  readonly vpcListingUnknown: ReadonlyMap<string, string>;
  /** Flow logs attached to a VPC, by Vpc.key. */
  readonly flowLogsByVpc: ReadonlyMap<string, readonly FlowLog[]>;
  /** Per region, why some flow logs could not be placed on a VPC (preview: vpcId unknown). */
  readonly unplacedFlowLogs: ReadonlyMap<string, string>;
  /**
   * Per region, where the stack leaves the VPCs' flow logs to an AWS mechanism that creates them after deployment
   * (continuousCoverage: a CloudWatch telemetry rule, or the Config rule with automatic remediation). The pack only.
   */
  readonly flowLogCoverage?: ReadonlyMap<string, Fact<FlowLogCoverage>>;
  /** Organization mode (issue 12): the pack only; absent means a single-account view. */
  readonly organization?: OrganizationState;
}

export interface Trail {
  /** The adapter's identity: URN (pack) or ARN (audit). */
  readonly ref: string;
  readonly name: string;
  readonly homeRegion: Fact<string>;
  readonly multiRegion: Fact<boolean>;
  readonly globalServiceEvents: Fact<boolean>;
  /** Pack: enableLogging; audit: GetTrailStatus IsLogging. */
  readonly logging: Fact<boolean>;
  /** Audit: GetTrailStatus StartLoggingTime. */
  readonly loggingSince: Fact<Date | null>;
  readonly logFileValidation: Fact<boolean>;
  readonly kmsKeyId: Fact<string | null>;
  readonly cloudWatch: {
    readonly groupArn: Fact<string | null>;
    readonly roleArn: Fact<string | null>;
    readonly lastDelivery: Fact<Date | null>;
    readonly lastError: Fact<string | null>;
  };
  /** Key into AccountState.buckets. */
  readonly bucketName: Fact<string | null>;
  /** The effective selectors (AWS's default applied where none are declared). */
  readonly selectors: Fact<Selectors>;
  /** isOrganizationTrail (absent: an account trail, as CloudTrail's default). */
  readonly organization?: Fact<boolean>;
}

export type Selectors =
  | { readonly kind: "classic"; readonly items: readonly ClassicSelector[] }
  | { readonly kind: "advanced"; readonly items: readonly AdvancedSelector[] };

export interface ClassicSelector {
  readonly readWriteType: "All" | "ReadOnly" | "WriteOnly";
  readonly includeManagementEvents: boolean;
  readonly excludeManagementEventSources: readonly string[];
  readonly dataResources: readonly { readonly type: string; readonly values: readonly string[] }[];
}

export interface AdvancedSelector {
  readonly name?: string;
  readonly fields: readonly FieldSelector[];
}

export interface FieldSelector {
  readonly field: string;
  readonly equals: readonly string[];
  readonly notEquals: readonly string[];
  readonly startsWith: readonly string[];
  readonly notStartsWith: readonly string[];
  readonly endsWith: readonly string[];
  readonly notEndsWith: readonly string[];
}

export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

export interface PolicyStatement {
  readonly effect: string;
  /** As written: "*", { AWS: ... }, { Service: ... }, { CanonicalUser: ... }. */
  readonly principal?: unknown;
  readonly notPrincipal?: unknown;
  readonly condition?: Readonly<Record<string, unknown>>;
}

export type BucketPolicy =
  | { readonly kind: "document"; readonly statements: readonly PolicyStatement[] }
  | { readonly kind: "invalid"; readonly problem: string };

export interface Bucket {
  readonly ref: string;
  readonly name: string;
  /** The bucket's region when known (audit: GetBucketLocation). */
  readonly region?: string;
  /** false: the bucket belongs to another account (an organization trail's log archive): not judged here. */
  readonly inThisAccount: Fact<boolean>;
  /** Bucket-level block, or null when the bucket has none. */
  readonly publicAccessBlock: Fact<PublicAccessBlock | null>;
  /** ACL grants to the public groups (canned ACLs expanded by the adapter). */
  readonly publicGrants: Fact<readonly { readonly grantee: "AllUsers" | "AuthenticatedUsers"; readonly permission: string }[]>;
  readonly policy: Fact<BucketPolicy | null>;
  /** S3's own evaluation (GetBucketPolicyStatus IsPublic), audit only. */
  readonly policyStatusPublic: Fact<boolean | null>;
  /** Server access logging: null when off. */
  readonly logging: Fact<{ readonly targetBucket: string } | null>;
}

export type RecorderLastStatus = "Success" | "Pending" | "Failure" | "NotApplicable";

export interface Recorder {
  readonly ref: string;
  readonly name: Fact<string>;
  readonly allSupported: Fact<boolean>;
  readonly includeGlobal: Fact<boolean>;
  readonly roleArn: Fact<string>;
  /** Pack: a RecorderStatus isEnabled for it; audit: DescribeConfigurationRecorderStatus recording. */
  readonly recording: Fact<boolean>;
  /** Audit only. */
  readonly lastStatus: Fact<{ readonly status: RecorderLastStatus; readonly since?: Date } | null>;
}

export interface Channel {
  readonly ref: string;
  readonly s3Bucket: Fact<string | null>;
  readonly snsTopic: Fact<string | null>;
  /** Audit only: what the last history, snapshot or SNS deliveries reported as failed. */
  readonly failedDeliveries: Fact<readonly string[]>;
}

export interface RegionConfig {
  readonly region: string;
  readonly ref: string;
  /** Customer-managed recorders (at most one per region). */
  readonly recorders: Fact<readonly Recorder[]>;
  /** Service-linked recorders (Security Hub's, Control Tower's): named in notes only. */
  readonly serviceLinkedRecorders: Fact<readonly string[]>;
  readonly channels: Fact<readonly Channel[]>;
}

export type KeyOrigin = "AWS_KMS" | "EXTERNAL" | "AWS_CLOUDHSM" | "EXTERNAL_KEY_STORE";

export interface Key {
  readonly ref: string;
  readonly label: string;
  readonly region: Fact<string>;
  readonly manager: "CUSTOMER" | "AWS";
  /** Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, Creating, Updating. */
  readonly state: Fact<string>;
  readonly spec: Fact<string>;
  readonly usage: Fact<string>;
  readonly origin: Fact<KeyOrigin>;
  readonly rotation: Fact<boolean>;
}

export interface Vpc {
  /** `<region>/<vpc id>` (pack: the URN when the stack creates it and the id is not known yet). */
  readonly key: string;
  readonly ref: string;
  readonly id: Fact<string>;
  readonly region: Fact<string>;
  readonly ownerAccount: Fact<string>;
  readonly isDefault: Fact<boolean>;
}

export interface FlowLogCoverage {
  /** The mode the stack declares: telemetryRule or configRemediation. */
  readonly mode: string;
  /** The resources that make the mechanism work, when the stack has them all; else null. */
  readonly mechanism: string | null;
  /** What is missing when mechanism is null. */
  readonly missing?: string;
}

export interface FlowLog {
  readonly ref: string;
  readonly trafficType: Fact<string>;
  readonly destinationType: Fact<string>;
  readonly destination: Fact<string | null>;
  readonly roleArn: Fact<string | null>;
  /** Audit only: FlowLogStatus ACTIVE. */
  readonly active: Fact<boolean>;
  /** Audit only: DeliverLogsStatus FAILED, with its message. */
  readonly deliveryFailed: Fact<string | null>;
}
