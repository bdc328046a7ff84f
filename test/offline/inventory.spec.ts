import { strict as assert } from "assert";
import { enabledRegions, parseInventory } from "../../offline/inventory";
import { sampleAccount } from "../../offline/sampleAccount";

describe("offline/inventory", () => {
  it("accepts the sample account and lists only its enabled regions, sorted", () => {
    const parsed = parseInventory(JSON.parse(JSON.stringify(sampleAccount)));
    const enabled = enabledRegions(parsed);
    assert.equal(enabled.length, 20);
    assert.ok(!enabled.includes("af-south-1"), "a not-opted-in region is not enabled");
    assert.ok(enabled.includes("ap-east-1") && enabled.includes("me-central-1"), "opted-in regions are enabled");
    assert.deepEqual(enabled, [...enabled].sort());
  });

  it("rejects a malformed VPC id naming the region and the value", () => {
    assert.throws(
      () => parseInventory({ accountId: "111122223333", regions: { "eu-west-1": { vpcIds: ["subnet-1"] } } }),
      /regions\.eu-west-1\.vpcIds is \["subnet-1"\]; expected a list of VPC IDs/,
    );
  });

  it("rejects an account id that is not 12 digits", () => {
    assert.throws(() => parseInventory({ accountId: "12", regions: { "eu-west-1": {} } }), /accountId is "12"; expected a 12-digit/);
  });

  it("rejects an unknown opt-in status", () => {
    assert.throws(
      () => parseInventory({ accountId: "111122223333", regions: { "eu-west-1": { optInStatus: "maybe" } } }),
      /regions\.eu-west-1\.optInStatus is "maybe"; expected opt-in-not-required \| opted-in \| not-opted-in/,
    );
  });
});
