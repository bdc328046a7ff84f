/**
 * CIS 1.2.0 2.1 / 1.4.0-5.0.0 3.1 / 6.0.0-7.0.0 4.1 (Security Hub CloudTrail.1): the stack holds at least one
 * multi-region trail that records global service events, is logging, and records read and write management events.
 *
 * A stack policy (outputs): the control is about the account, not about each trail, so one qualifying trail
 * satisfies it. When none qualifies, each trail is reported with what it lacks (or the stack, if it has no trail).
 * Unknown in preview: a trail whose deciding settings are unknown can neither pass nor fail; if no trail passes and
 * one is undecided, the finding is an advisory "cannot verify" note.
 */
import * as aws from "@pulumi/aws";
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Findings, flag, known, managementEventCoverage, policyMetadata, readConfig, subjectOf } from "./common";

const name = "cloudtrail-multi-region-enabled";

/** What a trail lacks to satisfy the control (empty: it qualifies), or unknown. */
export interface Gap {
  readonly problem: string;
  readonly fix: string;
}

/** What a trail lacks to satisfy the control (empty: it qualifies), or why that cannot be known yet. */
export function multiRegionGaps(trail: PolicyResource): { gaps: Gap[]; unknown?: string } {
  const gaps: Gap[] = [];
  const checks: [string, () => unknown, boolean, Gap][] = [
    ["isMultiRegionTrail", () => trail.props.isMultiRegionTrail, false, { problem: "it is not multi-region", fix: "isMultiRegionTrail: true" }],
    [
      "includeGlobalServiceEvents",
      () => trail.props.includeGlobalServiceEvents,
      true,
      { problem: "it does not record global service events", fix: "includeGlobalServiceEvents: true" },
    ],
    ["enableLogging", () => trail.props.enableLogging, true, { problem: "logging is off", fix: "enableLogging: true" }],
  ];
  for (const [property, read, defaultValue, gap] of checks) {
    const value = flag(read, defaultValue);
    if (!value.known) {
      return { gaps, unknown: `${property}: ${value.detail}` };
    }
    if (!value.value) {
      gaps.push(gap);
    }
  }
  const coverage = known(() => managementEventCoverage(trail.props));
  if (!coverage.known) {
    return { gaps, unknown: `event selectors: ${coverage.detail}` };
  }
  if (!coverage.value.read || !coverage.value.write) {
    const missing = [coverage.value.read ? undefined : "read", coverage.value.write ? undefined : "write"].filter(Boolean).join(" and ");
    gaps.push({
      problem: `it does not record ${missing} management events`,
      fix: 'an event selector with readWriteType: "All" and includeManagementEvents: true',
    });
  }
  return { gaps };
}

export const cloudtrailMultiRegionEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "critical",
    description:
      "The stack must hold a multi-region CloudTrail trail that is logging, records global service events and records read and write management events.",
    remediationSteps:
      "Set isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogging: true and a management event selector (readWriteType All, includeManagementEvents true) on the baseline aws.cloudtrail.Trail.",
  }),
  validateStack: (args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const trails = args.resources.filter((r) => r.isType(aws.cloudtrail.Trail));
    if (trails.length === 0) {
      findings.violation(undefined, "the stack has no CloudTrail trail", "add an aws.cloudtrail.Trail with isMultiRegionTrail: true");
      findings.flush(report, args.resources);
      return;
    }
    const results = trails.map((trail) => ({ trail, ...multiRegionGaps(trail) }));
    if (results.some((r) => r.unknown === undefined && r.gaps.length === 0)) {
      findings.flush(report, args.resources);
      return;
    }
    for (const result of results) {
      const subject = subjectOf(result.trail);
      findings.check(subject);
      if (result.unknown !== undefined) {
        findings.unverifiable(subject, "whether this trail is a multi-region trail recording all management events", result.unknown);
      } else {
        findings.violation(
          subject,
          `no trail of the stack is a multi-region trail recording all management events; this one: ${result.gaps.map((g) => g.problem).join("; ")}`,
          `set ${result.gaps.map((g) => g.fix).join(", ")}`,
        );
      }
    }
    findings.flush(report, args.resources);
  },
};
