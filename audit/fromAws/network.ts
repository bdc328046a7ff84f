/** VPCs (with their owner) and the VPC-level flow logs attached to them, per region, indexed once by VPC. */
import type { FlowLog as SdkFlowLog } from "@aws-sdk/client-ec2";
import { Fact, known } from "../../policy-pack/domain/fact";
import type { FlowLog, Vpc } from "../../policy-pack/domain/state";
import type { AuditData } from "../data";

export const vpcKey = (region: string, vpcId: string): string => `${region}/${vpcId}`;

// Facts are immutable: those most VPCs and flow logs share are made once, not once each (an account may have
// thousands of them, and a scavenge copies every object the state keeps).
const NONE = known(null);
const YES = known(true);
const NO = known(false);
/** Flow log enumerations (traffic type, destination type): a handful of values, one fact each. */
const enumerated = new Map<string, Fact<string>>();

function knownEnum(value: string): Fact<string> {
  let fact = enumerated.get(value);
  if (!fact) {
    fact = known(value);
    enumerated.set(value, fact);
  }
  return fact;
}

function flowLogOf(fl: SdkFlowLog): FlowLog {
  const destination = fl.LogDestination ?? fl.LogGroupName;
  return {
    ref: fl.FlowLogId ?? "flow log",
    trafficType: knownEnum(fl.TrafficType ?? ""),
    destinationType: knownEnum(fl.LogDestinationType ?? "cloud-watch-logs"),
    destination: destination === undefined ? NONE : known(destination),
    roleArn: fl.DeliverLogsPermissionArn === undefined ? NONE : known(fl.DeliverLogsPermissionArn),
    active: fl.FlowLogStatus === "ACTIVE" ? YES : NO,
    deliveryFailed: fl.DeliverLogsStatus === "FAILED" ? known(fl.DeliverLogsErrorMessage ?? "FAILED") : NONE,
  };
}

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
        ownerAccount: !v.ownerId || v.ownerId === data.accountId ? thisAccount : known(v.ownerId), isDefault: v.isDefault ? YES : NO,
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
