/**
 * Where the stack leaves VPC flow logs to an AWS mechanism (issue 10, continuousCoverage): each RegionalFlowLogs
 * component whose `flowLogsManagedBy` output names a mode, and whether the stack has that mode's resources in the
 * component's region:
 * - telemetryRule: an aws.observabilityadmin.TelemetryRule for AWS::EC2::VPC, telemetry type Logs, source VPC_FLOW_LOGS
 *   (CloudWatch API TelemetryRule, https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_TelemetryRule.html);
 * - configRemediation: the managed rule VPC_FLOW_LOGS_ENABLED and an automatic RemediationConfiguration of that rule
 *   (AWS Config DG "Remediating Noncompliant Resources", https://docs.aws.amazon.com/config/latest/developerguide/remediation.html).
 * One pass over the stack's rules and remediations, then a lookup per component.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Fact, known, unknown } from "../domain/fact";
import type { FlowLogCoverage, OrganizationState } from "../domain/state";
import { factOf, plain } from "./known";
import { NO_ORGANIZATION_TELEMETRY, OrganizationTelemetry, organizationTelemetry } from "./organizationTelemetry";
import { ResourceIndex, TYPES } from "./resourceIndex";

const TELEMETRY_RULE = "aws:observabilityadmin/telemetryRule:TelemetryRule";
const CONFIG_RULE = "aws:cfg/rule:Rule";
const REMEDIATION = "aws:cfg/remediationConfiguration:RemediationConfiguration";
const MODES = ["telemetryRule", "configRemediation", "organizationTelemetryRule"];

interface RegionMechanisms {
  telemetryRules: string[];
  flowLogRules: Map<string /* rule name or URN */, string>;
  automaticRemediations: { ruleName: Fact<unknown>; sources: readonly string[] }[];
  undecided: string[];
}

function regionOf(index: ResourceIndex, r: PolicyResource): string | undefined {
  const region = index.regionOf(r);
  return region.kind === "known" ? region.value : undefined;
}

function mechanismsByRegion(index: ResourceIndex): Map<string, RegionMechanisms> {
  const byRegion = new Map<string, RegionMechanisms>();
  const at = (region: string) => {
    let m = byRegion.get(region);
    if (!m) {
      m = { telemetryRules: [], flowLogRules: new Map(), automaticRemediations: [], undecided: [] };
      byRegion.set(region, m);
    }
    return m;
  };
  for (const r of index.ofType(TELEMETRY_RULE)) {
    const region = regionOf(index, r);
    const rule = factOf(() => plain(r.props.rule) as { resourceType?: unknown; telemetryType?: unknown; telemetrySourceTypes?: unknown } | undefined);
    if (region === undefined) {
      continue;
    }
    if (rule.kind !== "known") {
      at(region).undecided.push(`the telemetry rule ${r.name} is not known yet`);
    } else if (rule.value?.resourceType === "AWS::EC2::VPC" && rule.value.telemetryType === "Logs" &&
      Array.isArray(rule.value.telemetrySourceTypes) && rule.value.telemetrySourceTypes.includes("VPC_FLOW_LOGS")) {
      at(region).telemetryRules.push(r.name);
    }
  }
  for (const r of index.ofType(CONFIG_RULE)) {
    const region = regionOf(index, r);
    const source = factOf(() => plain(r.props.source) as { owner?: unknown; sourceIdentifier?: unknown } | undefined);
    if (region === undefined || source.kind !== "known" || source.value?.sourceIdentifier !== "VPC_FLOW_LOGS_ENABLED") {
      continue;
    }
    const name = factOf(() => r.props.name as unknown);
    at(region).flowLogRules.set(r.urn, r.name);
    if (name.kind === "known" && typeof name.value === "string") {
      at(region).flowLogRules.set(name.value, r.name);
    }
  }
  for (const r of index.ofType(REMEDIATION)) {
    const region = regionOf(index, r);
    const automatic = factOf(() => r.props.automatic as unknown);
    if (region === undefined || automatic.kind !== "known" || automatic.value !== true) {
      continue;
    }
    at(region).automaticRemediations.push({
      ruleName: factOf(() => r.props.configRuleName as unknown),
      sources: (r.propertyDependencies.configRuleName ?? []).map((d) => d.urn),
    });
  }
  return byRegion;
}

