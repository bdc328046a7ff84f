/** CIS 2.2 / 3.2 / 4.2: log file validation on every trail (Prowler and Security Hub judge each trail). */
import type { Check } from "../data";
import { perTrail } from "./common";

export const cloudtrailLogFileValidationEnabled: Check = {
  policy: "cloudtrail-log-file-validation-enabled",
  needs: ["trails"],
  evaluate(data) {
    return perTrail("cloudtrail-log-file-validation-enabled", data, (trail) => ({
      policy: "cloudtrail-log-file-validation-enabled",
      status: trail.logFileValidation ? "pass" : "fail",
      region: trail.homeRegion,
      resource: trail.arn,
      message: trail.logFileValidation
        ? `trail ${trail.name} has log file validation enabled`
        : `trail ${trail.name} has log file validation disabled (LogFileValidationEnabled is false)`,
    }));
  },
};
