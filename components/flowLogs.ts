import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ContinuousCoverageMode, FlowLogDestination, FlowLogS3Options, FlowLogTrafficType } from "../config";
import { AccountContext, RegionPlacement } from "./placement";
import { flowLogsToLogsPolicy, serviceTrustPolicy, toJson } from "./policyDocuments";

export interface RegionalFlowLogsArgs {
  readonly placement: RegionPlacement;
  readonly account: AccountContext;
  /** The VPC IDs the account owns in the region, discovered at run time through this region's provider. */
  readonly vpcIds: readonly string[];
  /** VPCs shared into the account by another owner: only their owner can create their flow logs (published, not logged). */
  readonly sharedVpcIds: readonly string[];
  readonly destination: FlowLogDestination;
  readonly trafficType: FlowLogTrafficType;
  /** Retention of the region's flow-log group (cloud-watch-logs destination). */
  readonly retentionInDays: number;
  /** The central flow-log bucket (s3 destination), the resource to wait for (its policy) and the file options. */
  readonly bucket?: { readonly arn: pulumi.Input<string>; readonly ready: pulumi.Resource; readonly options: FlowLogS3Options };
  /** Prefix of the per-region log group's generated name (cloud-watch-logs destination; naming.ts). */
  readonly logGroupNamePrefix: string;
  /** The IAM path of the stack's roles (naming.ts baselineRolePath). */
  readonly rolePath: string;
  /**
   * Who creates the VPCs' flow logs (config `continuousCoverage`): the program, one per discovered VPC (`off`), or an AWS
   * mechanism that also covers VPCs created between deploys. Then the program creates none, so that no VPC ever gets a
   * second flow log from it: a VPC the rule covered after one deploy is discovered by the next, and a flow log of the
   * program beside the rule's would be a duplicate (and, to the same destination, a failed CreateFlowLogs).
   */
  readonly managedBy: FlowLogManager;
}

/** Who creates the flow logs of a region's VPCs. */
export type FlowLogManager = "program" | Exclude<ContinuousCoverageMode, "off">;

/** Child names derive from region and VPC ID, so reruns keep each VPC's flow log stable. */
export const flowLogName = (region: string, vpcId: string): string => `flow-log-${region}-${vpcId}`;

/**
 * VPC flow logs for every VPC of one region (CIS 1.2.0 2.9). The VPC IDs are sorted so that resource order
 * and names do not depend on the order AWS lists them; a VPC created later is picked up by the next
 * `pulumi up`, and a deleted one drops out. With a continuous-coverage mode (`managedBy` other than `program`) the
 * component creates no flow log, only the destination the AWS Config remediation writes to, and still publishes the
 * discovered VPCs.
 */
export class RegionalFlowLogs extends pulumi.ComponentResource {
  readonly flowLogs: Readonly<Record<string, aws.ec2.FlowLog>>;
  readonly logGroup?: aws.cloudwatch.LogGroup;
  readonly role?: aws.iam.Role;
  /** What a flow log to this region's destination waits for: the delivery role's policy, or the bucket's policy. */
  readonly deliveryReady: readonly pulumi.Resource[];

  constructor(name: string, args: RegionalFlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:network:RegionalFlowLogs", name, {}, opts);
    const p = args.placement;
    const ctx = args.account;
    const region = p.region;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: p.provider };
    const vpcIds = [...new Set(args.vpcIds)].sort();

    // The destination exists where the program creates flow logs in the region (VPCs it owns) or where the AWS Config
    // remediation may create them at any time (every region in configRemediation). A telemetry rule creates its own log
    // groups (telemetryFlowLogs.ts).
    const needsDestination = args.managedBy === "configRemediation" || (args.managedBy === "program" && vpcIds.length > 0);
    let destination: aws.ec2.FlowLogArgs;
    let dependsOn: pulumi.Resource[] = [];
    if (!needsDestination) {
      // Only shared VPCs here, or a telemetry rule delivers: no log group and no role.
      destination = {};
    } else if (args.destination === "cloud-watch-logs") {
      // Retained on destroy with its logs, so its name is generated from a prefix (naming.ts).
      this.logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, p.regional<aws.cloudwatch.LogGroupArgs>({
        namePrefix: args.logGroupNamePrefix,
        retentionInDays: args.retentionInDays,
      }), { ...child, retainOnDelete: true });
      // The role trusts the flow-logs service only for this account's flow logs in this region.
      this.role = new aws.iam.Role(`${name}-role`, {
        description: `VPC flow logs in ${region} deliver to the log group ${args.logGroupNamePrefix}*`,
        path: args.rolePath,
        assumeRolePolicy: toJson(serviceTrustPolicy(ctx, "vpc-flow-logs",
          `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:vpc-flow-log/*`)),
      }, child);
      const rolePolicy = new aws.iam.RolePolicy(`${name}-role-policy`, {
        role: this.role.id,
        policy: this.logGroup.arn.apply((groupArn) => toJson(flowLogsToLogsPolicy(ctx, region, groupArn))),
      }, child);
      destination = {
        logDestinationType: "cloud-watch-logs",
        logDestination: this.logGroup.arn,
        iamRoleArn: this.role.arn,
      };
      dependsOn = [rolePolicy];
    } else {
      if (!args.bucket) {
        throw new Error(`RegionalFlowLogs ${name}: destination s3 needs the central flow-log bucket`);
      }
      const { fileFormat, hiveCompatiblePartitions, perHourPartition } = args.bucket.options;
      destination = {
        logDestinationType: "s3",
        logDestination: args.bucket.arn,
        // The bucket policy grants exactly the key prefix these options produce (policyDocuments.ts flowLogObjectPrefix).
        destinationOptions: { fileFormat, hiveCompatiblePartitions, perHourPartition },
      };
      // Delivery would otherwise attach its own bucket policy, replacing the baseline's.
      dependsOn = [args.bucket.ready];
    }

    this.deliveryReady = dependsOn;
    const flowLogs: Record<string, aws.ec2.FlowLog> = {};
    for (const vpcId of args.managedBy === "program" ? vpcIds : []) {
      flowLogs[vpcId] = new aws.ec2.FlowLog(flowLogName(region, vpcId), p.regional<aws.ec2.FlowLogArgs>({
        ...destination,
        vpcId,
        trafficType: args.trafficType,
        tags: { Name: flowLogName(region, vpcId) },
      }), { ...child, dependsOn });
    }
    this.flowLogs = flowLogs;
    // The discovered VPCs are no resources of the stack; publishing them as outputs lets the policy pack's
    // flow-log policy check that each has a flow log (CIS 2.9), not only the VPCs the stack creates.
    this.registerOutputs({
      region,
      discoveredVpcIds: vpcIds,
      sharedVpcIds: [...args.sharedVpcIds].sort(),
      flowLogIds: Object.fromEntries(Object.entries(flowLogs).map(([vpc, fl]) => [vpc, fl.id])),
      // Tells the policy pack that the discovered VPCs' flow logs are an AWS rule's, not the stack's (absent: the stack's,
      // so that `continuousCoverage: off` publishes exactly what it did before).
      ...(args.managedBy === "program" ? {} : { flowLogsManagedBy: args.managedBy }),
    });
  }
}
