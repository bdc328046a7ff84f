/**
 * The program's configuration: parsing and loading (its types and defaults are in configTypes.ts, re-exported
 * here, so this stays the one module importers use). Every key lives under `cis-logging-baseline:` in
 * `Pulumi.<stack>.yaml`; the home region is `aws:region`. `parseConfig` is pure and runs before any
 * resource is registered: a bad value fails with one line per bad key that names the key, the bad value
 * and what is allowed.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseDeployment } from "./configOrganization";
import { Validator } from "./configValidator";
import {
  BaselineConfig, ConfigAdoption, ConfigRoleMode, ContinuousCoverageMode, DEFAULTS, FlowLogDestination, FlowLogFileFormat,
  FlowLogTrafficType, GlobalResourceTypesRegion, ProviderMode, RUNBOOK_FLOW_LOG_S3_OPTIONS, RecordingFrequency, S3DataEvents,
} from "./configTypes";
import { GLOBAL_RESOURCE_TYPE_REGIONS, KNOWN_REGIONS, SUPPORTED_PARTITIONS, partitionOfRegion } from "./regions";

export const CONFIG_NAMESPACE = "cis-logging-baseline";

// The typed configuration and its defaults live in configTypes.ts; re-exported so importers keep using this module.
export type {
  BaselineConfig, ConfigAdoption, ConfigRoleMode, ContinuousCoverageMode, DeploymentMode, FlowLogDestination, FlowLogFileFormat,
  FlowLogS3Options, FlowLogTrafficType, GlobalResourceTypesRegion, OrganizationSettings, ProviderMode, RecordingFrequency, S3DataEvents,
} from "./configTypes";
export { DEFAULTS, RUNBOOK_FLOW_LOG_S3_OPTIONS } from "./configTypes";

export { GLOBAL_RESOURCE_TYPE_REGIONS, KNOWN_REGIONS, SUPPORTED_PARTITIONS, partitionOfRegion } from "./regions";

export { LOG_RETENTION_DAYS } from "./configValidator";

/** Config recorder and delivery channel names: 1-256 characters, AWS Config API reference. */
const CONFIG_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
/**
 * The trail name, which also names the KMS alias (`alias/<name>`) and the Config SNS topics (`<name>-config`),
 * so it must satisfy all three:
 * - CloudTrail (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trail-naming-requirements.html):
 *   3-128 letters, numbers, periods, underscores and dashes; starts and ends with a letter or number; no
 *   adjacent periods, underscores or dashes; not in IP address format;
 * - KMS aliases (https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html): only alphanumeric
 *   characters, forward slashes, underscores and dashes, so no period;
 * - SNS topics (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html): up to 256 alphanumeric
 *   characters, hyphens and underscores, so no period.
 * Without periods a name cannot be in IP address format.
 */
export const TRAIL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|[_-](?![_-])){1,126}[A-Za-z0-9]$/;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

/** Reads one configuration value, already parsed from JSON where the value is structured. */
export type ConfigReader = (key: string) => unknown;

const key = (name: string): string => `${CONFIG_NAMESPACE}:${name}`;

/**
 * `awsConfig.globalResourceTypesRegion`: a region that can record IAM types (GLOBAL_RESOURCE_TYPE_REGIONS) and
 * is not excluded, or `all-eligible`. The default is the home region, which must then be able to record them:
 * otherwise no region would record IAM and Security Hub Config.1 fails.
 */
function parseGlobalResourceTypesRegion(
  v: Validator, raw: unknown, homeRegion: string | undefined, excludeRegions: readonly string[],
): GlobalResourceTypesRegion {
  const name = key("awsConfig.globalResourceTypesRegion");
  const eligible = `a region where AWS Config can record the global IAM types (${GLOBAL_RESOURCE_TYPE_REGIONS.join(", ")}), or all-eligible`;
  if (raw === undefined) {
    if (homeRegion !== undefined && !GLOBAL_RESOURCE_TYPE_REGIONS.includes(homeRegion)) {
      v.fail(name, raw, `set explicitly, because the home region ${homeRegion} (aws:region) launched AWS Config after February 2022 and cannot record the global IAM types: ${eligible}`);
    }
    return homeRegion ?? "all-eligible";
  }
  if (raw === "all-eligible") {
    return raw;
  }
  const region = v.region(name, raw);
  if (region === undefined) {
    return "all-eligible";
  }
  if (!GLOBAL_RESOURCE_TYPE_REGIONS.includes(region)) {
    v.fail(name, raw, eligible);
  } else if (excludeRegions.includes(region)) {
    v.fail(name, raw, `a covered region (${region} is in ${key("excludeRegions")})`);
  }
  return region;
}

