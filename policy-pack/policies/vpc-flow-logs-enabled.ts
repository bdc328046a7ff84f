/**
 * CIS 1.2.0 2.9 / 1.4.0 3.9 / 3.0.0-5.0.0 3.7 / 6.0.0-7.0.0 4.7 (Security Hub EC2.6): every VPC of the account has
 * a VPC-level flow log that captures rejected traffic (ALL or REJECT), with a destination and, for CloudWatch Logs, a
 * role. One good flow log per VPC is enough (S35).
 *
 * A stack policy (outputs) around the domain rule. The VPCs are the stack's own and those the program discovered,
 * published by each `cis-logging:network:RegionalFlowLogs` component as outputs {region, discoveredVpcIds,
 * sharedVpcIds} (fromStack/network.ts); a discovered VPC's findings are reported on its component, so exempting the
 * component exempts them. A VPC shared into the account (AWS RAM) is its owner's: one advisory "cannot verify from
 * this stack" note each, citing the VPC UG (S38); a flow log the stack declares on one is a violation of that flow
 * log, since AWS refuses it for a participant. A VPC created outside Pulumi after the program's last run is the
 * audit's.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { sharedVpcFlowLogRule } from "../awsFacts";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromStack } from "../fromStack";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "vpc-flow-logs-enabled";

export const vpcFlowLogsEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description:
      "Every VPC the stack creates, and every VPC the account owns that the program discovered, must have a flow log that captures rejected traffic and has a destination; no flow log may be on a VPC shared into the account.",
    remediationSteps:
      'Add an aws.ec2.FlowLog {vpcId, trafficType: "ALL" or "REJECT", logDestinationType, logDestination, iamRoleArn for CloudWatch Logs} for each VPC the account owns. VPCs shared into the account through AWS RAM are flow-logged by their owner account: remove any flow log on them.',
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), {
      verifies: "the VPC flow log",
      citations: { "vpc.flowLog.onSharedVpc": sharedVpcFlowLogRule },
      citeWhenNotJudged: (v) => (v.reason?.includes("(AWS RAM)") ? sharedVpcFlowLogRule : undefined),
      resources: args.resources,
    });
  },
};
