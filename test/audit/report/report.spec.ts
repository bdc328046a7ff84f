import { strict as assert } from "assert";
import type { AuditResult } from "../../../audit/audit";
import { exitCodeOf, render, toReport } from "../../../audit/report";

const result: AuditResult = {
  accountId: "111122223333",
  partition: "aws",
  cisVersion: "1.2.0",
  regions: ["eu-north-1", "us-east-1"],
  findings: [
    { policy: "cloudtrail-multi-region-enabled", status: "pass", region: "us-east-1", resource: "arn:aws:cloudtrail:us-east-1:111122223333:trail/t", message: "ok" },
    { policy: "vpc-flow-logs-enabled", status: "fail", region: "eu-north-1", resource: "vpc-0a1b2c3d", message: "VPC has no flow log | really" },
    { policy: "kms-key-rotation-enabled", status: "error", region: "eu-north-1", resource: "kms:eu-north-1", message: "could not be judged: denied" },
  ],
};

describe("audit/report", () => {
  it("maps each finding to its control id in the selected version and its remediation", () => {
    const report = toReport(result);
    assert.deepEqual(report.findings.map((f) => f.control), ["2.1", "2.9", "2.8"]);
    assert.match(report.findings[1].remediation, /components\/flowLogs\.ts/);
    assert.deepEqual(report.summary, { pass: 1, fail: 1, error: 1 });
    assert.deepEqual(toReport({ ...result, cisVersion: "5.0.0" }).findings.map((f) => f.control), ["3.1", "3.7", "3.6"]);
  });

  it("exits 2 when any finding errs, 1 when any fails, else 0", () => {
    assert.equal(exitCodeOf({ pass: 3, fail: 1, error: 1 }), 2);
    assert.equal(exitCodeOf({ pass: 3, fail: 1, error: 0 }), 1);
    assert.equal(exitCodeOf({ pass: 3, fail: 0, error: 0 }), 0);
    assert.equal(exitCodeOf({ pass: 0, fail: 0, error: 0 }), 0);
  });

  it("renders the documented JSON document: account, cisVersion, regions, findings, summary", () => {
    const doc = JSON.parse(render(toReport(result), "json", "0.1.0")) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ["account", "cisVersion", "regions", "findings", "summary"]);
    assert.equal(doc.account, "111122223333");
    assert.equal(doc.cisVersion, "1.2.0");
    const findings = doc.findings as Record<string, unknown>[];
    assert.deepEqual(Object.keys(findings[1]), ["control", "policy", "status", "region", "resource", "message", "remediation"]);
    assert.deepEqual(
      { control: findings[1].control, policy: findings[1].policy, status: findings[1].status, region: findings[1].region, resource: findings[1].resource },
      { control: "2.9", policy: "vpc-flow-logs-enabled", status: "fail", region: "eu-north-1", resource: "vpc-0a1b2c3d" },
    );
    assert.deepEqual(doc.summary, { pass: 1, fail: 1, error: 1 });
  });

  it("renders SARIF 2.1.0 with one rule per control and fail/pass/open results", () => {
    const sarif = JSON.parse(render(toReport(result), "sarif", "0.1.0")) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; properties: { cisControl: string } }[] } };
        invocations: { executionSuccessful: boolean }[];
        results: { ruleId: string; ruleIndex: number; kind: string; level: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[];
      }[];
    };
    assert.equal(sarif.version, "2.1.0");
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((r) => [r.id, r.properties.cisControl]), [
      ["cloudtrail-multi-region-enabled", "2.1"],
      ["vpc-flow-logs-enabled", "2.9"],
      ["kms-key-rotation-enabled", "2.8"],
    ]);
    assert.deepEqual(run.results.map((r) => [r.ruleId, r.ruleIndex, r.kind, r.level]), [
      ["cloudtrail-multi-region-enabled", 0, "pass", "none"],
      ["vpc-flow-logs-enabled", 1, "fail", "error"],
      ["kms-key-rotation-enabled", 2, "open", "warning"],
    ]);
    assert.equal(run.results[1].locations[0].logicalLocations[0].fullyQualifiedName, "aws/111122223333/eu-north-1/vpc-0a1b2c3d");
    assert.equal(run.invocations[0].executionSuccessful, false);
  });

  it("renders markdown with errors first and table pipes escaped", () => {
    const md = render(toReport(result), "markdown", "0.1.0");
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Status"));
    assert.deepEqual(rows.map((r) => r.split(" | ")[0]), ["| error", "| fail", "| pass"]);
    assert.ok(md.includes("VPC has no flow log \\| really"));
    assert.match(md, /\*\*1 pass, 1 fail, 1 error\*\*/);
  });

  it("renders a table with the fix under every finding that does not pass", () => {
    const table = render(toReport(result), "table", "0.1.0");
    assert.equal((table.match(/ {4}fix: /g) ?? []).length, 2);
    assert.match(table, /^FAIL +2\.9 +eu-north-1 +vpc-0a1b2c3d +vpc-flow-logs-enabled$/m);
    assert.match(table, /1 pass, 1 fail, 1 error\n$/);
  });
});
