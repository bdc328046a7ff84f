/**
 * What every policy of the pack shares: the config schema (CIS version, exemptions), reading and validating that
 * config, messages that carry the control id of the selected CIS version, the handling of values that are unknown
 * during `pulumi preview`, and the reporting of findings (violations, exempted findings, "cannot verify" notes).
 */
import * as policySdk from "@pulumi/policy";
import type {
  EnforcementLevel,
  Policy,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  Severity,
} from "@pulumi/policy";
import { CisVersion, PolicyName, cisVersions, controlFor, isCisVersion } from "../controls";

/** The CIS version whose control ids the messages use when the pack config does not choose one. */
export const defaultCisVersion: CisVersion = "1.2.0";

/** Minimum length of an exemption's written reason (cdk-nag v2 used the same floor). */
export const minimumReasonLength = 10;

/** One per-resource exemption, as written in the pack config. */
export interface Exemption {
  /** Resource type token, e.g. `aws:s3/bucket:Bucket`; matches together with `name`. */
  readonly type?: string;
  /** Exact logical name of the resource (no patterns). */
  readonly name?: string;
  /** Exact URN of the resource. */
  readonly urn?: string;
  /** Why the control does not apply to this resource; shown in every preview. */
  readonly reason: string;
}

/** The config every policy of the pack accepts (besides `enforcementLevel`, which the engine owns). */
export interface PackPolicyConfig {
  readonly cisVersion: CisVersion;
  readonly exemptions: readonly Exemption[];
}

/**
 * The config schema of every policy. `enforcementLevel` must not appear here: the policy server exits when it does.
 * The engine validates a `--policy-pack-config` file against it; `readConfig` checks the same rules again, because a
 * direct call (and an older CLI) hands the config over unvalidated and without the schema defaults.
 */
export const configSchema: PolicyConfigSchema = {
  properties: {
    cisVersion: {
      type: "string",
      enum: [...cisVersions],
      default: defaultCisVersion,
      description: "The CIS AWS Foundations Benchmark version whose control ids the violation messages use.",
    },
    exemptions: {
      type: "array",
      default: [],
      description:
        "Resources this policy does not enforce. Each entry matches by exact URN, or by exact type and name, and needs a written reason; exempted findings are reported as advisory notes.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["reason"],
        properties: {
          type: { type: "string", minLength: 1, description: "Resource type token, e.g. aws:s3/bucket:Bucket." },
          name: { type: "string", minLength: 1, description: "Exact logical resource name." },
          urn: { type: "string", minLength: 1, description: "Exact resource URN." },
          reason: {
            type: "string",
            minLength: minimumReasonLength,
            description: `Why the control does not apply (at least ${minimumReasonLength} characters).`,
          },
        },
      },
    },
  },
};

/** Thrown for a pack config the policy cannot honour; the policy server turns it into a failed preview. */
export class PolicyConfigError extends Error {
  constructor(policy: string, problem: string) {
    super(`policy-pack config for '${policy}': ${problem}`);
    this.name = "PolicyConfigError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(policy: string, where: string, value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== "string" || value.length === 0) {
    throw new PolicyConfigError(policy, `${where} must be a non-empty string`);
  }
  return value;
}

