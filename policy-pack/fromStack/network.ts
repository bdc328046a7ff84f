/**
 * VPCs and their flow logs. The stack's own aws.ec2.Vpc/DefaultVpc resources, plus the VPCs each
 * `cis-logging:network:RegionalFlowLogs` component found with getVpcs and published as outputs
 * {region, discoveredVpcIds, sharedVpcIds}: the discovered ones are no resources of the stack (read resources never
 * reach a stack policy, pulumi.md §2.4), so the outputs are the only way the pack sees them. sharedVpcIds are VPCs
 * another account shares in through AWS RAM: "Participants cannot create, delete, or describe flow logs for a shared
 * VPC subnet" (VPC UG, vpc-share-limitations), so they are the owner's (not judged here). getVpcs answers ids, not
 * owners, so a shared VPC's owner is "another account".
 * A flow log belongs to a VPC through the engine's property dependency of `vpcId` or through its value in its own
 * region; a flow log whose VPC is unknown (preview, no dependency) is "unplaced" for its region.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Fact, known, notVisible, unknown } from "../domain/fact";
import type { FlowLog, Vpc } from "../domain/state";
import { factOf, plain, referenceFact, summarize, whyNotKnown } from "./known";
import { ResourceIndex, TYPES, shortName } from "./resourceIndex";
import { Subject, subjectOf } from "./subject";

/** The owner recorded for a VPC shared into the account: RegionalFlowLogs publishes which VPCs, not by whom. */
export const SHARED_OWNER = "another account";
const RUNTIME = "runtime state: npm run audit reads it";

export interface Network {
  readonly vpcs: Vpc[];
  readonly flowLogsByVpc: Map<string, FlowLog[]>;
  readonly unplacedFlowLogs: Map<string, string>;
  readonly subjects: Map<string, Subject>;
}

/** A created VPC's id: its `id` output, else the tail of its ARN (…:vpc/vpc-123); unknown while it is being created. */
function vpcIdOf(vpc: PolicyResource): Fact<string> {
  for (const key of ["id", "arn"]) {
    const value = factOf(() => vpc.props[key] as unknown);
    if (value.kind === "unknown") {
      return value;
    }
    if (value.kind === "known" && typeof value.value === "string" && value.value.length > 0) {
      return known(key === "id" ? value.value : value.value.split("/").pop() ?? value.value);
    }
  }
  return notVisible("the VPC's outputs carry no id");
}

/** A list-of-ids output: sorted and deduplicated; null when it is not a list of ids; `whenAbsent` when not published. */
function idList(component: PolicyResource, key: string, whenAbsent: string[] | null): Fact<string[] | null> {
  return factOf(() => {
    const raw = plain(component.props[key]);
    if (raw === undefined || raw === null) {
      return whenAbsent;
    }
    return Array.isArray(raw) && raw.every((v) => typeof v === "string" && v.length > 0) ? [...new Set(raw as string[])].sort() : null;
  });
}

