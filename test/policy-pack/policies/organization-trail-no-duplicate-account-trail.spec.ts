import * as assert from "assert";
import { organizationTrailNoDuplicateAccountTrail as policy } from "../../../policy-pack/policies/organization-trail-no-duplicate-account-trail";
import { compliantStack, home, other, trailInputs, trailType } from "../fixtures";
import { StackResourceInput, detail, runStackPolicy, unknownValue, urnOf } from "../harness";
import { organizationStack } from "../organizationFixtures";

function accountTrail(props: Record<string, unknown> = {}, region = home): StackResourceInput {
  return {
    type: trailType, name: "account-trail", urn: urnOf(trailType, "account-trail"), provider: { name: `aws-${region}`, region },
    props: { ...trailInputs, name: "account-trail", region, homeRegion: region, ...props },
  };
}
const head = 'aws:cloudtrail/trail:Trail "account-trail" [organization mode: CIS 1.2.0 2.1]';
const duplicate = `${head}: the account trail records management events that the organization trail baseline-trail already delivers for this account; CloudTrail charges for the second copy ("Additional copies of management events are charged", https://aws.amazon.com/cloudtrail/pricing/). Fix: remove the account trail (mode: organization replaces it), or set its selectors to record no management events (includeManagementEvents: false).`;
const run = async (stack: readonly StackResourceInput[]) =>
  (await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]);

describe("policy organization-trail-no-duplicate-account-trail", () => {
  it("says nothing on the organization stack with only the organization trail", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, organizationStack()), { diagnostics: [], notApplicable: [] });
  });

  it("says nothing on a single-account stack, even with two account trails", async () => {
    assert.deepStrictEqual(await run([...compliantStack(), accountTrail()]), []);
  });

  it("advises against an account trail recording management events beside the organization trail, on that trail, citing the pricing", async () => {
    assert.deepStrictEqual(await run([...organizationStack(), accountTrail()]), [["advisory", urnOf(trailType, "account-trail"), duplicate]]);
  });

  it("counts a single-region account trail in a region the multi-region organization trail logs", async () => {
    assert.deepStrictEqual((await run([...organizationStack(), accountTrail({ isMultiRegionTrail: false }, other)])).map((d) => d[2]), [duplicate]);
  });

  it("accepts a single-region account trail in another region than a single-region organization trail, and flags one in the same region", async () => {
    const singleRegionOrg = organizationStack().map((r) => (r.name === "baseline-trail" ? { ...r, props: { ...r.props, isMultiRegionTrail: false } } : r));
    assert.deepStrictEqual(await run([...singleRegionOrg, accountTrail({ isMultiRegionTrail: false }, other)]), []);
    assert.deepStrictEqual((await run([...singleRegionOrg, accountTrail({ isMultiRegionTrail: false }, home)])).map((d) => d[2]), [duplicate]);
  });

  it("accepts an account trail kept for data events only (includeManagementEvents: false)", async () => {
    const dataOnly = accountTrail({ eventSelectors: [{ readWriteType: "All", includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }] });
    assert.deepStrictEqual(await run([...organizationStack(), dataOnly]), []);
  });

  it("counts advanced selectors on eventCategory Management", async () => {
    const advanced = accountTrail({ eventSelectors: undefined, advancedEventSelectors: [{ name: "m", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }] });
    assert.deepStrictEqual((await run([...organizationStack(), advanced])).map((d) => d[2]), [duplicate]);
  });

  it("can be raised to mandatory in the pack config", async () => {
    const { diagnostics } = await runStackPolicy(policy, [...organizationStack(), accountTrail()], { [policy.name]: { enforcementLevel: "mandatory" } });
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["mandatory"]);
  });

  it("notes, without reporting a duplicate, an account trail whose selectors are unknown in a preview", async () => {
    assert.deepStrictEqual(await run([...organizationStack(), accountTrail({ eventSelectors: unknownValue.array })]), [[
      "advisory", urnOf(trailType, "account-trail"),
      `${head}: cannot verify whether an account trail duplicates the organization trail's management events during preview (whether the account trail records management events in a region of the organization trail); the update re-checks it.`,
    ]]);
  });
});