/** Reads and validates a policy's config, applying the defaults (`getConfig` returns exactly what was configured). */
export function readConfig(policy: string, raw: unknown): PackPolicyConfig {
  const config = isRecord(raw) ? raw : {};
  const version = config.cisVersion ?? defaultCisVersion;
  if (!isCisVersion(version)) {
    throw new PolicyConfigError(policy, `cisVersion '${String(version)}' is not one of ${cisVersions.join(", ")}`);
  }
  const rawExemptions = config.exemptions ?? [];
  if (!Array.isArray(rawExemptions)) {
    throw new PolicyConfigError(policy, "exemptions must be an array");
  }
  const exemptions = rawExemptions.map((entry: unknown, index): Exemption => {
    const where = `exemptions[${index}]`;
    if (!isRecord(entry)) {
      throw new PolicyConfigError(policy, `${where} must be an object with a reason and a urn or a type and name`);
    }
    const unknownKeys = Object.keys(entry).filter((k) => !["type", "name", "urn", "reason"].includes(k));
    if (unknownKeys.length > 0) {
      throw new PolicyConfigError(policy, `${where} has unknown keys ${unknownKeys.join(", ")}`);
    }
    const type = optionalString(policy, `${where}.type`, entry.type);
    const name = optionalString(policy, `${where}.name`, entry.name);
    const urn = optionalString(policy, `${where}.urn`, entry.urn);
    const reason = typeof entry.reason === "string" ? entry.reason.trim() : "";
    if (reason.length < minimumReasonLength) {
      throw new PolicyConfigError(
        policy,
        `${where} needs a written reason of at least ${minimumReasonLength} characters (got ${JSON.stringify(entry.reason ?? null)})`,
      );
    }
    if (urn === undefined && (type === undefined || name === undefined)) {
      throw new PolicyConfigError(policy, `${where} must match by urn, or by both type and name`);
    }
    if (urn !== undefined && (type !== undefined || name !== undefined)) {
      throw new PolicyConfigError(policy, `${where} must match by urn or by type and name, not both`);
    }
    return urn !== undefined ? { urn, reason } : { type, name, reason };
  });
  return { cisVersion: version, exemptions };
}

/** A resource as the policies name it in messages and match it against exemptions. */
export interface Subject {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
}

export function exemptionFor(exemptions: readonly Exemption[], subject: Subject): Exemption | undefined {
  return exemptions.find((e) =>
    e.urn !== undefined ? e.urn === subject.urn : e.type === subject.type && e.name === subject.name,
  );
}

/** "CIS 1.2.0 2.2, Security Hub CloudTrail.4", or the nearest version's id when the selected version lacks it. */
export function controlReference(policy: PolicyName, version: CisVersion): string {
  const control = controlFor(policy);
  const id = control.cis[version];
  const securityHub = control.securityHub ? `, Security Hub ${control.securityHub}` : "";
  if (id !== null) {
    return `CIS ${version} ${id}${securityHub}`;
  }
  const nearest = cisVersions.find((v) => control.cis[v] !== null);
  const elsewhere = nearest ? `; CIS ${nearest} ${String(control.cis[nearest])}` : "";
  return `not in CIS ${version}${elsewhere}${securityHub}`;
}

export function describeSubject(subject: Subject | undefined): string {
  return subject ? `${subject.type} "${subject.name}"` : "stack";
}

