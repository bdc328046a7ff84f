/**
 * How event selectors are read, shared by the multi-region and the S3 data-event checks.
 *
 * Management events, read and write (CIS 3.1, Security Hub CloudTrail.1):
 *  - classic: IncludeManagementEvents true, ReadWriteType All, and no ExcludeManagementEventSources
 *    (Security Hub fails a trail that excludes e.g. KMS events);
 *  - advanced: a selector whose only field is eventCategory = Management (a readOnly field limits it to
 *    reads or writes, an eventSource field excludes sources).
 *
 * S3 data events for all current and future buckets (CIS 3.10/3.11 in 1.4.0):
 *  - classic: a data resource of type AWS::S3::Object with the value arn:<partition>:s3 or
 *    arn:<partition>:s3::: and ReadWriteType All, or WriteOnly / ReadOnly for the matching kind.
 *    A bucket-scoped value (arn:aws:s3:::bucket/) covers only that bucket, so it does not count;
 *  - advanced: eventCategory = Data and resources.type = AWS::S3::Object; readOnly absent (both kinds) or
 *    selecting the kind; resources.ARN only in exclusions (NotStartsWith/NotEquals/NotEndsWith: AWS
 *    recommends excluding the trail's own bucket); any other field narrows the selector, so it does not count.
 */
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from "@aws-sdk/client-cloudtrail";
import type { TrailSelectors } from "../collect/cloudtrail";

export type DataEventKind = "write" | "read";

function classicLogsManagement(s: EventSelector): boolean {
  return s.IncludeManagementEvents === true && s.ReadWriteType === "All" && (s.ExcludeManagementEventSources ?? []).length === 0;
}

function equalsOnly(f: AdvancedFieldSelector, value: string): boolean {
  return (
    (f.Equals ?? []).length === 1 &&
    f.Equals?.[0] === value &&
    !f.StartsWith?.length &&
    !f.EndsWith?.length &&
    !f.NotEquals?.length &&
    !f.NotStartsWith?.length &&
    !f.NotEndsWith?.length
  );
}

function advancedLogsManagement(s: AdvancedEventSelector): boolean {
  const fields = s.FieldSelectors ?? [];
  return fields.length === 1 && fields[0].Field === "eventCategory" && equalsOnly(fields[0], "Management");
}

export function logsAllManagementEvents(sel: TrailSelectors): boolean {
  return sel.classic.some(classicLogsManagement) || sel.advanced.some(advancedLogsManagement);
}

function classicLogsS3(s: EventSelector, partition: string, kind: DataEventKind): boolean {
  const rw = s.ReadWriteType ?? "All";
  const kindOk = rw === "All" || (kind === "write" ? rw === "WriteOnly" : rw === "ReadOnly");
  const allBuckets = [`arn:${partition}:s3`, `arn:${partition}:s3:::`];
  return kindOk && (s.DataResources ?? []).some((r) => r.Type === "AWS::S3::Object" && (r.Values ?? []).some((v) => allBuckets.includes(v)));
}

function readOnlyCovers(f: AdvancedFieldSelector | undefined, kind: DataEventKind): boolean {
  if (!f) {
    return true;
  }
  const wanted = kind === "read" ? "true" : "false";
  const other = kind === "read" ? "false" : "true";
  if (equalsOnly(f, wanted)) {
    return true;
  }
  return (
    (f.NotEquals ?? []).length === 1 &&
    f.NotEquals?.[0] === other &&
    !f.Equals?.length &&
    !f.StartsWith?.length &&
    !f.EndsWith?.length &&
    !f.NotStartsWith?.length &&
    !f.NotEndsWith?.length
  );
}

function advancedLogsS3(s: AdvancedEventSelector, kind: DataEventKind): boolean {
  const fields = s.FieldSelectors ?? [];
  const byName = (name: string) => fields.filter((f) => f.Field === name);
  const category = byName("eventCategory");
  const type = byName("resources.type");
  const readOnly = byName("readOnly");
  const arns = byName("resources.ARN");
  const known = new Set(["eventCategory", "resources.type", "readOnly", "resources.ARN"]);
  if (fields.some((f) => !known.has(f.Field ?? ""))) {
    return false;
  }
  if (category.length !== 1 || !equalsOnly(category[0], "Data") || type.length !== 1 || !equalsOnly(type[0], "AWS::S3::Object")) {
    return false;
  }
  if (readOnly.length > 1 || !readOnlyCovers(readOnly[0], kind)) {
    return false;
  }
  return arns.every((f) => !f.Equals?.length && !f.StartsWith?.length && !f.EndsWith?.length);
}

export function logsS3DataEvents(sel: TrailSelectors, partition: string, kind: DataEventKind): boolean {
  return sel.classic.some((s) => classicLogsS3(s, partition, kind)) || sel.advanced.some((s) => advancedLogsS3(s, kind));
}
