/**
 * The account inventory the offline plan runs against: the account id, the IAM roles the program looks up (AWS
 * Config's service-linked role, roles of baseline stacks) and, per region, its opt-in status, the IDs of the VPCs
 * the account owns and those shared into it by another account. `npm run audit -- --export-inventory FILE` writes this format from a live
 * account; `npm run plan -- --inventory FILE` reads it.
 */
import * as fs from "fs";

export type OptInStatus = "opt-in-not-required" | "opted-in" | "not-opted-in";
const optInStatuses: readonly OptInStatus[] = ["opt-in-not-required", "opted-in", "not-opted-in"];

export interface SharedVpc {
  readonly vpcId: string;
  /** The account that owns the VPC and shares it into this one (AWS RAM). */
  readonly ownerId: string;
}

export interface RegionInventory {
  readonly optInStatus: OptInStatus;
  /** VPCs the account owns. */
  readonly vpcIds: readonly string[];
  /** VPCs another account shares into this one: DescribeVpcs lists them with the owner's OwnerId. Default none. */
  readonly sharedVpcs?: readonly SharedVpc[];
}

/**
 * The organization the account belongs to, as organizations:DescribeOrganization, ListRoots, ListAccounts and
 * ListAWSServiceAccessForOrganization answer (aws.organizations.getOrganization). Only the organization stacks read it;
 * it is built in code (offline/sampleOrganization.ts), not read from an inventory file.
 */
export interface OrganizationInventory {
  readonly id: string;
  readonly managementAccountId: string;
  readonly rootId: string;
  /** Every account of the organization, the management account included. */
  readonly accountIds: readonly string[];
  /** Service principals with trusted access (ListAWSServiceAccessForOrganization). */
  readonly serviceAccessPrincipals: readonly string[];
  /** The accounts under each organizational unit, its child OUs included (ListChildren/ListAccountsForParent). */
  readonly accountsByOrganizationalUnit?: Readonly<Record<string, readonly string[]>>;
}

export interface Inventory {
  /** The organization of the account, for organization stacks (mode: organization). */
  readonly organization?: OrganizationInventory;
  readonly accountId: string;
  readonly partition: string;
  /**
   * ARNs of the account's IAM roles under the paths the program looks up (ListRoles with PathPrefix
   * /aws-service-role/config.amazonaws.com/ and /cis-logging-baseline/). Other roles may be listed; they are ignored.
   * Default none.
   */
  readonly iamRoleArns?: readonly string[];
  readonly regions: Readonly<Record<string, RegionInventory>>;
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\u0021-\u007e]*\/)?[\w+=,.@-]{1,64}$/;

/** Validates an inventory read from JSON; throws one message naming the field, the value and what is allowed. */
export function parseInventory(raw: unknown, source = "inventory"): Inventory {
  const fail = (where: string, value: unknown, allowed: string): never => {
    throw new Error(`${source}: ${where} is ${JSON.stringify(value)}; expected ${allowed}`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return fail("the document", raw, "an object with accountId and regions");
  }
  const doc = raw as Record<string, unknown>;
  const accountId = doc.accountId;
  if (typeof accountId !== "string" || !/^\d{12}$/.test(accountId)) {
    fail("accountId", accountId, "a 12-digit AWS account id");
  }
  const partition = doc.partition ?? "aws";
  if (typeof partition !== "string" || !/^aws(-[a-z-]+)?$/.test(partition)) {
    fail("partition", partition, "an AWS partition such as aws");
  }
  const iamRoleArns = doc.iamRoleArns ?? [];
  if (!Array.isArray(iamRoleArns) || iamRoleArns.some((arn) => typeof arn !== "string" || !ROLE_ARN.test(arn))) {
    fail("iamRoleArns", iamRoleArns, "a list of IAM role ARNs such as arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig");
  }
  const regionsRaw = doc.regions;
  if (typeof regionsRaw !== "object" || regionsRaw === null || Array.isArray(regionsRaw)) {
    return fail("regions", regionsRaw, "an object keyed by region name");
  }
  const regions: Record<string, RegionInventory> = {};
  for (const [region, value] of Object.entries(regionsRaw as Record<string, unknown>)) {
    if (!REGION_NAME.test(region)) {
      fail("a region name", region, "a region name such as eu-north-1");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      fail(`regions.${region}`, value, "an object with optInStatus and vpcIds");
    }
    const entry = value as Record<string, unknown>;
    const optInStatus = entry.optInStatus ?? "opt-in-not-required";
    if (!optInStatuses.includes(optInStatus as OptInStatus)) {
      fail(`regions.${region}.optInStatus`, optInStatus, optInStatuses.join(" | "));
    }
    const vpcIds = entry.vpcIds ?? [];
    if (!Array.isArray(vpcIds) || vpcIds.some((id) => typeof id !== "string" || !VPC_ID.test(id))) {
      fail(`regions.${region}.vpcIds`, vpcIds, "a list of VPC IDs such as vpc-0a1b2c3d");
    }
    const sharedRaw = entry.sharedVpcs ?? [];
    const sharedOk = Array.isArray(sharedRaw) && sharedRaw.every((v) => typeof v === "object" && v !== null &&
      typeof (v as SharedVpc).vpcId === "string" && VPC_ID.test((v as SharedVpc).vpcId) &&
      typeof (v as SharedVpc).ownerId === "string" && /^\d{12}$/.test((v as SharedVpc).ownerId) && (v as SharedVpc).ownerId !== accountId);
    if (!sharedOk) {
      fail(`regions.${region}.sharedVpcs`, sharedRaw, "a list of { vpcId, ownerId } with another account's 12-digit id as ownerId");
    }
    const shared = (sharedRaw as SharedVpc[]).map((v) => ({ vpcId: v.vpcId, ownerId: v.ownerId }));
    const both = shared.filter((v) => (vpcIds as string[]).includes(v.vpcId));
    if (both.length > 0) {
      fail(`regions.${region}.sharedVpcs`, both.map((v) => v.vpcId), "VPCs that are not also in vpcIds (a VPC has one owner)");
    }
    regions[region] = { optInStatus: optInStatus as OptInStatus, vpcIds: [...(vpcIds as string[])], sharedVpcs: shared };
  }
  if (Object.keys(regions).length === 0) {
    fail("regions", regionsRaw, "at least one region");
  }
  return { accountId: accountId as string, partition: partition as string, iamRoleArns: [...(iamRoleArns as string[])], regions };
}

export function readInventory(file: string): Inventory {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read inventory ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`inventory ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseInventory(raw, file);
}

/** Regions enabled for the account: opt-in-not-required and opted-in, as EC2 DescribeRegions reports them. */
export function enabledRegions(inventory: Inventory): string[] {
  return Object.entries(inventory.regions)
    .filter(([, r]) => r.optInStatus !== "not-opted-in")
    .map(([name]) => name)
    .sort();
}
