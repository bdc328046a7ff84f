/**
 * Large compliant stacks in the shapes the program registers, for the scaling test and `npm run bench`: 20 regions,
 * each with its provider, AWS Config set, a RegionalFlowLogs component and KMS keys; 20 trails with their buckets,
 * public access blocks, policies and access logging; and, filling the rest, VPCs with their flow logs, half created by
 * the stack and half discovered by the components. Every resource complies, so the pack reports only the exemption
 * notes (and, in a preview, "cannot verify during preview" notes): the time measured is the time of judging, not of
 * formatting violations.
 *
 * A preview (`{ preview: true }`) is the same stack while every second region is being deployed for the first time:
 * there the outputs only AWS assigns (ARNs, VPC and flow log ids, bucket names, the bucket policy built from the
 * bucket's ARN, the ids the component collects) are the engine's unknown sentinels, and the props that take them
 * carry the property dependencies the engine records (a trail's s3BucketName and kmsKeyId, an attachment's bucket, a
 * flow log's vpcId). Inputs (regions, flags, names given by the program) stay known, as they are in a real preview.
 */
import { StackResourceInput, unknownValue, urnOf } from "./harness";

export const REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
  "eu-north-1", "eu-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-south-1", "af-south-1", "me-south-1",
] as const;

const account = "123456789012";
const componentType = "cis-logging:network:RegionalFlowLogs";

export interface GeneratedStackOptions {
  /** Every second region is being created: its computed outputs are unknown (see the file comment). */
  readonly preview?: boolean;
}

function regional(type: string, name: string, region: string, props: Record<string, unknown>, extra: Partial<StackResourceInput> = {}): StackResourceInput {
  return { type, name, urn: urnOf(type, name), props: { ...props, region }, provider: { name: `aws-${region}`, region }, ...extra };
}

