/**
 * CIS 1.2.0 2.2 / 1.4.0 3.2 / 3.0.0-5.0.0 3.2 / 6.0.0-7.0.0 4.2 (Security Hub CloudTrail.4): every trail validates
 * its log files, so a digest proves the delivered logs were not changed or deleted.
 *
 * A resource policy on every aws.cloudtrail.Trail (inputs), judged by the domain rule (domain/rules). The remediation
 * sets enableLogFileValidation: true, which is safe and local (it changes nothing but the digest files CloudTrail
 * writes); it leaves an exempted trail, and one whose setting is unknown in a preview, alone.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, remediateResourceOfType, validateResourceOfType } from "@pulumi/policy";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromTrailInputs } from "../fromStack";
import { flagFact, rawCopy } from "../fromStack/known";
import { ExemptionIndex, readConfig } from "./config";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "cloudtrail-log-file-validation-enabled";

export const cloudtrailLogFileValidationEnabled: ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description: "Every CloudTrail trail must have log file validation enabled.",
    remediationSteps: "Set enableLogFileValidation: true on the aws.cloudtrail.Trail.",
  }),
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (_trail, args, report) => {
    const { state, subjects } = fromTrailInputs(args);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), { verifies: "log file validation" });
  }),
  remediateResource: remediateResourceOfType(aws.cloudtrail.Trail, (trail, args) => {
    if (new ExemptionIndex(readConfig(name, args.getConfig()).exemptions).for(args)) {
      return undefined;
    }
    const validation = flagFact(trail, "enableLogFileValidation", false);
    return validation.kind === "known" && !validation.value ? { ...rawCopy(trail), enableLogFileValidation: true } : undefined;
  }),
};
