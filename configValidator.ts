/**
 * The checks config.ts applies to each key: every problem is collected as one line naming the key, the value and
 * what is allowed, so a stack's configuration fails once, listing everything wrong, before anything is registered.
 */
import { KNOWN_REGIONS, REGION_SHAPE } from "./regions";

/** The retention values CloudWatch Logs PutRetentionPolicy accepts (CloudWatch Logs API reference). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const show = (value: unknown): string => (value === undefined ? "not set" : JSON.stringify(value));

export class Validator {
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

  boolean(key: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) {
      return fallback;
    }
    if (value === true || value === "true") {
      return true;
    }
    if (value === false || value === "false") {
      return false;
    }
    this.fail(key, value, "true | false");
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

