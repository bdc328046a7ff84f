/**
 * Compliant fixtures in the shapes the program registers (see the brief of issue 3): one resource per type for the
 * resource policies (inputs), and one compliant two-region stack for the stack policies (outputs). Each test
 * changes one thing and asserts exactly what that change trips.
 */
import { ResourceInput, StackResourceInput, urnOf } from "./harness";

export const account = "123456789012";
export const home = "us-east-1";
export const other = "eu-west-1";

export const trailType = "aws:cloudtrail/trail:Trail";
export const keyType = "aws:kms/key:Key";
export const bucketType = "aws:s3/bucket:Bucket";

const keyArn = `arn:aws:kms:${home}:${account}:key/baseline-key-id`;
const logGroupArn = `arn:aws:logs:${home}:${account}:log-group:baseline-trail`;

export const trailInputs: Record<string, unknown> = {
  name: "baseline-trail",
  s3BucketName: "baseline-trail-bucket-0123456",
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  enableLogFileValidation: true,
  enableLogging: true,
  kmsKeyId: keyArn,
  cloudWatchLogsGroupArn: `${logGroupArn}:*`,
  cloudWatchLogsRoleArn: `arn:aws:iam::${account}:role/baseline-trail-cloudwatch`,
  eventSelectors: [
    { readWriteType: "All", includeManagementEvents: true },
    {
      readWriteType: "All",
      includeManagementEvents: false,
      dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }],
    },
  ],
  region: home,
};

export function trail(props: Record<string, unknown> = trailInputs, name = "baseline-trail"): ResourceInput {
  return { type: trailType, name, props };
}

export const keyInputs: Record<string, unknown> = {
  description: "CloudTrail log encryption",
  enableKeyRotation: true,
  deletionWindowInDays: 30,
  region: home,
};

export function key(props: Record<string, unknown> = keyInputs, name = "baseline-key"): ResourceInput {
  return { type: keyType, name, props };
}

/** Returns props with `patch` applied; a key set to undefined is removed. */
export function patched(props: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...props, ...patch };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) {
      delete result[k];
    }
  }
  return result;
}

const trailBucketName = "baseline-trail-bucket-0123456";
const accessLogBucketName = "baseline-access-logs-0123456";

