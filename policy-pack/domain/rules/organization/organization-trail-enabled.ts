/**
 * Organization mode: an organization trail (isOrganizationTrail) logs every member account with the baseline's trail
 * settings, so each member meets CIS 2.1, 2.2, 2.4, 2.7 and 1.4.0 3.10/3.11 through it (IsOrganizationTrail "Specifies
 * whether the trail is created for all accounts in an organization in Organizations, or only for the current Amazon
 * Web Services account. The default is false", CloudTrail API, CreateTrail,
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html).
 * One organization trail with every setting passes; otherwise each organization trail is reported with what it lacks.
 */
import { managementEvents, s3DataEvents } from "../../selectors";
import type { Trail } from "../../state";
import { Judgement, expect, gap, undecided, verdictOf } from "../../verdict";
import { accountRef, oneTrailQualifies, trailBuckets } from "../trails";
import { OrganizationRule, isOrganizationTrail, organizationMode } from "./mode";

function judge(t: Trail, ctx: { partition: string; trailBuckets: readonly string[] }): Judgement[] {
  const selectors = t.selectors;
  return [
    expect(t.multiRegion, (v) => v, "trail.notMultiRegion", "it is a single-region trail"),
    expect(t.globalServiceEvents, (v) => v, "trail.noGlobalServiceEvents", "it does not include global service events"),
    expect(t.logging, (v) => v, "trail.notLogging", "it is not logging"),
    selectors.kind === "known" ? managementEvents(selectors.value) : expect(selectors, () => true, "trail.managementEvents.missing", ""),
    expect(t.logFileValidation, (v) => v, "trail.logFileValidation", "log file validation is off"),
    expect(t.kmsKeyId, (v) => v !== null && v !== "", "trail.kms", "its log files are not encrypted with a KMS key (SSE-KMS)"),
    expect(t.cloudWatch.groupArn, (v) => v !== null && v !== "", "trail.cloudWatch.missing", "no CloudWatch Logs log group is set"),
    expect(t.cloudWatch.roleArn, (v) => v !== null && v !== "", "trail.cloudWatch.missing", "no role for CloudWatch Logs is set"),
    expect(t.cloudWatch.groupArn, (v) => v === null || v === "" || v.endsWith(":*"), "trail.cloudWatch.suffix",
      (v) => `the log group ARN ${String(v)} lacks the :* CloudTrail requires`),
    ...(selectors.kind === "known"
      ? [s3DataEvents(selectors.value, "write", ctx), s3DataEvents(selectors.value, "read", ctx)]
      : []),
  ];
}

export const organizationTrailEnabled: OrganizationRule = {
  policy: "organization-trail-enabled",
  evaluate(state) {
    const mode = organizationMode(this.policy, state);
    if ("verdicts" in mode) {
      return mode.verdicts;
    }
    const organizationTrails = state.trails.filter(isOrganizationTrail);
    if (organizationTrails.length === 0) {
      const pending = state.trails.filter((t) => t.organization !== undefined && t.organization.kind !== "known");
      return [verdictOf(this.policy, accountRef(state), pending.length > 0
        ? pending.map((t) => undecided(`whether ${t.name} is an organization trail is not known yet`))
        : [gap("org.trail.none", `the stack is in organization mode (${mode.evidence.join(", ")}) but has no organization trail (isOrganizationTrail: true), so member accounts are not logged`)])];
    }
    const ctx = { partition: state.partition, trailBuckets: [...trailBuckets(state).byBucket.keys()] };
    return [oneTrailQualifies(this.policy, { ...state, trails: organizationTrails, trailListingUnknown: new Map() }, (t) => judge(t, ctx))];
  },
};
