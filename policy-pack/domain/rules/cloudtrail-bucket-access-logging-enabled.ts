/**
 * CIS 1.2.0 2.6 / Security Hub CloudTrail.7: server access logging on each trail bucket, to another bucket (a bucket
 * logging into itself loops, and whoever can erase the logs can erase the trace: stricter than the checkers).
 */
import { expect } from "../verdict";
import { judgeTrailBuckets } from "./cloudtrail-bucket-not-public";
import type { Rule } from "./rule";

export const cloudtrailBucketAccessLoggingEnabled: Rule = {
  policy: "cloudtrail-bucket-access-logging-enabled",
  evaluate(state) {
    return judgeTrailBuckets(this.policy, state, (bucket, name) => [
      expect(bucket.logging, (l) => l !== null, "bucket.logging.off", "server access logging is off"),
      expect(bucket.logging, (l) => l === null || l.targetBucket !== name, "bucket.logging.self", "access logs are delivered into the bucket itself"),
    ]);
  },
};
