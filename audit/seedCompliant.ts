/** The sample account as the Pulumi program leaves it, for the moto suite and `npm run demo`. Split from seed.ts. */
import { CreateTrailCommand, PutEventSelectorsCommand } from "@aws-sdk/client-cloudtrail";
import { CreateFlowLogsCommand } from "@aws-sdk/client-ec2";
import { PutBucketLoggingCommand, PutBucketPolicyCommand } from "@aws-sdk/client-s3";
import type { ClientFactory } from "./clients";
import { HOME_REGION, SAMPLE_REGIONS, SeededAccount, createBucket, createKey, enableConfig, startLogging, vpcsOf } from "./seedShared";

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
