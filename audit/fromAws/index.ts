/**
 * Adapter (b) of the control model: what the collectors gathered → the domain's AccountState. Pure: every API call
 * happened before, every judgement happens in the rules (policy-pack/domain). A failed call becomes an `unknown`
 * fact where it matters; a call the selected checks did not need becomes `notVisible`.
 */
import { fromResult } from "./facts";
import type { AccountState } from "../../policy-pack/domain/state";
import type { AuditData } from "../data";
import { describeFailure } from "../types";
import { bucketsOf, publicAccessBlockOf } from "./buckets";
import { regionConfigOf } from "./config";
import { keysOf } from "./keys";
import { networkOf } from "./network";
import { trailsOf } from "./trails";

export function fromAws(data: AuditData): AccountState {
  const { vpcs, flowLogsByVpc } = networkOf(data);
  const configs = data.regional.flatMap((rd) => {
    const rc = regionConfigOf(rd);
    return rc ? [[rd.region, rc] as const] : [];
  });
  return {
    accountId: data.accountId,
    partition: data.partition,
    now: data.now,
    scope: { regions: data.regions, origin: "account" },
    trails: trailsOf(data),
    trailListingUnknown: new Map(data.trailListingFailures.map((f) => [f.region, describeFailure(f)])),
    buckets: bucketsOf(data),
    accountPublicAccessBlock: fromResult(data.accountPublicAccessBlock, publicAccessBlockOf),
    config: new Map(configs),
    keys: data.regional.flatMap((rd) => (rd.keys?.ok ? keysOf(rd.region, rd.keys.value) : [])),
    keyListingUnknown: new Map(data.regional.flatMap((rd) => (rd.keys && !rd.keys.ok ? [[rd.region, describeFailure(rd.keys.error)] as const] : []))),
    vpcs,
    vpcListingUnknown: new Map(data.regional.flatMap((rd) => (rd.network && !rd.network.ok ? [[rd.region, describeFailure(rd.network.error)] as const] : []))),
    flowLogsByVpc,
    unplacedFlowLogs: new Map(),
  };
}
