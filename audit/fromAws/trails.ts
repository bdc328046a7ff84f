/**
 * Trails as the rules see them, from DescribeTrails (every audited region, de-duplicated by ARN), GetTrailStatus and
 * GetEventSelectors (home region). Selectors are used exactly as GetEventSelectors answers: real AWS answers a trail
 * created without selectors with its default selector, so an empty answer means no selector at all.
 */
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from "@aws-sdk/client-cloudtrail";
import { known } from "../../policy-pack/domain/fact";
import type { FieldSelector, Selectors, Trail } from "../../policy-pack/domain/state";
import type { TrailSelectors } from "../collect/cloudtrail";
import type { AuditData } from "../data";
import { fromResult } from "./facts";

const list = (v: readonly string[] | undefined): readonly string[] => v ?? [];

function fieldOf(f: AdvancedFieldSelector): FieldSelector {
  return {
    field: f.Field ?? "", equals: list(f.Equals), notEquals: list(f.NotEquals), startsWith: list(f.StartsWith),
    notStartsWith: list(f.NotStartsWith), endsWith: list(f.EndsWith), notEndsWith: list(f.NotEndsWith),
  };
}

export function selectorsOf(answer: TrailSelectors): Selectors {
  if (answer.advanced.length > 0) {
    return { kind: "advanced", items: answer.advanced.map((s: AdvancedEventSelector) => ({ ...(s.Name ? { name: s.Name } : {}), fields: (s.FieldSelectors ?? []).map(fieldOf) })) };
  }
  return {
    kind: "classic",
    items: answer.classic.map((s: EventSelector) => ({
      readWriteType: s.ReadWriteType ?? "All",
      includeManagementEvents: s.IncludeManagementEvents ?? true,
      excludeManagementEventSources: list(s.ExcludeManagementEventSources),
      dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type ?? "", values: list(d.Values) })),
    })),
  };
}

export function trailsOf(data: AuditData): Trail[] {
  return data.trails.map((t): Trail => {
    const details = data.trailDetails.get(t.arn);
    const status = details?.status;
    return {
      ref: t.arn,
      name: t.name,
      homeRegion: known(t.homeRegion),
      multiRegion: known(t.isMultiRegion),
      globalServiceEvents: known(t.includeGlobalServiceEvents),
      logging: fromResult(status, (s) => s.isLogging),
      loggingSince: fromResult(status, (s) => s.startLoggingTime ?? null),
      logFileValidation: known(t.logFileValidation),
      kmsKeyId: known(t.kmsKeyId ?? null),
      cloudWatch: {
        groupArn: known(t.cloudWatchLogsGroupArn ?? null),
        roleArn: known(t.cloudWatchLogsRoleArn ?? null),
        lastDelivery: fromResult(status, (s) => s.latestCloudWatchLogsDeliveryTime ?? null),
        lastError: fromResult(status, (s) => s.latestCloudWatchLogsDeliveryError ?? null),
      },
      bucketName: known(t.s3BucketName ?? null),
      selectors: fromResult(details?.selectors, selectorsOf),
    };
  });
}
