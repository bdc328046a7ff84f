/**
 * The config every policy of the pack accepts (CIS version, exemptions), read and validated the same way for every
 * policy, and the exemptions indexed by URN, by type and name, and by cloud identity, so that matching them costs a
 * lookup per subject and not a scan of the list (control-model.md §4). The audit reads the same file through
 * readConfig and matches the same index by cloud identity (audit/exemptions.ts), so one list of accepted exceptions
 * serves both tools (control-model.md §2.8).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { CisVersion, cisVersions, isCisVersion } from "../controls";

/** The CIS version whose control ids the messages use when the pack config does not choose one. */
export const defaultCisVersion: CisVersion = "1.2.0";

/** Minimum length of an exemption's written reason (cdk-nag v2 used the same floor). */
export const minimumReasonLength = 10;

/**
 * One exemption, as written in the pack config. It matches in exactly one way: by `urn`, by `type` and `name` (both
 * name a resource of the stack, so only the pack can match them), or by `resource`, the cloud identity, which the
 * pack and the audit (`npm run audit -- --policy-config FILE`) both match.
 */
export interface Exemption {
  /** Resource type token, e.g. `aws:s3/bucket:Bucket`; matches together with `name`. */
  readonly type?: string;
  /** Exact logical name of the resource (no patterns). */
  readonly name?: string;
  /** Exact URN of the resource. */
  readonly urn?: string;
  /**
   * Exact cloud identity: a trail ARN, a bucket name or ARN, a VPC id, a key ARN or id, `config:<region>` or
   * `account:<id>` (the `resource` of an audit finding, see identityAliases).
   */
  readonly resource?: string;
  /** Why the control does not apply to this resource; shown in every preview and audit report. */
  readonly reason: string;
  /** Who accepted the exception (a team or a person), shown in the posture report. */
  readonly owner?: string;
  /** YYYY-MM-DD, the last day the exemption mutes: from the next day it is reported as expired and mutes nothing. */
  readonly expires?: string;
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
        "Resources this policy does not enforce. Each entry matches in exactly one way, by exact URN, by exact type and name, or by exact resource (cloud identity), and needs a written reason; exempted findings are reported as advisory notes.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["reason"],
        properties: {
          type: { type: "string", minLength: 1, description: "Resource type token, e.g. aws:s3/bucket:Bucket (with name; the policy pack only)." },
          name: { type: "string", minLength: 1, description: "Exact logical resource name (with type; the policy pack only)." },
          urn: { type: "string", minLength: 1, description: "Exact resource URN (the policy pack only)." },
          resource: {
            type: "string",
            minLength: 1,
            description:
              "Exact cloud identity, as npm run audit reports it: a trail ARN, a bucket name or ARN, a VPC id, a key ARN or id, config:<region> or account:<id>. The audit matches it on every finding. The pack matches it where the stack knows the identity of what a policy judges: a trail bucket's name or ARN, a VPC id (created by the stack, or discovered by a RegionalFlowLogs component), config:<region>, account:<id> (the account-wide trail controls and global IAM types); never in the per-trail and per-key resource policies, which see inputs only.",
          },
          reason: {
            type: "string",
            minLength: minimumReasonLength,
            description: `Why the control does not apply (at least ${minimumReasonLength} characters).`,
          },
          owner: { type: "string", minLength: 1, description: "Who accepted the exception (a team or a person)." },
          expires: {
            type: "string",
            pattern: "^\\d{4}-\\d{2}-\\d{2}$",
            description: "YYYY-MM-DD: the last day the exemption mutes the finding; afterwards it is reported as expired and mutes nothing.",
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

const EXEMPTION_KEYS = ["type", "name", "urn", "resource", "reason", "owner", "expires"];

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) {
    return false;
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** One entry of `exemptions`, validated: a written reason, and exactly one way to match. */
function readExemption(policy: string, index: number, entry: unknown): Exemption {
  const where = `exemptions[${index}]`;
  if (!isRecord(entry)) {
    throw new PolicyConfigError(policy, `${where} must be an object with a reason and a urn, a type and name, or a resource`);
  }
  const unknownKeys = Object.keys(entry).filter((k) => !EXEMPTION_KEYS.includes(k));
  if (unknownKeys.length > 0) {
    throw new PolicyConfigError(policy, `${where} has unknown keys ${unknownKeys.join(", ")}`);
  }
  const type = optionalString(policy, `${where}.type`, entry.type);
  const name = optionalString(policy, `${where}.name`, entry.name);
  const urn = optionalString(policy, `${where}.urn`, entry.urn);
  const resource = optionalString(policy, `${where}.resource`, entry.resource);
  const reason = typeof entry.reason === "string" ? entry.reason.trim() : "";
  if (reason.length < minimumReasonLength) {
    throw new PolicyConfigError(
      policy,
      `${where} needs a written reason of at least ${minimumReasonLength} characters (got ${JSON.stringify(entry.reason ?? null)})`,
    );
  }
  const ways = [urn !== undefined ? "urn" : undefined, type !== undefined || name !== undefined ? "type and name" : undefined, resource !== undefined ? "resource" : undefined]
    .filter((w): w is string => w !== undefined);
  if (ways.length > 1) {
    throw new PolicyConfigError(policy, `${where} must match in one way only, by urn, by type and name, or by resource (it gives ${ways.join(" and ")})`);
  }
  if (ways.length === 0 || (type === undefined) !== (name === undefined)) {
    throw new PolicyConfigError(policy, `${where} must match by urn, by both type and name, or by resource`);
  }
  if (resource !== undefined && /[*?]/.test(resource)) {
    // No bucket name, VPC id or ARN the audit reports contains one: a pattern would silently match nothing.
    throw new PolicyConfigError(policy, `${where}.resource must name one resource exactly; patterns such as ${JSON.stringify(resource)} are not supported`);
  }
  const owner = optionalString(policy, `${where}.owner`, entry.owner);
  const expires = optionalString(policy, `${where}.expires`, entry.expires);
  if (expires !== undefined && !isCalendarDate(expires)) {
    throw new PolicyConfigError(policy, `${where}.expires is ${JSON.stringify(expires)}; expected a date YYYY-MM-DD`);
  }
  const extra = { ...(owner !== undefined ? { owner } : {}), ...(expires !== undefined ? { expires } : {}) };
  return urn !== undefined ? { urn, reason, ...extra } : resource !== undefined ? { resource, reason, ...extra } : { type, name, reason, ...extra };
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
  return { cisVersion: version, exemptions: rawExemptions.map((entry: unknown, index) => readExemption(policy, index, entry)) };
}

export { ExemptionIndex, describeExemptionTarget, identityAliases, isExpired } from "./exemptionIndex";
