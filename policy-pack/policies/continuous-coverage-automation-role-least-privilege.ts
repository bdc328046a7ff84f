/**
 * Issue 10 item 5: the roles the continuous-coverage remediations run AWS's runbooks as are least-privilege: trusted by
 * Systems Manager only for this account's automations in the region, with only the permissions the runbook documents
 * (policy-pack/continuous/roles.ts, leastPrivilege.ts). Silent with `continuousCoverage: off`. It judges the roles of
 * remediation configurations, so the server skips it on a stack without one (serverHints.ts onlyWhenStackHolds).
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { continuousPolicyMetadata } from "../continuous/catalog";
import { reportFindings } from "../continuous/report";
import { checkAutomationRoles } from "../continuous/roles";
import { REMEDIATION, readContinuousStack } from "../continuous/stack";
import { onlyWhenStackHolds } from "./serverHints";

const name = "continuous-coverage-automation-role-least-privilege";

export const continuousCoverageAutomationRoleLeastPrivilege: StackValidationPolicy = {
  ...continuousPolicyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description:
      "Each continuous-coverage remediation runs as a role of the stack that trusts only ssm.amazonaws.com with aws:SourceAccount and aws:SourceArn (this account's automation executions in the region), has only inline permissions its runbook documents, no wildcard action, Resource \"*\" only where AWS allows nothing narrower, and iam:PassRole only with iam:PassedToService.",
    remediationSteps:
      "Use the role components/configRemediation.ts creates (components/policyDocuments.ts ssmAutomationTrustPolicy, flowLogRemediationPolicy, keyRotationRemediationPolicy); remove managed policy attachments from it.",
  }),
  validateStack: onlyWhenStackHolds(REMEDIATION, (args, report) => {
    reportFindings(name, args, report, checkAutomationRoles(readContinuousStack(args.resources)));
  }),
};
