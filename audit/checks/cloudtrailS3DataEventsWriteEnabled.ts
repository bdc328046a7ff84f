/** CIS 3.10 (1.4.0) / 3.8 / 4.8: S3 object-level write events on a multi-region trail. Not in 1.2.0. */
import type { Check } from "../data";
import { s3DataEventsVerdict } from "./s3DataEvents";

export const cloudtrailS3DataEventsWriteEnabled: Check = {
  policy: "cloudtrail-s3-data-events-write-enabled",
  needs: ["trails", "trailStatus", "trailSelectors"],
  evaluate: (data) => s3DataEventsVerdict("cloudtrail-s3-data-events-write-enabled", "write", data),
};
