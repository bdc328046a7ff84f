import { strict as assert } from "assert";
import { parseCliArgs } from "../../../audit/cli";

describe("audit/cli organization flags", () => {
  it("defaults --org to OrganizationAccountAccessRole and 32 accounts at a time, and reads the role, external ID and aggregator", () => {
    assert.deepEqual(parseCliArgs(["--org"]), {
      regions: "all", format: "table", cisVersion: "1.2.0", concurrency: 32, org: { role: "OrganizationAccountAccessRole" },
    });
    assert.deepEqual(parseCliArgs(["--org", "--org-role", "audit/CisLoggingAudit", "--external-id", "ext-1", "--compare-aggregator", "org-agg", "--concurrency", "64"]), {
      regions: "all", format: "table", cisVersion: "1.2.0", concurrency: 64,
      org: { role: "audit/CisLoggingAudit", externalId: "ext-1", compareAggregator: "org-agg" },
    });
  });

  it("rejects organization flags without --org, bad names, both aggregator modes, --export-inventory and too many accounts at a time", () => {
    assert.throws(() => parseCliArgs(["--org-role", "Audit"]), /\[--org-role\] is "Audit"; it applies only with --org/);
    assert.throws(() => parseCliArgs(["--from-aggregator", "a"]), /\[--from-aggregator\] is "a"; it applies only with --org/);
    assert.throws(() => parseCliArgs(["--org", "--org-role", "bad role"]), /\[--org-role\] is "bad role"; expected an IAM role name/);
    assert.throws(() => parseCliArgs(["--org", "--external-id", "x"]), /\[--external-id\] is "x"; expected 2 to 1224/);
    assert.throws(() => parseCliArgs(["--org", "--from-aggregator", "a b"]), /\[--from-aggregator\] is "a b"; expected an AWS Config aggregator name/);
    assert.throws(() => parseCliArgs(["--org", "--from-aggregator", "a", "--compare-aggregator", "b"]), /cannot be used with --from-aggregator/);
    assert.throws(() => parseCliArgs(["--org", "--export-inventory", "inv.json"]), /\[--export-inventory\] describes one account; it cannot be used with --org/);
    assert.throws(() => parseCliArgs(["--org", "--concurrency", "129"]), /\[--concurrency\] is "129"; expected an integer from 1 to 128/);
    assert.throws(() => parseCliArgs(["--concurrency", "33"]), /\[--concurrency\] is "33"; expected an integer from 1 to 32/);
  });
});
