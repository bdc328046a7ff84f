/**
 * aws.cloudtrail.Trail → domain Trail. Provider and AWS defaults are applied here, so the rules only see effective
 * values: isMultiRegionTrail false, includeGlobalServiceEvents true, enableLogging true, enableLogFileValidation
 * false (@pulumi/aws TrailArgs); no selector at all means CloudTrail's default one, all read and write management
 * events (CloudTrail UG "Logging management events": "By default, trails ... log all management events"); a classic
 * selector's readWriteType defaults to All and includeManagementEvents to true (TrailEventSelector).
 */
import type { ClassicSelector, FieldSelector, Selectors, Trail } from "../domain/state";
import { Fact, known, notVisible } from "../domain/fact";
import { factOf, flagFact, plain, propFact, referenceFact } from "./known";

/** A trail as either side of the engine hands it: outputs with relations (stack) or inputs alone (resource policy). */
export interface TrailSource {
  readonly name: string;
  readonly urn: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly propertyDependencies?: Readonly<Record<string, readonly { readonly urn: string }[]>>;
  readonly region: Fact<string>;
}

const RUNTIME = "runtime state: npm run audit reads it";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null) : [];

function classic(selector: Record<string, unknown>): ClassicSelector {
  const readWriteType = selector.readWriteType === "ReadOnly" || selector.readWriteType === "WriteOnly" ? selector.readWriteType : "All";
  return {
    readWriteType,
    includeManagementEvents: selector.includeManagementEvents !== false,
    excludeManagementEventSources: strings(selector.excludeManagementEventSources),
    dataResources: records(selector.dataResources).map((d) => ({ type: String(d.type ?? ""), values: strings(d.values) })),
  };
}

function field(f: Record<string, unknown>): FieldSelector {
  return {
    field: String(f.field ?? ""),
    equals: strings(f.equals),
    notEquals: strings(f.notEquals),
    startsWith: strings(f.startsWiths),
    notStartsWith: strings(f.notStartsWiths),
    endsWith: strings(f.endsWiths),
    notEndsWith: strings(f.notEndsWiths),
  };
}

/** The effective selectors: advanced ones, else classic ones, else CloudTrail's default selector. */
export function selectorsOf(props: Readonly<Record<string, unknown>>): Fact<Selectors> {
  return factOf((): Selectors => {
    const advanced = records(plain(props.advancedEventSelectors));
    if (advanced.length > 0) {
      return { kind: "advanced", items: advanced.map((s) => ({ ...(typeof s.name === "string" ? { name: s.name } : {}), fields: records(s.fieldSelectors).map(field) })) };
    }
    const items = records(plain(props.eventSelectors)).map(classic);
    return { kind: "classic", items: items.length > 0 ? items : [classic({})] };
  });
}

/** A trail; `bucketName` is resolved by the caller (fromStack links it to its bucket, a resource policy cannot). */
export function trailOf(source: TrailSource, bucketName: Fact<string | null>): Trail {
  const { props } = source;
  const sources = (key: string) => (source.propertyDependencies?.[key] ?? []).map((r) => r.urn);
  const name = propFact(props, "name");
  const homeRegion = propFact(props, "homeRegion");
  return {
    ref: source.urn,
    name: name.kind === "known" && typeof name.value === "string" && name.value.length > 0 ? name.value : source.name,
    homeRegion: homeRegion.kind === "known" && typeof homeRegion.value === "string" && homeRegion.value.length > 0 ? known(homeRegion.value) : source.region,
    multiRegion: flagFact(props, "isMultiRegionTrail", false),
    globalServiceEvents: flagFact(props, "includeGlobalServiceEvents", true),
    logging: flagFact(props, "enableLogging", true),
    loggingSince: notVisible(RUNTIME),
    logFileValidation: flagFact(props, "enableLogFileValidation", false),
    kmsKeyId: referenceFact(props, "kmsKeyId", sources("kmsKeyId")),
    cloudWatch: {
      groupArn: referenceFact(props, "cloudWatchLogsGroupArn", sources("cloudWatchLogsGroupArn")),
      roleArn: referenceFact(props, "cloudWatchLogsRoleArn", sources("cloudWatchLogsRoleArn")),
      lastDelivery: notVisible(RUNTIME),
      lastError: notVisible(RUNTIME),
    },
    bucketName,
    selectors: selectorsOf(props),
    // Default false: "The default is false" (CloudTrail API, CreateTrail IsOrganizationTrail, https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html).
    organization: flagFact(props, "isOrganizationTrail", false),
  };
}
