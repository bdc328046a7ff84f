import * as assert from "assert";
import { controlReference } from "../../../policy-pack/policies/report";

describe("policy-pack reports (policies/report.ts)", () => {
  describe("control references", () => {
    it("names the id in the selected version and the Security Hub control", () => {
      assert.strictEqual(controlReference("vpc-flow-logs-enabled", "1.2.0"), "CIS 1.2.0 2.9, Security Hub EC2.6");
      assert.strictEqual(controlReference("vpc-flow-logs-enabled", "1.4.0"), "CIS 1.4.0 3.9, Security Hub EC2.6");
      assert.strictEqual(controlReference("vpc-flow-logs-enabled", "5.0.0"), "CIS 5.0.0 3.7, Security Hub EC2.6");
      assert.strictEqual(controlReference("vpc-flow-logs-enabled", "7.0.0"), "CIS 7.0.0 4.7, Security Hub EC2.6");
    });

    it("says when the selected version lacks the control and where it is", () => {
      assert.strictEqual(controlReference("cloudtrail-s3-data-events-read-enabled", "1.2.0"), "not in CIS 1.2.0; CIS 1.4.0 3.11, Security Hub S3.23");
      assert.strictEqual(controlReference("cloudtrail-bucket-not-public", "6.0.0"), "not in CIS 6.0.0; CIS 1.2.0 2.3, Security Hub CloudTrail.6");
    });
  });
});