/** Validates raw configuration; throws a ConfigError listing every bad key. Pure: registers nothing. */
export function parseConfig(read: ConfigReader, homeRegionRaw: unknown): BaselineConfig {
  const v = new Validator();

  let homeRegion = homeRegionRaw === undefined
    ? v.fail("aws:region", homeRegionRaw, "the home region, e.g. `pulumi config set aws:region ap-northeast-1`")
    : v.region("aws:region", homeRegionRaw);
  if (homeRegion !== undefined && !SUPPORTED_PARTITIONS.includes(partitionOfRegion(homeRegion))) {
    homeRegion = v.fail("aws:region", homeRegion,
      `a region of the ${SUPPORTED_PARTITIONS.join(" or ")} partition (${partitionOfRegion(homeRegion)} is not supported: its service principals and same-region delivery rules differ)`);
  }

  const regionsRaw = read("regions");
  let regions: "all" | string[] = "all";
  if (regionsRaw !== undefined && regionsRaw !== "all") {
    if (typeof regionsRaw === "string") {
      v.fail(key("regions"), regionsRaw, "all, or a list of region names");
    } else {
      regions = v.regionList(key("regions"), regionsRaw) ?? [];
    }
  }
  const excludeRaw = read("excludeRegions");
  const excludeRegions = excludeRaw === undefined ? [] : (v.regionList(key("excludeRegions"), excludeRaw) ?? []);

  if (homeRegion !== undefined && excludeRegions.includes(homeRegion)) {
    v.fail(key("excludeRegions"), excludeRaw, `a list without the home region ${homeRegion} (aws:region): the trail and its buckets live there`);
  }
  if (Array.isArray(regions)) {
    for (const region of regions) {
      if (excludeRegions.includes(region)) {
        v.fail(key("regions"), region, `a region that is not also in ${key("excludeRegions")}`);
      }
    }
    if (homeRegion !== undefined && !regions.includes(homeRegion)) {
      v.fail(key("regions"), regionsRaw, `all, or a list that includes the home region ${homeRegion} (aws:region)`);
    }
  }

  const providerMode = v.oneOf<ProviderMode>(key("providerMode"), read("providerMode"), ["per-region", "shared"], DEFAULTS.providerMode);
  const continuousCoverage = v.oneOf<ContinuousCoverageMode>(key("continuousCoverage"), read("continuousCoverage"),
    ["off", "telemetryRule", "configRemediation"], DEFAULTS.continuousCoverage);

  const flowLogsRaw = v.object(key("flowLogs"), read("flowLogs"),
    ["destination", "trafficType", "retentionInDays", "fileFormat", "hiveCompatiblePartitions", "perHourPartition"]);
  const destination = v.oneOf<FlowLogDestination>(key("flowLogs.destination"), flowLogsRaw.destination, ["cloud-watch-logs", "s3"], DEFAULTS.flowLogDestination);
  if (destination !== "s3") {
    for (const field of ["fileFormat", "hiveCompatiblePartitions", "perHourPartition"] as const) {
      if (flowLogsRaw[field] !== undefined) {
        v.fail(key(`flowLogs.${field}`), flowLogsRaw[field], `nothing unless ${key("flowLogs.destination")} is s3 (it is ${destination})`);
      }
    }
  }
  // Telemetry rules deliver VPC flow logs to CloudWatch Logs only (coverageFacts.ts TELEMETRY_RULE_DESTINATION_TYPES).
  if (continuousCoverage === "telemetryRule" && destination === "s3") {
    v.fail(key("continuousCoverage"), continuousCoverage,
      `off | configRemediation while ${key("flowLogs.destination")} is s3 (CloudWatch telemetry rules deliver VPC flow logs to CloudWatch Logs only), or set ${key("flowLogs.destination")} to cloud-watch-logs`);
  }
  // With configRemediation the runbook writes every flow log, in the only layout it can (RUNBOOK_FLOW_LOG_S3_OPTIONS).
  const runbookWritesS3 = continuousCoverage === "configRemediation" && destination === "s3";
  const s3Defaults = runbookWritesS3 ? RUNBOOK_FLOW_LOG_S3_OPTIONS : DEFAULTS.flowLogS3;
  const s3 = {
    fileFormat: v.oneOf<FlowLogFileFormat>(key("flowLogs.fileFormat"), flowLogsRaw.fileFormat, ["parquet", "plain-text"], s3Defaults.fileFormat),
    hiveCompatiblePartitions: v.boolean(key("flowLogs.hiveCompatiblePartitions"), flowLogsRaw.hiveCompatiblePartitions, s3Defaults.hiveCompatiblePartitions),
    perHourPartition: v.boolean(key("flowLogs.perHourPartition"), flowLogsRaw.perHourPartition, s3Defaults.perHourPartition),
  };
  if (runbookWritesS3) {
    for (const field of ["fileFormat", "hiveCompatiblePartitions", "perHourPartition"] as const) {
      if (s3[field] !== RUNBOOK_FLOW_LOG_S3_OPTIONS[field]) {
        v.fail(key(`flowLogs.${field}`), flowLogsRaw[field],
          `${JSON.stringify(RUNBOOK_FLOW_LOG_S3_OPTIONS[field])} while ${key("continuousCoverage")} is configRemediation (AWSSupport-EnableVPCFlowLogs, which then creates every flow log, has no destination options: plain-text files, no Hive-compatible prefixes, no hourly partitions)`);
      }
    }
  }
  const flowLogs = {
    destination,
    trafficType: v.oneOf<FlowLogTrafficType>(key("flowLogs.trafficType"), flowLogsRaw.trafficType, ["ALL", "REJECT"], DEFAULTS.flowLogTrafficType),
    retentionInDays: v.retention(key("flowLogs.retentionInDays"), flowLogsRaw.retentionInDays, DEFAULTS.flowLogRetentionInDays),
    s3,
  };

  const trailRaw = v.object(key("cloudTrail"), read("cloudTrail"), ["name", "s3DataEvents", "logRetentionInDays"]);
  let trailName = DEFAULTS.trailName;
  if (trailRaw.name !== undefined) {
    if (typeof trailRaw.name === "string" && TRAIL_NAME.test(trailRaw.name)) {
      trailName = trailRaw.name;
    } else {
      v.fail(key("cloudTrail.name"), trailRaw.name,
        "3-128 letters, digits, '_' or '-', starting and ending with a letter or digit, never two of '_' and '-' in a row, no '.' (the name also makes the KMS alias alias/<name> and the SNS topics <name>-config, which allow no '.')");
    }
  }
  const cloudTrail = {
    name: trailName,
    s3DataEvents: v.oneOf<S3DataEvents>(key("cloudTrail.s3DataEvents"), trailRaw.s3DataEvents, ["all", "write", "read", "none"], DEFAULTS.s3DataEvents),
    logRetentionInDays: v.retention(key("cloudTrail.logRetentionInDays"), trailRaw.logRetentionInDays, DEFAULTS.trailLogRetentionInDays),
  };

  const configRaw = v.object(key("awsConfig"), read("awsConfig"), ["recordingFrequency", "role", "globalResourceTypesRegion", "adopt"]);
  const adopt: Record<string, ConfigAdoption> = {};
  const adoptRaw = v.object(key("awsConfig.adopt"), configRaw.adopt, KNOWN_REGIONS);
  for (const [region, entryRaw] of Object.entries(adoptRaw)) {
    if (!KNOWN_REGIONS.includes(region)) {
      continue; // already reported as an unknown key
    }
    const entryKey = key(`awsConfig.adopt.${region}`);
    if (excludeRegions.includes(region)) {
      v.fail(entryKey, entryRaw, `an adoption only for a covered region (${region} is in ${key("excludeRegions")})`);
      continue;
    }
    const entry = v.object(entryKey, entryRaw, ["recorderName", "deliveryChannelName", "import"]);
    const names: Record<string, string> = {};
    for (const field of ["recorderName", "deliveryChannelName"] as const) {
      const value = entry[field];
      if (typeof value === "string" && CONFIG_NAME.test(value)) {
        names[field] = value;
      } else {
        v.fail(`${entryKey}.${field}`, value, "the name of the existing resource: 1-256 letters, digits, '.', '_' or '-'");
      }
    }
    const importRaw = entry.import ?? false;
    if (typeof importRaw !== "boolean") {
      v.fail(`${entryKey}.import`, importRaw, "true | false");
    }
    if (names.recorderName && names.deliveryChannelName) {
      adopt[region] = { recorderName: names.recorderName, deliveryChannelName: names.deliveryChannelName, import: importRaw === true };
    }
  }
  const globalResourceTypesRegion = parseGlobalResourceTypesRegion(v, configRaw.globalResourceTypesRegion, homeRegion, excludeRegions);
  const awsConfig = {
    recordingFrequency: v.oneOf<RecordingFrequency>(key("awsConfig.recordingFrequency"), configRaw.recordingFrequency, ["CONTINUOUS", "DAILY"], DEFAULTS.recordingFrequency),
    role: v.oneOf<ConfigRoleMode>(key("awsConfig.role"), configRaw.role, ["service-linked", "existing-service-linked", "dedicated"], DEFAULTS.configRole),
    globalResourceTypesRegion,
    adopt,
  };

  const deployment = parseDeployment(v, key, read("mode"), read("organization"), { flowLogDestination: destination, continuousCoverage });

  if (v.problems.length > 0) {
    throw new ConfigError(v.problems);
  }
  return {
    homeRegion: homeRegion as string,
    regions,
    excludeRegions,
    providerMode,
    flowLogs,
    cloudTrail,
    awsConfig,
    continuousCoverage,
    mode: deployment.mode,
    ...(deployment.organization ? { organization: deployment.organization } : {}),
  };
}

/**
 * Pulumi passes every config value as a string; structured values (lists, objects) arrive as JSON and
 * numbers or booleans as their text. This reader parses JSON where it parses and keeps the string otherwise.
 */
export function readerFromStrings(get: (key: string) => string | undefined): ConfigReader {
  return (name) => {
    const raw = get(name);
    if (raw === undefined) {
      return undefined;
    }
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  };
}

/** The stack's configuration, read from the Pulumi engine (`Pulumi.<stack>.yaml`). */
export function loadConfig(): BaselineConfig {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const awsConfig = new pulumi.Config("aws");
  return parseConfig(readerFromStrings((name) => config.get(name)), awsConfig.get("region"));
}
