/**
 * How a trail's event selectors are judged, each selector on its own (read and write must come from one selector:
 * Security Hub CloudTrail.1 evaluates AWS Config's multi-region-cloudtrail-enabled with readWriteType ALL).
 * Shared by the management-event control (CIS 2.1 / 3.1) and the S3 data-event controls (CIS 3.10 / 3.11).
 */
import { Judgement, Note, gap, ok } from "./verdict";
import type { AdvancedSelector, ClassicSelector, FieldSelector, Selectors } from "./state";

const onlyEquals = (f: FieldSelector, values: readonly string[]): boolean =>
  f.equals.length === values.length && values.every((v) => f.equals.includes(v)) &&
  f.notEquals.length + f.startsWith.length + f.notStartsWith.length + f.endsWith.length + f.notEndsWith.length === 0;

const fieldOf = (s: AdvancedSelector, name: string): FieldSelector | undefined => s.fields.find((f) => f.field === name);

/**
 * CIS 2.1 / Security Hub CloudTrail.1: one selector records all read and write management events, with nothing
 * excluded. Classic: IncludeManagementEvents, ReadWriteType All, no ExcludeManagementEventSources (AWS Config rule
 * multi-region-cloudtrail-enabled is NON_COMPLIANT "if the ExcludeManagementEventSources field is not empty").
 * Advanced: a selector whose only field is eventCategory = Management.
 */
export function managementEvents(selectors: Selectors): Judgement {
  if (selectors.kind === "classic") {
    return classicManagement(selectors.items);
  }
  const management = selectors.items.filter((s) => fieldOf(s, "eventCategory")?.equals.includes("Management"));
  if (management.length === 0) {
    return gap("trail.managementEvents.missing", "no advanced selector records management events");
  }
  if (management.some((s) => s.fields.length === 1 && onlyEquals(s.fields[0], ["Management"]))) {
    return ok();
  }
  const extra = [...new Set(management.flatMap((s) => s.fields.map((f) => f.field).filter((f) => f !== "eventCategory")))].sort();
  return gap("trail.managementEvents.filtered", `the management-event selector also filters on ${extra.join(", ")}, so not every read and write management event is recorded`);
}

function classicManagement(items: readonly ClassicSelector[]): Judgement {
  const including = items.filter((s) => s.includeManagementEvents);
  if (including.length === 0) {
    return gap("trail.managementEvents.missing", "no event selector includes management events");
  }
  const complete = including.filter((s) => s.readWriteType === "All");
  if (complete.some((s) => s.excludeManagementEventSources.length === 0)) {
    return ok();
  }
  if (complete.length > 0) {
    const excluded = [...new Set(complete.flatMap((s) => s.excludeManagementEventSources))].sort();
    return gap("trail.managementEvents.excluded", `management events from ${excluded.join(", ")} are excluded`);
  }
  const kinds = [...new Set(including.map((s) => s.readWriteType))].sort();
  return gap("trail.managementEvents.split", kinds.length > 1
    ? "read and write management events come from separate selectors; one selector must record both (readWriteType All)"
    : `management events are recorded ${kinds[0] === "ReadOnly" ? "read-only" : "write-only"}`);
}

export type Direction = "read" | "write";

export interface DataEventContext {
  readonly partition: string;
  /** The account's trail buckets: excluding them from data events is AWS's own recommendation. */
  readonly trailBuckets: readonly string[];
}

/** The S3 data-resource values that mean "all current and future buckets" (CloudTrail API DataResource). */
const allBucketValues = (partition: string): string[] => [`arn:${partition}:s3`, `arn:${partition}:s3:::`];

/**
 * CIS 3.10 (write) / 3.11 (read), Security Hub S3.22 / S3.23: some selector records S3 object-level events of the
 * direction on all buckets. Classic: AWS::S3::Object on arn:<p>:s3 (or arn:<p>:s3:::) with ReadWriteType All or the
 * direction. Advanced: eventCategory = Data, resources.type = AWS::S3::Object, readOnly selecting the direction (or
 * absent), resources.ARN only as an all-bucket StartsWith or as exclusions of the account's own trail buckets.
 */
