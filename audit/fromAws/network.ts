/** VPCs (with their owner) and the VPC-level flow logs attached to them, per region, indexed once by VPC. */
import type { FlowLog as SdkFlowLog } from "@aws-sdk/client-ec2";
import { known } from "../../policy-pack/domain/fact";
import type { FlowLog, Vpc } from "../../policy-pack/domain/state";
import type { AuditData } from "../data";

export const vpcKey = (region: string, vpcId: string): string => `${region}/${vpcId}`;

function flowLogOf(fl: SdkFlowLog): FlowLog {
  return {
    ref: fl.FlowLogId ?? "flow log",
    trafficType: known(fl.TrafficType ?? ""),
    destinationType: known(fl.LogDestinationType ?? "cloud-watch-logs"),
    destination: known(fl.LogDestination ?? fl.LogGroupName ?? null),
    roleArn: known(fl.DeliverLogsPermissionArn ?? null),
    active: known(fl.FlowLogStatus === "ACTIVE"),
    deliveryFailed: known(fl.DeliverLogsStatus === "FAILED" ? (fl.DeliverLogsErrorMessage ?? "FAILED") : null),
  };
}

export function networkOf(data: AuditData): { vpcs: Vpc[]; flowLogsByVpc: Map<string, FlowLog[]> } {
  const vpcs: Vpc[] = [];
  const flowLogsByVpc = new Map<string, FlowLog[]>();
  for (const rd of data.regional) {
    if (!rd.network?.ok) {
      continue;
    }
    for (const v of rd.network.value.vpcs) {
      vpcs.push({
        key: vpcKey(rd.region, v.vpcId), ref: v.vpcId, id: known(v.vpcId), region: known(rd.region),
        ownerAccount: known(v.ownerId || data.accountId), isDefault: known(v.isDefault),
      });
    }
    for (const fl of rd.network.value.flowLogs) {
      if (fl.ResourceId?.startsWith("vpc-")) {
        const key = vpcKey(rd.region, fl.ResourceId);
        flowLogsByVpc.set(key, [...(flowLogsByVpc.get(key) ?? []), flowLogOf(fl)]);
      }
    }
  }
  return { vpcs, flowLogsByVpc };
}
