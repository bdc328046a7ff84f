/**
 * CIS 2.9 / 3.9 / 3.7 / 4.7: every VPC of the account, in every audited region, has a VPC-level flow log that
 * is ACTIVE, delivering (DeliverLogsStatus not FAILED) and capturing rejected traffic (TrafficType ALL or
 * REJECT, as Security Hub EC2.6 asks). A VPC shared into the account by another owner (AWS RAM; DescribeVpcs
 * lists it with the owner's OwnerId) is reported `not-judged`, naming its owner: this account can neither
 * create nor see its flow log, so a pass or a fail here would be a guess.
 */
import type { FlowLog } from "@aws-sdk/client-ec2";
import type { Check } from "../data";
import { Finding } from "../types";
import { errorFinding } from "./common";

const policy = "vpc-flow-logs-enabled";

/** Why a shared-in VPC is its owner's to judge, quoting the VPC UG so a reviewer can check the rule. */
export function sharedVpcMessage(ownerId: string): string {
  return (
    `VPC shared into this account by ${ownerId} (AWS RAM): only its owner can create its flow log ` +
    `("Participants cannot create, delete, or describe flow logs for a shared VPC subnet", VPC UG, ` +
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-share-limitations.html)"
  );
}

function problem(fl: FlowLog): string | null {
  if (fl.FlowLogStatus !== "ACTIVE") {
    return `${fl.FlowLogId} is ${fl.FlowLogStatus ?? "in an unknown state"}`;
  }
  if (fl.DeliverLogsStatus === "FAILED") {
    return `${fl.FlowLogId} fails to deliver${fl.DeliverLogsErrorMessage ? ` (${fl.DeliverLogsErrorMessage})` : ""}`;
  }
  if (fl.TrafficType !== "ALL" && fl.TrafficType !== "REJECT") {
    return `${fl.FlowLogId} captures ${fl.TrafficType ?? "no"} traffic, not rejected traffic`;
  }
  return null;
}

export const vpcFlowLogsEnabled: Check = {
  policy,
  needs: ["network"],
  evaluate(data) {
    const findings: Finding[] = [];
    for (const rd of data.regional) {
      if (!rd.network) {
        throw new Error(`network facts were not collected for ${rd.region}`);
      }
      if (!rd.network.ok) {
        findings.push(errorFinding(policy, rd.network.error, `ec2:${rd.region}`, rd.region));
        continue;
      }
      const { vpcs, flowLogs } = rd.network.value;
      for (const vpc of vpcs) {
        const base = { policy, region: rd.region, resource: vpc.vpcId } as const;
        if (vpc.ownerId && vpc.ownerId !== data.accountId) {
          findings.push({ ...base, status: "not-judged", message: sharedVpcMessage(vpc.ownerId) });
          continue;
        }
        const attached = flowLogs.filter((fl) => fl.ResourceId === vpc.vpcId);
        const good = attached.find((fl) => problem(fl) === null);
        const label = vpc.isDefault ? "default VPC" : "VPC";
        if (good) {
          findings.push({ ...base, status: "pass", message: `${label} has active flow log ${good.FlowLogId} (${good.TrafficType} to ${good.LogDestinationType ?? "cloud-watch-logs"})` });
        } else if (attached.length === 0) {
          findings.push({ ...base, status: "fail", message: `${label} has no flow log` });
        } else {
          findings.push({ ...base, status: "fail", message: `${label} has no usable flow log: ${attached.map((fl) => problem(fl)).join("; ")}` });
        }
      }
    }
    return findings;
  },
};
