/**
 * Large compliant stacks in the shapes the program registers, for the scaling test (and the bench to come):
 * 20 regions, each with its provider, AWS Config set, a RegionalFlowLogs component and KMS keys; 20 trails with their
 * buckets, public access blocks, policies and access logging; and, filling the rest, VPCs with their flow logs, half
 * created by the stack and half discovered by the components. Every resource complies, so the pack reports only the
 * exemption notes: the time measured is the time of judging, not of formatting violations.
 */
import { StackResourceInput, urnOf } from "./harness";

export const REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
  "eu-north-1", "eu-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-south-1", "af-south-1", "me-south-1",
] as const;

const account = "123456789012";
const componentType = "cis-logging:network:RegionalFlowLogs";

function regional(type: string, name: string, region: string, props: Record<string, unknown>, extra: Partial<StackResourceInput> = {}): StackResourceInput {
  return { type, name, urn: urnOf(type, name), props: { ...props, region }, provider: { name: `aws-${region}`, region }, ...extra };
}

function flowLog(name: string, region: string, vpcId: string, extra: Partial<StackResourceInput> = {}): StackResourceInput {
  return regional("aws:ec2/flowLog:FlowLog", name, region, {
    vpcId, trafficType: "ALL", logDestinationType: "s3", logDestination: `arn:aws:s3:::flow-logs-${account}/${region}/`,
  }, extra);
}

/** A compliant stack of about `size` resources (never fewer than the fixed part, about 420). */
export function generatedStack(size: number): StackResourceInput[] {
  const stack: StackResourceInput[] = [];
  REGIONS.forEach((region, i) => {
    stack.push({ type: "pulumi:providers:aws", name: `aws-${region}`, urn: urnOf("pulumi:providers:aws", `aws-${region}`), props: { region } });
    stack.push(regional("aws:cfg/recorder:Recorder", `recorder-${region}`, region, {
      name: "default", roleArn: `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === "us-east-1" },
    }));
    stack.push(regional("aws:cfg/recorderStatus:RecorderStatus", `status-${region}`, region, { name: "default", isEnabled: true }));
    stack.push(regional("aws:cfg/deliveryChannel:DeliveryChannel", `channel-${region}`, region, {
      name: "default", s3BucketName: "config-bucket", snsTopicArn: `arn:aws:sns:${region}:${account}:config`,
    }));
    stack.push(regional("aws:kms/key:Key", `key-${region}`, region, { enableKeyRotation: true, arn: `arn:aws:kms:${region}:${account}:key/k-${i}` }));
    const bucket = `trail-bucket-${i}`;
    stack.push(regional("aws:s3/bucket:Bucket", bucket, region, { bucket, arn: `arn:aws:s3:::${bucket}` }));
    stack.push(regional("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${bucket}-pab`, region, {
      bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }));
    stack.push(regional("aws:s3/bucketPolicy:BucketPolicy", `${bucket}-policy`, region, {
      bucket, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject" }] }),
    }));
    stack.push(regional("aws:s3/bucketLogging:BucketLogging", `${bucket}-logging`, region, { bucket, targetBucket: "access-logs", targetPrefix: `${bucket}/` }));
    stack.push(regional("aws:cloudtrail/trail:Trail", `trail-${i}`, region, {
      name: `trail-${i}`, s3BucketName: bucket, isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogging: true, enableLogFileValidation: true,
      kmsKeyId: `arn:aws:kms:${region}:${account}:key/k-${i}`, cloudWatchLogsGroupArn: `arn:aws:logs:${region}:${account}:log-group:trail-${i}:*`,
      cloudWatchLogsRoleArn: `arn:aws:iam::${account}:role/trail-${i}`,
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }],
      arn: `arn:aws:cloudtrail:${region}:${account}:trail/trail-${i}`,
    }));
  });
  // Fill with VPCs and their flow logs, round robin over the regions: odd ones created by the stack (its flow log
  // linked by the vpcId dependency, as the engine records it), even ones discovered by the region's component.
  const discovered = new Map<string, string[]>(REGIONS.map((r) => [r, []]));
  const flowLogs: StackResourceInput[] = [];
  const vpcs: StackResourceInput[] = [];
  for (let n = 0; stack.length + REGIONS.length + vpcs.length + flowLogs.length < size; n++) {
    const region = REGIONS[n % REGIONS.length];
    const vpcId = `vpc-${n.toString(16).padStart(8, "0")}`;
    if (n % 2 === 1) {
      const vpc = regional("aws:ec2/vpc:Vpc", `vpc-${n}`, region, { id: vpcId, arn: `arn:aws:ec2:${region}:${account}:vpc/${vpcId}` });
      vpcs.push(vpc);
      flowLogs.push(flowLog(`vpc-${n}-flow-log`, region, vpcId, { propertyDependencies: { vpcId: [vpc.urn as string] } }));
    } else {
      discovered.get(region)?.push(vpcId);
      flowLogs.push(flowLog(`flow-log-${region}-${vpcId}`, region, vpcId, { urn: urnOf("aws:ec2/flowLog:FlowLog", `flow-log-${region}-${vpcId}`, [componentType]) }));
    }
  }
  const components = REGIONS.map((region) => ({
    type: componentType, name: `flow-logs-${region}`, urn: urnOf(componentType, `flow-logs-${region}`),
    props: { region, discoveredVpcIds: discovered.get(region) ?? [], sharedVpcIds: [], flowLogIds: {} },
  }));
  return [...stack, ...components, ...vpcs, ...flowLogs];
}

/**
 * Fifty exemptions: forty of VPCs the stack creates (matched by type and name, complying, so each is reported as
 * not needed) and ten of resources that do not exist (each reported as matching nothing).
 */
export function fiftyExemptions(stack: readonly StackResourceInput[]): { type: string; name: string; reason: string }[] {
  const vpcs = stack.filter((r) => r.type === "aws:ec2/vpc:Vpc").slice(0, 40);
  return [
    ...vpcs.map((v) => ({ type: v.type, name: v.name, reason: "generated exemption for the scaling test" })),
    ...Array.from({ length: 50 - vpcs.length }, (_, i) => ({ type: "aws:ec2/vpc:Vpc", name: `gone-${i}`, reason: "generated exemption for the scaling test" })),
  ];
}