export const trailBucketPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: `arn:aws:s3:::${trailBucketName}` },
    {
      Sid: "AWSCloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `arn:aws:s3:::${trailBucketName}/AWSLogs/${account}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
    },
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [`arn:aws:s3:::${trailBucketName}`, `arn:aws:s3:::${trailBucketName}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ],
});

function regional(type: string, name: string, region: string, props: Record<string, unknown>, parentTypes: string[] = []): StackResourceInput {
  return { type, name, urn: urnOf(type, name, parentTypes), props: { ...props, region }, provider: { name: `aws-${region}`, region } };
}

const baseline = "acme:logging:LoggingBaseline";

/** The type token of components/flowLogs.ts's RegionalFlowLogs (one per region with discovered VPCs). */
export const regionalFlowLogsType = "cis-logging:network:RegionalFlowLogs";

/** Per region: recorder, delivery channel, recorder status and SNS topic, as RegionalConfig registers them. */
export function regionalConfig(region: string, recordGlobal: boolean): StackResourceInput[] {
  const parents = [baseline, "acme:logging:RegionalConfig"];
  return [
    regional("aws:sns/topic:Topic", `config-${region}-topic`, region, { name: `config-${region}`, arn: `arn:aws:sns:${region}:${account}:config-${region}` }, parents),
    regional(
      "aws:cfg/recorder:Recorder",
      `config-${region}-recorder`,
      region,
      {
        name: "default",
        roleArn: `arn:aws:iam::${account}:role/config-recorder`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: recordGlobal },
        recordingMode: { recordingFrequency: "CONTINUOUS" },
      },
      parents,
    ),
    regional(
      "aws:cfg/deliveryChannel:DeliveryChannel",
      `config-${region}-channel`,
      region,
      {
        name: "default",
        s3BucketName: trailBucketName,
        snsTopicArn: `arn:aws:sns:${region}:${account}:config-${region}`,
        s3KmsKeyArn: keyArn,
      },
      parents,
    ),
    regional("aws:cfg/recorderStatus:RecorderStatus", `config-${region}-status`, region, { name: "default", isEnabled: true }, parents),
  ];
}

/** The compliant stack (outputs): home-region trail, buckets and key; AWS Config in two regions; one VPC with a flow log. */
export function compliantStack(): StackResourceInput[] {
  const parents = [baseline];
  const bucketPieces = (prefix: string, bucket: string): StackResourceInput[] => [
    regional(bucketType, `${prefix}`, home, { bucket, arn: `arn:aws:s3:::${bucket}`, bucketRegion: home }, parents),
    regional("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${prefix}-public-access-block`, home, {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }, parents),
    regional("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${prefix}-ownership`, home, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, parents),
  ];
  return [
    { type: "pulumi:providers:aws", name: `aws-${home}`, urn: urnOf("pulumi:providers:aws", `aws-${home}`), props: { region: home, skipCredentialsValidation: "false" } },
    { type: "pulumi:providers:aws", name: `aws-${other}`, urn: urnOf("pulumi:providers:aws", `aws-${other}`), props: { region: other, skipCredentialsValidation: "false" } },
    regional(keyType, "baseline-key", home, { ...keyInputs, arn: keyArn, keyId: "baseline-key-id" }, parents),
    ...bucketPieces("baseline-trail-bucket", trailBucketName),
    regional("aws:s3/bucketPolicy:BucketPolicy", "baseline-trail-bucket-policy", home, { bucket: trailBucketName, policy: trailBucketPolicy }, parents),
    regional("aws:s3/bucketLogging:BucketLogging", "baseline-trail-bucket-logging", home, {
      bucket: trailBucketName,
      targetBucket: accessLogBucketName,
      targetPrefix: "trail-bucket/",
    }, parents),
    ...bucketPieces("baseline-access-logs", accessLogBucketName),
    regional("aws:cloudwatch/logGroup:LogGroup", "baseline-trail-logs", home, { name: "baseline-trail", arn: logGroupArn, retentionInDays: 365 }, parents),
    { type: "aws:iam/role:Role", name: "baseline-trail-cloudwatch", urn: urnOf("aws:iam/role:Role", "baseline-trail-cloudwatch", parents), props: { arn: `arn:aws:iam::${account}:role/baseline-trail-cloudwatch` } },
    regional(trailType, "baseline-trail", home, { ...trailInputs, arn: `arn:aws:cloudtrail:${home}:${account}:trail/baseline-trail`, homeRegion: home }, parents),
    ...regionalConfig(home, true),
    ...regionalConfig(other, false),
    regional("aws:ec2/vpc:Vpc", "app-vpc", home, { cidrBlock: "10.0.0.0/16", arn: `arn:aws:ec2:${home}:${account}:vpc/vpc-0app` }),
    regional("aws:ec2/flowLog:FlowLog", "app-vpc-flow-log", home, {
      vpcId: "vpc-0app",
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: `arn:aws:logs:${home}:${account}:log-group:flow-logs-${home}`,
      iamRoleArn: `arn:aws:iam::${account}:role/flow-logs`,
    }),
    // The component that found the pre-existing VPC with getVpcs (the VPC itself is not a resource of the stack) and
    // publishes it as its outputs, as components/flowLogs.ts does; and the flow log it gave that VPC.
    {
      type: regionalFlowLogsType,
      name: `flow-logs-${other}`,
      urn: urnOf(regionalFlowLogsType, `flow-logs-${other}`),
      props: { region: other, discoveredVpcIds: ["vpc-0existing"], sharedVpcIds: [], flowLogIds: { "vpc-0existing": "fl-0existing" } },
    },
    {
      ...regional("aws:ec2/flowLog:FlowLog", `flow-logs-${other}-vpc-0existing`, other, {
        vpcId: "vpc-0existing",
        trafficType: "REJECT",
        logDestinationType: "s3",
        logDestination: `arn:aws:s3:::${trailBucketName}/flow-logs/`,
      }, [regionalFlowLogsType]),
      parent: urnOf(regionalFlowLogsType, `flow-logs-${other}`),
    },
  ];
}

/** The stack with the props of resource `name` patched (undefined removes a key), or the resource removed (null). */
export function withResource(stackInputs: readonly StackResourceInput[], name: string, patch: Record<string, unknown> | null): StackResourceInput[] {
  if (!stackInputs.some((r) => r.name === name)) {
    throw new Error(`fixture has no resource named ${name}`);
  }
  if (patch === null) {
    return stackInputs.filter((r) => r.name !== name);
  }
  return stackInputs.map((r) => (r.name === name ? { ...r, props: patched(r.props, patch) } : r));
}

/** Adds relations (as the engine records them) to resource `name`. */
export function withRelations(
  stackInputs: readonly StackResourceInput[],
  name: string,
  relations: Pick<StackResourceInput, "dependencies" | "propertyDependencies" | "parent">,
): StackResourceInput[] {
  return stackInputs.map((r) => (r.name === name ? { ...r, ...relations } : r));
}

export function urnByName(stackInputs: readonly StackResourceInput[], name: string): string {
  const found = stackInputs.find((r) => r.name === name);
  if (!found) {
    throw new Error(`fixture has no resource named ${name}`);
  }
  return found.urn ?? urnOf(found.type, found.name);
}
