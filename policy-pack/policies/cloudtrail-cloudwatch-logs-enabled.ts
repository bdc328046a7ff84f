/**
 * CIS 1.2.0 2.4 / 1.4.0 3.4 (Security Hub CloudTrail.5; dropped from CIS 3.0.0 on): every trail also delivers to
 * CloudWatch Logs, so the metric filters and alarms of the monitoring section can see its events.
 *
 * A resource policy on every aws.cloudtrail.Trail (inputs), judged by the domain rule: cloudWatchLogsGroupArn with
 * the `:*` log-stream wildcard CloudTrail requires, and cloudWatchLogsRoleArn. Both are usually outputs of resources
 * in the same update: unknown counts as set, and the suffix is judged on a known value only. Whether the trail really
 * delivers (the last delivery within 24 hours) is runtime state: the audit judges it. No remediation: a log group and
 * a role are new resources.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromTrailInputs } from "../fromStack";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "cloudtrail-cloudwatch-logs-enabled";

export const cloudtrailCloudwatchLogsEnabled: ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "advisory",
    severity: "medium",
    description: "Every CloudTrail trail must deliver its events to a CloudWatch Logs log group.",
    remediationSteps:
      "Set cloudWatchLogsGroupArn (the log group ARN followed by :*) and cloudWatchLogsRoleArn (a role CloudTrail can assume to write to it) on the aws.cloudtrail.Trail.",
  }),
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (_trail, args, report) => {
    const { state, subjects } = fromTrailInputs(args);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), { verifies: "the trail's CloudWatch Logs delivery" });
  }),
};
