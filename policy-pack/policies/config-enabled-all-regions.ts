/**
 * CIS 1.2.0 2.5 / 1.4.0 3.5 / 3.0.0-5.0.0 3.3 / 6.0.0-7.0.0 4.3 (Security Hub Config.1): AWS Config records in every
 * region the stack covers, and some working recorder records the global IAM resource types.
 *
 * A stack policy (outputs) around the domain rule. "The regions the stack covers" are the regions of its explicit aws
 * providers and of its regional AWS resources; the audit checks every enabled region of the account. Per region: a
 * recorder of all supported types (the provider default), started by a RecorderStatus with isEnabled, and a delivery
 * channel with a bucket and an SNS topic. Global IAM types: one or several regions where AWS Config can record them
 * (awsFacts.ts GLOBAL_RESOURCE_TYPE_REGIONS, S20), never a region AWS Config reached after February 2022, and only
 * from a recorder that works (S21). A region's findings are reported on its explicit provider (exempt a region by
 * exempting that provider), else on its recorder, else on the stack.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { globalResourceTypesRule } from "../awsFacts";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromStack } from "../fromStack";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "config-enabled-all-regions";

export const configEnabledAllRegions: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description:
      "AWS Config must record all supported resource types in every region the stack covers, and the global IAM resource types in at least one region that can record them.",
    remediationSteps:
      "Per region add an aws.cfg.Recorder (recordingGroup.allSupported true; includeGlobalResourceTypes true in one or more regions where AWS Config existed before February 2022, false elsewhere), an aws.cfg.DeliveryChannel with s3BucketName and snsTopicArn, and an aws.cfg.RecorderStatus with isEnabled true.",
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), {
      verifies: "AWS Config",
      citations: { "config.global.ineligibleRegion": globalResourceTypesRule },
      resources: args.resources,
    });
  },
};
