/** CIS 2.6 / 3.6 / 3.4 / 4.4: server access logging on every trail bucket, to another bucket. */
import type { Check } from "../data";
import { Finding, describeFailure } from "../types";
import { trailCoverage } from "./common";
import { trailBuckets } from "./trailBuckets";

export const cloudtrailBucketAccessLoggingEnabled: Check = {
  policy: "cloudtrail-bucket-access-logging-enabled",
  needs: ["trails", "bucketLogging"],
  evaluate(data) {
    const policy = "cloudtrail-bucket-access-logging-enabled";
    const findings = trailCoverage(policy, data);
    for (const bucket of trailBuckets(data)) {
      const logging = bucket.facts.logging;
      if (!logging) {
        throw new Error(`logging facts were not collected for bucket ${bucket.facts.name}`);
      }
      const base = { policy, region: bucket.region, resource: bucket.arn } as const;
      let finding: Finding;
      if (!logging.ok) {
        finding = { ...base, status: "error", message: `could not be judged: ${describeFailure(logging.error)}` };
      } else if (logging.value === null) {
        finding = { ...base, status: "fail", message: `trail bucket ${bucket.facts.name} has server access logging disabled` };
      } else if (logging.value.targetBucket === bucket.facts.name) {
        finding = {
          ...base,
          status: "fail",
          message: `trail bucket ${bucket.facts.name} writes its access logs into itself; log to a separate access-log bucket`,
        };
      } else {
        finding = {
          ...base,
          status: "pass",
          message: `trail bucket ${bucket.facts.name} logs access to s3://${logging.value.targetBucket}/${logging.value.targetPrefix}`,
        };
      }
      findings.push(finding);
    }
    return findings;
  },
};
