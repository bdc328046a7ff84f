/**
 * CIS 1.4.0 3.11 / 3.0.0-5.0.0 3.9 / 6.0.0-7.0.0 4.9 (Security Hub S3.23; not in CIS 1.2.0):
 * a multi-region trail that is logging records S3 object-level read events (GetObject, ...)
 * for all current and future buckets.
 *
 * A stack policy (outputs) around the domain rule (domain/rules/s3-data-events.ts): classic values arn:<partition>:s3
 * or arn:<partition>:s3:::, or an advanced selector on AWS::S3::Object narrowed at most by readOnly and by excluding the
 * account's own trail buckets (control-model.md S40-S43). Advisory by default: data events are billed per event and
 * the program makes them a choice (cloudTrail.s3DataEvents). Read events are the most voluminous.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromStack } from "../fromStack";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "cloudtrail-s3-data-events-read-enabled";

export const cloudtrailS3DataEventsReadEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "advisory",
    severity: "medium",
    description: "A multi-region CloudTrail trail must record S3 object-level read events for all buckets.",
    remediationSteps:
      'Add an event selector {readWriteType: "All" or "ReadOnly", includeManagementEvents: false, dataResources: [{type: "AWS::S3::Object", values: ["arn:aws:s3"]}]} to the multi-region trail (program config cloudTrail.s3DataEvents: all or read).',
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), {
      verifies: "that a multi-region trail records S3 read data events",
      lead: "no logging multi-region trail of the stack records S3 object-level read events for all buckets",
      resources: args.resources,
    });
  },
};
