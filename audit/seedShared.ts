/**
 * What both sample accounts share: their regions, the shape of a seeded account, and the seeding helpers each of
 * them (and the drift helpers of seed.ts) calls. Real AWS gives every new bucket a full public access block since
 * April 2023 and moto does not, so createBucket sets it where AWS would have. Split from seed.ts, which re-exports
 * the exports here.
 */
import { CloudTrailClient, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import {
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { CreateKeyCommand, EnableKeyRotationCommand } from "@aws-sdk/client-kms";
import { CreateBucketCommand, PutPublicAccessBlockCommand } from "@aws-sdk/client-s3";
import type { ClientFactory } from "./clients";

/** The sample account's regions: the home region and two others. */
export const SAMPLE_REGIONS = ["ap-northeast-1", "eu-north-1", "us-east-1"] as const;
export const HOME_REGION = "us-east-1";

export interface SeededAccount {
  readonly accountId: string;
  readonly trailArn: string;
  readonly trailName: string;
  readonly trailBucket: string;
  /** Customer-managed symmetric keys, by region. */
  readonly keyArns: Readonly<Record<string, readonly string[]>>;
  /** Every VPC of each sample region (the default VPC included), sorted. */
  readonly vpcIds: Readonly<Record<string, readonly string[]>>;
}

export async function vpcsOf(clients: ClientFactory, region: string): Promise<string[]> {
  const answer = await clients.client("ec2", region).send(new DescribeVpcsCommand({}));
  return (answer.Vpcs ?? []).map((v) => v.VpcId ?? "").sort();
}

export async function createBucket(clients: ClientFactory, name: string, publicAccessBlock: boolean): Promise<void> {
  const s3 = clients.client("s3", HOME_REGION);
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  if (publicAccessBlock) {
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: name,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    );
  }
}

export async function createKey(clients: ClientFactory, region: string, description: string, rotate: boolean): Promise<string> {
  const kms = clients.client("kms", region);
  const key = await kms.send(new CreateKeyCommand({ Description: description }));
  const id = key.KeyMetadata?.KeyId;
  const arn = key.KeyMetadata?.Arn;
  if (!id || !arn) {
    throw new Error("CreateKey returned no KeyId/Arn");
  }
  if (rotate) {
    await kms.send(new EnableKeyRotationCommand({ KeyId: id }));
  }
  return arn;
}

export async function enableConfig(clients: ClientFactory, accountId: string, region: string, includeGlobal: boolean): Promise<void> {
  const config = clients.client("config", region);
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: "default",
        roleARN: `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: includeGlobal },
      },
    }),
  );
  await config.send(
    new PutDeliveryChannelCommand({
      DeliveryChannel: {
        name: "default",
        s3BucketName: `cis-config-${accountId}`,
        snsTopicARN: `arn:aws:sns:${region}:${accountId}:cis-config-${region}`,
      },
    }),
  );
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: "default" }));
}

export async function startLogging(ct: CloudTrailClient, name: string): Promise<void> {
  // moto: StartLogging by name (by ARN it answers HTTP 500).
  await ct.send(new StartLoggingCommand({ Name: name }));
}
