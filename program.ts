/**
 * The program: resolves the account and its regions, discovers every region's VPCs concurrently, then
 * builds the baseline. `index.ts` calls `main(loadConfig())`; tests and the offline plan call `main` with
 * a parsed configuration under Pulumi's mocks.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BaselineConfig, ConfigError, CONFIG_NAMESPACE } from "./config";
import { ConfigServiceRole } from "./components/configRole";
import { RegionalFlowLogs } from "./components/flowLogs";
import { LoggingBaseline } from "./components/loggingBaseline";
import { AccountContext, RegionPlacement } from "./components/placement";
import { RegionalConfig } from "./components/regionalConfig";

export interface RegionOutputs {
  readonly recorderName: pulumi.Output<string>;
  readonly deliveryChannelName: pulumi.Output<string>;
  /** Flow log ID by VPC ID. */
  readonly flowLogs: pulumi.Output<Record<string, string>>;
}

export interface BaselineOutputs {
  readonly trailArn: pulumi.Output<string>;
  readonly trailBucketName: pulumi.Output<string>;
  readonly accessLogBucketName: pulumi.Output<string>;
  readonly flowLogBucketName?: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly homeRegion: string;
  readonly regions: string[];
  readonly perRegion: Record<string, RegionOutputs>;
}

/** The regions AWS reports as enabled for the account: not-opted-in regions cannot be used. */
export const ENABLED_OPT_IN_STATUSES = ["opt-in-not-required", "opted-in"];

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
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return covered;
}

export async function main(config: BaselineConfig): Promise<BaselineOutputs> {
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
  const placementFor = (region: string): RegionPlacement => new RegionPlacement(region, providerFor(region), shared);
  const homePlacement = placementFor(home);
  const homeInvoke: pulumi.InvokeOptions = { provider: homePlacement.provider };

  // Account facts and region list: three round trips at once.
  const [identity, partition, regionList] = await Promise.all([
    aws.getCallerIdentity({}, homeInvoke),
    aws.getPartition({}, homeInvoke),
    aws.getRegions({ filters: [{ name: "opt-in-status", values: ENABLED_OPT_IN_STATUSES }] }, homeInvoke),
  ]);
  const regions = resolveRegions(config, regionList.names);
  const account: AccountContext = {
    accountId: identity.accountId,
    partition: partition.partition,
    dnsSuffix: partition.dnsSuffix,
    homeRegion: home,
  };

  // VPC discovery in every region at once: each getVpcs is an AWS round trip.
  const placements = new Map(regions.map((region) => [region, placementFor(region)]));
  const vpcLists = await Promise.all(regions.map(async (region) => {
    const placement = placements.get(region) as RegionPlacement;
    const result = await aws.ec2.getVpcs(placement.invokeArgs({}), { provider: placement.provider });
    return [region, [...result.ids].sort()] as const;
  }));
  const vpcsByRegion = new Map(vpcLists);

  const baseline = new LoggingBaseline("baseline", {
    placement: homePlacement,
    account,
    trailName: config.cloudTrail.name,
    s3DataEvents: config.cloudTrail.s3DataEvents,
    trailLogRetentionInDays: config.cloudTrail.logRetentionInDays,
    flowLogsToS3: config.flowLogs.destination === "s3",
  });

  const topicName = `${config.cloudTrail.name}-config`;
  const configRole = new ConfigServiceRole("config-role", {
    placement: homePlacement,
    account,
    mode: config.awsConfig.role,
    bucketArn: baseline.trailBucket.bucket.arn,
    kmsKeyArn: baseline.key.arn,
    topicName,
  });

  const perRegion: Record<string, RegionOutputs> = {};
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
      adopt: config.awsConfig.adopt[region],
    });

    const vpcIds = vpcsByRegion.get(region) ?? [];
    let flowLogs: pulumi.Output<Record<string, string>> = pulumi.output<Record<string, string>>({});
    if (vpcIds.length > 0) {
      const regionalFlowLogs = new RegionalFlowLogs(`flow-logs-${region}`, {
        placement,
        account,
        vpcIds,
        destination: config.flowLogs.destination,
        trafficType: config.flowLogs.trafficType,
        retentionInDays: config.flowLogs.retentionInDays,
        logGroupName: `/cis/vpc-flow-logs/${config.cloudTrail.name}`,
        bucket: baseline.flowLogBucket
          ? { arn: baseline.flowLogBucket.bucket.arn, ready: baseline.flowLogBucket.ready }
          : undefined,
      });
      const entries = Object.entries(regionalFlowLogs.flowLogs);
      flowLogs = pulumi.all(entries.map(([vpcId, fl]) => fl.id.apply((id) => [vpcId, id] as const)))
        .apply((pairs) => Object.fromEntries(pairs));
    }
    perRegion[region] = {
      recorderName: regionalConfig.recorder.name,
      deliveryChannelName: regionalConfig.deliveryChannel.name,
      flowLogs,
    };
  }

  return {
    trailArn: baseline.trail.arn,
    trailBucketName: baseline.trailBucket.bucket.bucket,
    accessLogBucketName: baseline.accessLogBucket.bucket.bucket,
    ...(baseline.flowLogBucket ? { flowLogBucketName: baseline.flowLogBucket.bucket.bucket } : {}),
    kmsKeyArn: baseline.key.arn,
    homeRegion: home,
    regions,
    perRegion,
  };
}
