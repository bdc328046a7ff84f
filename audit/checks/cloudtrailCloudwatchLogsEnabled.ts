/**
 * CIS 2.4 / 3.4 (dropped in 3.0.0): every trail sends to CloudWatch Logs. A trail passes when it has a log
 * group and a role, and GetTrailStatus shows no delivery error and no last delivery older than 24 hours
 * (the CIS audit's "recent LatestCloudWatchLogsDeliveryTime", as Prowler and Steampipe apply it). A status
 * without any delivery time (a trail that has not delivered yet) is judged on its configuration.
 */
import type { Check } from "../data";
import { Finding, describeFailure } from "../types";
import { perTrail } from "./common";

const DAY_MS = 24 * 60 * 60 * 1000;

export const cloudtrailCloudwatchLogsEnabled: Check = {
  policy: "cloudtrail-cloudwatch-logs-enabled",
  needs: ["trails", "trailStatus"],
  evaluate(data) {
    const policy = "cloudtrail-cloudwatch-logs-enabled";
    return perTrail(policy, data, (trail): Finding => {
      const base = { policy, region: trail.homeRegion, resource: trail.arn } as const;
      if (!trail.cloudWatchLogsGroupArn) {
        return { ...base, status: "fail", message: `trail ${trail.name} is not integrated with CloudWatch Logs (no CloudWatchLogsLogGroupArn)` };
      }
      if (!trail.cloudWatchLogsRoleArn) {
        return { ...base, status: "fail", message: `trail ${trail.name} has a log group but no CloudWatchLogsRoleArn to deliver with` };
      }
      const status = data.trailDetails.get(trail.arn)?.status;
      if (!status) {
        throw new Error(`no status was collected for trail ${trail.arn}`);
      }
      if (!status.ok) {
        return { ...base, status: "error", message: `could not be judged: ${describeFailure(status.error)}` };
      }
      const { latestCloudWatchLogsDeliveryError: error, latestCloudWatchLogsDeliveryTime: time } = status.value;
      if (error) {
        return { ...base, status: "fail", message: `trail ${trail.name} fails to deliver to CloudWatch Logs: ${error}` };
      }
      if (time && data.now.getTime() - time.getTime() > DAY_MS) {
        return {
          ...base,
          status: "fail",
          message: `trail ${trail.name} last delivered to CloudWatch Logs at ${time.toISOString()}, more than 24 hours ago`,
        };
      }
      return { ...base, status: "pass", message: `trail ${trail.name} delivers to ${trail.cloudWatchLogsGroupArn}` };
    });
  },
};
