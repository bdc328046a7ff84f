import { strict as assert } from "assert";
import * as path from "path";
import { plan } from "../../offline/plan";
import { mockAccount } from "../setup/pulumiMocks";

const ROOT = path.resolve(__dirname, "../..");

describe("organization/plan (npm run plan -- --stack org)", () => {
  let lines: string[] = [];
  before(async () => {
    try {
      await plan({ stack: "org", projectDir: ROOT }, (line) => lines.push(line));
    } finally {
      await mockAccount.install("cis-logging-baseline", "test", false);
    }
  });
  after(() => { lines = []; });

  it("says which organization it plans, from which account, in which role", () => {
    assert.equal(lines[0], "Plan for account 111122223333 (built-in sample account in the built-in sample organization), stack org, mode organization, home region ap-northeast-1");
    assert.ok(lines.includes("Organization o-a1b2c3d4e5: management account 111122223333, 4 member accounts; this stack runs as the management account (StackSet callAs SELF)"));
  });

  it("shows one trail, the StackSet with its regions, the aggregator, the rules and the telemetry rule, and nothing per member account", () => {
    assert.ok(lines.includes("Trails: 1, the organization trail (every account, every region)"));
    const stackSet = lines.find((l) => l.startsWith("StackSet cis-logging-baseline-config-recorders: service-managed, automatic deployment on, 17 regions (ap-northeast-1, "));
    assert.ok(stackSet, "the StackSet line with its regions");
    assert.match(stackSet, /targets r-a1b2, excluded accounts: none$/);
    assert.ok(lines.includes("Aggregator: 1, every account, all regions"));
    assert.ok(lines.includes("Organization Config rules: 40 (8 in ap-northeast-1, the flow-log and key-rotation rules in each other region)"));
    assert.ok(lines.includes("Telemetry rules: 1 organization rule for every VPC of every account"));
    assert.ok(lines.includes("Per member account: nothing. 168 resources for 4 member accounts, the same for any number (AWS fans out, not Pulumi)"));
    const resourceLines = lines.filter((l) => l.startsWith("  + "));
    assert.equal(resourceLines.filter((l) => l.includes("aws.cloudtrail.Trail")).length, 1);
    assert.equal(resourceLines.filter((l) => l.includes("aws.cloudformation.StackSetInstance")).length, 17);
    assert.ok(!resourceLines.some((l) => /\d{12}/.test(l)), "no resource is named after an account");
    assert.ok(lines.includes("168 resources to create."));
    // Review A5: regions all leaves the sample account's opt-in regions out, and says so.
    assert.ok(lines.some((l) => l.startsWith("Note: regions: all covers the default-enabled regions only in organization mode; left out") && l.includes("ap-east-1, eu-south-2, me-central-1")));
  });
});
