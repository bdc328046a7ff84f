/**
 * CIS 1.2.0 2.6 / Security Hub CloudTrail.7: server access logging on each trail bucket, to another bucket (a bucket
 * logging into itself loops, and whoever can erase the logs can erase the trace: stricter than the checkers).
 */
import type { Verdict } from "../verdict";
import { expect, verdictOf } from "../verdict";
import { bucketRef, judgeableBucket } from "./cloudtrail-bucket-not-public";
import type { Rule } from "./rule";
import { trailBuckets, undecidedBucketVerdicts, unlistedTrails } from "./trails";

export const cloudtrailBucketAccessLoggingEnabled: Rule = {
  policy: "cloudtrail-bucket-access-logging-enabled",
  evaluate(state) {
    const { byBucket, undecided: unnamed } = trailBuckets(state);
    const verdicts: Verdict[] = [...unlistedTrails(this.policy, state), ...undecidedBucketVerdicts(this.policy, unnamed)];
    for (const [name, trails] of byBucket) {
      const bucket = judgeableBucket(this.policy, state, name, trails.map((t) => t.name));
      if (!("inThisAccount" in bucket)) {
        verdicts.push(bucket);
        continue;
      }
      verdicts.push(verdictOf(this.policy, bucketRef(name, bucket, trails.map((t) => t.name)), [
        expect(bucket.logging, (l) => l !== null, "bucket.logging.off", "server access logging is off"),
        expect(bucket.logging, (l) => l === null || l.targetBucket !== name, "bucket.logging.self", "access logs are delivered into the bucket itself"),
      ]));
    }
    return verdicts;
  },
};
