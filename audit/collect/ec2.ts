/** EC2 facts: the account's regions with their opt-in status, and per region its VPCs and flow logs. */
import {
  DescribeRegionsCommand,
  EC2Client,
  FlowLog,
  paginateDescribeFlowLogs,
  paginateDescribeVpcs,
} from "@aws-sdk/client-ec2";
import type { OptInStatus } from "../../offline/inventory";

export interface RegionInfo {
  readonly name: string;
  readonly optInStatus: OptInStatus;
}

const optInStatuses: readonly string[] = ["opt-in-not-required", "opted-in", "not-opted-in"];

/** Every region of the partition with its opt-in status (AllRegions: true, so not-opted-in ones are listed too). */
export async function describeRegions(client: EC2Client): Promise<RegionInfo[]> {
  const answer = await client.send(new DescribeRegionsCommand({ AllRegions: true }));
  return (answer.Regions ?? [])
    .map((r) => {
      if (!r.RegionName || !r.OptInStatus || !optInStatuses.includes(r.OptInStatus)) {
        throw new Error(`DescribeRegions returned an unexpected entry ${JSON.stringify(r)}`);
      }
      return { name: r.RegionName, optInStatus: r.OptInStatus as OptInStatus };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface VpcInfo {
  readonly vpcId: string;
  readonly ownerId: string;
  readonly isDefault: boolean;
}

export async function listVpcs(client: EC2Client): Promise<VpcInfo[]> {
  const vpcs: VpcInfo[] = [];
  for await (const page of paginateDescribeVpcs({ client }, {})) {
    for (const v of page.Vpcs ?? []) {
      if (!v.VpcId) {
        throw new Error("DescribeVpcs returned a VPC without VpcId");
      }
      vpcs.push({ vpcId: v.VpcId, ownerId: v.OwnerId ?? "", isDefault: v.IsDefault === true });
    }
  }
  return vpcs.sort((a, b) => a.vpcId.localeCompare(b.vpcId));
}

/** Every flow log of the region (VPC, subnet and ENI ones alike; the check keeps those attached to a VPC). */
export async function listFlowLogs(client: EC2Client): Promise<FlowLog[]> {
  const flowLogs: FlowLog[] = [];
  for await (const page of paginateDescribeFlowLogs({ client }, {})) {
    flowLogs.push(...(page.FlowLogs ?? []));
  }
  return flowLogs;
}
