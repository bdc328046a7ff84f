/**
 * CIS 1.2.0 2.6 / 1.4.0 3.6 / 3.0.0-5.0.0 3.4 / 6.0.0-7.0.0 4.4 (Security Hub CloudTrail.7): the bucket a trail
 * delivers to has S3 server access logging into another bucket, so reads and deletions of the audit log are logged
 * (logging into the bucket itself fails: stricter than the checkers, control-model.md S29).
 *
 * A stack policy (outputs) around the domain rule. fromStack links trail → bucket → aws.s3.BucketLogging (or the
 * bucket's deprecated inline `logging`) by value, or by the engine's property dependencies while names are unknown
 * in a preview. A trail bucket that is no resource of the stack gets an advisory note (the audit checks it); exempt a
 * trail bucket by its type and name (aws:s3/bucket:Bucket) or URN.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromStack } from "../fromStack";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "cloudtrail-bucket-access-logging-enabled";

export const cloudtrailBucketAccessLoggingEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description: "The S3 bucket a CloudTrail trail delivers to must have server access logging into another bucket.",
    remediationSteps:
      "Add an aws.s3.BucketLogging {bucket: <trail bucket>, targetBucket: <separate access-log bucket>, targetPrefix} for the trail bucket.",
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), {
      verifies: "server access logging of the trail bucket",
      resources: args.resources,
    });
  },
};
