/**
 * Sample accounts for the moto suite and `npm run demo`, seeded with the JS SDK through the same client
 * factory the audit uses. Buckets carry the account id in their name (S3 names are global across moto's
 * accounts). Real AWS gives every new bucket a full public access block since April 2023 and moto does not,
 * so both samples set it, as AWS would have.
 */
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import {
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import { CreateFlowLogsCommand, CreateVpcCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { CreateRoleCommand, CreateServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import { CreateKeyCommand, EnableKeyRotationCommand } from "@aws-sdk/client-kms";
import {
  CreateBucketCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
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

async function vpcsOf(clients: ClientFactory, region: string): Promise<string[]> {
  const answer = await clients.client("ec2", region).send(new DescribeVpcsCommand({}));
  return (answer.Vpcs ?? []).map((v) => v.VpcId ?? "").sort();
}

async function createBucket(clients: ClientFactory, name: string, publicAccessBlock: boolean): Promise<void> {
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

async function createKey(clients: ClientFactory, region: string, description: string, rotate: boolean): Promise<string> {
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

async function enableConfig(clients: ClientFactory, accountId: string, region: string, includeGlobal: boolean): Promise<void> {
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

async function startLogging(ct: CloudTrailClient, name: string): Promise<void> {
  // moto: StartLogging by name (by ARN it answers HTTP 500).
  await ct.send(new StartLoggingCommand({ Name: name }));
}

/**
 * The account before remediation: a single-region trail without validation, KMS or CloudWatch Logs, its
 * bucket without access logging; Config only in the home region; a key without rotation; no flow logs
 * (each region's default VPC, and a second VPC in eu-north-1).
 */
export async function seedNonCompliant(clients: ClientFactory, accountId: string): Promise<SeededAccount> {
  const trailBucket = `cis-legacy-trail-${accountId}`;
  await createBucket(clients, trailBucket, true);
  const ct = clients.client("cloudtrail", HOME_REGION);
  const trail = await ct.send(new CreateTrailCommand({ Name: "legacy-trail", S3BucketName: trailBucket, IsMultiRegionTrail: false }));
  await startLogging(ct, "legacy-trail");
  await enableConfig(clients, accountId, HOME_REGION, true);
  const keyArn = await createKey(clients, HOME_REGION, "application data", false);
  await clients.client("ec2", "eu-north-1").send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16" }));
  const vpcIds: Record<string, string[]> = {};
  for (const region of SAMPLE_REGIONS) {
    vpcIds[region] = await vpcsOf(clients, region);
  }
  if (!trail.TrailARN) {
    throw new Error("CreateTrail returned no TrailARN");
  }
  return { accountId, trailArn: trail.TrailARN, trailName: "legacy-trail", trailBucket, keyArns: { [HOME_REGION]: [keyArn] }, vpcIds };
}

/** The account as the Pulumi program leaves it: every control of the catalog satisfied. */
export async function seedCompliant(clients: ClientFactory, accountId: string): Promise<SeededAccount> {
  const s3 = clients.client("s3", HOME_REGION);
  const accessLogs = `cis-access-logs-${accountId}`;
  const trailBucket = `cis-trail-${accountId}`;
  const flowLogBucket = `cis-flow-logs-${accountId}`;
  await createBucket(clients, accessLogs, false);
  // Server access logging needs the target to let the logging service write (moto checks it as S3 does).
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: accessLogs,
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "S3ServerAccessLogs",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::${accessLogs}/*`,
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
          },
        ],
      }),
    }),
  );
  await createBucket(clients, trailBucket, true);
  await createBucket(clients, flowLogBucket, true);
  const trailName = "cis-baseline";
  const trailArn = `arn:aws:cloudtrail:${HOME_REGION}:${accountId}:trail/${trailName}`;
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: trailBucket,
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: `arn:aws:s3:::${trailBucket}` },
          {
            Sid: "Write",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::${trailBucket}/AWSLogs/${accountId}/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
          },
        ],
      }),
    }),
  );
  await s3.send(
    new PutBucketLoggingCommand({
      Bucket: trailBucket,
      BucketLoggingStatus: { LoggingEnabled: { TargetBucket: accessLogs, TargetPrefix: `${trailBucket}/` } },
    }),
  );
  const trailKey = await createKey(clients, HOME_REGION, "cis-baseline trail key", true);
  const ct = clients.client("cloudtrail", HOME_REGION);
  const trail = await ct.send(
    new CreateTrailCommand({
      Name: trailName,
      S3BucketName: trailBucket,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KmsKeyId: trailKey,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${HOME_REGION}:${accountId}:log-group:cis/cloudtrail:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${accountId}:role/cis-cloudtrail-logs`,
    }),
  );
  // moto reports a new trail with no selectors (AWS reports its default one), so set them as the program does.
  await ct.send(
    new PutEventSelectorsCommand({
      TrailName: trailName,
      EventSelectors: [
        { ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }] },
      ],
    }),
  );
  await startLogging(ct, trailName);
  const vpcIds: Record<string, string[]> = {};
  for (const region of SAMPLE_REGIONS) {
    await enableConfig(clients, accountId, region, region === HOME_REGION);
    vpcIds[region] = await vpcsOf(clients, region);
    await enableFlowLogs(clients, region, vpcIds[region], flowLogBucket);
  }
  if (trail.TrailARN !== trailArn) {
    throw new Error(`CreateTrail returned ${trail.TrailARN}, expected ${trailArn}`);
  }
  return { accountId, trailArn, trailName, trailBucket, keyArns: { [HOME_REGION]: [trailKey] }, vpcIds };
}

async function enableFlowLogs(clients: ClientFactory, region: string, vpcIds: readonly string[], bucket: string): Promise<void> {
  const answer = await clients.client("ec2", region).send(
    new CreateFlowLogsCommand({
      ResourceType: "VPC",
      ResourceIds: [...vpcIds],
      TrafficType: "ALL",
      LogDestinationType: "s3",
      // moto rejects a destination with a prefix; the bucket ARN alone is accepted by both.
      LogDestination: `arn:aws:s3:::${bucket}`,
    }),
  );
  if ((answer.Unsuccessful ?? []).length > 0) {
    throw new Error(`CreateFlowLogs in ${region} failed: ${JSON.stringify(answer.Unsuccessful)}`);
  }
}

/** Drift: a key another team created without rotation. */
export function addUnrotatedKey(clients: ClientFactory, region: string): Promise<string> {
  return createKey(clients, region, "another team's key", false);
}

/** Drift: a VPC created after the last `pulumi up`, so without a flow log. */
export async function addVpcWithoutFlowLog(clients: ClientFactory, region: string): Promise<string> {
  const vpc = await clients.client("ec2", region).send(new CreateVpcCommand({ CidrBlock: "10.30.0.0/16" }));
  if (!vpc.Vpc?.VpcId) {
    throw new Error("CreateVpc returned no VpcId");
  }
  return vpc.Vpc.VpcId;
}

/**
 * Drift: a second, single-region trail that is encrypted and sends to CloudWatch Logs like the baseline one
 * and writes to the same bucket, but has log file validation off.
 */
export async function addTrailWithoutValidation(clients: ClientFactory, seeded: SeededAccount, region: string): Promise<string> {
  const ct = clients.client("cloudtrail", region);
  const name = "team-trail";
  const trail = await ct.send(
    new CreateTrailCommand({
      Name: name,
      S3BucketName: seeded.trailBucket,
      IsMultiRegionTrail: false,
      EnableLogFileValidation: false,
      KmsKeyId: seeded.keyArns[HOME_REGION][0],
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${seeded.accountId}:log-group:team/cloudtrail:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${seeded.accountId}:role/team-cloudtrail-logs`,
    }),
  );
  await startLogging(ct, name);
  if (!trail.TrailARN) {
    throw new Error("CreateTrail returned no TrailARN");
  }
  return trail.TrailARN;
}

export interface SeededRoles {
  /** AWS Config's service-linked role as CreateServiceLinkedRole made it (moto 5.2 names it AWSServiceRoleForconfig). */
  readonly configServiceLinkedRoleArn: string;
  /** A role under the IAM path of a deployed stack of the program. */
  readonly baselineRoleArn: string;
  /** A role of another team, under no path the program looks up. */
  readonly unrelatedRoleArn: string;
}

/** A trust policy for CloudTrail, as the program's CloudWatch Logs role has (any valid one would do here). */
const CLOUDTRAIL_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * The IAM roles a deployed stack of the program leaves in the account: AWS Config's service-linked role (created
 * with CreateServiceLinkedRole, as AWS creates it) and a role under `/cis-logging-baseline/<org>/<project>/<stack>/`,
 * plus a role at the root path that no lookup of the program should return. IAM is global: one client, home region.
 */
export async function addIamRoles(clients: ClientFactory, stackRolePath: string): Promise<SeededRoles> {
  const iam = clients.client("iam", HOME_REGION);
  const slr = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "config.amazonaws.com" }));
  const baseline = await iam.send(
    new CreateRoleCommand({ RoleName: "baseline-trail-to-logs-1a2b3c4", Path: stackRolePath, AssumeRolePolicyDocument: CLOUDTRAIL_TRUST }),
  );
  const unrelated = await iam.send(new CreateRoleCommand({ RoleName: "team-deployer", AssumeRolePolicyDocument: CLOUDTRAIL_TRUST }));
  const arns = [slr.Role?.Arn, baseline.Role?.Arn, unrelated.Role?.Arn];
  if (arns.some((arn) => !arn)) {
    throw new Error(`CreateServiceLinkedRole/CreateRole returned a role without Arn: ${JSON.stringify(arns)}`);
  }
  const [configServiceLinkedRoleArn, baselineRoleArn, unrelatedRoleArn] = arns as string[];
  return { configServiceLinkedRoleArn, baselineRoleArn, unrelatedRoleArn };
}
