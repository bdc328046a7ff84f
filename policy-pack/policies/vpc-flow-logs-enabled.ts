/**
 * CIS 1.2.0 2.9 / 1.4.0 3.9 / 3.0.0-5.0.0 3.7 / 6.0.0-7.0.0 4.7 (Security Hub EC2.6): every VPC has a flow log.
 *
 * A stack policy (outputs):
 * - every aws.ec2.Vpc the stack creates has an aws.ec2.FlowLog whose vpcId is that VPC. A flow log on another VPC
 *   does not count. The link is the engine's property dependency of vpcId (a created VPC's id is not among its
 *   outputs) or, on a known value, the id at the end of the VPC's ARN.
 * - every aws.ec2.FlowLog of the stack (also those on pre-existing VPCs found with getVpcs, which are no resources
 *   of the stack) has a destination and captures rejected traffic: trafficType ALL or REJECT (CIS asks for at
 *   least rejects; ACCEPT alone misses them), logDestination, and iamRoleArn when it delivers to CloudWatch Logs.
 * Unknown in preview: a flow log whose vpcId is unknown and whose dependencies do not decide the VPC, or unknown
 * settings, give advisory "cannot verify" notes.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Findings, Known, isSetOrUnknown, known, ofType, policyMetadata, readConfig, stringProp, subjectOf, types } from "./common";

const name = "vpc-flow-logs-enabled";

/**
 * The id of a created VPC: its `id` output if present, else the tail of its ARN (…:vpc/vpc-123). Unknown while the
 * VPC is being created; absent (undefined) if the outputs carry neither.
 */
function vpcIdOf(vpc: PolicyResource): Known<string | undefined> {
  const id = stringProp(vpc, "id");
  if (!id.known || id.value) {
    return id;
  }
  const arn = stringProp(vpc, "arn");
  return arn.known && arn.value ? { known: true, value: arn.value.split("/").pop() } : arn;
}

function flowLogTargets(flowLog: PolicyResource, vpc: PolicyResource): "yes" | "no" | "unknown" {
  const dependencies = flowLog.propertyDependencies.vpcId ?? [];
  if (dependencies.some((d) => d.urn === vpc.urn)) {
    return "yes";
  }
  const vpcId = stringProp(flowLog, "vpcId");
  if (!vpcId.known) {
    return dependencies.length > 0 ? "no" : "unknown";
  }
  if (vpcId.value === undefined) {
    return "no";
  }
  const target = vpcIdOf(vpc);
  if (!target.known) {
    // The VPC is created by this update, so a vpcId known now cannot be its id.
    return "no";
  }
  if (target.value === undefined) {
    return "unknown";
  }
  return target.value === vpcId.value ? "yes" : "no";
}

const acceptedTrafficTypes = ["ALL", "REJECT"];

function checkFlowLog(flowLog: PolicyResource, findings: Findings): void {
  const subject = subjectOf(flowLog);
  findings.check(subject);
  const traffic = stringProp(flowLog, "trafficType");
  if (!traffic.known) {
    findings.unverifiable(subject, "trafficType", traffic.detail);
  } else if (traffic.value === undefined || !acceptedTrafficTypes.includes(traffic.value)) {
    findings.violation(
      subject,
      traffic.value === undefined ? "the flow log has no traffic type" : `the flow log captures only ${traffic.value} traffic, not rejected traffic`,
      'set trafficType: "ALL" (or "REJECT")',
    );
  }
  if (!isSetOrUnknown(known(() => flowLog.props.logDestination as unknown))) {
    findings.violation(subject, "the flow log has no destination", "set logDestination (and logDestinationType) to a log group or bucket ARN");
  }
  const destinationType = stringProp(flowLog, "logDestinationType");
  if (destinationType.known && (destinationType.value ?? "cloud-watch-logs") === "cloud-watch-logs") {
    if (!isSetOrUnknown(known(() => flowLog.props.iamRoleArn as unknown))) {
      findings.violation(subject, "the flow log delivers to CloudWatch Logs without a role", "set iamRoleArn to a role vpc-flow-logs.amazonaws.com can assume");
    }
  }
}

export const vpcFlowLogsEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description: "Every VPC the stack creates must have a flow log, and every flow log must have a destination and capture rejected traffic.",
    remediationSteps:
      'Add an aws.ec2.FlowLog {vpcId, trafficType: "ALL" or "REJECT", logDestinationType, logDestination, iamRoleArn for CloudWatch Logs} for each VPC.',
  }),
  validateStack: (args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const vpcs = ofType(args.resources, types.vpc);
    const flowLogs = ofType(args.resources, types.flowLog);
    if (vpcs.length === 0 && flowLogs.length === 0) {
      args.notApplicable("the stack has no VPC and no flow log");
    }
    for (const vpc of vpcs) {
      const subject = subjectOf(vpc);
      findings.check(subject);
      const links = flowLogs.map((f) => flowLogTargets(f, vpc));
      if (links.includes("yes")) {
        continue;
      }
      if (links.includes("unknown")) {
        findings.unverifiable(subject, "which flow log belongs to this VPC", "VPC ids are not known yet");
      } else {
        findings.violation(
          subject,
          "the VPC has no flow log" + (flowLogs.length > 0 ? " (the stack's flow logs are attached to other VPCs)" : ""),
          'add an aws.ec2.FlowLog with vpcId set to this VPC\'s id, trafficType "ALL" and a logDestination',
        );
      }
    }
    for (const flowLog of flowLogs) {
      checkFlowLog(flowLog, findings);
    }
    findings.flush(report, args.resources);
  },
};
