/**
 * CIS 1.2.0 2.4 / Security Hub CloudTrail.5: every trail delivers to CloudWatch Logs. Configuration: a log group
 * (its ARN with the `:*` CloudTrail requires) and a role. Runtime (audit only), as Prowler judges it: the last
 * delivery is at most 24 hours old; a trail that has never delivered is pending for its first 24 hours of logging,
 * then fails. A delivery error beside a fresh delivery is only a note (CloudTrail gives the error no time).
 */
import type { Trail } from "../state";
import { Judgement, expect, gap, ok, undecided, verdictOf } from "../verdict";
import type { Rule } from "./rule";
import { unlistedTrails, trailRef } from "./trails";

const DAY_MS = 24 * 3600 * 1000;

function freshness(trail: Trail, now: Date | undefined): Judgement {
  const last = trail.cloudWatch.lastDelivery;
  if (last.kind !== "known" || now === undefined) {
    return last.kind === "unknown" ? undecided(last.why) : ok();
  }
  const error = trail.cloudWatch.lastError.kind === "known" ? trail.cloudWatch.lastError.value : null;
  if (last.value !== null) {
    const ageHours = Math.floor((now.getTime() - last.value.getTime()) / 3600_000);
    if (now.getTime() - last.value.getTime() > DAY_MS) {
      return gap("trail.cloudWatch.stale", `the last delivery to CloudWatch Logs was ${ageHours} hours ago${error ? ` (last error: ${error})` : ""}`);
    }
    return ok(error ? [{ basis: "project", text: `CloudTrail reports a CloudWatch Logs delivery error (${error}), but delivered within 24 hours` }] : []);
  }
  const since = trail.loggingSince.kind === "known" ? trail.loggingSince.value : null;
  if (since !== null && now.getTime() - since.getTime() <= DAY_MS) {
    return undecided("pending: the trail has not delivered to CloudWatch Logs yet, and started logging less than 24 hours ago");
  }
  return gap("trail.cloudWatch.neverDelivered", `the trail has never delivered to CloudWatch Logs${error ? ` (last error: ${error})` : ""}`);
}

export const cloudtrailCloudwatchLogsEnabled: Rule = {
  policy: "cloudtrail-cloudwatch-logs-enabled",
  evaluate(state) {
    return [
      ...unlistedTrails(this.policy, state),
      ...state.trails.map((t) => {
        const group = expect(t.cloudWatch.groupArn, (v) => v !== null && v !== "", "trail.cloudWatch.missing", "no CloudWatch Logs log group is set");
        const role = expect(t.cloudWatch.roleArn, (v) => v !== null && v !== "", "trail.cloudWatch.missing", "no role for CloudWatch Logs is set");
        const suffix = expect(t.cloudWatch.groupArn, (v) => v === null || v === "" || v.endsWith(":*"), "trail.cloudWatch.suffix",
          (v) => `the log group ARN ${String(v)} lacks the :* CloudTrail requires`);
        const configured = [group, role, suffix].every((j) => j.kind === "ok");
        return verdictOf(this.policy, trailRef(t), configured ? [group, role, freshness(t, state.now)] : [group, role, suffix]);
      }),
    ];
  },
};
