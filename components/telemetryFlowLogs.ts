import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogTrafficType } from "../config";
import { TELEMETRY_FLOW_LOG_RULE_NAME, telemetryFlowLogGroupPattern } from "./naming";
import { RegionPlacement } from "./placement";

export interface RegionalTelemetryFlowLogsArgs {
  readonly placement: RegionPlacement;
  /** The trail name: it names the log groups the rule creates (naming.ts telemetryFlowLogGroupPattern). */
  readonly trailName: string;
  readonly trafficType: FlowLogTrafficType;
  /** Retention of the log groups the rule creates (config flowLogs.retentionInDays). */
  readonly retentionInDays: number;
}

/**
 * The rule body both telemetry rules share (this account's per region, and the organization's,
 * components/organizationTelemetry.ts): resource type AWS::EC2::VPC, telemetry type Logs, source VPC_FLOW_LOGS,
 * CloudWatch Logs with the configured traffic type and retention, AllowFieldUpdates.
 */
export function vpcFlowLogTelemetryRule(args: Pick<RegionalTelemetryFlowLogsArgs, "trailName" | "trafficType" | "retentionInDays">) {
  return {
    resourceType: "AWS::EC2::VPC",
    telemetryType: "Logs",
    telemetrySourceTypes: ["VPC_FLOW_LOGS"],
    allowFieldUpdates: true,
    destinationConfiguration: {
      // TelemetryDestinationConfiguration DestinationType "Valid Values: cloud-watch-logs".
      destinationType: "cloud-watch-logs",
      destinationPattern: telemetryFlowLogGroupPattern(args.trailName),
      retentionInDays: args.retentionInDays,
      // No LogFormat and no MaxAggregationInterval: the defaults, as the program's own flow logs use.
      vpcFlowLogParameters: { trafficType: args.trafficType },
    },
  } satisfies aws.types.input.observabilityadmin.TelemetryRuleRule & aws.types.input.observabilityadmin.TelemetryRuleForOrganizationRule;
}

/**
 * VPC flow logs for every VPC of a region through a CloudWatch telemetry rule (continuousCoverage telemetryRule,
 * issue 10 item 1): the telemetry evaluation that onboards the account in the region, and one rule for resource type
 * AWS::EC2::VPC, telemetry type Logs, source VPC_FLOW_LOGS, delivering to CloudWatch Logs with the configured traffic
 * type and retention (CloudWatch API TelemetryRule and TelemetryDestinationConfiguration,
 * https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_TelemetryRule.html; CloudWatch UG "Telemetry
 * enablement rules", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/telemetry-config-rules.html).
 *
 * - One rule per region, without AllRegions or Regions: the rule stays in the region it is created in, like the rest of
 *   the baseline, and a region the stack stops covering loses its rule on the next `pulumi up`.
 * - AllowFieldUpdates: "detects and remediates configuration drift in telemetry resources that it manages ... if a VPC
 *   flow log's format, traffic type, or aggregation interval no longer matches the rule's destination configuration, the
 *   flow log is replaced with one that matches. Only Observability Admin-managed resources are updated; customer-created
 *   resources are never modified" (API_TelemetryRule).
 * - "Only one telemetry evaluation can exist per account per region. Creating this resource enables the feature;
 *   destroying it disables the feature" (@pulumi/aws aws.observabilityadmin.TelemetryEvaluation): `pulumi destroy` turns
 *   telemetry evaluation off in every covered region. In an account whose organization manages telemetry evaluation the
 *   resource must not be used (same page): use configRemediation there.
 * - "If you update an enablement rule, only new resources that match the rule adopt the updated configuration. The
 *   existing telemetry settings remain unchanged for existing resources" (CloudWatch UG): a change of traffic type or
 *   retention reaches VPCs created afterwards only.
 * - The log groups the rule creates are the rule's, not the stack's: AWS does not document whether deleting the rule
 *   removes them or the flow logs it made. @pulumi/aws 7.48 has no input for their KMS key (the API's newer KmsKeyArn).
 */
export class RegionalTelemetryFlowLogs extends pulumi.ComponentResource {
  readonly evaluation: aws.observabilityadmin.TelemetryEvaluation;
  readonly rule: aws.observabilityadmin.TelemetryRule;

  constructor(name: string, args: RegionalTelemetryFlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:coverage:RegionalTelemetryFlowLogs", name, {}, opts);
    const p = args.placement;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: p.provider };

    this.evaluation = new aws.observabilityadmin.TelemetryEvaluation(`${name}-evaluation`,
      p.regional<aws.observabilityadmin.TelemetryEvaluationArgs>({}), child);

    const ruleArgs: aws.observabilityadmin.TelemetryRuleArgs = p.regional<aws.observabilityadmin.TelemetryRuleArgs>({
      ruleName: TELEMETRY_FLOW_LOG_RULE_NAME,
      rule: vpcFlowLogTelemetryRule(args),
    });
    // "Before using this resource, telemetry evaluation must be enabled" (@pulumi/aws TelemetryRule). The name is fixed,
    // so a replacement deletes the old rule first.
    this.rule = new aws.observabilityadmin.TelemetryRule(`${name}-rule`, ruleArgs,
      { ...child, deleteBeforeReplace: true, dependsOn: [this.evaluation] });

    this.registerOutputs({ region: p.region, telemetryRuleName: this.rule.ruleName });
  }
}
