/**
 * The config every policy of the pack accepts (CIS version, exemptions), read and validated the same way for every
 * policy, and the exemptions indexed by URN and by type and name, so that matching them costs a lookup per subject
 * and not a scan of the list (control-model.md §4).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { CisVersion, cisVersions, isCisVersion } from "../controls";
import type { Resource } from "../fromStack";

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

/**
 * The exemptions of one policy, indexed. An exemption matches by exact URN, or by exact type and name (no patterns:
 * cdk-nag's lesson, style.md 37).
 */
export class ExemptionIndex {
  private readonly byUrn = new Map<string, Exemption>();
  /** By name, then type: a lookup builds no key string (it runs once per subject of a stack of any size). */
  private readonly byNameAndType = new Map<string, Map<string, Exemption>>();

  constructor(readonly exemptions: readonly Exemption[]) {
    for (const e of exemptions) {
      if (e.urn !== undefined) {
        this.byUrn.set(e.urn, this.byUrn.get(e.urn) ?? e);
      } else {
        const types = this.byNameAndType.get(String(e.name)) ?? new Map<string, Exemption>();
        types.set(String(e.type), types.get(String(e.type)) ?? e);
        this.byNameAndType.set(String(e.name), types);
      }
    }
  }

  get isEmpty(): boolean {
    return this.exemptions.length === 0;
  }

  for(resource: Resource): Exemption | undefined {
    return this.byUrn.get(resource.urn) ?? this.byNameAndType.get(resource.name)?.get(resource.type);
  }

  /** The exemptions that match none of `resources` (a typo, or a resource since removed), in config order. */
  unmatched(resources: readonly Resource[]): Exemption[] {
    if (this.isEmpty) {
      return [];
    }
    const matched = new Set<Exemption>();
    for (const r of resources) {
      const byUrn = this.byUrn.get(r.urn);
      const byName = this.byNameAndType.get(r.name)?.get(r.type);
      if (byUrn) {
        matched.add(byUrn);
      }
      if (byName) {
        matched.add(byName);
      }
    }
    return this.exemptions.filter((e) => !matched.has(this.indexed(e) ?? e));
  }

  /** The exemption the index holds for `e`'s key: `e` itself, or the first one of the config with the same key. */
  private indexed(e: Exemption): Exemption | undefined {
    return e.urn !== undefined ? this.byUrn.get(e.urn) : this.byNameAndType.get(String(e.name))?.get(String(e.type));
  }
}
