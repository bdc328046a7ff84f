/**
 * Sample accounts for the moto suite and `npm run demo`, seeded with the JS SDK through the same client
 * factory the audit uses. Buckets carry the account id in their name (S3 names are global across moto's
 * accounts). Real AWS gives every new bucket a full public access block since April 2023 and moto does not,
 * so both samples set it, as AWS would have.
 *
 * The samples themselves are in seedNonCompliant.ts and seedCompliant.ts, their shared helpers in seedShared.ts;
 * this module keeps the drift helpers the suites apply to a seeded account, and re-exports the rest so importers
 * need not know the split.
 */
import { CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { CreateVpcCommand } from "@aws-sdk/client-ec2";
import { CreateRoleCommand, CreateServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import type { ClientFactory } from "./clients";
import { HOME_REGION, SeededAccount, createKey, startLogging } from "./seedShared";

export { seedCompliant } from "./seedCompliant";
export { seedNonCompliant } from "./seedNonCompliant";
export { HOME_REGION, SAMPLE_REGIONS } from "./seedShared";
export type { SeededAccount } from "./seedShared";

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
