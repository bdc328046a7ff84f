/** Helpers shared by the checks: account-wide verdicts and per-trail iteration with honest error handling. */
import type { PolicyName } from "../../policy-pack/controls";
import type { TrailSummary } from "../collect/cloudtrail";
import type { AuditData } from "../data";
import { ApiFailure, Finding, describeFailure } from "../types";

export const GLOBAL = "global";

export function accountResource(data: AuditData): string {
  return `account:${data.accountId}`;
}

export function errorFinding(policy: PolicyName, failure: ApiFailure, resource: string, region = failure.region): Finding {
  return { policy, status: "error", region, resource, message: `could not be judged: ${describeFailure(failure)}` };
}

/**
 * What every trail-based control reports besides its per-trail findings: an error per region whose trails
 * could not be listed, and a fail when the account has no trail at all (nothing's logs are protected).
 */
export function trailCoverage(policy: PolicyName, data: AuditData): Finding[] {
  const findings = data.trailListingFailures.map((f) => errorFinding(policy, f, "cloudtrail:DescribeTrails"));
  if (data.trails.length === 0 && data.trailListingFailures.length === 0) {
    findings.push({
      policy,
      status: "fail",
      region: GLOBAL,
      resource: accountResource(data),
      message: `no CloudTrail trail exists in the audited regions (${data.regions.join(", ")})`,
    });
  }
  return findings;
}

/** Per-trail controls: the coverage findings plus one finding per trail. */
export function perTrail(policy: PolicyName, data: AuditData, judge: (trail: TrailSummary) => Finding): Finding[] {
  return [...trailCoverage(policy, data), ...data.trails.map(judge)];
}

export interface Candidate {
  readonly trail: TrailSummary;
  /** Why the trail does not satisfy the control; empty when it does. */
  readonly reasons: readonly string[];
  /** Calls whose failure left the trail undecided. */
  readonly failures: readonly ApiFailure[];
}

/**
 * Account-wide controls (a multi-region trail, S3 data events): pass when one trail provably satisfies the
 * control; otherwise error when a trail or a region could not be read (the answer is unknown); otherwise fail.
 */
export function accountVerdict(policy: PolicyName, data: AuditData, candidates: readonly Candidate[], what: string): Finding {
  const passing = candidates.find((c) => c.reasons.length === 0 && c.failures.length === 0);
  if (passing) {
    return { policy, status: "pass", region: passing.trail.homeRegion, resource: passing.trail.arn, message: `trail ${passing.trail.name} ${what}` };
  }
  const failures = [...data.trailListingFailures, ...candidates.flatMap((c) => c.failures)];
  const why = candidates.filter((c) => c.reasons.length > 0).map((c) => `${c.trail.name}: ${c.reasons.join(", ")}`);
  if (failures.length > 0) {
    return {
      policy,
      status: "error",
      region: GLOBAL,
      resource: accountResource(data),
      message: `no trail was shown to be one that ${what}; could not be judged: ${failures.map(describeFailure).join("; ")}`,
    };
  }
  return {
    policy,
    status: "fail",
    region: GLOBAL,
    resource: accountResource(data),
    message: `no trail ${what}` + (why.length > 0 ? ` (${why.join("; ")})` : " (the account has no trail)"),
  };
}