/** The one message format of the pack: resource, control id, what is wrong, and what to set. */
export function formatMessage(
  policy: PolicyName,
  version: CisVersion,
  subject: Subject | undefined,
  problem: string,
  fix: string,
): string {
  return `${describeSubject(subject)} [${controlReference(policy, version)}]: ${problem}. Fix: ${fix}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Unknown values. During `pulumi preview` the engine hands policies proxies that throw UnknownValueError on
// reading a value that is not known yet. The typings of @pulumi/policy 1.21 do not declare the class (proxy.d.ts
// is empty), so it is typed here; test/policy-pack/pack.spec.ts checks it is the class the SDK throws.
// ---------------------------------------------------------------------------------------------------------------

type UnknownValueErrorClass = new (...args: never[]) => Error;
const sdkRuntime = policySdk as unknown as { UnknownValueError: UnknownValueErrorClass };

/**
 * Whether `error` is the SDK's UnknownValueError. Also recognised by its class name, because the proxy may come
 * from another copy of @pulumi/policy than this module's: the pack has its own node_modules (installed by the CLI
 * or `npm ci` in policy-pack/), while the repository's tests hand it proxies made by the root copy.
 */
export function isUnknownValueError(error: unknown): boolean {
  return error instanceof sdkRuntime.UnknownValueError || (error instanceof Error && error.constructor.name === "UnknownValueError");
}

export type Known<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly detail: string };

/** Evaluates `read`; an unknown value anywhere in it yields `{known: false}` instead of an exception. */
export function known<T>(read: () => T): Known<T> {
  try {
    return { known: true, value: read() };
  } catch (error) {
    if (isUnknownValueError(error)) {
      return { known: false, detail: (error as Error).message };
    }
    throw error;
  }
}

/** A shallow copy of proxied props that keeps unknown values as they are (for remediations). */
export function rawCopy(props: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(props)) {
    // getOwnPropertyDescriptor is not trapped by the SDK's proxy, so unknown sentinels are copied, not thrown.
    copy[key] = Object.getOwnPropertyDescriptor(props, key)?.value;
  }
  return copy;
}

/** A non-empty string; unknown counts as set (it is another resource's output, filled in by the update). */
export function isSetOrUnknown(value: Known<unknown>): boolean {
  return !value.known || (typeof value.value === "string" && value.value.length > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting. reportViolation of @pulumi/policy 1.21 (server.js makeReportViolationFun) also accepts an object
// {message, urn, enforcementLevel}; the .d.ts only types the string form. The object form is how exempted findings
// and "cannot verify during preview" notes are reported as advisory under the policy they belong to, whatever the
// policy's own level is. test/policy-pack/engine.spec.ts runs the SDK's own analyze handlers to prove it.
// ---------------------------------------------------------------------------------------------------------------

interface AdvisoryDiagnostic {
  readonly message: string;
  readonly urn?: string;
  readonly enforcementLevel: "advisory";
}

export function reportAdvisory(report: ReportViolation, message: string, urn?: string): void {
  const diagnostic: AdvisoryDiagnostic = urn ? { message, urn, enforcementLevel: "advisory" } : { message, enforcementLevel: "advisory" };
  (report as unknown as (d: AdvisoryDiagnostic) => void)(diagnostic);
}

interface Finding {
  readonly subject?: Subject;
  readonly message: string;
  /**
   * violation: reported at the policy's level. unverifiable: cannot be decided now or from this stack (advisory).
   * notJudged: something the control does not ask of this stack (advisory, and no judgment of the subject).
   */
  readonly kind: "violation" | "unverifiable" | "notJudged";
}

/**
 * Collects the findings of one evaluation and reports them: violations of exempted resources become advisory notes
 * that quote the exemption's reason; findings that depend on unknown values become advisory "cannot verify" notes;
 * an exemption that matched a checked resource without any finding is reported as unneeded.
 */
export class Findings {
  private readonly findings: Finding[] = [];
  private readonly checked = new Map<string, Subject>();

  constructor(
    readonly policy: PolicyName,
    readonly config: PackPolicyConfig,
  ) {}

  /** Records that a resource was evaluated (so an unneeded exemption of it can be pointed out). */
  check(subject: Subject): void {
    this.checked.set(subject.urn, subject);
  }

  violation(subject: Subject | undefined, problem: string, fix: string): void {
    this.findings.push({ subject, kind: "violation", message: formatMessage(this.policy, this.config.cisVersion, subject, problem, fix) });
  }

  unverifiable(subject: Subject | undefined, what: string, detail: string): void {
    this.findings.push({
      subject,
      kind: "unverifiable",
      message: `${describeSubject(subject)} [${controlReference(this.policy, this.config.cisVersion)}]: cannot verify ${what} during preview (${detail}); the update re-checks it.`,
    });
  }

  /** A check this stack cannot decide at all (the resource lives elsewhere): advisory, in preview and update. */
  outOfScope(subject: Subject | undefined, what: string, why: string): void {
    this.findings.push({
      subject,
      kind: "unverifiable",
      message: `${describeSubject(subject)} [${controlReference(this.policy, this.config.cisVersion)}]: cannot verify ${what} from this stack (${why}); the account audit (npm run audit) checks it.`,
    });
  }

  /**
   * Something in reach of the stack that the control does not ask of it, said so that a reader of the preview does
   * not take its silence for a pass (a VPC only its owner account can flow-log). Always advisory. It judges nothing,
   * so an exemption neither changes it nor is needed for it: the subject still counts as compliant, and an exemption
   * of it is still pointed out as not needed.
   */
  notJudged(subject: Subject | undefined, what: string): void {
    this.findings.push({
      subject,
      kind: "notJudged",
      message: `${describeSubject(subject)} [${controlReference(this.policy, this.config.cisVersion)}]: not judged here: ${what}.`,
    });
  }

  /**
   * Reports the findings. A stack policy passes the stack's resources, so that an exemption matching none of them
   * (a typo, or a resource since removed) is pointed out instead of lingering unnoticed; a resource policy sees one
   * resource at a time and cannot tell.
   */
  flush(report: ReportViolation, stackResources?: readonly PolicyResource[]): void {
    if (stackResources) {
      for (const exemption of this.config.exemptions) {
        if (!stackResources.some((r) => exemptionFor([exemption], subjectOf(r)))) {
          const target = exemption.urn !== undefined ? `urn ${exemption.urn}` : `${String(exemption.type)} "${String(exemption.name)}"`;
          reportAdvisory(
            report,
            `stack [${controlReference(this.policy, this.config.cisVersion)}]: the exemption of ${target} matches no resource of this stack (reason given: ${exemption.reason}); fix its type and name or urn, or remove it.`,
          );
        }
      }
    }
    const withFindings = new Set<string>();
    for (const finding of this.findings) {
      if (finding.kind === "notJudged") {
        reportAdvisory(report, finding.message, finding.subject?.urn);
        continue;
      }
      const exemption = finding.subject ? exemptionFor(this.config.exemptions, finding.subject) : undefined;
      if (finding.subject) {
        withFindings.add(finding.subject.urn);
      }
      if (exemption) {
        reportAdvisory(report, `exempted (reason: ${exemption.reason}): ${finding.message}`, finding.subject?.urn);
      } else if (finding.kind === "unverifiable") {
        reportAdvisory(report, finding.message, finding.subject?.urn);
      } else if (finding.subject) {
        report(finding.message, finding.subject.urn);
      } else {
        report(finding.message);
      }
    }
    for (const subject of this.checked.values()) {
      const exemption = exemptionFor(this.config.exemptions, subject);
      if (exemption && !withFindings.has(subject.urn)) {
        reportAdvisory(
          report,
          `${describeSubject(subject)} [${controlReference(this.policy, this.config.cisVersion)}]: exemption not needed, the resource complies (reason given: ${exemption.reason}).`,
          subject.urn,
        );
      }
    }
  }
}

/** The fields every policy of the pack sets, derived from the catalog so names and ids cannot drift. */
export function policyMetadata(
  name: PolicyName,
  options: { enforcementLevel: EnforcementLevel; severity: Severity; description: string; remediationSteps: string },
): Policy & { name: PolicyName } {
  const control = controlFor(name);
  const firstVersion = cisVersions.find((v) => control.cis[v] !== null) ?? defaultCisVersion;
  return {
    name,
    description: options.description,
    displayName: control.title,
    enforcementLevel: options.enforcementLevel,
    severity: options.severity,
    configSchema,
    remediationSteps: options.remediationSteps,
    framework: {
      name: "CIS AWS Foundations Benchmark",
      version: firstVersion,
      reference: String(control.cis[firstVersion]),
      specification: control.title,
    },
    tags: ["cis-aws-foundations", "logging"],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Stack helpers: resources as subjects, regions, and links between resources that survive unknown values.
// ---------------------------------------------------------------------------------------------------------------

export function subjectOf(resource: PolicyResource): Subject {
  return { type: resource.type, name: resource.name, urn: resource.urn };
}

export function ofType(resources: readonly PolicyResource[], ...types: string[]): PolicyResource[] {
  return resources.filter((r) => types.includes(r.type));
}

/** A string prop of a resource: known string, known absent (undefined), or unknown. */
export function stringProp(resource: PolicyResource, key: string): Known<string | undefined> {
  const value = known(() => resource.props[key] as unknown);
  if (!value.known) {
    return value;
  }
  return { known: true, value: typeof value.value === "string" && value.value.length > 0 ? value.value : undefined };
}

/**
 * The region a resource lives in: its own `region` output (aws v7 sets it on every regional resource), else the
 * region of the explicit provider it was registered with. `undefined` for global resources (IAM) and unknowns.
 */
export function regionOf(resource: PolicyResource): string | undefined {
  const own = stringProp(resource, "region");
  if (own.known && own.value) {
    return own.value;
  }
  if (resource.provider) {
    const provider = resource.provider;
    const fromProvider = known(() => provider.props.region as unknown);
    if (fromProvider.known && typeof fromProvider.value === "string" && fromProvider.value.length > 0) {
      return fromProvider.value;
    }
  }
  return undefined;
}

/** Does the prop `key` of `from` point at `to`? */
export type Link = "yes" | "no" | "unknown";

/**
 * Whether `from.props[key]` refers to `to`: its value equals one of `to`'s identifying outputs (`targetKeys`, e.g.
 * `bucket`), or the engine recorded that the prop was computed from `to` (propertyDependencies). When the value is
 * unknown and no property dependency decides it, the link is "unknown". A known value never refers to a target whose
 * identifying output is unknown: that target is created by this update and its name or id does not exist yet.
 */
export function linkOf(from: PolicyResource, key: string, to: PolicyResource, targetKeys: readonly string[]): Link {
  if ((from.propertyDependencies[key] ?? []).some((d) => d.urn === to.urn)) {
    return "yes";
  }
  const value = stringProp(from, key);
  if (!value.known) {
    // The value is computed from another resource. If the engine recorded which one, the check above decided it.
    return (from.propertyDependencies[key] ?? []).length > 0 ? "no" : "unknown";
  }
  if (value.value === undefined) {
    return "no";
  }
  for (const targetKey of targetKeys) {
    // A target whose key is unknown is created (or replaced) by this update: a value known now cannot be its name.
    const target = stringProp(to, targetKey);
    if (target.known && target.value === value.value) {
      return "yes";
    }
  }
  return "no";
}

/** The resources of `candidates` that `from.props[key]` refers to, and whether some link could not be decided. */
export function linkedResources(
  from: PolicyResource,
  key: string,
  candidates: readonly PolicyResource[],
  targetKeys: readonly string[],
): { linked: PolicyResource[]; undecided: PolicyResource[] } {
  const linked: PolicyResource[] = [];
  const undecided: PolicyResource[] = [];
  for (const candidate of candidates) {
    const link = linkOf(from, key, candidate, targetKeys);
    if (link === "yes") {
      linked.push(candidate);
    } else if (link === "unknown") {
      undecided.push(candidate);
    }
  }
  return { linked, undecided };
}

export const types = {
  provider: "pulumi:providers:aws",
  trail: "aws:cloudtrail/trail:Trail",
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  bucketLoggingV2: "aws:s3/bucketLoggingV2:BucketLoggingV2",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketAcl: "aws:s3/bucketAcl:BucketAcl",
  bucketAclV2: "aws:s3/bucketAclV2:BucketAclV2",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  recorder: "aws:cfg/recorder:Recorder",
  recorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
  deliveryChannel: "aws:cfg/deliveryChannel:DeliveryChannel",
  vpc: "aws:ec2/vpc:Vpc",
  flowLog: "aws:ec2/flowLog:FlowLog",
  kmsKey: "aws:kms/key:Key",
} as const;

// ---------------------------------------------------------------------------------------------------------------
// CloudTrail helpers shared by the trail policies.
// ---------------------------------------------------------------------------------------------------------------

/**
 * The outputs that identify an S3 bucket: its name (`bucket`) and its `id`, which for S3 is the name too. Bridged
 * providers such as aws report `id` among the outputs; either may be what another resource was given.
 */
export const bucketKeys = ["bucket", "id"] as const;

/** The buckets of the stack a trail delivers to (s3BucketName = the bucket's name), and undecidable candidates. */
export function trailBucketsOf(
  trail: PolicyResource,
  resources: readonly PolicyResource[],
): { linked: PolicyResource[]; undecided: PolicyResource[] } {
  return linkedResources(trail, "s3BucketName", ofType(resources, types.bucket, types.bucketV2), bucketKeys);
}

/** `value === true`, with the provider default for `undefined`; unknown stays unknown. */
export function flag(read: () => unknown, defaultValue: boolean): Known<boolean> {
  const value = known(read);
  if (!value.known) {
    return value;
  }
  return { known: true, value: value.value === undefined || value.value === null ? defaultValue : value.value === true };
}

interface FieldSelector {
  readonly field?: unknown;
  readonly equals?: unknown;
  readonly startsWiths?: unknown;
  readonly notEquals?: unknown;
  readonly notStartsWiths?: unknown;
  readonly endsWiths?: unknown;
  readonly notEndsWiths?: unknown;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? [...(value as unknown[])] : [];
}

function strings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === "string");
}

/** Read/write coverage a set of selectors gives; `readOnly` absent means both. */
export interface Coverage {
  read: boolean;
  write: boolean;
}

function readOnlyCoverage(fields: readonly FieldSelector[]): Coverage {
  const readOnly = fields.find((f) => f.field === "readOnly");
  if (!readOnly) {
    return { read: true, write: true };
  }
  const values = strings(readOnly.equals);
  return { read: values.includes("true"), write: values.includes("false") };
}

function readWriteCoverage(readWriteType: unknown): Coverage {
  const type = readWriteType === undefined || readWriteType === null ? "All" : readWriteType;
  return { read: type === "All" || type === "ReadOnly", write: type === "All" || type === "WriteOnly" };
}

function merge(into: Coverage, from: Coverage): void {
  into.read = into.read || from.read;
  into.write = into.write || from.write;
}

/**
 * Which management events a trail records. Without any selector CloudTrail records all management events; classic
 * selectors default to readWriteType All and includeManagementEvents true; an advanced selector records management
 * events when it has eventCategory = Management.
 */
export function managementEventCoverage(trail: { readonly eventSelectors?: unknown; readonly advancedEventSelectors?: unknown }): Coverage {
  const advanced = asArray(trail.advancedEventSelectors);
  const classic = asArray(trail.eventSelectors);
  const coverage: Coverage = { read: false, write: false };
  if (advanced.length > 0) {
    for (const selector of advanced as { fieldSelectors?: unknown }[]) {
      const fields = asArray(selector.fieldSelectors) as FieldSelector[];
      if (fields.some((f) => f.field === "eventCategory" && strings(f.equals).includes("Management"))) {
        merge(coverage, readOnlyCoverage(fields));
      }
    }
    return coverage;
  }
  if (classic.length === 0) {
    return { read: true, write: true };
  }
  for (const selector of classic as { includeManagementEvents?: unknown; readWriteType?: unknown }[]) {
    if (selector.includeManagementEvents !== false) {
      merge(coverage, readWriteCoverage(selector.readWriteType));
    }
  }
  return coverage;
}

/** An S3 ARN value that means "all current and future buckets" (classic selector values, advanced startsWith). */
export function isAllBucketsArn(value: string): boolean {
  return /^arn:[a-z-]+:s3(:::(\*\/\*)?)?$/.test(value);
}

/**
 * Which S3 object-level data events a trail records for all buckets: a classic selector with a data resource of
 * type AWS::S3::Object on all buckets, or an advanced selector with eventCategory Data and resources.type
 * AWS::S3::Object that narrows nothing but readOnly (and, at most, an all-buckets resources.ARN prefix).
 */
export function s3DataEventCoverage(trail: { readonly eventSelectors?: unknown; readonly advancedEventSelectors?: unknown }): Coverage {
  const coverage: Coverage = { read: false, write: false };
  for (const selector of asArray(trail.advancedEventSelectors) as { fieldSelectors?: unknown }[]) {
    const fields = asArray(selector.fieldSelectors) as FieldSelector[];
    const isData = fields.some((f) => f.field === "eventCategory" && strings(f.equals).includes("Data"));
    const isS3Object = fields.some((f) => f.field === "resources.type" && strings(f.equals).includes("AWS::S3::Object"));
    const narrows = fields.some((f) => {
      if (f.field === "eventCategory" || f.field === "resources.type" || f.field === "readOnly") {
        return false;
      }
      if (f.field === "resources.ARN") {
        const onlyAllBuckets =
          strings(f.startsWiths).length > 0 &&
          strings(f.startsWiths).every(isAllBucketsArn) &&
          [f.equals, f.notEquals, f.notStartsWiths, f.endsWiths, f.notEndsWiths].every((v) => strings(v).length === 0);
        return !onlyAllBuckets;
      }
      return true;
    });
    if (isData && isS3Object && !narrows) {
      merge(coverage, readOnlyCoverage(fields));
    }
  }
  for (const selector of asArray(trail.eventSelectors) as { dataResources?: unknown; readWriteType?: unknown }[]) {
    const allObjects = (asArray(selector.dataResources) as { type?: unknown; values?: unknown }[]).some(
      (d) => d.type === "AWS::S3::Object" && strings(d.values).some(isAllBucketsArn),
    );
    if (allObjects) {
      merge(coverage, readWriteCoverage(selector.readWriteType));
    }
  }
  return coverage;
}

/**
 * The validation of the two S3 data-event controls (CIS 1.4.0 3.10 / 3.11): some multi-region trail of the stack
 * that is logging records S3 object-level `direction` events for all buckets. Like the multi-region control it is
 * about the account, so one qualifying trail satisfies it; otherwise each trail is reported (or the stack, if it
 * has none). A trail with unknown deciding settings is reported as "cannot verify" when no trail qualifies.
 */
export function validateS3DataEvents(
  name: PolicyName,
  direction: "read" | "write",
): (args: { resources: PolicyResource[]; getConfig<T extends object>(): T }, report: ReportViolation) => void {
  const readWriteType = direction === "read" ? "ReadOnly" : "WriteOnly";
  const fix =
    `set on a multi-region trail an event selector {readWriteType: "All" or "${readWriteType}", dataResources: [{type: "AWS::S3::Object", values: ["arn:aws:s3"]}]}` +
    ` (or an advanced selector eventCategory Data, resources.type AWS::S3::Object)`;
  return (args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const trails = ofType(args.resources, types.trail);
    if (trails.length === 0) {
      findings.violation(undefined, `the stack has no CloudTrail trail recording S3 object-level ${direction} events`, fix);
      findings.flush(report, args.resources);
      return;
    }
    const results = trails.map((trail) => {
      const result = known(() => {
        const multiRegion = trail.props.isMultiRegionTrail === true;
        const logging = trail.props.enableLogging !== false;
        const coverage = s3DataEventCoverage(trail.props);
        return { multiRegion, logging, covered: coverage[direction] };
      });
      return { trail, result };
    });
    if (results.some((r) => r.result.known && r.result.value.multiRegion && r.result.value.logging && r.result.value.covered)) {
      findings.flush(report, args.resources);
      return;
    }
    for (const { trail, result } of results) {
      const subject = subjectOf(trail);
      findings.check(subject);
      if (!result.known) {
        findings.unverifiable(subject, `whether this trail records S3 ${direction} data events`, result.detail);
        continue;
      }
      const gaps = [
        result.value.covered ? undefined : `it records no S3 object-level ${direction} events for all buckets`,
        result.value.multiRegion ? undefined : "it is not multi-region (isMultiRegionTrail)",
        result.value.logging ? undefined : "logging is off (enableLogging)",
      ].filter((g): g is string => g !== undefined);
      findings.violation(subject, `no multi-region trail of the stack records S3 object-level ${direction} events; this one: ${gaps.join("; ")}`, fix);
    }
    findings.flush(report, args.resources);
  };
}

/**
 * Runs `check` once on every bucket of the stack a trail delivers to. A trail whose bucket cannot be found yet
 * (unknown names) gets a "cannot verify during preview" note; a trail whose bucket is not a resource of the stack
 * (a central log archive) gets an out-of-scope note. Both are advisory.
 */
export function checkTrailBuckets(
  resources: readonly PolicyResource[],
  findings: Findings,
  what: string,
  check: (bucket: PolicyResource) => void,
): void {
  const checked = new Set<string>();
  for (const trail of ofType(resources, types.trail)) {
    const { linked, undecided } = trailBucketsOf(trail, resources);
    if (linked.length === 0) {
      const bucketName = stringProp(trail, "s3BucketName");
      if (undecided.length > 0 || !bucketName.known) {
        findings.unverifiable(subjectOf(trail), what, "bucket names are not known yet");
      } else {
        findings.outOfScope(
          subjectOf(trail),
          what,
          bucketName.value ? `its bucket "${bucketName.value}" is not a resource of this stack` : "it names no bucket",
        );
      }
      continue;
    }
    for (const bucket of linked) {
      if (!checked.has(bucket.urn)) {
        checked.add(bucket.urn);
        check(bucket);
      }
    }
  }
}
