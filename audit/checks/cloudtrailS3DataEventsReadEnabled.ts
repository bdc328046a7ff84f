/** CIS 3.11 (1.4.0) / 3.9 / 4.9: S3 object-level read events on a multi-region trail. Not in 1.2.0. */
import type { Check } from "../data";
import { s3DataEventsVerdict } from "./s3DataEvents";

export const cloudtrailS3DataEventsReadEnabled: Check = {
  policy: "cloudtrail-s3-data-events-read-enabled",
  needs: ["trails", "trailStatus", "trailSelectors"],
  evaluate: (data) => s3DataEventsVerdict("cloudtrail-s3-data-events-read-enabled", "read", data),
};
