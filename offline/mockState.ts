/**
 * The state the mock AWS account returns for a registered resource: the computed attributes AWS would
 * return (ARNs, generated names) and the resource's ID. Kept apart from MockAccount (offline/mockAccount.ts),
 * which records registrations, so each shape can be read and changed on its own.
 */
import { Inventory } from "./inventory";

export type State = Record<string, unknown>;

/** The suffix the mocks append to a `namePrefix`, as the AWS provider appends a generated unique id. */
export const MOCK_NAME_SUFFIX = "20261202000000000000000001";

/** Computed attributes AWS would return, in the shapes the program reads. */
export function computedState(type: string, name: string, inputs: State, region: string | undefined, account: Inventory, accountId?: string): State {
  const p = account.partition;
  const acct = accountId ?? account.accountId;
  const r = region ?? "no-region";
  switch (type) {
    case "aws:kms/key:Key":
      return { arn: `arn:${p}:kms:${r}:${acct}:key/${name}-key-id`, keyId: `${name}-key-id` };
    case "aws:kms/alias:Alias":
      return { arn: `arn:${p}:kms:${r}:${acct}:${String(inputs.name)}` };
    case "aws:s3/bucket:Bucket": {
      const bucket = (inputs.bucket as string | undefined) ?? `${name}-0123456`;
      return { bucket, arn: `arn:${p}:s3:::${bucket}`, bucketRegion: r };
    }
    case "aws:cloudwatch/logGroup:LogGroup": {
      // With namePrefix the provider appends a generated unique suffix (26 characters in the AWS provider).
      const prefix = inputs.namePrefix as string | undefined;
      const lgName = (inputs.name as string | undefined) ?? (prefix !== undefined ? `${prefix}${MOCK_NAME_SUFFIX}` : `${name}-0123456`);
      return { name: lgName, arn: `arn:${p}:logs:${r}:${acct}:log-group:${lgName}` };
    }
    case "aws:iam/role:Role": {
      const roleName = (inputs.name as string | undefined) ?? `${name}-0123456`;
      return { name: roleName, arn: `arn:${p}:iam::${acct}:role/${roleName}` };
    }
    case "aws:iam/serviceLinkedRole:ServiceLinkedRole":
      return {
        name: "AWSServiceRoleForConfig",
        arn: `arn:${p}:iam::${acct}:role/aws-service-role/${String(inputs.awsServiceName)}/AWSServiceRoleForConfig`,
      };
    case "aws:sns/topic:Topic": {
      const topicName = (inputs.name as string | undefined) ?? `${name}-0123456`;
      return { name: topicName, arn: `arn:${p}:sns:${r}:${acct}:${topicName}` };
    }
    case "aws:cloudtrail/trail:Trail":
      return { arn: `arn:${p}:cloudtrail:${r}:${acct}:trail/${String(inputs.name ?? name)}`, homeRegion: r };
    case "aws:cfg/recorder:Recorder":
    case "aws:cfg/deliveryChannel:DeliveryChannel":
      return { name: inputs.name ?? "default" };
    default:
      return {};
  }
}

/** The ID AWS would give the resource: a name where AWS uses one, else a made-up `<name>-id`. */
export function resourceId(type: string, name: string, inputs: State): string {
  switch (type) {
    case "aws:cfg/recorder:Recorder":
    case "aws:cfg/deliveryChannel:DeliveryChannel":
    case "aws:cfg/recorderStatus:RecorderStatus":
      return String(inputs.name ?? "default");
    case "aws:ec2/flowLog:FlowLog":
      return `fl-${String(inputs.vpcId ?? name).replace(/^vpc-/, "")}`;
    case "aws:s3/bucket:Bucket":
      // An S3 bucket's ID is its name.
      return (inputs.bucket as string | undefined) ?? `${name}-0123456`;
    default:
      return `${name}-id`;
  }
}
