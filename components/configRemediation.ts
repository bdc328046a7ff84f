import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogTrafficType } from "../config";
import {
  AUTOMATION_ASSUME_ROLE_PARAMETER, FLOW_LOG_RUNBOOK, KEY_ROTATION_RULE, KEY_ROTATION_RUNBOOK, ManagedRuleFact, RunbookFact,
  VPC_FLOW_LOGS_RULE,
} from "../policy-pack/coverageFacts";
import { createManagedRule } from "./managedRules";
import { AccountContext, RegionPlacement } from "./placement";
import {
  FlowLogRemediationDestination, PolicyDocument, flowLogRemediationPolicy, keyRotationRemediationPolicy, ssmAutomationTrustPolicy,
  toJson,
} from "./policyDocuments";

/**
 * Retry settings of every automatic remediation. "If MaximumAutomaticAttempts remediation attempts have been made under
 * RetryAttemptSeconds, a remediation exception will be added to the resource" (AWS Config API reference,
 * RemediationConfiguration, https://docs.aws.amazon.com/config/latest/APIReference/API_RemediationConfiguration.html;
 * defaults 5 and 60 s). Five attempts within six hours: a transient failure (IAM propagation right after the deploy,
 * throttling) is retried at the next evaluations, while a resource the runbook cannot fix (a key with imported material,
 * a key policy that shuts IAM out) ends in a remediation exception visible in AWS Config instead of an endless loop of
 * billed automation runs.
 */
export const REMEDIATION_RETRY = { maximumAutomaticAttempts: 5, retryAttemptSeconds: 6 * 3600 } as const;

/** The project's flow-log destination in the region, as the runbook is told it. */
export type FlowLogDestinationInput =
  | {
      readonly type: "cloud-watch-logs";
      /** The region's flow-log group (RegionalFlowLogs.logGroup). */
      readonly logGroupArn: pulumi.Input<string>;
      /** The role VPC flow logs deliver with (RegionalFlowLogs.role): the only role the remediation may pass. */
      readonly deliveryRoleArn: pulumi.Input<string>;
      /** The delivery role's permissions: remediation must not run before they exist. */
      readonly ready: readonly pulumi.Resource[];
    }
  | {
      readonly type: "s3";
      /** The central flow-log bucket (LoggingBaseline.flowLogBucket), in the home region. */
      readonly bucketArn: pulumi.Input<string>;
      /** The bucket's policy: delivery would otherwise attach one of its own (flowLogs.ts). */
      readonly ready: readonly pulumi.Resource[];
    };

export interface RegionalRemediationArgs {
  readonly placement: RegionPlacement;
  readonly account: AccountContext;
  /** The IAM path of the stack's roles (naming.ts baselineRolePath). */
  readonly rolePath: string;
  /** The region's recorder, started (RegionalConfig.recorderStatus). */
  readonly configReady: readonly pulumi.Resource[];
  /** Flow logs for VPCs without one (continuousCoverage configRemediation only). */
  readonly flowLogs?: { readonly trafficType: FlowLogTrafficType; readonly destination: FlowLogDestinationInput };
}

/** A managed rule with its automatic remediation and the role the runbook runs as. */
export interface Remediation {
  readonly rule: aws.cfg.Rule;
  readonly role: aws.iam.Role;
  readonly rolePolicy: aws.iam.RolePolicy;
  readonly remediation: aws.cfg.RemediationConfiguration;
}

/**
 * AWS Config managed rules with automatic remediation through AWS's own runbooks (issue 10 items 1 and 2), in one
 * region:
 * - cmk-backing-key-rotation-enabled remediated by AWSConfigRemediation-EnableKeyRotation (both continuous modes): a
 *   key created between deploys without rotation gets rotation turned on;
 * - vpc-flow-logs-enabled remediated by AWSSupport-EnableVPCFlowLogs (configRemediation): a VPC without a flow log gets
 *   one to this project's destination in the region, with the configured traffic type.
 * Each runbook runs as a role of its own, trusted by Systems Manager for this account's automations in this region only,
 * with the permissions its reference page requires for the branch this project uses (policyDocuments.ts).
 */
export class RegionalRemediation extends pulumi.ComponentResource {
  readonly keyRotation: Remediation;
  readonly flowLogs?: Remediation;