export function network(index: ResourceIndex, accountId: string, scopeRegions: readonly string[]): Network {
  const vpcs: Vpc[] = [];
  const byKey = new Map<string, Vpc>();
  const keyByUrn = new Map<string, string>();
  const subjects = new Map<string, Subject>();
  const add = (vpc: Vpc, subject: Subject) => {
    if (!byKey.has(vpc.key)) {
      byKey.set(vpc.key, vpc);
      vpcs.push(vpc);
      subjects.set(vpc.ref, subject);
    }
  };

  for (const r of index.ofType(TYPES.vpc)) {
    const id = vpcIdOf(r);
    const region = index.regionOf(r);
    const key = id.kind === "known" && region.kind === "known" ? `${region.value}/${id.value}` : r.urn;
    keyByUrn.set(r.urn, key);
    // Created by the stack in its own account.
    add(
      { key, ref: r.urn, id, region, ownerAccount: known(accountId), isDefault: known(r.type === "aws:ec2/defaultVpc:DefaultVpc") },
      subjectOf(r, undefined, id.kind === "known" ? [id.value] : []),
    );
  }

  for (const c of index.ofType(TYPES.regionalFlowLogs)) {
    const region = factOf(() => c.props.region as unknown);
    const discovered = idList(c, "discoveredVpcIds", null);
    // A component written before sharedVpcIds existed publishes none: it knows no shared VPC.
    const shared = idList(c, "sharedVpcIds", []);
    const where = region.kind === "known" && typeof region.value === "string" ? region.value : undefined;
    const placeholder = (owner: Fact<string>) => add(
      { key: `${c.urn}#discovered`, ref: `${c.urn}#discovered`, id: owner, region: where ? known(where) : notVisible("unknown"), ownerAccount: owner, isDefault: notVisible(RUNTIME) },
      subjectOf(c, `the VPCs the program discovered in ${where ?? "its region"}`),
    );
    const pending = [region, discovered, shared].find((f) => f.kind === "unknown");
    if (pending) {
      placeholder(unknown(whyNotKnown(pending)));
      continue;
    }
    const missing = !where ? "region" : discovered.kind !== "known" || discovered.value === null ? "discoveredVpcIds" : undefined;
    if (missing || shared.kind !== "known" || shared.value === null) {
      placeholder(notVisible(missing ? `it publishes no ${missing} output; npm run audit checks its VPCs` : "its sharedVpcIds output is not a list of VPC ids; npm run audit checks its VPCs"));
      continue;
    }
    const sharedIds = new Set(shared.value);
    const ids = [...(discovered.kind === "known" ? discovered.value ?? [] : []), ...sharedIds];
    for (const vpcId of new Set(ids)) {
      // A VPC listed as both is judged as shared: requiring a flow log would ask for what AWS refuses.
      const owner = sharedIds.has(vpcId) ? SHARED_OWNER : accountId;
      add(
        { key: `${where}/${vpcId}`, ref: `${c.urn}#${vpcId}`, id: known(vpcId), region: known(where as string), ownerAccount: known(owner), isDefault: notVisible(RUNTIME) },
        subjectOf(c, `VPC ${vpcId} in ${where}`, [vpcId]),
      );
    }
  }

  const flowLogs = index.ofType(TYPES.flowLog);
  const nameCount = new Map<string, number>();
  for (const f of flowLogs) {
    nameCount.set(f.name, (nameCount.get(f.name) ?? 0) + 1);
  }
  const flowLogsByVpc = new Map<string, FlowLog[]>();
  const unplaced = new Map<string, string[]>();
  const anywhere: string[] = [];
  const vpcUrns = new Set(keyByUrn.keys());
  for (const f of flowLogs) {
    // The name reads well in a problem ("flow log app-vpc-flow-log has no destination"); the URN when names repeat.
    const ref = nameCount.get(f.name) === 1 ? f.name : f.urn;
    subjects.set(ref, subjectOf(f));
    const region = index.regionOf(f);
    const link = index.linkOf(f, "vpcId", (r) => vpcUrns.has(r.urn), new Map());
    let key: string | undefined;
    if (link.kind === "resource") {
      key = keyByUrn.get(link.target.urn);
    } else if (link.kind === "value") {
      if (region.kind === "known") {
        key = `${region.value}/${link.value}`;
      } else {
        anywhere.push(`the region of ${shortName(f)}: ${whyNotKnown(region)}`);
      }
    } else if (link.kind === "unknown") {
      const why = `which VPC ${shortName(f)} is on: ${link.why}`;
      if (region.kind === "known") {
        const list = unplaced.get(region.value);
        if (list) {
          list.push(why);
        } else {
          unplaced.set(region.value, [why]);
        }
      } else {
        anywhere.push(why);
      }
    }
    // "none" (a subnet, ENI or transit gateway flow log) is no VPC-level flow log; "computed" is on a VPC that is
    // not a resource of the stack and, being created by this update, cannot be a discovered one either.
    if (key !== undefined) {
      const list = flowLogsByVpc.get(key);
      const flowLog = flowLogOf(f, ref);
      if (list) {
        list.push(flowLog);
      } else {
        flowLogsByVpc.set(key, [flowLog]);
      }
    }
  }
  // A flow log of unknown region may be in any region: its reason goes to every region of a VPC or of the scope.
  const regions = anywhere.length > 0 ? new Set([...scopeRegions, ...vpcs.flatMap((v) => (v.region.kind === "known" ? [v.region.value] : [])), ...unplaced.keys()]) : unplaced.keys();
  const anywhereWhy = anywhere.length > 0 ? summarize(anywhere) : undefined;
  const unplacedFlowLogs = new Map<string, string>();
  for (const region of regions) {
    const own = unplaced.get(region);
    unplacedFlowLogs.set(region, [own ? summarize(own) : undefined, anywhereWhy].filter((w): w is string => w !== undefined).join("; "));
  }
  return { vpcs, flowLogsByVpc, unplacedFlowLogs, subjects };
}

function flowLogOf(f: PolicyResource, ref: string): FlowLog {
  const sources = (key: string) => (f.propertyDependencies[key] ?? []).map((d) => d.urn);
  const traffic = factOf(() => (typeof f.props.trafficType === "string" && f.props.trafficType.length > 0 ? f.props.trafficType : "no"));
  const destinationType = factOf(() => (typeof f.props.logDestinationType === "string" ? f.props.logDestinationType : "cloud-watch-logs"));
  return {
    ref,
    trafficType: traffic,
    destinationType,
    destination: referenceFact(f.props, "logDestination", sources("logDestination")),
    roleArn: referenceFact(f.props, "iamRoleArn", sources("iamRoleArn")),
    active: notVisible(RUNTIME),
    deliveryFailed: notVisible(RUNTIME),
  };
}
