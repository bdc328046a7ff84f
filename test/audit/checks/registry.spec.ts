import { strict as assert } from "assert";
import { controls } from "../../../policy-pack/controls";
import { allChecks, checksFor } from "../../../audit/checks";

describe("audit/checks registry", () => {
  it("has exactly one check per control of the catalog, in catalog order", () => {
    assert.deepEqual(
      allChecks().map((c) => c.policy),
      controls.map((c) => c.policy),
    );
  });

  it("selects the controls each CIS version has: 9 in 1.2.0, 11 in 1.4.0, 9 in 3.0.0 and 5.0.0", () => {
    assert.equal(checksFor("1.2.0").length, 9);
    assert.ok(!checksFor("1.2.0").some((c) => c.policy.startsWith("cloudtrail-s3-data-events")));
    assert.equal(checksFor("1.4.0").length, 11);
    const v3 = checksFor("3.0.0").map((c) => c.policy);
    assert.equal(v3.length, 9);
    assert.ok(!v3.includes("cloudtrail-bucket-not-public") && !v3.includes("cloudtrail-cloudwatch-logs-enabled"));
    assert.deepEqual(checksFor("5.0.0").map((c) => c.policy), v3);
  });
});