/** A compliant stack of about `size` resources (never fewer than the fixed part, about 420). */
export function generatedStack(size: number, options: GeneratedStackOptions = {}): StackResourceInput[] {
  const creating = new Set<string>(options.preview ? REGIONS.filter((_, i) => i % 2 === 1) : []);
  /** An output AWS assigns: its value after the update, the engine's unknown sentinel in a region being created. */
  const assigned = (region: string, value: string): string => (creating.has(region) ? unknownValue.string : value);
  /** The engine records which resource an unknown prop comes from; a known prop needs no record to be linked. */
  const from = (region: string, deps: Record<string, string>): Partial<StackResourceInput> =>
    creating.has(region) ? { propertyDependencies: Object.fromEntries(Object.entries(deps).map(([k, urn]) => [k, [urn]])) } : {};

  const stack: StackResourceInput[] = [];
  REGIONS.forEach((region, i) => {
    stack.push({ type: "pulumi:providers:aws", name: `aws-${region}`, urn: urnOf("pulumi:providers:aws", `aws-${region}`), props: { region } });
    stack.push(regional("aws:cfg/recorder:Recorder", `recorder-${region}`, region, {
      name: "default", roleArn: `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === "us-east-1" },
    }));
    stack.push(regional("aws:cfg/recorderStatus:RecorderStatus", `status-${region}`, region, { name: "default", isEnabled: true }));
    stack.push(regional("aws:cfg/deliveryChannel:DeliveryChannel", `channel-${region}`, region, {
      name: "default", s3BucketName: "config-bucket", snsTopicArn: assigned(region, `arn:aws:sns:${region}:${account}:config`),
    }));
    const key = regional("aws:kms/key:Key", `key-${region}`, region, { enableKeyRotation: true, arn: assigned(region, `arn:aws:kms:${region}:${account}:key/k-${i}`) });
    stack.push(key);
    const bucketName = `trail-bucket-${i}`;
    const bucket = regional("aws:s3/bucket:Bucket", bucketName, region, { bucket: assigned(region, bucketName), arn: assigned(region, `arn:aws:s3:::${bucketName}`) });
    stack.push(bucket);
    const onBucket = from(region, { bucket: bucket.urn as string });
    const bucketRef = assigned(region, bucketName);
    stack.push(regional("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${bucketName}-pab`, region, {
      bucket: bucketRef, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, onBucket));
    stack.push(regional("aws:s3/bucketPolicy:BucketPolicy", `${bucketName}-policy`, region, {
      bucket: bucketRef,
      // The program's policy names the bucket's ARN, so it is unknown until the bucket exists.
      policy: assigned(region, JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject" }] })),
    }, onBucket));
    stack.push(regional("aws:s3/bucketLogging:BucketLogging", `${bucketName}-logging`, region, { bucket: bucketRef, targetBucket: "access-logs", targetPrefix: `${bucketName}/` }, onBucket));
    stack.push(regional("aws:cloudtrail/trail:Trail", `trail-${i}`, region, {
      name: `trail-${i}`, s3BucketName: bucketRef, isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogging: true, enableLogFileValidation: true,
      kmsKeyId: assigned(region, `arn:aws:kms:${region}:${account}:key/k-${i}`),
      cloudWatchLogsGroupArn: assigned(region, `arn:aws:logs:${region}:${account}:log-group:trail-${i}:*`),
      cloudWatchLogsRoleArn: assigned(region, `arn:aws:iam::${account}:role/trail-${i}`),
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }],
      arn: assigned(region, `arn:aws:cloudtrail:${region}:${account}:trail/trail-${i}`),
    }, from(region, { s3BucketName: bucket.urn as string, kmsKeyId: key.urn as string })));
  });
  // Fill with VPCs and their flow logs, round robin over the regions: odd ones created by the stack (its flow log
  // linked by the vpcId dependency, as the engine records it), even ones discovered by the region's component
  // (their ids come from getVpcs, known in a preview too).
  const discovered = new Map<string, string[]>(REGIONS.map((r) => [r, []]));
  const flowLogs: StackResourceInput[] = [];
  const vpcs: StackResourceInput[] = [];
  for (let n = 0; stack.length + REGIONS.length + vpcs.length + flowLogs.length < size; n++) {
    const region = REGIONS[n % REGIONS.length];
    const vpcId = `vpc-${n.toString(16).padStart(8, "0")}`;
    const flowLogProps = {
      trafficType: "ALL", logDestinationType: "s3", logDestination: `arn:aws:s3:::flow-logs-${account}/${region}/`,
      arn: assigned(region, `arn:aws:ec2:${region}:${account}:vpc-flow-log/fl-${n.toString(16).padStart(8, "0")}`),
    };
    if (n % 2 === 1) {
      const vpc = regional("aws:ec2/vpc:Vpc", `vpc-${n}`, region, { id: assigned(region, vpcId), arn: assigned(region, `arn:aws:ec2:${region}:${account}:vpc/${vpcId}`) });
      vpcs.push(vpc);
      flowLogs.push(regional("aws:ec2/flowLog:FlowLog", `vpc-${n}-flow-log`, region, { ...flowLogProps, vpcId: assigned(region, vpcId) }, {
        propertyDependencies: { vpcId: [vpc.urn as string] },
      }));
    } else {
      discovered.get(region)?.push(vpcId);
      const name = `flow-log-${region}-${vpcId}`;
      flowLogs.push(regional("aws:ec2/flowLog:FlowLog", name, region, { ...flowLogProps, vpcId }, { urn: urnOf("aws:ec2/flowLog:FlowLog", name, [componentType]) }));
    }
  }
  const components = REGIONS.map((region) => ({
    type: componentType, name: `flow-logs-${region}`, urn: urnOf(componentType, `flow-logs-${region}`),
    props: { region, discoveredVpcIds: discovered.get(region) ?? [], sharedVpcIds: [], flowLogIds: creating.has(region) ? unknownValue.object : {} },
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
