/**
 * Organization mode (issue 12) from the stack: what declares it (an organization trail; a service-managed StackSet
 * whose template creates an AWS::Config::ConfigurationRecorder), the StackSets with their instances, and the
 * organization aggregators. One pass per type, instances linked to their StackSet by `stackSetName` through
 * ResourceIndex.linkOf (the engine's property dependencies first, then the StackSet's name).
 * Provider defaults (@pulumi/aws 7.48 StackSetArgs, StackSetInstanceArgs): permissionModel SELF_MANAGED; an instance's
 * region is stackSetInstanceRegion (the deprecated `region` input is the same thing), else its provider's ("Defaults
 * to current region"). A StackSet whose template lives at templateUrl cannot be read by a policy and is not counted.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Fact, known, unknown } from "../domain/fact";
import type { ConfigStackSet, OrganizationAggregator, OrganizationState, StackSetInstance } from "../domain/state";
import { factOf, flagFact, plain } from "./known";
import { ResourceIndex, identityMap, shortName } from "./resourceIndex";
import { Subject, subjectOf } from "./subject";

export const ORGANIZATION_TYPES = {
  stackSet: "aws:cloudformation/stackSet:StackSet",
  stackSetInstance: "aws:cloudformation/stackSetInstance:StackSetInstance",
  aggregator: "aws:cfg/configurationAggregator:ConfigurationAggregator",
  telemetryRuleForOrganization: "aws:observabilityadmin/telemetryRuleForOrganization:TelemetryRuleForOrganization",
} as const;

const RECORDER = "AWS::Config::ConfigurationRecorder";
const CHANNEL = "AWS::Config::DeliveryChannel";

/** The resource types a CloudFormation template declares: JSON (Resources.*.Type), else YAML `Type:` lines. */
export function templateTypes(body: string): Set<string> {
  try {
    const parsed = JSON.parse(body) as { Resources?: Record<string, { Type?: unknown }> };
    return new Set(Object.values(parsed.Resources ?? {}).map((r) => r.Type).filter((t): t is string => typeof t === "string"));
  } catch {
    return new Set([...body.matchAll(/^\s*Type:\s*["']?(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)["']?\s*$/gm)].map((m) => m[1]));
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.length > 0) : []);

function stringProp(r: PolicyResource, key: string): Fact<string | null> {
  return factOf(() => {
    const value = r.props[key] as unknown;
    return typeof value === "string" && value.length > 0 ? value : null;
  });
}

function instanceOf(r: PolicyResource): StackSetInstance {
  const own = stringProp(r, "stackSetInstanceRegion");
  const alias = stringProp(r, "region");
  const provider = factOf(() => r.provider?.props.region as unknown);
  let region: Fact<string>;
  if (own.kind === "known" && own.value !== null) {
    region = known(own.value);
  } else if (alias.kind === "known" && alias.value !== null) {
    region = known(alias.value);
  } else if (own.kind === "unknown") {
    region = unknown(own.why);
  } else if (provider.kind === "known" && typeof provider.value === "string" && provider.value.length > 0) {
    region = known(provider.value);
  } else {
    region = unknown("the instance names no stackSetInstanceRegion and its provider's region is not visible to a policy");
  }
  const targets = factOf(() => plain(r.props.deploymentTargets) as { organizationalUnitIds?: unknown } | undefined | null);
  return {
    ref: r.urn,
    label: shortName(r),
    region,
    organizationalUnits: targets.kind === "known" ? known(strings(targets.value?.organizationalUnitIds)) : targets,
  };
}

function aggregatorOf(r: PolicyResource): OrganizationAggregator {
  const source = factOf(() => plain(r.props.organizationAggregationSource) as { allRegions?: unknown; regions?: unknown } | undefined | null);
  const name = factOf(() => r.props.name as unknown);
  return {
    ref: r.urn,
    name: name.kind === "known" && typeof name.value === "string" && name.value.length > 0 ? name.value : r.name,
    source: source.kind === "known"
      ? known(source.value ? { allRegions: source.value.allRegions === true, regions: strings(source.value.regions) } : null)
      : source,
  };
}

/**
 * The organization state. `trails` are the stack's trail resources: only their isOrganizationTrail and name are read
 * (the rest of the trail mapping, and its bucket links, stay unbuilt for a policy that does not judge trails).
 */
export function organizationOf(index: ResourceIndex, trails: readonly PolicyResource[]): { organization: OrganizationState; subjects: Map<string, Subject> } {
  const subjects = new Map<string, Subject>();
  const undecided: string[] = [];
  const candidates: { resource: PolicyResource; createsChannel: boolean }[] = [];
  for (const r of index.ofType(ORGANIZATION_TYPES.stackSet)) {
    const model = factOf(() => r.props.permissionModel as unknown);
    const body = stringProp(r, "templateBody");
    if (model.kind === "known" && model.value !== "SERVICE_MANAGED") {
      continue;
    }
    if (model.kind !== "known" || body.kind !== "known") {
      undecided.push(`whether ${shortName(r)} is a service-managed StackSet of AWS Config recorders is not known yet`);
      continue;
    }
    const types = body.value === null ? new Set<string>() : templateTypes(body.value);
    if (types.has(RECORDER)) {
      candidates.push({ resource: r, createsChannel: types.has(CHANNEL) });
    }
  }
  const byStackSet = new Map<string, StackSetInstance[]>(candidates.map((c) => [c.resource.urn, []]));
  const unlinked: string[] = [];
  const isCandidate = (r: PolicyResource) => byStackSet.has(r.urn);
  const names = identityMap(candidates.map((c) => c.resource), ["name", "id"]);
  for (const r of index.ofType(ORGANIZATION_TYPES.stackSetInstance)) {
    const link = index.linkOf(r, "stackSetName", isCandidate, names);
    if (link.kind === "resource" && isCandidate(link.target)) {
      byStackSet.get(link.target.urn)?.push(instanceOf(r));
    } else if (link.kind === "unknown") {
      unlinked.push(`which StackSet ${shortName(r)} belongs to: ${link.why}`);
    }
  }
  const configStackSets: ConfigStackSet[] = candidates.map(({ resource, createsChannel }) => {
    subjects.set(resource.urn, subjectOf(resource));
    const auto = factOf(() => plain(resource.props.autoDeployment) as { enabled?: unknown } | undefined | null);
    const name = factOf(() => resource.props.name as unknown);
    const callAs = factOf(() => resource.props.callAs as unknown);
    return {
      ref: resource.urn,
      name: name.kind === "known" && typeof name.value === "string" && name.value.length > 0 ? name.value : resource.name,
      createsChannel,
      autoDeployment: auto.kind === "known" ? known(auto.value?.enabled === true) : auto,
      callAs: callAs.kind === "known" ? known(typeof callAs.value === "string" && callAs.value.length > 0 ? callAs.value : "SELF") : callAs,
      instances: byStackSet.get(resource.urn) ?? [],
      ...(unlinked.length > 0 ? { unlinkedInstances: unlinked.join("; ") } : {}),
    };
  });
  const aggregators = index.ofType(ORGANIZATION_TYPES.aggregator).map((r) => {
    subjects.set(r.urn, subjectOf(r));
    return aggregatorOf(r);
  });
  const flags = trails.map((t) => {
    const name = factOf(() => t.props.name as unknown);
    return { name: name.kind === "known" && typeof name.value === "string" && name.value.length > 0 ? name.value : t.name, organization: flagFact(t.props, "isOrganizationTrail", false) };
  });
  const evidence = [
    ...flags.filter((t) => t.organization.kind === "known" && t.organization.value).map((t) => `the organization trail ${t.name}`),
    ...configStackSets.map((s) => `the service-managed StackSet ${s.name} of AWS Config recorders`),
  ];
  const pendingTrails = flags.filter((t) => t.organization.kind !== "known").map((t) => `whether ${t.name} is an organization trail`);
  const pending = [...pendingTrails, ...undecided];
  return {
    organization: {
      evidence: evidence.length === 0 && pending.length > 0 ? unknown(pending.join("; ")) : known(evidence),
      configStackSets,
      undecidedStackSets: undecided,
      aggregators,
    },
    subjects,
  };
}
