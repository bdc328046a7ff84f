/** The sample account before remediation, for the moto suite and `npm run demo`. Split from seed.ts. */
import { CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { CreateVpcCommand } from "@aws-sdk/client-ec2";
import type { ClientFactory } from "./clients";
import { HOME_REGION, SAMPLE_REGIONS, SeededAccount, createBucket, createKey, enableConfig, startLogging, vpcsOf } from "./seedShared";

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