  constructor(name: string, args: RegionalRemediationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:coverage:RegionalRemediation", name, {}, opts);
    const p = args.placement;
    const ctx = args.account;
    const region = p.region;

    this.keyRotation = this.remediate(`${name}-key-rotation`, args, {
      rule: KEY_ROTATION_RULE,
      runbook: KEY_ROTATION_RUNBOOK,
      resourceType: "AWS::KMS::Key",
      policy: pulumi.output(keyRotationRemediationPolicy(ctx, region)),
      // The runbook's parameters: AutomationAssumeRole and KeyId, both required; Config passes the key's ID.
      parameters: [{ name: "KeyId", resourceValue: "RESOURCE_ID" }],
      ready: [],
      purpose: `turns on rotation of KMS keys in ${region} (AWS Config remediation)`,
    });

    if (args.flowLogs) {
      const { trafficType, destination } = args.flowLogs;
      const documented: pulumi.Output<FlowLogRemediationDestination> =
        destination.type === "cloud-watch-logs"
          ? pulumi.all([destination.logGroupArn, destination.deliveryRoleArn]).apply(([logGroupArn, deliveryRoleArn]) =>
            ({ type: "cloud-watch-logs" as const, logGroupArn, deliveryRoleArn }))
          : pulumi.output(destination.bucketArn).apply((bucketArn) => ({ type: "s3" as const, bucketArn }));
      // AWSSupport-EnableVPCFlowLogs: ResourceIds (required, the VPC Config found without a flow log), TrafficType
      // (required), LogDestinationType (required), LogDestinationARN (the log group or the bucket; given, so the runbook
      // creates no log group), DeliverLogsPermissionArn (CloudWatch Logs only; given, so it creates no role). No
      // LogFormat: the default format, as the program's own flow logs use.
      const destinationParameters: aws.types.input.cfg.RemediationConfigurationParameter[] = destination.type === "cloud-watch-logs"
        ? [
          { name: "LogDestinationType", staticValue: "cloud-watch-logs" },
          { name: "LogDestinationARN", staticValue: destination.logGroupArn },
          { name: "DeliverLogsPermissionArn", staticValue: destination.deliveryRoleArn },
        ]
        : [
          { name: "LogDestinationType", staticValue: "s3" },
          { name: "LogDestinationARN", staticValue: destination.bucketArn },
        ];
      this.flowLogs = this.remediate(`${name}-flow-logs`, args, {
        rule: VPC_FLOW_LOGS_RULE,
        runbook: FLOW_LOG_RUNBOOK,
        resourceType: "AWS::EC2::VPC",
        policy: documented.apply((d) => flowLogRemediationPolicy(ctx, region, d)),
        parameters: [
          { name: "ResourceIds", resourceValue: "RESOURCE_ID" },
          { name: "TrafficType", staticValue: trafficType },
          ...destinationParameters,
        ],
        ready: destination.ready,
        purpose: `creates flow logs for VPCs in ${region} that have none (AWS Config remediation)`,
      });
    }

    this.registerOutputs({
      region,
      configRuleNames: [this.flowLogs?.rule.name, this.keyRotation.rule.name].filter((n) => n !== undefined),
    });
  }

  private remediate(name: string, args: RegionalRemediationArgs, what: {
    rule: ManagedRuleFact;
    runbook: RunbookFact;
    resourceType: string;
    policy: pulumi.Output<PolicyDocument>;
    parameters: aws.types.input.cfg.RemediationConfigurationParameter[];
    ready: readonly pulumi.Resource[];
    purpose: string;
  }): Remediation {
    const p = args.placement;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: p.provider };
    const rule = createManagedRule(`${name}-rule`, p, what.rule, { parent: this, configReady: args.configReady });
    const role = new aws.iam.Role(`${name}-role`, {
      description: `Runs ${what.runbook.documentName}: ${what.purpose}`,
      path: args.rolePath,
      assumeRolePolicy: toJson(ssmAutomationTrustPolicy(args.account, p.region)),
    }, child);
    const rolePolicy = new aws.iam.RolePolicy(`${name}-role-policy`, {
      role: role.id,
      policy: what.policy.apply(toJson),
    }, child);
    const remediationArgs: aws.cfg.RemediationConfigurationArgs = p.regional<aws.cfg.RemediationConfigurationArgs>({
      configRuleName: rule.name,
      targetType: "SSM_DOCUMENT",
      targetId: what.runbook.documentName,
      resourceType: what.resourceType,
      automatic: true,
      maximumAutomaticAttempts: REMEDIATION_RETRY.maximumAutomaticAttempts,
      retryAttemptSeconds: REMEDIATION_RETRY.retryAttemptSeconds,
      parameters: [{ name: AUTOMATION_ASSUME_ROLE_PARAMETER, staticValue: role.arn }, ...what.parameters],
    });
    // Remediation starts as soon as it is configured ("it initiates the remediation process for all non-compliant
    // resources", PutRemediationConfigurations): the role's permissions and the destination must exist by then.
    const remediation = new aws.cfg.RemediationConfiguration(`${name}-remediation`, remediationArgs,
      { ...child, dependsOn: [rolePolicy, ...what.ready] });
    return { rule, role, rolePolicy, remediation };
  }
}
