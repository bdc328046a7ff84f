/** CIS 1.2.0 2.2 / Security Hub CloudTrail.4: every trail validates its log files. */
import { expect, verdictOf } from "../verdict";
import type { Rule } from "./rule";
import { unlistedTrails, trailRef } from "./trails";

export const cloudtrailLogFileValidationEnabled: Rule = {
  policy: "cloudtrail-log-file-validation-enabled",
  evaluate(state) {
    return [
      ...unlistedTrails(this.policy, state),
      ...state.trails.map((t) => verdictOf(this.policy, trailRef(t), [
        expect(t.logFileValidation, (v) => v, "trail.logFileValidation", "log file validation is off"),
      ])),
    ];
  },
};
