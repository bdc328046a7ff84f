import { strict as assert } from "assert";
import { sampleOrganization } from "../../offline/sampleOrganization";
import { OrganizationRun, runOrganization, ORG_CONFIG } from "./orgHarness";

/** Every registered resource as `<type> <name>` with its inputs: what a deployment would create. */
const footprint = (run: OrganizationRun): string[] =>
  run.resources.map((r) => `${r.type} ${r.name} ${JSON.stringify(r.inputs)}`).sort();

describe("organization/scale", () => {
  it("registers the same resources, with the same inputs, for 3 and for 300 member accounts (AWS fans out, not Pulumi)", async () => {
    const small = await runOrganization(ORG_CONFIG, sampleOrganization(3));
    const large = await runOrganization(ORG_CONFIG, sampleOrganization(300));
    assert.equal(large.resources.length, small.resources.length);
    assert.deepEqual(footprint(large), footprint(small));
    // Neither run names a member account anywhere in what it registers.
    const text = JSON.stringify(large.resources.map((r) => r.inputs));
    assert.ok(!/3000000000\d\d/.test(text), "no member account ID in any resource input");
  });

  it("asks AWS Organizations once, whatever the number of accounts", async () => {
    const large = await runOrganization(ORG_CONFIG, sampleOrganization(300));
    assert.equal(large.invokes.filter((i) => i.token === "aws:organizations/getOrganization:getOrganization").length, 1);
  });
});
