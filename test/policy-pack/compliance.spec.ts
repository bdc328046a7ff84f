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
    // The catalog is the first table; the continuous-coverage table further down names each policy again.
    const catalog = rendered.slice(0, rendered.indexOf("## What satisfies each control"));
    for (const control of controls) {
      assert.strictEqual(catalog.split(`| \`${control.policy}\` |`).length, 2, control.policy);
    }
  });

  // What each continuous mode adds per control (README "Continuous coverage"). Rules and runbooks:
  // https://docs.aws.amazon.com/config/latest/developerguide/vpc-flow-logs-enabled.html,
  // https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-vpc-flowlogs.html,
  // https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html.
  it("lists every control once in the continuous-coverage table, with what each mode keeps or only reports", () => {
    const table = rendered.slice(rendered.indexOf("## Between deploys: `continuousCoverage`"), rendered.indexOf("## Where this project differs"));
    for (const control of controls) {
      assert.strictEqual(table.split(`| \`${control.policy}\` |`).length, 2, control.policy);
    }
    const row = (policy: string) => table.split("\n").find((line) => line.includes(`| \`${policy}\` |`));
    assert.strictEqual(
      row("vpc-flow-logs-enabled"),
      "| Ensure VPC flow logging is enabled in all VPCs | `vpc-flow-logs-enabled` | kept: CloudWatch telemetry rule for AWS::EC2::VPC (VPC_FLOW_LOGS to CloudWatch Logs) | kept: `vpc-flow-logs-enabled` (hourly), automatic remediation `AWSSupport-EnableVPCFlowLogs` |",
    );
    assert.match(row("kms-key-rotation-enabled") ?? "", /kept: `cmk-backing-key-rotation-enabled` \(daily\), automatic remediation `AWSConfigRemediation-EnableKeyRotation` \|$/);
    assert.match(row("config-enabled-all-regions") ?? "", /— \(AWS offers no managed rule for AWS Config itself; the audit judges it\) \|$/);
    assert.match(row("cloudtrail-multi-region-enabled") ?? "", /\| reported: `multi-region-cloudtrail-enabled` \(daily\) \|$/);
  });

  it("marks versions without the control with a dash", () => {
    const cloudwatch = rendered.split("\n").find((line) => line.includes("`cloudtrail-cloudwatch-logs-enabled`"));
    assert.strictEqual(cloudwatch, "| Ensure CloudTrail trails are integrated with CloudWatch Logs | `cloudtrail-cloudwatch-logs-enabled` | advisory | resource | 2.4 | 3.4 | — | — | — | — | CloudTrail.5 |");
  });
});
