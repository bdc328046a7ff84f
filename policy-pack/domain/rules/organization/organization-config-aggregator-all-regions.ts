/**
 * Organization mode: an organization aggregator collects AWS Config data of every member account in every region, so
 * the management account (or delegated administrator) sees the organization in one place. allRegions also follows
 * regions enabled later ("AllAwsRegions: If true, aggregate existing AWS Config regions and future regions", AWS
 * Config API, OrganizationAggregationSource,
 * https://docs.aws.amazon.com/config/latest/APIReference/API_OrganizationAggregationSource.html); a list of regions
 * passes when it names every region of the stack, with a note that it does not follow new regions.
 */
import type { OrganizationPolicyName } from "../../../orgControls";
import type { OrganizationAggregator } from "../../state";
import { Judgement, Ref, Verdict, gap, ok, undecided, verdictOf } from "../../verdict";
import { accountRef } from "../trails";
import { OrganizationRule, oneQualifies, organizationMode } from "./mode";

const aggregatorRef = (a: OrganizationAggregator): Ref => ({ kind: "aggregator", ref: a.ref, label: `aggregator ${a.name}` });

function judge(a: OrganizationAggregator, regions: readonly string[]): Judgement {
  const source = a.source;
  if (source.kind !== "known") {
    return source.kind === "unknown" ? undecided(source.why) : ok();
  }
  if (source.value === null) {
    return gap("org.aggregator.regions", "it aggregates listed accounts, not the organization (no organizationAggregationSource)");
  }
  if (source.value.allRegions) {
    return ok();
  }
  const listed = new Set(source.value.regions);
  const missing = regions.filter((r) => !listed.has(r));
  return missing.length > 0
    ? gap("org.aggregator.regions", `it aggregates only ${[...listed].sort().join(", ") || "no region"}, not ${missing.join(", ")}`)
    : ok([{ basis: "project", text: "the aggregator lists its regions; allRegions would also follow regions enabled later" }]);
}

export const organizationConfigAggregatorAllRegions: OrganizationRule = {
  policy: "organization-config-aggregator-all-regions",
  evaluate(state) {
    const mode = organizationMode(this.policy, state);
    if ("verdicts" in mode) {
      return mode.verdicts;
    }
    const aggregators = mode.organization.aggregators;
    if (aggregators.length === 0) {
      return [verdictOf(this.policy, accountRef(state), [gap("org.aggregator.none",
        `the stack is in organization mode (${mode.evidence.join(", ")}) but has no AWS Config aggregator of the organization`)])];
    }
    const verdicts: Verdict<OrganizationPolicyName>[] = aggregators.map((a) => verdictOf(this.policy, aggregatorRef(a), [judge(a, state.scope.regions)]));
    return oneQualifies(verdicts);
  },
};
