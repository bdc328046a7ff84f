/**
 * What the program asks AWS before it registers anything: who the account is, which regions are enabled (and
 * which of them are opt-in), whether AWS Config's service-linked role exists, which stacks of this program
 * already own roles in the account, and each region's VPCs, split into those the account owns and those shared
 * into it through AWS RAM. Two rounds of concurrent invokes, whatever the number of regions.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { BASELINE_ROLE_PATH_ROOT } from "./components/naming";
import type { RegionPlacement } from "./components/placement";

/** The regions AWS reports as enabled for the account: not-opted-in regions cannot be used. */
export const ENABLED_OPT_IN_STATUSES = ["opt-in-not-required", "opted-in"];

/** The IAM path AWS gives the AWS Config service-linked role (Config DG "Using Service-Linked Roles for AWS Config"). */
export const CONFIG_SERVICE_LINKED_ROLE_PATH = "/aws-service-role/config.amazonaws.com/";
export const CONFIG_SERVICE_LINKED_ROLE_NAME = "AWSServiceRoleForConfig";

export interface AccountFacts {
  readonly accountId: string;
  readonly partition: string;
  readonly dnsSuffix: string;
  /** Regions enabled for the account, sorted. */
  readonly enabledRegions: readonly string[];
  /** The enabled regions the account opted into (they reject version 1 STS session tokens). */
  readonly optInRegions: readonly string[];
  /** The ARN of AWSServiceRoleForConfig if the account has it. */
  readonly configServiceLinkedRoleArn?: string;
  /** ARNs of roles under /cis-logging-baseline/: the stacks of this program deployed in the account. */
  readonly baselineRoleArns: readonly string[];
}

/** Account-wide facts through the home region's provider: one round of concurrent invokes. */
export async function discoverAccount(homeInvoke: pulumi.InvokeOptions): Promise<AccountFacts> {
  const [identity, partition, enabled, optedIn, configRoles, baselineRoles] = await Promise.all([
    aws.getCallerIdentity({}, homeInvoke),
    aws.getPartition({}, homeInvoke),
    aws.getRegions({ filters: [{ name: "opt-in-status", values: ENABLED_OPT_IN_STATUSES }] }, homeInvoke),
    aws.getRegions({ filters: [{ name: "opt-in-status", values: ["opted-in"] }] }, homeInvoke),
    // ListRoles with a path prefix answers an empty list, not an error, when nothing matches (IAM API ListRoles).
    aws.iam.getRoles({ pathPrefix: CONFIG_SERVICE_LINKED_ROLE_PATH }, homeInvoke),
    aws.iam.getRoles({ pathPrefix: BASELINE_ROLE_PATH_ROOT }, homeInvoke),
  ]);
  const slrArn = configRoles.arns.find((arn) => arn.endsWith(`/${CONFIG_SERVICE_LINKED_ROLE_NAME}`));
  return {
    accountId: identity.accountId,
    partition: partition.partition,
    dnsSuffix: partition.dnsSuffix,
    enabledRegions: [...enabled.names].sort(),
    optInRegions: [...optedIn.names].sort(),
    ...(slrArn ? { configServiceLinkedRoleArn: slrArn } : {}),
    baselineRoleArns: [...baselineRoles.arns].sort(),
  };
}

export interface RegionVpcs {
  /** VPCs the account owns: each gets a flow log. Sorted. */
  readonly owned: readonly string[];
  /**
   * VPCs another account shares into this one through AWS RAM. DescribeVpcs lists them, but only their owner can
   * create their flow logs: "Participants cannot create, delete, or describe flow logs for a shared VPC subnet"
   * (VPC UG "Responsibilities and permissions for owners and participants",
   * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-share-limitations.html). Sorted.
   */
  readonly shared: readonly string[];
}

/** A discovery call that failed in one region, with what to do about it. */
export class RegionDiscoveryError extends Error {
  override readonly name = "RegionDiscoveryError";
}

/**
 * A region's VPCs: all of them, and those whose owner-id is this account (EC2 DescribeVpcs filter `owner-id`,
 * EC2 API reference). Both calls run at once. A failure names the region; in an opt-in region it also names the
 * likeliest cause, version 1 STS session tokens, which "do not work in manually enabled Regions" (IAM API
 * reference, SetSecurityTokenServicePreferences). AWS does not document the exact error code the caller sees
 * there (EC2 answers AuthFailure in AWS's own example), so the hint is given for any failure in an opt-in region.
 */
export async function discoverVpcs(placement: RegionPlacement, accountId: string, isOptIn: boolean): Promise<RegionVpcs> {
  const region = placement.region;
  const opts: pulumi.InvokeOptions = { provider: placement.provider };
  try {
    const [all, owned] = await Promise.all([
      aws.ec2.getVpcs(placement.invokeArgs<aws.ec2.GetVpcsArgs>({}), opts),
      aws.ec2.getVpcs(placement.invokeArgs<aws.ec2.GetVpcsArgs>({ filters: [{ name: "owner-id", values: [accountId] }] }), opts),
    ]);
    const ownedIds = [...new Set(owned.ids)].sort();
    const shared = [...new Set(all.ids)].filter((id) => !ownedIds.includes(id)).sort();
    return { owned: ownedIds, shared };
  } catch (err) {
    const cause = err instanceof Error ? err.message : String(err);
    const hint = isOptIn
      ? ` ${region} is an opt-in region: session tokens from the global STS endpoint (version 1) are not valid there.` +
        " Use a regional STS endpoint (AWS_STS_REGIONAL_ENDPOINTS=regional) or make the global endpoint issue version 2" +
        " tokens (aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token), or exclude the" +
        " region with cis-logging-baseline:excludeRegions."
      : "";
    throw new RegionDiscoveryError(`cannot list the VPCs of ${region} (ec2:DescribeVpcs): ${cause}.${hint}`);
  }
}