function coverageOf(mode: string, m: RegionMechanisms | undefined, region: string, org: OrganizationTelemetry): Fact<FlowLogCoverage> {
  if (mode === "telemetryRule" || mode === "organizationTelemetryRule") {
    if (m && m.telemetryRules.length > 0 && mode === "telemetryRule") {
      return known({ mode, mechanism: `the telemetry rule ${m.telemetryRules[0]}` });
    }
    const byOrganization = org.covering(region);
    if (byOrganization !== undefined) {
      return byOrganization;
    }
    return m && m.undecided.length > 0 ? unknown(m.undecided.join("; "))
      : known({ mode, mechanism: null, missing: `the stack has no ${mode === "telemetryRule" ? "" : "organization "}telemetry rule for VPC flow logs in ${region}` });
  }
  const rules = m?.flowLogRules ?? new Map<string, string>();
  if (rules.size === 0) {
    return known({ mode, mechanism: null, missing: `the stack has no AWS Config rule vpc-flow-logs-enabled in ${region}` });
  }
  const remediated = (m?.automaticRemediations ?? []).find((a) =>
    a.sources.some((u) => rules.has(u)) || (a.ruleName.kind === "known" && typeof a.ruleName.value === "string" && rules.has(a.ruleName.value)));
  return remediated
    ? known({ mode, mechanism: `the AWS Config rule ${[...rules.values()][0]} with automatic remediation` })
    : known({ mode, mechanism: null, missing: `the AWS Config rule vpc-flow-logs-enabled in ${region} has no automatic remediation` });
}

/**
 * Per region of a RegionalFlowLogs component that declares flowLogsManagedBy: the mechanism, or what is missing. In
 * organization mode also every region of the stack that an organization telemetry rule for VPC flow logs covers
 * (organizationTelemetry.ts), whatever the components declare.
 */
export function flowLogCoverage(index: ResourceIndex, regions: readonly string[] = [], organization?: OrganizationState): Map<string, Fact<FlowLogCoverage>> {
  const coverage = new Map<string, Fact<FlowLogCoverage>>();
  const inOrganization = organization?.evidence.kind === "known" && organization.evidence.value.length > 0;
  const org = inOrganization ? organizationTelemetry(index) : NO_ORGANIZATION_TELEMETRY;
  for (const region of regions) {
    const byOrganization = org.covering(region);
    if (byOrganization !== undefined) {
      coverage.set(region, byOrganization);
    }
  }
  const components = index.ofType(TYPES.regionalFlowLogs);
  const declared = components.map((c) => ({ region: factOf(() => c.props.region as unknown), mode: factOf(() => c.props.flowLogsManagedBy as unknown) }))
    .filter((d) => d.mode.kind !== "known" || d.mode.value !== undefined);
  if (declared.length === 0) {
    return coverage;
  }
  const mechanisms = mechanismsByRegion(index);
  for (const d of declared) {
    if (d.region.kind !== "known" || typeof d.region.value !== "string") {
      continue;
    }
    const region = d.region.value;
    if (d.mode.kind !== "known") {
      coverage.set(region, unknown("which mechanism creates the flow logs is not known yet"));
    } else if (typeof d.mode.value === "string" && MODES.includes(d.mode.value)) {
      const judged = coverageOf(d.mode.value, mechanisms.get(region), region, org);
      // An organization telemetry rule that covers the region already decided it; a component's own mode only adds.
      if (!(coverage.get(region)?.kind === "known" && judged.kind === "known" && judged.value.mechanism === null)) {
        coverage.set(region, judged);
      }
    }
  }
  return coverage;
}
