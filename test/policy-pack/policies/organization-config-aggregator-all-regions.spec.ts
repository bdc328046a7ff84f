import * as assert from "assert";
import { organizationConfigAggregatorAllRegions as policy } from "../../../policy-pack/policies/organization-config-aggregator-all-regions";
import { compliantStack, home, other } from "../fixtures";
import { detail, runStackPolicy, unknownValue, urnOf } from "../harness";
import { aggregator, aggregatorType, organizationStack, replaced } from "../organizationFixtures";

const aggregatorUrn = urnOf(aggregatorType, "org-aggregator");
const head = 'aws:cfg/configurationAggregator:ConfigurationAggregator "org-aggregator" [organization mode: CIS 1.2.0 2.5]';
const fix = "Fix: set organizationAggregationSource.allRegions: true (it also follows regions enabled later).";
const run = async (stack: Parameters<typeof runStackPolicy>[1]) =>
  (await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]);
const withAggregator = (props: Record<string, unknown>) => replaced(organizationStack(), "org-aggregator", aggregator(props));

describe("policy organization-config-aggregator-all-regions", () => {
  it("passes the compliant organization stack (allRegions: true)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, organizationStack()), { diagnostics: [], notApplicable: [] });
  });

  it("says nothing on a single-account stack", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("passes an aggregator that lists every region of the stack", async () => {
    assert.deepStrictEqual(await run(withAggregator({ organizationAggregationSource: { regions: [other, home], roleArn: "arn:aws:iam::123456789012:role/a" } })), []);
  });

  it("fails an aggregator that leaves out a region of the stack, naming it", async () => {
    assert.deepStrictEqual(await run(withAggregator({ organizationAggregationSource: { regions: [home], roleArn: "arn:aws:iam::123456789012:role/a" } })), [
      ["mandatory", aggregatorUrn, `${head}: it aggregates only ${home}, not ${other}. ${fix}`],
    ]);
  });

  it("fails an aggregator of listed accounts, which does not follow the organization", async () => {
    const stack = withAggregator({ organizationAggregationSource: undefined, accountAggregationSource: { accountIds: ["123456789012"], allRegions: true } });
    assert.deepStrictEqual(await run(stack), [
      ["mandatory", aggregatorUrn, `${head}: it aggregates listed accounts, not the organization (no organizationAggregationSource). ${fix}`],
    ]);
  });

  it("fails an organization stack without an aggregator, against the stack", async () => {
    assert.deepStrictEqual(await run(replaced(organizationStack(), "org-aggregator", null)), [[
      "mandatory", undefined,
      "stack [organization mode: CIS 1.2.0 2.5]: the stack is in organization mode (the organization trail baseline-trail, the service-managed StackSet cis-logging-config-recorders of AWS Config recorders) but has no AWS Config aggregator of the organization. Fix: add an aws.cfg.ConfigurationAggregator with organizationAggregationSource { allRegions: true, roleArn }.",
    ]]);
  });

  it("passes when one of two aggregators qualifies", async () => {
    const second = { ...aggregator({ organizationAggregationSource: { regions: [home], roleArn: "r" } }), name: "partial", urn: urnOf(aggregatorType, "partial") };
    assert.deepStrictEqual(await run([...organizationStack(), second]), []);
  });

  it("notes, without failing, an aggregation source unknown in a preview", async () => {
    assert.deepStrictEqual(await run(withAggregator({ organizationAggregationSource: unknownValue.object })), [[
      "advisory", aggregatorUrn,
      `${head}: cannot verify the organization aggregator during preview (Object value at .organizationAggregationSource can't be known during preview); the update re-checks it.`,
    ]]);
  });
});
