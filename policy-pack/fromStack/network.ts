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
import { Fact, known, mapFact, notVisible, unknown } from "../domain/fact";
import type { FlowLog, Vpc } from "../domain/state";
import { propFact, referenceFact, summarize, whyNotKnown } from "./known";
import { ResourceIndex, TYPES, shortName } from "./resourceIndex";
import { Subject, subjectOf } from "./subject";

/** The owner recorded for a VPC shared into the account: RegionalFlowLogs publishes which VPCs, not by whom. */
export const SHARED_OWNER = "another account";
const RUNTIME = "runtime state: npm run audit reads it";
// Facts are immutable: the ones every VPC or flow log of a stack shares are made once, not once per resource.
const RUNTIME_STATE = notVisible<never>(RUNTIME);
const NOT_DEFAULT = known(false);
const DEFAULT = known(true);
const NO_IDENTITIES: ReadonlyMap<string, PolicyResource> = new Map();

export interface Network {
  readonly vpcs: Vpc[];
  readonly flowLogsByVpc: Map<string, FlowLog[]>;
  readonly unplacedFlowLogs: Map<string, string>;
  readonly subjects: { get(ref: string): Subject | undefined };
}

/** A created VPC's id: its `id` output, else the tail of its ARN (…:vpc/vpc-123); unknown while it is being created. */
function vpcIdOf(vpc: PolicyResource): Fact<string> {
  for (const key of ["id", "arn"]) {
    const value = propFact(vpc.props, key);
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
  return mapFact(propFact(component.props, key), (raw) => {
    if (raw === undefined || raw === null) {
      return whenAbsent;
    }
    return Array.isArray(raw) && raw.every((v) => typeof v === "string" && v.length > 0) ? [...new Set(raw as string[])].sort() : null;
  });
}

export function network(index: ResourceIndex, accountId: string, scopeRegions: readonly string[]): Network {
  const vpcs: Vpc[] = [];
  const byKey = new Map<string, Vpc>();
  // By the resource object, which the engine's property dependencies point to: no URN to hash.
  const keyOfVpc = new Map<PolicyResource, string>();
  const subjects = new Map<string, Subject>();
  const add = (vpc: Vpc, subject: Subject) => {
    if (!byKey.has(vpc.key)) {
      byKey.set(vpc.key, vpc);
      vpcs.push(vpc);
      subjects.set(vpc.ref, subject);
    }
  };

  const thisAccount = known(accountId);
  const sharedIn = known(SHARED_OWNER);
  for (const r of index.ofType(TYPES.vpc)) {
    const id = vpcIdOf(r);
    const region = index.regionOf(r);
    const key = id.kind === "known" && region.kind === "known" ? `${region.value}/${id.value}` : r.urn;
    keyOfVpc.set(r, key);
    // Created by the stack in its own account.
    add({ key, ref: r.urn, id, region, ownerAccount: thisAccount, isDefault: r.type === "aws:ec2/defaultVpc:DefaultVpc" ? DEFAULT : NOT_DEFAULT },
      subjectOf(r, undefined, id.kind === "known" ? [id.value] : []));
  }

  for (const c of index.ofType(TYPES.regionalFlowLogs)) {
    const region = propFact(c.props, "region");
    const discovered = idList(c, "discoveredVpcIds", null);
    // A component written before sharedVpcIds existed publishes none: it knows no shared VPC.
    const shared = idList(c, "sharedVpcIds", []);
    const where = region.kind === "known" && typeof region.value === "string" ? region.value : undefined;
    const placeholder = (owner: Fact<string>) => add(
      { key: `${c.urn}#discovered`, ref: `${c.urn}#discovered`, id: owner, region: where ? known(where) : notVisible("unknown"), ownerAccount: owner, isDefault: RUNTIME_STATE },
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
    const inRegion = known(where as string);
    for (const vpcId of new Set(ids)) {
      // A VPC listed as both is judged as shared: requiring a flow log would ask for what AWS refuses.
      add(
        { key: `${where}/${vpcId}`, ref: `${c.urn}#${vpcId}`, id: known(vpcId), region: inRegion, ownerAccount: sharedIds.has(vpcId) ? sharedIn : thisAccount, isDefault: RUNTIME_STATE },
        subjectOf(c, `VPC ${vpcId} in ${where}`, [vpcId]),
      );
    }
  }

  const flowLogs = index.ofType(TYPES.flowLog);
  // A flow log's ref is its name, which reads well in a problem ("flow log app-vpc-flow-log has no destination"), or
  // its URN when several share the name. These maps are also its subject: only a finding on a flow log asks for one.
  const byName = new Map<string, PolicyResource | "repeated">();
  for (const f of flowLogs) {
    byName.set(f.name, byName.has(f.name) ? "repeated" : f);
  }
  const byUrn = new Map<string, PolicyResource>();
  const flowLogsByVpc = new Map<string, FlowLog[]>();
  const unplaced = new Map<string, string[]>();
  const anywhere: string[] = [];
  const isVpc = (r: PolicyResource) => keyOfVpc.has(r);
  for (const f of flowLogs) {
    const ref = byName.get(f.name) === "repeated" ? f.urn : f.name;
    if (ref === f.urn) {
      byUrn.set(ref, f);
    }
    const link = index.linkOf(f, "vpcId", isVpc, NO_IDENTITIES);
    let key: string | undefined;
    if (link.kind === "resource") {
      // On a VPC of the stack, hence in its region: the flow log's own region is only read when the link needs it.
      key = keyOfVpc.get(link.target);
    } else if (link.kind === "value") {
      const region = index.regionOf(f);
      if (region.kind === "known") {
        key = `${region.value}/${link.value}`;
      } else {
        anywhere.push(`the region of ${shortName(f)}: ${whyNotKnown(region)}`);
      }
    } else if (link.kind === "unknown") {
      const why = `which VPC ${shortName(f)} is on: ${link.why}`;
      const region = index.regionOf(f);
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
  const flowLogSubject = (ref: string): Subject | undefined => {
    const named = byName.get(ref);
    const f = named !== undefined && named !== "repeated" ? named : byUrn.get(ref);
    return f ? subjectOf(f) : undefined;
  };
  return { vpcs, flowLogsByVpc, unplacedFlowLogs, subjects: { get: (ref) => subjects.get(ref) ?? flowLogSubject(ref) } };
}

function flowLogOf(f: PolicyResource, ref: string): FlowLog {
  const sources = (key: string) => (f.propertyDependencies[key] ?? []).map((d) => d.urn);
  const traffic = mapFact(propFact(f.props, "trafficType"), (t) => (typeof t === "string" && t.length > 0 ? t : "no"));
  const destinationType = mapFact(propFact(f.props, "logDestinationType"), (t) => (typeof t === "string" ? t : "cloud-watch-logs"));
  return {
    ref,
    trafficType: traffic,
    destinationType,
    destination: referenceFact(f.props, "logDestination", sources("logDestination")),
    roleArn: referenceFact(f.props, "iamRoleArn", sources("iamRoleArn")),
    active: RUNTIME_STATE,
    deliveryFailed: RUNTIME_STATE,
  };
}
