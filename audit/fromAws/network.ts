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

// Facts are immutable: those most VPCs share are made once, not once per VPC (an account may have thousands).
const DEFAULT = known(true);
const NOT_DEFAULT = known(false);

export function networkOf(data: AuditData): { vpcs: Vpc[]; flowLogsByVpc: Map<string, FlowLog[]> } {
  const vpcs: Vpc[] = [];
  const flowLogsByVpc = new Map<string, FlowLog[]>();
  const thisAccount = known(data.accountId);
  for (const rd of data.regional) {
    if (!rd.network?.ok) {
      continue;
    }
    const region = known(rd.region);
    for (const v of rd.network.value.vpcs) {
      vpcs.push({
        key: vpcKey(rd.region, v.vpcId), ref: v.vpcId, id: known(v.vpcId), region,
        ownerAccount: !v.ownerId || v.ownerId === data.accountId ? thisAccount : known(v.ownerId), isDefault: v.isDefault ? DEFAULT : NOT_DEFAULT,
      });
    }
    for (const fl of rd.network.value.flowLogs) {
      if (fl.ResourceId?.startsWith("vpc-")) {
        const key = vpcKey(rd.region, fl.ResourceId);
        const list = flowLogsByVpc.get(key);
        if (list) {
          list.push(flowLogOf(fl));
        } else {
          flowLogsByVpc.set(key, [flowLogOf(fl)]);
        }
      }
    }
  }
  return { vpcs, flowLogsByVpc };
}
