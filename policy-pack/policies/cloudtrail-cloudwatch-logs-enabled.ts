/**
 * CIS 1.2.0 2.4 / 1.4.0 3.4 (Security Hub CloudTrail.5; dropped from CIS 3.0.0 on): every trail also delivers to
 * CloudWatch Logs, so the metric filters and alarms of the monitoring section can see its events.
 *
 * A resource policy on every aws.cloudtrail.Trail (inputs): cloudWatchLogsGroupArn with the `:*` log-stream
 * wildcard CloudTrail requires, and cloudWatchLogsRoleArn. No remediation: a log group and a role are new resources.
 * Unknown in preview: both ARNs are usually outputs of resources in the same update; unknown counts as set, and the
 * `:*` suffix is only checked on a known value.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { Findings, isSetOrUnknown, known, policyMetadata, readConfig } from "./common";

const name = "cloudtrail-cloudwatch-logs-enabled";

export const cloudtrailCloudwatchLogsEnabled: ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "advisory",
    severity: "medium",
    description: "Every CloudTrail trail must deliver its events to a CloudWatch Logs log group.",
    remediationSteps:
      "Set cloudWatchLogsGroupArn (the log group ARN followed by :*) and cloudWatchLogsRoleArn (a role CloudTrail can assume to write to it) on the aws.cloudtrail.Trail.",
  }),
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (trail, args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const subject = { type: args.type, name: args.name, urn: args.urn };
    findings.check(subject);
    const groupArn = known(() => trail.cloudWatchLogsGroupArn);
    if (!isSetOrUnknown(groupArn)) {
      findings.violation(subject, "the trail does not deliver to CloudWatch Logs", "set cloudWatchLogsGroupArn to `${logGroup.arn}:*`");
    } else if (groupArn.known && !String(groupArn.value).endsWith(":*")) {
      findings.violation(
        subject,
        `cloudWatchLogsGroupArn "${String(groupArn.value)}" lacks the :* log-stream wildcard CloudTrail requires`,
        "set cloudWatchLogsGroupArn to `${logGroup.arn}:*`",
      );
    }
    if (!isSetOrUnknown(known(() => trail.cloudWatchLogsRoleArn))) {
      findings.violation(
        subject,
        "the trail has no role to write to CloudWatch Logs",
        "set cloudWatchLogsRoleArn to a role that trusts cloudtrail.amazonaws.com and may logs:CreateLogStream and logs:PutLogEvents",
      );
    }
    findings.flush(report);
  }),
};
