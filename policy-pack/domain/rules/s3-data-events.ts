/**
 * CIS 1.4.0 3.10 (write) and 3.11 (read) / Security Hub S3.22 and S3.23: a multi-region trail that is logging records
 * S3 object-level events of the direction on all current and future buckets (Prowler accepts any trail: stricter).
 */
import type { PolicyName } from "../../controls";
import { Direction, s3DataEvents } from "../selectors";
import { expect } from "../verdict";
import type { Rule } from "./rule";
import { oneTrailQualifies, trailBuckets } from "./trails";

function dataEventRule(policy: PolicyName, direction: Direction): Rule {
  return {
    policy,
    evaluate(state) {
      const ctx = { partition: state.partition, trailBuckets: [...trailBuckets(state).byBucket.keys()] };
      return [oneTrailQualifies(policy, state, (t) => [
        expect(t.multiRegion, (v) => v, "trail.notMultiRegion", "it is a single-region trail"),
        expect(t.logging, (v) => v, "trail.notLogging", "it is not logging"),
        t.selectors.kind === "known" ? s3DataEvents(t.selectors.value, direction, ctx) : expect(t.selectors, () => true, "trail.s3DataEvents.missing", ""),
      ])];
    },
  };
}

export const cloudtrailS3DataEventsWriteEnabled = dataEventRule("cloudtrail-s3-data-events-write-enabled", "write");
export const cloudtrailS3DataEventsReadEnabled = dataEventRule("cloudtrail-s3-data-events-read-enabled", "read");
