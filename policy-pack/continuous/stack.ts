/**
 * What the continuous-coverage policies read from a stack (issue 10 item 5): which mode each covered region runs, and
 * the AWS Config rules, remediation configurations and IAM roles the stack declares there. One pass over the stack.
 *
 * A region is covered where the stack runs a recorder (aws.cfg.Recorder) or declares a RegionalFlowLogs component. The
 * mode is what the region's RegionalFlowLogs component declares in its `flowLogsManagedBy` output (components/flowLogs.ts:
 * absent with `continuousCoverage: off`); a covered region without that component (removed by hand) takes the mode the
 * rest of the stack declares, so deleting one region's coverage cannot make the region look exempt.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { ContinuousCoverageMode } from "../coverageFacts";
import { factOf, plain } from "../fromStack/known";
import { ResourceIndex, TYPES } from "../fromStack/resourceIndex";
import type { Fact } from "../domain/fact";

export const CONFIG_RULE = "aws:cfg/rule:Rule";
export const REMEDIATION = "aws:cfg/remediationConfiguration:RemediationConfiguration";
export const ROLE = "aws:iam/role:Role";
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

export type ContinuousMode = Exclude<ContinuousCoverageMode, "off">;
const MODES: readonly string[] = ["telemetryRule", "configRemediation"];

export interface CoveredRegion {
  readonly region: string;
  readonly mode: ContinuousMode;
  /** The resource a finding about the region as a whole is reported on (its RegionalFlowLogs, else its recorder). */
  readonly anchor: PolicyResource;
}

export interface ContinuousStack {
  readonly index: ResourceIndex;
  /** Covered regions in a continuous mode, sorted (empty when the stack runs `continuousCoverage: off`). */
  readonly regions: readonly CoveredRegion[];
  /** Regions whose mode is not known yet (preview), with why. */
  readonly undecided: readonly { region: string; why: string; anchor: PolicyResource }[];
  readonly rulesIn: (region: string) => readonly PolicyResource[];
  readonly remediationsIn: (region: string) => readonly PolicyResource[];
}

function known<T>(fact: Fact<T>): T | undefined {
  return fact.kind === "known" ? fact.value : undefined;
}

export function readContinuousStack(resources: readonly PolicyResource[]): ContinuousStack {
  const index = new ResourceIndex(resources);
  const byRegion = (type: string): Map<string, PolicyResource[]> => {
    const map = new Map<string, PolicyResource[]>();
    for (const r of index.ofType(type)) {
      const region = known(index.regionOf(r));
      if (region !== undefined) {
        map.set(region, [...(map.get(region) ?? []), r]);
      }
    }
    return map;
  };
  const declared = new Map<string, { mode: Fact<unknown>; component: PolicyResource }>();
  for (const c of index.ofType(TYPES.regionalFlowLogs)) {
    const region = known(factOf(() => c.props.region as unknown));
    if (typeof region === "string") {
      declared.set(region, { mode: factOf(() => c.props.flowLogsManagedBy as unknown), component: c });
    }
  }
  const recorders = byRegion(TYPES.recorder);
  const stackModes = [...new Set([...declared.values()].map((d) => known(d.mode)).filter((m): m is ContinuousMode => typeof m === "string" && MODES.includes(m)))];
  const regions: CoveredRegion[] = [];
  const undecided: { region: string; why: string; anchor: PolicyResource }[] = [];
  for (const region of [...new Set([...declared.keys(), ...recorders.keys()])].sort()) {
    const d = declared.get(region);
    const anchor = d?.component ?? (recorders.get(region) as PolicyResource[])[0];
    if (d && d.mode.kind !== "known") {
      undecided.push({ region, why: "which continuous-coverage mode the region runs is not known yet", anchor });
      continue;
    }
    const own = d ? known(d.mode) : undefined;
    const mode = typeof own === "string" && MODES.includes(own) ? own as ContinuousMode : d ? undefined : stackModes[0];
    if (mode !== undefined) {
      regions.push({ region, mode, anchor });
    }
  }
  const rules = byRegion(CONFIG_RULE);
  const remediations = byRegion(REMEDIATION);
  return {
    index,
    regions,
    undecided,
    rulesIn: (region) => rules.get(region) ?? [],
    remediationsIn: (region) => remediations.get(region) ?? [],
  };
}

/** A rule's AWS source (owner and identifier), when known. */
export function ruleSource(rule: PolicyResource): Fact<{ owner?: unknown; sourceIdentifier?: unknown } | undefined> {
  return factOf(() => plain(rule.props.source) as { owner?: unknown; sourceIdentifier?: unknown } | undefined);
}

/** The AWS managed rules of a region with this identifier (owner AWS; a custom rule of the same name does not count). */
export function managedRulesWithIdentifier(stack: ContinuousStack, region: string, identifier: string): PolicyResource[] {
  return stack.rulesIn(region).filter((r) => {
    const source = known(ruleSource(r));
    return source?.owner === "AWS" && source.sourceIdentifier === identifier;
  });
}

/** The remediation configurations of a region attached to one of `rules` (by the engine's dependency, else by name). */
export function remediationsOf(stack: ContinuousStack, region: string, rules: readonly PolicyResource[]): PolicyResource[] {
  const urns = new Set(rules.map((r) => r.urn));
  const names = new Set(rules.map((r) => known(factOf(() => r.props.name as unknown))).filter((n): n is string => typeof n === "string"));
  return stack.remediationsIn(region).filter((m) => {
    if ((m.propertyDependencies.configRuleName ?? []).some((d) => urns.has(d.urn))) {
      return true;
    }
    const name = known(factOf(() => m.props.configRuleName as unknown));
    return typeof name === "string" && names.has(name);
  });
}

/** `describe(r)`: `<type> "<name>"`, as every diagnostic of the pack opens. */
export function describe(r: PolicyResource): string {
  return `${r.type} "${r.name}"`;
}
