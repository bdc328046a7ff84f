/**
 * Organization mode (issue 12): the stack's organization trail logs every member account with the baseline's trail
 * settings, so each member meets the trail controls through it: multi-region, global service events, logging, every
 * read and write management event (CIS 2.1), log file validation (2.2), CloudWatch Logs (2.4), SSE-KMS (2.7) and S3
 * read and write data events (1.4.0 3.10, 3.11). The per-trail policies judge the organization trail too (it is an
 * aws.cloudtrail.Trail like any other); this one requires that it exists and carries all of them at once.
 *
 * A stack policy around the domain rule (domain/rules/organization). Not applicable to a single-account stack (no
 * organization trail, no service-managed StackSet of AWS Config recorders): it reports nothing there.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { organizationRules } from "../domain/rules/organization";
import { fromStack } from "../fromStack";
import { organizationPolicyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "organization-trail-enabled";

export const organizationTrailEnabled: StackValidationPolicy = {
  ...organizationPolicyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "critical",
    description:
      "An organization stack must hold an organization trail that is multi-region, logging, records global service events, all management events and S3 read and write data events, validates log files, is encrypted with KMS and delivers to CloudWatch Logs.",
    remediationSteps:
      "Set isOrganizationTrail: true on the trail, with isMultiRegionTrail, includeGlobalServiceEvents, enableLogging, one management event selector (readWriteType All), an AWS::S3::Object data selector on arn:<partition>:s3, enableLogFileValidation, kmsKeyId, cloudWatchLogsGroupArn (with :*) and cloudWatchLogsRoleArn. Create it from the management account or a delegated administrator.",
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, organizationRules[name].evaluate(state), {
      verifies: "the organization trail",
      lead: "no organization trail of the stack has every setting of the baseline",
      resources: args.resources,
    });
  },
};
