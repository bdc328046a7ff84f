/**
 * The program: discovers the account and every region's VPCs (discovery.ts), checks before registering anything
 * that the deployment can succeed (preflight), then builds the baseline. `index.ts` calls `main(loadConfig())`;
 * tests and the offline plan call `main` with a parsed configuration under Pulumi's mocks.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  BaselineConfig, ConfigError, CONFIG_NAMESPACE, ContinuousCoverageMode, GLOBAL_RESOURCE_TYPE_REGIONS, SUPPORTED_PARTITIONS,
} from "./config";
import { FlowLogDestinationInput, RegionalRemediation } from "./components/configRemediation";
import { ConfigServiceRole, ServiceLinkedRoleUse } from "./components/configRole";
import { RegionalDetectionRules } from "./components/detectionRules";
import { FlowLogManager, RegionalFlowLogs } from "./components/flowLogs";
import { LoggingBaseline } from "./components/loggingBaseline";
import {
  StackIdentity, TELEMETRY_FLOW_LOG_RULE_NAME, baselineRolePath, configRuleName, configTopicName, flowLogGroupPrefix, rolePathOf,
} from "./components/naming";
import { AccountContext, RegionPlacement } from "./components/placement";
import { RegionalConfig } from "./components/regionalConfig";
import { RegionalTelemetryFlowLogs } from "./components/telemetryFlowLogs";
import { AccountFacts, RegionVpcs, discoverAccount, discoverVpcs } from "./discovery";
import { DETECTION_RULES, coverageGaps, managedRulesFor } from "./policy-pack/coverageFacts";

export { ENABLED_OPT_IN_STATUSES } from "./discovery";

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

/** A fact about the account that makes the deployment fail; raised before any resource is registered. */
export class PreflightError extends Error {
  override readonly name = "PreflightError";
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

/** Which regions the stack covers: `all` enabled regions or the configured list, less the exclusions. */
export function resolveRegions(config: BaselineConfig, enabled: readonly string[]): string[] {
  const problems: string[] = [];
  let wanted: string[];
  if (config.regions === "all") {
    wanted = [...enabled];
  } else {
    wanted = [...config.regions];
    for (const region of wanted) {
      if (!enabled.includes(region)) {
        problems.push(`${CONFIG_NAMESPACE}:regions lists ${JSON.stringify(region)}; allowed: regions enabled for the account (${[...enabled].sort().join(", ")})`);
      }
    }
  }
  if (!enabled.includes(config.homeRegion)) {
    problems.push(`aws:region is ${JSON.stringify(config.homeRegion)}; allowed: a region enabled for the account (${[...enabled].sort().join(", ")})`);
  }
  const covered = wanted.filter((r) => !config.excludeRegions.includes(r)).sort();
  for (const region of Object.keys(config.awsConfig.adopt)) {
    if (!covered.includes(region)) {
      problems.push(`${CONFIG_NAMESPACE}:awsConfig.adopt has ${JSON.stringify(region)}; allowed: a region the stack covers (${covered.join(", ")})`);
    }
  }
  const global = config.awsConfig.globalResourceTypesRegion;
  if (global === "all-eligible") {
    if (covered.length > 0 && !covered.some((r) => GLOBAL_RESOURCE_TYPE_REGIONS.includes(r))) {
      problems.push(`${CONFIG_NAMESPACE}:awsConfig.globalResourceTypesRegion is "all-eligible"; allowed: only when a covered region can record the global IAM types (none of ${covered.join(", ")} can)`);
    }
  } else if (!covered.includes(global) && problems.length === 0) {
    problems.push(`${CONFIG_NAMESPACE}:awsConfig.globalResourceTypesRegion is ${JSON.stringify(global)}; allowed: a region the stack covers (${covered.join(", ")})`);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return covered;
}

/** The regions whose recorder includes the global IAM resource types. */
export function globalResourceTypeRegions(config: BaselineConfig, covered: readonly string[]): string[] {
  const setting = config.awsConfig.globalResourceTypesRegion;
  return setting === "all-eligible" ? covered.filter((r) => GLOBAL_RESOURCE_TYPE_REGIONS.includes(r)) : [setting];
}

/**
 * Refuses, before anything is registered, a `continuousCoverage` mode in a covered region where AWS does not offer what
 * the mode needs there (policy-pack/coverageFacts.ts, each fact with its page): one line per region, naming the region,
 * the mode, what is missing with its source, and the alternatives.
 */
export function checkContinuousCoverage(mode: ContinuousCoverageMode, regions: readonly string[]): void {
  if (mode === "off") {
    return;
  }
  const problems: string[] = [];
  for (const region of regions) {
    const gaps = coverageGaps(mode, region);
    if (gaps.length === 0) {
      continue;
    }
    const otherModes = (["telemetryRule", "configRemediation"] as const).filter((m) => m !== mode && coverageGaps(m, region).length === 0);
    const alternatives = [...otherModes, "off"].join(" | ");
    problems.push(
      `${CONFIG_NAMESPACE}:continuousCoverage is ${JSON.stringify(mode)}, which ${region} does not offer: ` +
      `${gaps.map((g) => `${g.what} (${g.source})`).join("; ")}. Allowed: ${alternatives}, or leave ${region} out with ${CONFIG_NAMESPACE}:excludeRegions`,
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
}

/**
 * What in the account makes `pulumi up` fail, found before anything is registered:
 * - a partition this program does not support (config.ts SUPPORTED_PARTITIONS);
 * - another stack of this program deployed in the account: AWS Config allows one customer-managed recorder per
 *   region (PutConfigurationRecorder), and a second stack's same-named recorder, channel and topics would be
 *   silently shared, then deleted by the first `pulumi destroy`. Its roles carry its stack in their IAM path;
 * - `awsConfig.role: existing-service-linked` in an account without AWSServiceRoleForConfig.
 */
export function preflight(config: BaselineConfig, facts: AccountFacts, rolePath: string): void {
  const problems: string[] = [];
  if (!SUPPORTED_PARTITIONS.includes(facts.partition)) {
    problems.push(`the account is in the ${facts.partition} partition; supported: ${SUPPORTED_PARTITIONS.join(", ")}`);
  }
  const others = [...new Set(facts.baselineRoleArns.map(rolePathOf).filter((path) => path !== rolePath))].sort();
  if (others.length > 0) {
    problems.push(
      `account ${facts.accountId} already has the CIS logging baseline of another stack (IAM roles under ${others.join(", ")}); ` +
      `this stack's roles would be under ${rolePath}. AWS Config allows one recorder per region, so an account takes one ` +
      "baseline stack: run this stack against another account, or `pulumi destroy` the other stack first " +
      "(after `pulumi stack rename`, destroy under the old name or delete its roles).",
    );
  }
  if (config.awsConfig.role === "existing-service-linked" && !facts.configServiceLinkedRoleArn) {
    problems.push(
      `${CONFIG_NAMESPACE}:awsConfig.role is "existing-service-linked", but account ${facts.accountId} has no AWSServiceRoleForConfig; ` +
      "allowed: service-linked (the stack creates it when it is missing) or dedicated",
    );
  }
  if (problems.length > 0) {
    throw new PreflightError(problems);
  }
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
