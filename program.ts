/**
 * The program: discovers the account and every region's VPCs (discovery.ts), checks before registering anything
 * that the deployment can succeed (preflight.ts), then builds the baseline. `index.ts` calls `main(loadConfig())`;
 * tests and the offline plan call `main` with a parsed configuration under Pulumi's mocks.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BaselineConfig, CONFIG_NAMESPACE, ContinuousCoverageMode } from "./config";
import { FlowLogDestinationInput, RegionalRemediation } from "./components/configRemediation";
import { ConfigServiceRole, ServiceLinkedRoleUse } from "./components/configRole";
import { RegionalDetectionRules } from "./components/detectionRules";
import { FlowLogManager, RegionalFlowLogs } from "./components/flowLogs";
import { LoggingBaseline } from "./components/loggingBaseline";
import {
  StackIdentity, TELEMETRY_FLOW_LOG_RULE_NAME, baselineRolePath, configRuleName, configTopicName, flowLogGroupPrefix,
} from "./components/naming";
import { AccountContext, RegionPlacement } from "./components/placement";
import { RegionalConfig } from "./components/regionalConfig";
import { RegionalTelemetryFlowLogs } from "./components/telemetryFlowLogs";
import { RegionVpcs, discoverAccount, discoverVpcs } from "./discovery";
import { DETECTION_RULES, managedRulesFor } from "./policy-pack/coverageFacts";
import { checkContinuousCoverage, globalResourceTypeRegions, preflight, resolveRegions } from "./preflight";

export { ENABLED_OPT_IN_STATUSES } from "./discovery";
// The pre-registration checks live in preflight.ts; re-exported so importers keep using this module.
export { PreflightError, checkContinuousCoverage, globalResourceTypeRegions, preflight, resolveRegions } from "./preflight";

export interface RegionOutputs {
  readonly recorderName: pulumi.Output<string>;
  readonly deliveryChannelName: pulumi.Output<string>;
  /** Flow log ID by VPC ID. */
  readonly flowLogs: pulumi.Output<Record<string, string>>;
  /** Whether this region's recorder includes the global IAM resource types. */
  readonly recordsGlobalResourceTypes: boolean;
  /** Who creates the flow logs of the region's VPCs: the program, or the AWS mechanism of `continuousCoverage`. */
  readonly flowLogsManagedBy: FlowLogManager;
  /** The AWS Config rules of `continuousCoverage` in the region (none with `off`). */
  readonly configRuleNames: readonly string[];
  /** The region's telemetry rule (continuousCoverage telemetryRule). */
  readonly telemetryRuleName?: string;
}

export interface BaselineOutputs {
  readonly trailArn: pulumi.Output<string>;
  readonly trailBucketName: pulumi.Output<string>;
  readonly accessLogBucketName: pulumi.Output<string>;
  readonly flowLogBucketName?: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly trailLogGroupName: pulumi.Output<string>;
  readonly homeRegion: string;
  readonly regions: string[];
  readonly perRegion: Record<string, RegionOutputs>;
  /** How the recorders get AWSServiceRoleForConfig: created by this run, adopted (it existed), or not used. */
  readonly configServiceLinkedRole: ServiceLinkedRoleUse;
  /** VPCs shared into the account by another owner, by region: only their owner can flow-log them. */
  readonly sharedVpcsSkipped: Record<string, string[]>;
  /** The IAM path of this stack's roles (it marks the account as taken by this stack). */
  readonly rolePath: string;
  /** How VPCs and keys created between deploys are covered (config `continuousCoverage`). */
  readonly continuousCoverage: ContinuousCoverageMode;
}

export interface ProgramOptions {
  /**
   * How long the recorders wait after this run created their IAM role: IAM is eventually consistent ("Changes that
   * I make are not always immediately visible", IAM UG troubleshooting) and the provider does not retry
   * PutConfigurationRecorder. AWS documents no duration; 15 s is the default. Tests pass a small value.
   */
  readonly iamPropagationDelayMs?: number;
  /** Who this stack is (default: the Pulumi engine's organization, project and stack). */
  readonly stack?: StackIdentity;
}

const engineStack = (): StackIdentity => ({
  organization: pulumi.getOrganization(), project: pulumi.getProject(), stack: pulumi.getStack(),
});

