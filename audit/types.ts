/**
 * The audit's vocabulary: a finding per (control, region, resource), four states, and the Result type every
 * collector returns so that an API failure travels to the check as data instead of being swallowed.
 */
import type { PolicyName } from "../policy-pack/controls";

/**
 * `error` means "could not be judged": an API call failed. It is never folded into pass or fail.
 * `not-judged` means "not judged here": the account sees the resource but only another account can change it
 * (a VPC shared in through AWS RAM belongs to its owner), so neither pass nor fail would be this account's
 * verdict. The message names who is responsible. It never changes the exit code.
 */
export type Status = "pass" | "fail" | "error" | "not-judged";

/** An exemption of the policy config file that names a finding's resource. */
export interface FindingExemption {
  readonly reason: string;
  readonly owner?: string;
  /** YYYY-MM-DD: the last day it mutes. */
  readonly expires?: string;
  /** Past `expires` on the day of the audit: the finding is reported as expired and counts as if not exempted. */
  readonly expired: boolean;
}

/** Whether a live (not expired) exemption mutes the finding: it then does not raise the exit code. */
export function isMuted(f: { readonly exemption?: FindingExemption }): boolean {
  return f.exemption !== undefined && !f.exemption.expired;
}

/**
 * AWS Config's own verdict on a finding's resource where it is the opposite of the audit's: an AWS Config managed rule
 * the stack deploys with `continuousCoverage` (audit/awsConfigOpinion.ts). A detail only: it never changes the status.
 */
export interface AwsConfigDisagreement {
  /** The AWS Config rule's name (cis-logging-baseline-<managed rule>). */
  readonly rule: string;
  readonly compliance: "COMPLIANT" | "NON_COMPLIANT";
  /** The regions whose rule evaluated the resource so. */
  readonly regions: readonly string[];
}

export interface Finding {
  /**
   * The account the finding is about, set by the organization audit (audit/org), whose findings come from many
   * accounts. Absent in a single-account audit: the finding is about the result's account, and the report fills it in
   * from there, so single-account output stays as it was.
   */
  readonly account?: string;
  /** The catalog policy this finding judges (policy-pack/controls.ts). */
  readonly policy: PolicyName;
  readonly status: Status;
  /** The AWS region of the resource, or "global" for an account-wide verdict. */
  readonly region: string;
  /** The resource judged: an ARN, a VPC id, a bucket ARN, or `account:<id>` for an account-wide verdict. */
  readonly resource: string;
  /** What was found, in one sentence a reviewer can act on. */
  readonly message: string;
  /**
   * Set when an exemption of the policy config file (`--policy-config`) accepts this fail or error: the status is
   * kept, so the report still shows it, but it no longer raises the exit code.
   */
  readonly exemption?: FindingExemption;
  /** Where AWS Config's evaluation of the same resource says the opposite (continuousCoverage rules only). */
  readonly awsConfigDisagrees?: readonly AwsConfigDisagreement[];
}

/** One failed API call, as the SDK reported it. */
export interface ApiFailure {
  /** `service:Operation`, e.g. `kms:GetKeyRotationStatus`. */
  readonly call: string;
  readonly region: string;
  /** The SDK error name (AccessDeniedException, ThrottlingException, TimeoutError, ECONNREFUSED, ...). */
  readonly code: string;
  readonly httpStatus?: number;
  /** Attempts the SDK made (retries included), when it reports them. */
  readonly attempts?: number;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiFailure };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Turns anything the SDK (or the network) throws into an ApiFailure. */
export function toFailure(call: string, region: string, err: unknown): ApiFailure {
  if (err instanceof Error) {
    const e = err as Error & { code?: unknown; $metadata?: { httpStatusCode?: number; attempts?: number } };
    const code = typeof e.code === "string" && e.name === "Error" ? e.code : e.name;
    const firstLine = (e.message || "").split("\n")[0].slice(0, 300);
    const httpStatus = e.$metadata?.httpStatusCode;
    const attempts = e.$metadata?.attempts;
    return {
      call,
      region,
      code,
      ...(httpStatus === undefined ? {} : { httpStatus }),
      ...(attempts === undefined ? {} : { attempts }),
      message: firstLine,
    };
  }
  return { call, region, code: "UnknownError", message: String(err) };
}

/** Runs one API call (or a short sequence of them) and captures its failure as data. */
export async function attempt<T>(call: string, region: string, fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (err) {
    return { ok: false, error: toFailure(call, region, err) };
  }
}

/** `kms:ListKeys in eu-north-1 failed: AccessDeniedException (HTTP 400): ...` */
export function describeFailure(f: ApiFailure): string {
  const details = [
    ...(f.httpStatus === undefined ? [] : [`HTTP ${f.httpStatus}`]),
    ...(f.attempts === undefined || f.attempts < 2 ? [] : [`after ${f.attempts} attempts`]),
  ];
  const http = details.length > 0 ? ` (${details.join(", ")})` : "";
  return `${f.call} in ${f.region} failed: ${f.code}${http}${f.message ? `: ${f.message}` : ""}`;
}

/** Whether an error is the given "not found"-style answer of the service (matched by SDK error name). */
export function isErrorNamed(err: unknown, ...names: string[]): boolean {
  return err instanceof Error && names.includes(err.name);
}
