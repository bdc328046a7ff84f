/**
 * The parity suite (control-model.md §5): every row of cases.ts runs through both tools — the policy pack's adapter
 * and rules on the rendered stack, the audit on the rendered fake account — and both must give the row's expected
 * verdict on every subject it names. Where both tools judge a subject the row does not name, they must agree too.
 */
import { strict as assert } from "assert";
import { fixedClock } from "../../clock";
import { runAudit } from "../../audit/audit";
import type { Finding } from "../../audit/types";
import { fromStack } from "../../policy-pack/fromStack";
import { defaultRuleOptions, rules } from "../../policy-pack/domain/rules";
import type { Status } from "../../policy-pack/domain/verdict";
import { policies } from "../../policy-pack/policies";
import { NOW, installFake } from "../audit/fakeAccount";
import { runPack, stackResources, unknownValue } from "../policy-pack/harness";
import type { StackResourceInput } from "../policy-pack/harness";
import { Case, POLICIES, baseState, cases } from "./cases";
import { renderAws } from "./render/aws";
import { renderStack } from "./render/stack";

type Verdicts = Map<string, Status>;

const invert = (refs: Map<string, string>): Map<string, string> => new Map([...refs].map(([id, ref]) => [ref, id]));

/** The pack's verdicts, keyed `<policy>@<logical id>` (subjects the case does not name are keyed by their ref). */
function packVerdicts(resources: readonly StackResourceInput[], refs: Map<string, string>): Verdicts {
  const byRef = invert(refs);
  const { state } = fromStack(stackResources(resources));
  const out: Verdicts = new Map();
  for (const policy of POLICIES) {
    for (const v of rules[policy].evaluate(state, defaultRuleOptions)) {
      out.set(`${policy}@${byRef.get(v.subject.ref) ?? v.subject.ref}`, v.status);
    }
  }
  return out;
}

function auditStatus(f: Finding): Status {
  switch (f.status) {
    case "pass": return "pass";
    case "fail": return "fail";
    case "error": return "unknown";
    case "not-judged": return /: not applicable: /.test(f.message) ? "notApplicable" : "notJudgedHere";
  }
}

async function auditVerdicts(c: Case): Promise<Verdicts> {
  const { account, regions, refs } = renderAws(c.state);
  const byRef = invert(refs);
  const { clients, restore } = installFake(account);
  try {
    const result = await runAudit({ clients, cisVersion: "1.4.0", regions, clock: fixedClock(NOW) });
    return new Map(result.findings.map((f) => [`${f.policy}@${byRef.get(f.resource) ?? f.resource}`, auditStatus(f)]));
  } finally {
    restore();
  }
}

/** The audit gives no finding where nothing applies (no trail, a disabled key): that is its notApplicable. */
const orNotApplicable = (v: Verdicts, key: string): Status => v.get(key) ?? "notApplicable";

describe("parity: the policy pack and the audit judge each account state alike", () => {
  it("has about fifty rows with unique ids, every expectation naming a policy of the catalog", () => {
    assert.ok(cases.length >= 45, `${cases.length} rows`);
    assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
    for (const c of cases) {
      for (const key of Object.keys(c.expect)) {
        assert.ok(POLICIES.includes(key.split("@")[0] as never), `${c.id}: ${key}`);
      }
    }
  });

  for (const c of cases) {
    it(`${c.id}: ${c.what}`, async () => {
      const stack = renderStack(c.state);
      const pack = packVerdicts(stack.resources, stack.refs);
      const audit = await auditVerdicts(c);
      for (const [key, expected] of Object.entries(c.expect)) {
        const want = typeof expected === "string" ? { pack: expected, audit: expected } : expected;
        assert.equal(orNotApplicable(pack, key), want.pack, `pack ${key}`);
        assert.equal(orNotApplicable(audit, key), want.audit, `audit ${key}`);
      }
      // Every other subject both tools judge: the same verdict (runtime-only facts are healthy in the fake).
      for (const [key, status] of pack) {
        if (audit.has(key) && !(key in c.expect)) {
          assert.equal(audit.get(key), status, `${key}: pack ${status}, audit ${String(audit.get(key))}`);
        }
      }
    });
  }

  it("a compliant stack gets no diagnostic at all from the whole pack, advisory included", async () => {
    const stack = renderStack(baseState);
    const diagnostics = await runPack(policies, [], stack.resources);
    assert.deepEqual(diagnostics.map((d) => `${d.policy}: ${d.message}`), []);
  });

  it("an unknown value never turns a failing row into a pass: every output ARN unknown (a first preview)", () => {
    for (const c of cases) {
      const stack = renderStack(c.state);
      const preview = stack.resources.map((r) => ("arn" in r.props ? { ...r, props: { ...r.props, arn: unknownValue.string } } : r));
      const pack = packVerdicts(preview, stack.refs);
      for (const [key, expected] of Object.entries(c.expect)) {
        const want = typeof expected === "string" ? expected : expected.pack;
        if (want === "fail") {
          assert.notEqual(orNotApplicable(pack, key), "pass", `${c.id} ${key} passed once ARNs were unknown`);
        }
      }
    }
  });
});
