/**
 * What every organization rule shares: the rule shape, and the gate "is this an organization stack". A single-account
 * stack (or an adapter without organization state, such as the audit today) gets "not applicable", which reports
 * nothing, so single-account stacks are judged exactly as before issue 12.
 */
import type { OrganizationPolicyName } from "../../../orgControls";
import type { AccountState, OrganizationState, Trail } from "../../state";
import { Verdict, setAside, undecided, verdictOf } from "../../verdict";
import { accountRef } from "../trails";

export interface OrganizationRule {
  readonly policy: OrganizationPolicyName;
  evaluate(state: AccountState): readonly Verdict<OrganizationPolicyName>[];
}

/**
 * The organization state when the stack is in organization mode, else the verdicts to return instead: not applicable
 * (single account), or unknown while what would declare the mode is not known yet.
 */
export function organizationMode(policy: OrganizationPolicyName, state: AccountState):
  { organization: OrganizationState; evidence: readonly string[] } | { verdicts: Verdict<OrganizationPolicyName>[] } {
  const organization = state.organization;
  if (!organization || (organization.evidence.kind === "known" && organization.evidence.value.length === 0)) {
    return { verdicts: [setAside(policy, accountRef(state), "notApplicable", "the stack is not in organization mode")] };
  }
  if (organization.evidence.kind !== "known") {
    const why = organization.evidence.kind === "computed" ? `set by ${organization.evidence.by}` : organization.evidence.why;
    return { verdicts: [verdictOf(policy, accountRef(state), [undecided(`whether the stack is in organization mode: ${why}`)])] };
  }
  return { organization, evidence: organization.evidence.value };
}

export const isOrganizationTrail = (t: Trail): boolean => t.organization?.kind === "known" && t.organization.value;

/**
 * One candidate is enough (one aggregator, one StackSet): its pass is the verdict. With none passing, the undecided
 * ones win while any remain (a gap is proven only when nothing could still pass, as in oneTrailQualifies); else every
 * candidate's fail is reported, each on its own resource.
 */
export function oneQualifies(verdicts: readonly Verdict<OrganizationPolicyName>[]): Verdict<OrganizationPolicyName>[] {
  const passing = verdicts.find((v) => v.status === "pass");
  if (passing) {
    return [passing];
  }
  const pending = verdicts.filter((v) => v.status === "unknown");
  return pending.length > 0 ? pending : [...verdicts];
}
