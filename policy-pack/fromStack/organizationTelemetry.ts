/**
 * The organization telemetry rules of the stack that create VPC flow logs in member accounts (issue 12,
 * aws.observabilityadmin.TelemetryRuleForOrganization: "Creates a telemetry rule that applies across an AWS
 * Organization", CloudWatch Observability Admin API, CreateTelemetryRuleForOrganization,
 * https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_CreateTelemetryRuleForOrganization.html). A rule
 * counts for VPC flow logs when its resourceType is AWS::EC2::VPC, its telemetryType Logs and its telemetrySourceTypes
 * name VPC_FLOW_LOGS (as coverage.ts asks of an account's telemetry rule). Its regions: allRegions ("replicate the rule
 * to every Region in the partition where CloudWatch Observability Admin is available", @pulumi/aws 7.48
 * TelemetryRuleForOrganizationRule), else its `regions`, else the region it is created in.
 * Whether such a rule also creates the flow logs of the management account's own VPCs is not documented: a VPC it
 * covers passes with a note that `npm run audit` checks the flow log itself.
 */
import { Fact, known, unknown } from "../domain/fact";
import type { FlowLogCoverage } from "../domain/state";
import { factOf, plain } from "./known";
import { ORGANIZATION_TYPES } from "./organization";
import type { ResourceIndex } from "./resourceIndex";

export interface OrganizationTelemetry {
  /** The coverage of a region by an organization telemetry rule, or undefined when none covers it. */
  covering(region: string): Fact<FlowLogCoverage> | undefined;
}

export const NO_ORGANIZATION_TELEMETRY: OrganizationTelemetry = { covering: () => undefined };

const MODE = "organizationTelemetryRule";

export function organizationTelemetry(index: ResourceIndex): OrganizationTelemetry {
  let everywhere: string | undefined;
  const byRegion = new Map<string, string>();
  const undecided: string[] = [];
  for (const r of index.ofType(ORGANIZATION_TYPES.telemetryRuleForOrganization)) {
    const rule = factOf(() => plain(r.props.rule) as {
      resourceType?: unknown; telemetryType?: unknown; telemetrySourceTypes?: unknown; allRegions?: unknown; regions?: unknown;
    } | undefined);
    if (rule.kind !== "known") {
      undecided.push(`the organization telemetry rule ${r.name} is not known yet`);
      continue;
    }
    const v = rule.value;
    if (!(v?.resourceType === "AWS::EC2::VPC" && v.telemetryType === "Logs" && Array.isArray(v.telemetrySourceTypes) && v.telemetrySourceTypes.includes("VPC_FLOW_LOGS"))) {
      continue;
    }
    const own = index.regionOf(r);
    const listed = Array.isArray(v.regions) ? v.regions.filter((x): x is string => typeof x === "string") : [];
    if (v.allRegions === true) {
      everywhere ??= r.name;
    } else if (listed.length > 0) {
      for (const region of listed) {
        byRegion.set(region, byRegion.get(region) ?? r.name);
      }
    } else if (own.kind === "known") {
      byRegion.set(own.value, byRegion.get(own.value) ?? r.name);
    } else {
      undecided.push(`the region of the organization telemetry rule ${r.name} is not known`);
    }
  }
  return {
    covering(region) {
      const name = byRegion.get(region) ?? everywhere;
      if (name !== undefined) {
        return known({ mode: MODE, mechanism: `the organization telemetry rule ${name}` });
      }
      return undecided.length > 0 ? unknown(undecided.join("; ")) : undefined;
    },
  };
}