export async function main(config: BaselineConfig, options: ProgramOptions = {}): Promise<BaselineOutputs> {
  if (config.mode !== "single-account") {
    // Organization stacks run programOrganization.ts mainOrganization (index.ts chooses).
    throw new Error(`main builds single-account stacks; ${CONFIG_NAMESPACE}:mode is ${config.mode}`);
  }
  const home = config.homeRegion;
  const shared = config.providerMode === "shared";
  // One explicit provider per region, or a single one whose resources each name their region.
  const providers = new Map<string, aws.Provider>();
  const providerFor = (region: string): aws.Provider => {
    const providerName = shared ? "aws-shared" : `aws-${region}`;
    let provider = providers.get(providerName);
    if (!provider) {
      provider = new aws.Provider(providerName, { region: shared ? home : region });
      providers.set(providerName, provider);
    }
    return provider;
  };
  const placementFor = (region: string): RegionPlacement => new RegionPlacement(region, providerFor(region), shared, shared ? home : region);
  const homePlacement = placementFor(home);

  // Round 1: the account, its regions and its roles, at once. Round 2: every region's VPCs, at once.
  const facts = await discoverAccount({ provider: homePlacement.provider });
  const regions = resolveRegions(config, facts.enabledRegions);
  checkContinuousCoverage(config.continuousCoverage, regions);
  const rolePath = baselineRolePath(options.stack ?? engineStack());
  preflight(config, facts, rolePath);
  const account: AccountContext = { accountId: facts.accountId, partition: facts.partition, dnsSuffix: facts.dnsSuffix, homeRegion: home };

  const placements = new Map(regions.map((region) => [region, placementFor(region)]));
  const vpcLists = await Promise.all(regions.map(async (region): Promise<[string, RegionVpcs]> => {
    const placement = placements.get(region) as RegionPlacement;
    const vpcs = await discoverVpcs(placement, facts.accountId, facts.optInRegions.includes(region));
    return [region, vpcs];
  }));
  const vpcsByRegion = new Map(vpcLists);

  const baseline = new LoggingBaseline("baseline", {
    placement: homePlacement,
    account,
    trailName: config.cloudTrail.name,
    s3DataEvents: config.cloudTrail.s3DataEvents,
    trailLogRetentionInDays: config.cloudTrail.logRetentionInDays,
    flowLogsToS3: config.flowLogs.destination === "s3" ? config.flowLogs.s3 : undefined,
    rolePath,
  });

  const topicName = configTopicName(config.cloudTrail.name);
  const configRole = new ConfigServiceRole("config-role", {
    placement: homePlacement,
    account,
    mode: config.awsConfig.role,
    existingServiceLinkedRoleArn: facts.configServiceLinkedRoleArn,
    propagationDelayMs: options.iamPropagationDelayMs ?? 15_000,
    rolePath,
    bucketArn: baseline.trailBucket.bucket.arn,
    kmsKeyArn: baseline.key.arn,
    topicName,
  });

  const recordsGlobal = globalResourceTypeRegions(config, regions);
  const mode = config.continuousCoverage;
  // In a continuous mode the AWS mechanism owns every VPC's flow log (README "Continuous coverage").
  const flowLogManager: FlowLogManager = mode === "off" ? "program" : mode;
  const configRuleNames = managedRulesFor(mode).map((rule) => configRuleName(rule.name));
  const perRegion: Record<string, RegionOutputs> = {};
  const sharedVpcsSkipped: Record<string, string[]> = {};
  for (const region of regions) {
    const placement = placements.get(region) as RegionPlacement;
    const regionalConfig = new RegionalConfig(`config-${region}`, {
      placement,
      account,
      roleArn: configRole.roleArn,
      roleReady: configRole.ready,
      bucketName: baseline.trailBucket.bucket.bucket,
      bucketReady: baseline.trailBucket.ready,
      kmsKeyArn: baseline.key.arn,
      topicName,
      recordingFrequency: config.awsConfig.recordingFrequency,
      includeGlobalResourceTypes: recordsGlobal.includes(region),
      adopt: config.awsConfig.adopt[region],
    });

    const vpcs = vpcsByRegion.get(region) ?? { owned: [], shared: [] };
    if (vpcs.shared.length > 0) {
      sharedVpcsSkipped[region] = [...vpcs.shared];
    }
    let flowLogs: pulumi.Output<Record<string, string>> = pulumi.output<Record<string, string>>({});
    let regionalFlowLogs: RegionalFlowLogs | undefined;
    // A component wherever the region has VPCs, owned or shared: its outputs tell the policy pack which VPCs
    // the program found and which it left to their owner. In a continuous mode in every covered region: a VPC may
    // appear in any of them, and the AWS Config remediation needs the region's destination.
    if (mode !== "off" || vpcs.owned.length + vpcs.shared.length > 0) {
      regionalFlowLogs = new RegionalFlowLogs(`flow-logs-${region}`, {
        placement,
        account,
        vpcIds: vpcs.owned,
        sharedVpcIds: vpcs.shared,
        destination: config.flowLogs.destination,
        trafficType: config.flowLogs.trafficType,
        retentionInDays: config.flowLogs.retentionInDays,
        logGroupNamePrefix: flowLogGroupPrefix(config.cloudTrail.name),
        rolePath,
        bucket: baseline.flowLogBucket
          ? { arn: baseline.flowLogBucket.bucket.arn, ready: baseline.flowLogBucket.ready, options: config.flowLogs.s3 }
          : undefined,
        managedBy: flowLogManager,
      });
      const entries = Object.entries(regionalFlowLogs.flowLogs);
      flowLogs = pulumi.all(entries.map(([vpcId, fl]) => fl.id.apply((id) => [vpcId, id] as const)))
        .apply((pairs) => Object.fromEntries(pairs));
    }
    if (mode === "telemetryRule") {
      new RegionalTelemetryFlowLogs(`telemetry-flow-logs-${region}`, {
        placement,
        trailName: config.cloudTrail.name,
        trafficType: config.flowLogs.trafficType,
        retentionInDays: config.flowLogs.retentionInDays,
      });
    }
    if (mode !== "off") {
      // Rules evaluate what the region's recorder records: they wait for it to run.
      const configReady = [regionalConfig.recorderStatus];
      new RegionalRemediation(`remediation-${region}`, {
        placement,
        account,
        rolePath,
        configReady,
        flowLogs: mode === "configRemediation"
          ? { trafficType: config.flowLogs.trafficType, destination: remediationDestination(regionalFlowLogs, baseline) }
          : undefined,
      });
      new RegionalDetectionRules(`detection-${region}`, { placement, rules: DETECTION_RULES, configReady });
    }
    perRegion[region] = {
      recorderName: regionalConfig.recorder.name,
      deliveryChannelName: regionalConfig.deliveryChannel.name,
      flowLogs,
      recordsGlobalResourceTypes: recordsGlobal.includes(region),
      flowLogsManagedBy: flowLogManager,
      configRuleNames,
      ...(mode === "telemetryRule" ? { telemetryRuleName: TELEMETRY_FLOW_LOG_RULE_NAME } : {}),
    };
  }

  return {
    trailArn: baseline.trail.arn,
    trailBucketName: baseline.trailBucket.bucket.bucket,
    accessLogBucketName: baseline.accessLogBucket.bucket.bucket,
    ...(baseline.flowLogBucket ? { flowLogBucketName: baseline.flowLogBucket.bucket.bucket } : {}),
    kmsKeyArn: baseline.key.arn,
    trailLogGroupName: baseline.logGroup.name,
    homeRegion: home,
    regions,
    perRegion,
    configServiceLinkedRole: configRole.serviceLinkedRoleUse,
    sharedVpcsSkipped,
    rolePath,
    continuousCoverage: mode,
  };
}

/**
 * The destination the flow-log remediation of a region writes to: the region's log group and delivery role
 * (RegionalFlowLogs creates them in every region in configRemediation), or the central bucket.
 */
function remediationDestination(regionalFlowLogs: RegionalFlowLogs | undefined, baseline: LoggingBaseline): FlowLogDestinationInput {
  if (baseline.flowLogBucket) {
    return { type: "s3", bucketArn: baseline.flowLogBucket.bucket.arn, ready: [baseline.flowLogBucket.ready] };
  }
  if (!regionalFlowLogs?.logGroup || !regionalFlowLogs.role) {
    throw new Error("configRemediation to CloudWatch Logs needs the region's flow-log group and delivery role (RegionalFlowLogs)");
  }
  return {
    type: "cloud-watch-logs",
    logGroupArn: regionalFlowLogs.logGroup.arn,
    deliveryRoleArn: regionalFlowLogs.role.arn,
    ready: regionalFlowLogs.deliveryReady,
  };
}
