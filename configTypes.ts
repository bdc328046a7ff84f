/**
 * The shape of the program's configuration: the typed `BaselineConfig` that config.ts `parseConfig` returns, the
 * value types of its keys and their defaults. Kept apart from the parsing, which is config.ts; config.ts re-exports
 * everything here, so importers keep importing from it.
 */
import type { DeploymentMode, OrganizationSettings } from "./configOrganization";
import type { ContinuousCoverageMode } from "./policy-pack/coverageFacts";

export type ProviderMode = "per-region" | "shared";
export type FlowLogDestination = "cloud-watch-logs" | "s3";
export type FlowLogTrafficType = "ALL" | "REJECT";
export type S3DataEvents = "all" | "write" | "read" | "none";
export type RecordingFrequency = "CONTINUOUS" | "DAILY";
export type ConfigRoleMode = "service-linked" | "existing-service-linked" | "dedicated";
export type FlowLogFileFormat = "parquet" | "plain-text";
/** Where AWS Config records the global IAM resource types: one region, or every covered region that can. */
export type GlobalResourceTypesRegion = string | "all-eligible";
export type { ContinuousCoverageMode } from "./policy-pack/coverageFacts";
export type { DeploymentMode, OrganizationSettings } from "./configOrganization";

export interface ConfigAdoption {
  /** Name of the recorder that already exists in the region (often `default`). */
  readonly recorderName: string;
  /** Name of the delivery channel that already exists in the region (often `default`). */
  readonly deliveryChannelName: string;
  /**
   * Also bring the existing recorder and channel into the stack's state with Pulumi's `import` option.
   * Pulumi then requires the program's settings to match the live ones; leave it false to let AWS Config's
   * Put APIs update the named recorder and channel in place.
   */
  readonly import: boolean;
}

/** The flow-log file options of the s3 destination (VPC UG "Create a flow log that publishes to Amazon S3"). */
export interface FlowLogS3Options {
  readonly fileFormat: FlowLogFileFormat;
  /** `AWSLogs/aws-account-id=<id>/aws-service=vpcflowlogs/aws-region=<r>/...` instead of `AWSLogs/<id>/vpcflowlogs/<r>/...`. */
  readonly hiveCompatiblePartitions: boolean;
  /** An hour=HH level under the day (24 times more partitions, cheaper hourly queries). */
  readonly perHourPartition: boolean;
}

export interface BaselineConfig {
  /** `aws:region`: the trail, its buckets, the KMS key and the trail's log group live here. */
  readonly homeRegion: string;
  /** `all` (every region enabled for the account) or an explicit list. */
  readonly regions: "all" | readonly string[];
  readonly excludeRegions: readonly string[];
  /** One explicit provider per region (default) or one provider with `region` on each resource. */
  readonly providerMode: ProviderMode;
  readonly flowLogs: {
    readonly destination: FlowLogDestination;
    readonly trafficType: FlowLogTrafficType;
    /** Retention of the per-region flow-log groups (cloud-watch-logs destination). */
    readonly retentionInDays: number;
    /** How flow logs are written to the central bucket (s3 destination only). */
    readonly s3: FlowLogS3Options;
  };
  readonly cloudTrail: {
    /** The trail's name; the KMS key policy and the bucket policy name its ARN. */
    readonly name: string;
    readonly s3DataEvents: S3DataEvents;
    readonly logRetentionInDays: number;
  };
  readonly awsConfig: {
    readonly recordingFrequency: RecordingFrequency;
    readonly role: ConfigRoleMode;
    /**
     * The region whose recorder includes the global IAM resource types, or `all-eligible` (every covered region
     * that can record them). Default: the home region.
     */
    readonly globalResourceTypesRegion: GlobalResourceTypesRegion;
    /** Existing recorders and delivery channels to take over, by region. */
    readonly adopt: Readonly<Record<string, ConfigAdoption>>;
  };
  /**
   * How VPCs and KMS keys created after a deploy get covered before the next one (issue 10):
   * - `off`: as before, the next `pulumi up` covers them;
   * - `telemetryRule`: a CloudWatch telemetry rule per region gives every VPC a flow log; AWS Config remediates key
   *   rotation and detects the other controls;
   * - `configRemediation`: AWS Config's vpc-flow-logs-enabled rule with an automatic remediation gives every VPC a flow
   *   log to this project's destination; key rotation and detection as in `telemetryRule`.
   * In both continuous modes the AWS mechanism owns every flow log and the program creates none (README "Continuous coverage").
   */
  readonly continuousCoverage: ContinuousCoverageMode;
  /**
   * `single-account` (the default: this account, as every stack before issue 12) or `organization`: run from the
   * management account or a delegated administrator, the stack drives AWS's organization-wide mechanisms (an organization
   * trail, a StackSet of recorders, an organization aggregator and Config rules, an organization telemetry rule) instead
   * of multiplying its own resources per account (README "Organization").
   */
  readonly mode: DeploymentMode;
  /** The organization settings; present exactly when `mode` is `organization`. */
  readonly organization?: OrganizationSettings;
}

export const DEFAULTS = {
  providerMode: "per-region" as ProviderMode,
  flowLogDestination: "cloud-watch-logs" as FlowLogDestination,
  flowLogTrafficType: "ALL" as FlowLogTrafficType,
  flowLogRetentionInDays: 365,
  trailName: "cis-logging-baseline",
  s3DataEvents: "all" as S3DataEvents,
  trailLogRetentionInDays: 365,
  recordingFrequency: "CONTINUOUS" as RecordingFrequency,
  configRole: "service-linked" as ConfigRoleMode,
  flowLogS3: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true } as FlowLogS3Options,
  continuousCoverage: "off" as ContinuousCoverageMode,
};

/**
 * The S3 file options of the flow logs AWSSupport-EnableVPCFlowLogs creates: the runbook has no destination-options
 * parameter (policy-pack/coverageFacts.ts FLOW_LOG_RUNBOOK), so CreateFlowLogs' defaults apply: plain-text files, no
 * Hive-compatible prefixes, no hourly partitions ("DestinationOptionsRequest", EC2 API reference,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DestinationOptionsRequest.html). With
 * `continuousCoverage: configRemediation` every flow log comes from the runbook, so the bucket policy must grant this layout.
 */
export const RUNBOOK_FLOW_LOG_S3_OPTIONS: FlowLogS3Options = { fileFormat: "plain-text", hiveCompatiblePartitions: false, perHourPartition: false };
