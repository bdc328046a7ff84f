import * as assert from "assert";
import { known, unknown } from "../../../policy-pack/domain/fact";
import { organizationRules } from "../../../policy-pack/domain/rules/organization";
import type { OrganizationState } from "../../../policy-pack/domain/state";
import { state, trail } from "./builders";

const organization = (patch: Partial<OrganizationState> = {}): OrganizationState => ({
  evidence: known(["the organization trail org"]), configStackSets: [], undecidedStackSets: [], aggregators: [], ...patch,
});

describe("organization rules (domain)", () => {
  it("are not applicable to a state without organization mode (the audit's, or a single-account stack's)", () => {
    for (const rule of Object.values(organizationRules)) {
      for (const s of [state(), state({ organization: organization({ evidence: known([]) }) })]) {
        assert.deepStrictEqual(rule.evaluate(s).map((v) => v.status), ["notApplicable"], rule.policy);
      }
    }
  });

  it("are undecided while what would declare organization mode is unknown", () => {
    for (const rule of Object.values(organizationRules)) {
      const verdicts = rule.evaluate(state({ organization: organization({ evidence: unknown("isOrganizationTrail is not known") }) }));
      assert.deepStrictEqual(verdicts.map((v) => [v.status, v.unknowns]), [["unknown", ["whether the stack is in organization mode: isOrganizationTrail is not known"]]], rule.policy);
    }
  });

  it("organization-trail-enabled: passes on one complete organization trail beside an incomplete one", () => {
    const good = trail({ ref: "good", name: "good", organization: known(true) });
    const bad = trail({ ref: "bad", name: "bad", organization: known(true), logFileValidation: known(false) });
    const verdicts = organizationRules["organization-trail-enabled"].evaluate(state({ trails: [bad, good], organization: organization() }));
    assert.deepStrictEqual(verdicts.map((v) => [v.status, v.subject.ref]), [["pass", "good"]]);
  });

  it("organization-trail-enabled: an account trail with every setting does not stand in for the organization trail", () => {
    const verdicts = organizationRules["organization-trail-enabled"].evaluate(state({ trails: [trail({ organization: known(false) })], organization: organization() }));
    assert.deepStrictEqual(verdicts.map((v) => [v.status, v.gaps.map((g) => g.code)]), [["fail", ["org.trail.none"]]]);
  });
});
