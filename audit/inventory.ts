/**
 * The inventory `npm run plan -- --inventory` reads (`--export-inventory`): every region's VPCs, from the regional
 * collection, and the IAM roles the program looks up. Split from audit.ts.
 */
import type { OptInStatus, RegionInventory } from "../offline/inventory";
import type { ClientFactory } from "./clients";
import type { RegionInfo } from "./collect/ec2";
import { INVENTORY_ROLE_PATH_PREFIXES, listRoleArns } from "./collect/iam";
import type { RegionData } from "./data";
import type { InventoryOutcome } from "./result";
import { Result, attempt, describeFailure } from "./types";

export interface RoleListing {
  readonly pathPrefix: string;
  readonly arns: Result<readonly string[]>;
}

/**
 * The program's two ListRoles lookups (discovery.ts), concurrently, through one IAM client in the account-wide
 * region: IAM is global, one endpoint per partition.
 */
export async function listInventoryRoles(clients: ClientFactory, home: string): Promise<RoleListing[]> {
  const iam = clients.client("iam", home);
  return Promise.all(
    INVENTORY_ROLE_PATH_PREFIXES.map(async (pathPrefix) => ({
      pathPrefix,
      arns: await attempt("iam:ListRoles", home, () => listRoleArns(iam, pathPrefix)),
    })),
  );
}

export function inventoryOf(
  accountId: string,
  partition: string,
  regionInfos: readonly RegionInfo[],
  regional: readonly RegionData[],
  roleListings: readonly RoleListing[],
): InventoryOutcome {
  const regions: Record<string, RegionInventory> = {};
  const failures: string[] = [];
  const iamRoleArns = new Set<string>();
  for (const listing of roleListings) {
    if (!listing.arns.ok) {
      // A missing role would make the offline plan create AWSServiceRoleForConfig, or deploy beside another stack.
      failures.push(`roles under ${listing.pathPrefix} were not listed: ${describeFailure(listing.arns.error)}`);
      continue;
    }
    listing.arns.value.forEach((arn) => iamRoleArns.add(arn));
  }
  for (const info of regionInfos) {
    const network = regional.find((r) => r.region === info.name)?.network;
    if (!network?.ok) {
      failures.push(network ? describeFailure(network.error) : `VPCs of ${info.name} were not listed`);
      continue;
    }
    const optInStatus: OptInStatus = info.optInStatus;
    const owned = (v: { ownerId: string }) => !v.ownerId || v.ownerId === accountId;
    const vpcIds = network.value.vpcs.filter(owned).map((v) => v.vpcId).sort();
    const sharedVpcs = network.value.vpcs.filter((v) => !owned(v)).map((v) => ({ vpcId: v.vpcId, ownerId: v.ownerId }));
    regions[info.name] = { optInStatus, vpcIds, sharedVpcs };
  }
  if (failures.length > 0) {
    return { ok: false, reason: `the inventory would be incomplete: ${failures.join("; ")}` };
  }
  return { ok: true, value: { accountId, partition, iamRoleArns: [...iamRoleArns].sort(), regions } };
}