export function s3DataEvents(selectors: Selectors, direction: Direction, ctx: DataEventContext): Judgement {
  return selectors.kind === "classic" ? classicS3(selectors.items, direction, ctx) : advancedS3(selectors.items, direction, ctx);
}

function classicS3(items: readonly ClassicSelector[], direction: Direction, ctx: DataEventContext): Judgement {
  const wanted = direction === "read" ? "ReadOnly" : "WriteOnly";
  const s3 = items.filter((s) => s.readWriteType === "All" || s.readWriteType === wanted)
    .flatMap((s) => s.dataResources.filter((d) => d.type === "AWS::S3::Object"));
  const all = allBucketValues(ctx.partition);
  if (s3.some((d) => d.values.some((v) => all.includes(v)))) {
    return ok();
  }
  if (s3.length > 0) {
    return gap("trail.s3DataEvents.scoped", `S3 ${direction} data events are recorded only for ${[...new Set(s3.flatMap((d) => d.values))].sort().join(", ")}, not all buckets`);
  }
  return gap("trail.s3DataEvents.missing", `no event selector records S3 object-level ${direction} events`);
}

function readOnlySelects(field: FieldSelector | undefined, direction: Direction): boolean {
  if (!field) {
    return true;
  }
  const wanted = direction === "read" ? "true" : "false";
  const other = direction === "read" ? "false" : "true";
  return onlyEquals(field, [wanted]) ||
    (field.notEquals.length === 1 && field.notEquals[0] === other && field.equals.length + field.startsWith.length +
      field.notStartsWith.length + field.endsWith.length + field.notEndsWith.length === 0);
}

function advancedS3(items: readonly AdvancedSelector[], direction: Direction, ctx: DataEventContext): Judgement {
  const allPrefix = `arn:${ctx.partition}:s3:::`;
  let scoped: string | undefined;
  for (const s of items) {
    const category = fieldOf(s, "eventCategory");
    const type = fieldOf(s, "resources.type");
    if (!category || !onlyEquals(category, ["Data"]) || !type || !onlyEquals(type, ["AWS::S3::Object"])) {
      continue;
    }
    if (!readOnlySelects(fieldOf(s, "readOnly"), direction)) {
      continue;
    }
    const others = s.fields.filter((f) => !["eventCategory", "resources.type", "readOnly", "resources.ARN"].includes(f.field));
    if (others.length > 0) {
      scoped = `the S3 data-event selector also filters on ${others.map((f) => f.field).join(", ")}`;
      continue;
    }
    const arn = fieldOf(s, "resources.ARN");
    if (!arn) {
      return ok();
    }
    const narrowing = arn.equals.length + arn.endsWith.length > 0 || arn.startsWith.some((p) => p !== allPrefix);
    const excluded = [...arn.notStartsWith, ...arn.notEquals, ...arn.notEndsWith];
    const outsideTrailBuckets = excluded.filter((x) => !ctx.trailBuckets.some((b) => x.startsWith(`${allPrefix}${b}`)));
    if (narrowing) {
      scoped = `S3 ${direction} data events are recorded only for resources.ARN ${[...arn.equals, ...arn.startsWith, ...arn.endsWith].join(", ")}`;
      continue;
    }
    if (outsideTrailBuckets.length > 0) {
      scoped = `S3 ${direction} data events exclude ${outsideTrailBuckets.join(", ")}, which is not a trail bucket of this account`;
      continue;
    }
    const notes: Note[] = excluded.length > 0
      ? [{ basis: "securityHub", text: `the trail buckets are excluded from data events (${excluded.join(", ")}), as AWS recommends; whether Security Hub S3.22/S3.23 accept the exclusion is not documented` }]
      : [];
    return ok(notes);
  }
  return scoped
    ? gap("trail.s3DataEvents.scoped", `${scoped}, not all buckets`)
    : gap("trail.s3DataEvents.missing", `no advanced selector records S3 object-level ${direction} events`);
}
