/**
 * CIS 1.2.0 2.1 / 1.4.0-5.0.0 3.1 / 6.0.0-7.0.0 4.1 (Security Hub CloudTrail.1): the stack holds at least one
 * multi-region trail that records global service events, is logging, and records every read and write management
 * event in one selector with nothing excluded (control-model.md S1-S4: an excluded event source, a filtered advanced
 * selector, or read and write split over two selectors fail, as in Security Hub).
 *
 * A stack policy (outputs): the control is about the account, so one qualifying trail satisfies it (domain
 * oneTrailQualifies). When none qualifies, each trail is reported with what it lacks, or the stack when it has no
 * trail; while a trail's deciding settings are unknown (preview) the stack gets an advisory note instead.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromStack } from "../fromStack";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "cloudtrail-multi-region-enabled";

export const cloudtrailMultiRegionEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "critical",
    description:
      "The stack must hold a multi-region CloudTrail trail that is logging, records global service events and records read and write management events.",
    remediationSteps:
      "Set isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogging: true and one management event selector (readWriteType All, includeManagementEvents true, no excluded event sources) on the baseline aws.cloudtrail.Trail.",
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), {
      verifies: "that a multi-region trail records all management events",
      lead: "no trail of the stack is a logging multi-region trail recording all management events",
      resources: args.resources,
    });
  },
};
