/**
 * The one typed configuration module of the program. Every key lives under `cis-logging-baseline:` in
 * `Pulumi.<stack>.yaml`; the home region is `aws:region`. `parseConfig` is pure and runs before any
 * resource is registered: a bad value fails with one line per bad key that names the key, the bad value
 * and what is allowed.
 */
import * as pulumi from "@pulumi/pulumi";

export const CONFIG_NAMESPACE = "cis-logging-baseline";

export type ProviderMode = "per-region" | "shared";
export type FlowLogDestination = "cloud-watch-logs" | "s3";
export type FlowLogTrafficType = "ALL" | "REJECT";
export type S3DataEvents = "all" | "write" | "read" | "none";
export type RecordingFrequency = "CONTINUOUS" | "DAILY";
export type ConfigRoleMode = "service-linked" | "existing-service-linked" | "dedicated";

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
    /** Existing recorders and delivery channels to take over, by region. */
    readonly adopt: Readonly<Record<string, ConfigAdoption>>;
  };
}

/**
 * Region names AWS has published (commercial, GovCloud and China partitions). A name outside this list is
 * rejected as unknown, so a typo such as `eu-nort-1` fails before anything is deployed. Regions that
 * `aws.getRegions` returns are taken as they are, so a region launched after this list still gets covered
 * with `regions: all`.
 */
export const KNOWN_REGIONS: readonly string[] = [
  "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
  "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
  "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1",
  "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
  "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
];

const REGION_SHAPE = /^[a-z]{2}(-gov)?-[a-z]+-\d{1,2}$/;

/** The retention values CloudWatch Logs PutRetentionPolicy accepts (CloudWatch Logs API reference). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Config recorder and delivery channel names: 1-256 characters, AWS Config API reference. */
const CONFIG_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
/** CloudTrail trail names: 3-128 characters, start with a letter or number (CloudTrail API reference). */
const TRAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/;

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
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

/** Reads one configuration value, already parsed from JSON where the value is structured. */
export type ConfigReader = (key: string) => unknown;

const show = (value: unknown): string => JSON.stringify(value);

class Validator {
  readonly problems: string[] = [];

  fail(key: string, value: unknown, allowed: string): undefined {
    this.problems.push(`${key} is ${show(value)}; allowed: ${allowed}`);
    return undefined;
  }

  oneOf<T extends string>(key: string, value: unknown, allowed: readonly T[], fallback: T): T {
    if (value === undefined) {
      return fallback;
    }
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) {
      return value as T;
    }
    this.fail(key, value, allowed.join(" | "));
    return fallback;
  }

  retention(key: string, value: unknown, fallback: number): number {
    if (value === undefined) {
      return fallback;
    }
    const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n === "number" && LOG_RETENTION_DAYS.includes(n)) {
      return n;
    }
    this.fail(key, value, `one of the CloudWatch Logs retention values ${LOG_RETENTION_DAYS.join(", ")}`);
    return fallback;
  }

  region(key: string, value: unknown): string | undefined {
    if (typeof value !== "string" || !REGION_SHAPE.test(value)) {
      return this.fail(key, value, "a region name such as eu-north-1");
    }
    if (!KNOWN_REGIONS.includes(value)) {
      return this.fail(key, value, `a known AWS region (${KNOWN_REGIONS.join(", ")})`);
    }
    return value;
  }

  regionList(key: string, value: unknown): string[] | undefined {
    if (!Array.isArray(value)) {
      return this.fail(key, value, "a list of region names, such as [eu-west-1, eu-north-1]");
    }
    const seen = new Set<string>();
    const out: string[] = [];
    value.forEach((item, i) => {
      const region = this.region(`${key}[${i}]`, item);
      if (region === undefined) {
        return;
      }
      if (seen.has(region)) {
        this.fail(`${key}[${i}]`, item, "each region once (it is listed twice)");
        return;
      }
      seen.add(region);
      out.push(region);
    });
    return out;
  }

  object(key: string, value: unknown, fields: readonly string[]): Record<string, unknown> {
    if (value === undefined) {
      return {};
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(key, value, `an object with the keys ${fields.join(", ")}`);
      return {};
    }
    const record = value as Record<string, unknown>;
    for (const field of Object.keys(record)) {
      if (!fields.includes(field)) {
        this.fail(`${key}.${field}`, record[field], `only the keys ${fields.join(", ")} (this key is unknown)`);
      }
    }
    return record;
  }
}

const key = (name: string): string => `${CONFIG_NAMESPACE}:${name}`;

/** Validates raw configuration; throws a ConfigError listing every bad key. Pure: registers nothing. */
export function parseConfig(read: ConfigReader, homeRegionRaw: unknown): BaselineConfig {
  const v = new Validator();

  const homeRegion = homeRegionRaw === undefined
    ? v.fail("aws:region", homeRegionRaw, "the home region, e.g. `pulumi config set aws:region ap-northeast-1`")
    : v.region("aws:region", homeRegionRaw);

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

  const flowLogsRaw = v.object(key("flowLogs"), read("flowLogs"), ["destination", "trafficType", "retentionInDays"]);
  const flowLogs = {
    destination: v.oneOf<FlowLogDestination>(key("flowLogs.destination"), flowLogsRaw.destination, ["cloud-watch-logs", "s3"], DEFAULTS.flowLogDestination),
    trafficType: v.oneOf<FlowLogTrafficType>(key("flowLogs.trafficType"), flowLogsRaw.trafficType, ["ALL", "REJECT"], DEFAULTS.flowLogTrafficType),
    retentionInDays: v.retention(key("flowLogs.retentionInDays"), flowLogsRaw.retentionInDays, DEFAULTS.flowLogRetentionInDays),
  };

  const trailRaw = v.object(key("cloudTrail"), read("cloudTrail"), ["name", "s3DataEvents", "logRetentionInDays"]);
  let trailName = DEFAULTS.trailName;
  if (trailRaw.name !== undefined) {
    if (typeof trailRaw.name === "string" && TRAIL_NAME.test(trailRaw.name)) {
      trailName = trailRaw.name;
    } else {
      v.fail(key("cloudTrail.name"), trailRaw.name, "3-128 letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
    }
  }
  const cloudTrail = {
    name: trailName,
    s3DataEvents: v.oneOf<S3DataEvents>(key("cloudTrail.s3DataEvents"), trailRaw.s3DataEvents, ["all", "write", "read", "none"], DEFAULTS.s3DataEvents),
    logRetentionInDays: v.retention(key("cloudTrail.logRetentionInDays"), trailRaw.logRetentionInDays, DEFAULTS.trailLogRetentionInDays),
  };

  const configRaw = v.object(key("awsConfig"), read("awsConfig"), ["recordingFrequency", "role", "adopt"]);
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
  const awsConfig = {
    recordingFrequency: v.oneOf<RecordingFrequency>(key("awsConfig.recordingFrequency"), configRaw.recordingFrequency, ["CONTINUOUS", "DAILY"], DEFAULTS.recordingFrequency),
    role: v.oneOf<ConfigRoleMode>(key("awsConfig.role"), configRaw.role, ["service-linked", "existing-service-linked", "dedicated"], DEFAULTS.configRole),
    adopt,
  };

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
