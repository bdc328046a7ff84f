import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogTrafficType } from "../config";
import { TELEMETRY_FLOW_LOG_RULE_NAME } from "./naming";
import { RegionPlacement } from "./placement";
import { vpcFlowLogTelemetryRule } from "./telemetryFlowLogs";

export interface OrganizationTelemetryArgs {
  readonly placement: RegionPlacement;
  /** `all`: every region, those enabled later included (AllRegions); else the covered regions. */
  readonly regions: "all" | readonly string[];
  readonly trailName: string;
  readonly trafficType: FlowLogTrafficType;
  readonly retentionInDays: number;
}

/**
 * A flow log for every VPC of every account through CloudWatch's organization telemetry rule
 * (CreateTelemetryRuleForOrganization: "This operation can only be called by the organization's management account or a
 * delegated administrator account", https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_CreateTelemetryRuleForOrganization.html).
 * Its prerequisite is telemetry evaluation for the organization ("Before using this resource, telemetry evaluation for
 * organization must be enabled", @pulumi/aws TelemetryRuleForOrganization), which onboards every member account; the
 * provider documents that destroying it turns the feature off for the organization.
 *
 * The rule's destination settings are those of the single-account telemetry rule (components/telemetryFlowLogs.ts):
 * CloudWatch Logs (the only destination type), the configured traffic type and retention, AllowFieldUpdates. No scope:
 * the rule covers the whole organization. What RegionalTelemetryFlowLogs says of log groups and rule updates applies here.
 *
 * Trusted access for observabilityadmin.amazonaws.com is a documented prerequisite (CloudWatch UG "Setting up telemetry
 * configuration", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/telemetry-config-turn-on.html): the
 * preflight checks it (organizationDiscovery.ts REQUIRED_SERVICE_ACCESS).
 * Not documented consistently: whether a delegated administrator may create the rule, when the provider's page says
 * "This resource can only be used in the organization management account" while the API reference allows a delegated
 * administrator.
 */
export class OrganizationTelemetry extends pulumi.ComponentResource {
  readonly evaluation: aws.observabilityadmin.TelemetryEvaluationForOrganization;
  readonly rule: aws.observabilityadmin.TelemetryRuleForOrganization;

  constructor(name: string, args: OrganizationTelemetryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:organization:OrganizationTelemetry", name, {}, opts);
    const p = args.placement;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: p.provider };
    const where = args.regions === "all" ? { allRegions: true } : { regions: [...args.regions] };
    this.evaluation = new aws.observabilityadmin.TelemetryEvaluationForOrganization(`${name}-evaluation`,
      p.regional<aws.observabilityadmin.TelemetryEvaluationForOrganizationArgs>({ ...where }), child);
    this.rule = new aws.observabilityadmin.TelemetryRuleForOrganization(`${name}-rule`,
      p.regional<aws.observabilityadmin.TelemetryRuleForOrganizationArgs>({
        ruleName: TELEMETRY_FLOW_LOG_RULE_NAME,
        rule: { ...vpcFlowLogTelemetryRule(args), ...where },
      }), { ...child, deleteBeforeReplace: true, dependsOn: [this.evaluation] });
    this.registerOutputs({ telemetryRuleName: this.rule.ruleName });
  }
}
