/**
 * The built-in sample organization of `npm run plan` (organization stacks) and of the organization tests: the sample
 * account (offline/sampleAccount.ts, 111122223333) is its management account, 222233334444 its log-archive account,
 * and any number of further member accounts. Trusted access is enabled for the services organization mode needs
 * (organizationDiscovery.ts REQUIRED_SERVICE_ACCESS).
 */
import { REQUIRED_SERVICE_ACCESS } from "../organizationDiscovery";
import { Inventory, OrganizationInventory } from "./inventory";
import { sampleAccount } from "./sampleAccount";

export const SAMPLE_ORGANIZATION_ID = "o-a1b2c3d4e5";
export const SAMPLE_ROOT_ID = "r-a1b2";
export const SAMPLE_LOG_ARCHIVE_ACCOUNT = "222233334444";

/** `members` member accounts besides the management and log-archive accounts (12-digit IDs from 300000000000). */
export function sampleOrganization(members = 3, extra: Partial<OrganizationInventory> = {}): Inventory {
  const memberIds = Array.from({ length: members }, (_, i) => String(300000000000 + i));
  return {
    ...sampleAccount,
    organization: {
      id: SAMPLE_ORGANIZATION_ID,
      managementAccountId: sampleAccount.accountId,
      rootId: SAMPLE_ROOT_ID,
      accountIds: [sampleAccount.accountId, SAMPLE_LOG_ARCHIVE_ACCOUNT, ...memberIds],
      serviceAccessPrincipals: [...REQUIRED_SERVICE_ACCESS.map((s) => s.principal)],
      ...extra,
    },
  };
}
