/**
 * Organization mode, cost: an account trail that records management events beside the organization trail delivers a
 * second copy of the management account's management events, which CloudTrail charges for: "The first copy of
 * management events is delivered free of charge. Additional copies of management events are charged" (AWS CloudTrail
 * pricing, https://aws.amazon.com/cloudtrail/pricing/); "If you create more trails that deliver the same management
 * events to other destinations, those subsequent deliveries incur CloudTrail costs" (CloudTrail UG, Managing CloudTrail
 * trail costs, https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trail-manage-costs.html).
 * Two trails overlap unless both are single-region trails of different home regions. Advisory: it costs, it does not
 * leave anything unlogged.
 */
import type { OrganizationPolicyName } from "../../../orgControls";
import type { Selectors, Trail } from "../../state";
import { Verdict, gap, undecided, verdictOf } from "../../verdict";
import { trailRef } from "../trails";
import { OrganizationRule, isOrganizationTrail, organizationMode } from "./mode";

/** Whether some selector records management events at all (any direction, any source). */
export function recordsManagementEvents(selectors: Selectors): boolean {
  return selectors.kind === "classic"
    ? selectors.items.some((s) => s.includeManagementEvents)
    : selectors.items.some((s) => s.fields.some((f) => f.field === "eventCategory" && f.equals.includes("Management")));
}

/** Whether the two trails log some region in common: "no" only for two single-region trails of known, different homes. */
function overlap(a: Trail, b: Trail): boolean | "unknown" {
  if (a.multiRegion.kind !== "known" || b.multiRegion.kind !== "known") {
    return "unknown";
  }
  if (a.multiRegion.value || b.multiRegion.value) {
    return true;
  }
  if (a.homeRegion.kind !== "known" || b.homeRegion.kind !== "known") {
    return "unknown";
  }
  return a.homeRegion.value === b.homeRegion.value;
}

const recordsManagement = (t: Trail): boolean | "unknown" =>
  t.selectors.kind === "known" ? recordsManagementEvents(t.selectors.value) : t.selectors.kind === "unknown" ? "unknown" : false;

export const organizationTrailNoDuplicateAccountTrail: OrganizationRule = {
  policy: "organization-trail-no-duplicate-account-trail",
  evaluate(state) {
    const mode = organizationMode(this.policy, state);
    if ("verdicts" in mode) {
      return mode.verdicts;
    }
    const organizationTrails = state.trails.filter((t) => isOrganizationTrail(t) && recordsManagement(t) === true);
    const verdicts: Verdict<OrganizationPolicyName>[] = [];
    for (const t of state.trails) {
      if (isOrganizationTrail(t) || organizationTrails.length === 0) {
        continue;
      }
      if (t.organization !== undefined && t.organization.kind !== "known") {
        verdicts.push(verdictOf(this.policy, trailRef(t), [undecided(`whether ${t.name} is an organization trail is not known yet`)]));
        continue;
      }
      const records = recordsManagement(t);
      const overlaps = organizationTrails.map((o) => ({ o, overlaps: overlap(t, o) }));
      const duplicated = overlaps.find((a) => a.overlaps === true);
      if (records === true && duplicated) {
        verdicts.push(verdictOf(this.policy, trailRef(t), [gap("org.trail.duplicate",
          `the account trail records management events that the organization trail ${duplicated.o.name} already delivers for this account; CloudTrail charges for the second copy ("Additional copies of management events are charged", https://aws.amazon.com/cloudtrail/pricing/)`)]));
      } else if (records !== false && overlaps.some((a) => a.overlaps !== false)) {
        verdicts.push(verdictOf(this.policy, trailRef(t), [undecided("whether the account trail records management events in a region of the organization trail")]));
      }
    }
    return verdicts;
  },
};
