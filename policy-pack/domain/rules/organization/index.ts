/** The rules of organization mode (orgControls.ts), by policy name. */
import type { OrganizationPolicyName } from "../../../orgControls";
import type { OrganizationRule } from "./mode";
import { organizationConfigAggregatorAllRegions } from "./organization-config-aggregator-all-regions";
import { organizationConfigStackSetEnabled } from "./organization-config-stackset-enabled";
import { organizationTrailEnabled } from "./organization-trail-enabled";
import { organizationTrailNoDuplicateAccountTrail } from "./organization-trail-no-duplicate-account-trail";

export type { OrganizationRule } from "./mode";

export const organizationRules: Readonly<Record<OrganizationPolicyName, OrganizationRule>> = {
  "organization-trail-enabled": organizationTrailEnabled,
  "organization-config-stackset-enabled": organizationConfigStackSetEnabled,
  "organization-config-aggregator-all-regions": organizationConfigAggregatorAllRegions,
  "organization-trail-no-duplicate-account-trail": organizationTrailNoDuplicateAccountTrail,
};
