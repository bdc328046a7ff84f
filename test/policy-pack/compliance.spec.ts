import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderComplianceMarkdown } from "../../policy-pack/compliance";
import { controls } from "../../policy-pack/controls";

describe("COMPLIANCE.md", () => {
  const rendered = renderComplianceMarkdown();

  it("is up to date with the catalog and the pack (regenerate: npx ts-node --transpile-only policy-pack/compliance.ts > COMPLIANCE.md)", () => {
    const committed = fs.readFileSync(path.resolve(__dirname, "../../COMPLIANCE.md"), "utf8");
    assert.strictEqual(committed, rendered);
  });

  it("lists every control once with its ids per CIS version and Security Hub", () => {
    const flowLogs = rendered.split("\n").find((line) => line.includes("`vpc-flow-logs-enabled`"));
    assert.strictEqual(flowLogs, "| Ensure VPC flow logging is enabled in all VPCs | `vpc-flow-logs-enabled` | mandatory | stack | 2.9 | 3.9 | 3.7 | 3.7 | 4.7 | 4.7 | EC2.6 |");
    for (const control of controls) {
      assert.strictEqual(rendered.split(`| \`${control.policy}\` |`).length, 2, control.policy);
    }
  });

  it("marks versions without the control with a dash", () => {
    const cloudwatch = rendered.split("\n").find((line) => line.includes("`cloudtrail-cloudwatch-logs-enabled`"));
    assert.strictEqual(cloudwatch, "| Ensure CloudTrail trails are integrated with CloudWatch Logs | `cloudtrail-cloudwatch-logs-enabled` | advisory | resource | 2.4 | 3.4 | — | — | — | — | CloudTrail.5 |");
  });
});
