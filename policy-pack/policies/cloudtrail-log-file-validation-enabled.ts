/**
 * CIS 1.2.0 2.2 / 1.4.0 3.2 / 3.0.0-5.0.0 3.2 / 6.0.0-7.0.0 4.2 (Security Hub CloudTrail.4): every trail validates
 * its log files, so a digest proves the delivered logs were not changed or deleted.
 *
 * A resource policy on every aws.cloudtrail.Trail (inputs). The remediation sets enableLogFileValidation: true,
 * which is safe and local (it changes nothing but the digest files CloudTrail writes).
 * Unknown in preview: enableLogFileValidation is almost always a literal; if it is computed, the finding is an
 * advisory "cannot verify" note and the update re-checks it.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, remediateResourceOfType, validateResourceOfType } from "@pulumi/policy";
import { Findings, exemptionFor, flag, policyMetadata, rawCopy, readConfig } from "./common";

const name = "cloudtrail-log-file-validation-enabled";

export const cloudtrailLogFileValidationEnabled: ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description: "Every CloudTrail trail must have log file validation enabled.",
    remediationSteps: "Set enableLogFileValidation: true on the aws.cloudtrail.Trail.",
  }),
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (trail, args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const subject = { type: args.type, name: args.name, urn: args.urn };
    findings.check(subject);
    const validation = flag(() => trail.enableLogFileValidation, false);
    if (!validation.known) {
      findings.unverifiable(subject, "enableLogFileValidation", validation.detail);
    } else if (!validation.value) {
      findings.violation(subject, "log file validation is off", "set enableLogFileValidation: true");
    }
    findings.flush(report);
  }),
  remediateResource: remediateResourceOfType(aws.cloudtrail.Trail, (trail, args) => {
    const config = readConfig(name, args.getConfig());
    if (exemptionFor(config.exemptions, { type: args.type, name: args.name, urn: args.urn })) {
      return undefined;
    }
    const validation = flag(() => trail.enableLogFileValidation, false);
    if (!validation.known || validation.value) {
      return undefined;
    }
    return { ...rawCopy(trail), enableLogFileValidation: true };
  }),
};
