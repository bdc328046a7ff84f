/**
 * CIS 1.4.0 3.11 / 3.0.0-5.0.0 3.9 / 6.0.0-7.0.0 4.9 (Security Hub S3.23; not in CIS 1.2.0): a multi-region trail
 * records S3 object-level read events (GetObject, ...) for all current and future buckets.
 *
 * A stack policy (outputs); see validateS3DataEvents in common.ts. Advisory by default: read data events are the
 * most voluminous (and billed per event) and the program makes them a choice (cloudTrail.s3DataEvents).
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { policyMetadata, validateS3DataEvents } from "./common";

const name = "cloudtrail-s3-data-events-read-enabled";

export const cloudtrailS3DataEventsReadEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "advisory",
    severity: "medium",
    description: "A multi-region CloudTrail trail must record S3 object-level read events for all buckets.",
    remediationSteps:
      'Add an event selector {readWriteType: "All" or "ReadOnly", includeManagementEvents: false, dataResources: [{type: "AWS::S3::Object", values: ["arn:aws:s3"]}]} to the multi-region trail (program config cloudTrail.s3DataEvents: all or read).',
  }),
  validateStack: validateS3DataEvents(name, "read"),
};
