import { strict as assert } from "assert";
import type { AuditResult } from "../../../audit/audit";
import type { Finding } from "../../../audit/types";
/** A not-judged finding's message, as the shared-VPC verdict renders (the report treats it as opaque text). */
const sharedVpcMessage = (owner: string): string =>
  `VPC shared into this account by ${owner} (AWS RAM): only its owner can create its flow log`;
import { exitCodeOf, render, toReport } from "../../../audit/report";

const SHARED_VPC = "vpc-0c0ffee000000001";

const result: AuditResult = {
  accountId: "111122223333",
  partition: "aws",
  cisVersion: "1.2.0",
  regions: ["eu-north-1", "us-east-1"],
  findings: [
    { policy: "cloudtrail-multi-region-enabled", status: "pass", region: "us-east-1", resource: "arn:aws:cloudtrail:us-east-1:111122223333:trail/t", message: "ok" },
    { policy: "vpc-flow-logs-enabled", status: "fail", region: "eu-north-1", resource: "vpc-0a1b2c3d", message: "VPC has no flow log | really" },
    { policy: "kms-key-rotation-enabled", status: "error", region: "eu-north-1", resource: "kms:eu-north-1", message: "could not be judged: denied" },
    { policy: "vpc-flow-logs-enabled", status: "not-judged", region: "eu-north-1", resource: SHARED_VPC, message: sharedVpcMessage("444455556666") },
  ],
};

/** Only what passes and what is another account's: nothing this account must act on. */
const passingWithSharedVpc: AuditResult = { ...result, findings: [result.findings[0], result.findings[3]] };

describe("audit/report", () => {
  it("maps each finding to its control id in the selected version and its remediation", () => {
    const report = toReport(result);
    assert.deepEqual(report.findings.map((f) => f.control), ["2.1", "2.9", "2.8", "2.9"]);
    assert.match(report.findings[1].remediation, /components\/flowLogs\.ts/);
    assert.deepEqual(report.summary, { pass: 1, fail: 1, error: 1, notJudged: 1, exempted: 0 });
    assert.deepEqual(toReport({ ...result, cisVersion: "5.0.0" }).findings.map((f) => f.control), ["3.1", "3.7", "3.6", "3.7"]);
  });

  it("exits 2 when any finding errs, 1 when any fails, else 0; not-judged findings never change the code", () => {
    const [pass, fail, error, notJudged] = result.findings;
    assert.equal(exitCodeOf([pass, fail, error]), 2);
    assert.equal(exitCodeOf([pass, fail]), 1);
    assert.equal(exitCodeOf([pass]), 0);
    assert.equal(exitCodeOf([]), 0);
    assert.equal(exitCodeOf([pass, notJudged, notJudged]), 0);
    assert.equal(exitCodeOf([pass, fail, notJudged]), 1);
    assert.equal(exitCodeOf([pass, fail, error, notJudged]), 2);
    assert.equal(exitCodeOf(toReport(passingWithSharedVpc).findings), 0);
  });

  it("ignores exempted fails and errors in the exit code, while an open one still counts", () => {
    const [pass, fail, error] = result.findings;
    const exempt = (f: Finding): Finding => ({ ...f, exemption: { reason: "accepted by the security team", expired: false } });
    assert.equal(exitCodeOf([pass, exempt(fail)]), 0);
    assert.equal(exitCodeOf([pass, exempt(fail), exempt(error)]), 0);
    assert.equal(exitCodeOf([exempt(error), fail]), 1);
    assert.equal(exitCodeOf([exempt(fail), error]), 2);
  });

  it("renders the documented JSON document: account, cisVersion, regions, findings, summary with notJudged and exempted, notes", () => {
    const doc = JSON.parse(render(toReport(result), "json", "0.1.0")) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ["account", "cisVersion", "regions", "findings", "summary", "notes"]);
    assert.deepEqual(doc.notes, []);
    assert.equal(doc.account, "111122223333");
    assert.equal(doc.cisVersion, "1.2.0");
    const findings = doc.findings as Record<string, unknown>[];
    assert.deepEqual(Object.keys(findings[1]), ["control", "policy", "status", "region", "resource", "message", "remediation"]);
    assert.deepEqual(
      { control: findings[1].control, policy: findings[1].policy, status: findings[1].status, region: findings[1].region, resource: findings[1].resource },
      { control: "2.9", policy: "vpc-flow-logs-enabled", status: "fail", region: "eu-north-1", resource: "vpc-0a1b2c3d" },
    );
    assert.deepEqual(
      { status: findings[3].status, resource: findings[3].resource, message: findings[3].message },
      { status: "not-judged", resource: SHARED_VPC, message: sharedVpcMessage("444455556666") },
    );
    assert.deepEqual(doc.summary, { pass: 1, fail: 1, error: 1, notJudged: 1, exempted: 0 });
  });

  it("renders SARIF 2.1.0 with one rule per control and fail/pass/open/notApplicable results", () => {
    type Sarif = {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; properties: { cisControl: string } }[] } };
        invocations: { executionSuccessful: boolean }[];
        results: {
          ruleId: string;
          ruleIndex: number;
          kind: string;
          level: string;
          message: { text: string };
          locations: { logicalLocations: { fullyQualifiedName: string }[] }[];
          properties: { status: string };
        }[];
      }[];
    };
    const sarif = JSON.parse(render(toReport(result), "sarif", "0.1.0")) as Sarif;
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
      ["vpc-flow-logs-enabled", 1, "notApplicable", "none"],
    ]);
    assert.equal(run.results[1].locations[0].logicalLocations[0].fullyQualifiedName, "aws/111122223333/eu-north-1/vpc-0a1b2c3d");
    const shared = run.results[3];
    assert.equal(shared.locations[0].logicalLocations[0].fullyQualifiedName, `aws/111122223333/eu-north-1/${SHARED_VPC}`);
    assert.equal(shared.message.text, sharedVpcMessage("444455556666"), "no fix: nothing in this account can fix it");
    assert.equal(shared.properties.status, "not-judged");
    assert.equal(run.invocations[0].executionSuccessful, false);
    const clean = JSON.parse(render(toReport(passingWithSharedVpc), "sarif", "0.1.0")) as Sarif;
    assert.equal(clean.runs[0].invocations[0].executionSuccessful, true, "a not-judged finding is not a failed execution");
  });

  it("renders markdown with errors first, not-judged before passes, no fix for not-judged, and table pipes escaped", () => {
    const md = render(toReport(result), "markdown", "0.1.0");
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Status"));
    assert.deepEqual(rows.map((r) => r.split(" | ")[0]), ["| error", "| fail", "| not-judged", "| pass"]);
    assert.ok(md.includes("VPC has no flow log \\| really"));
    assert.ok(rows[2].includes(`\`${SHARED_VPC}\``));
    assert.ok(rows[2].includes("VPC shared into this account by 444455556666 (AWS RAM)"));
    assert.ok(rows[2].endsWith(" |  |"), "the Fix cell of a not-judged row is empty");
    assert.match(md, /\*\*1 pass, 1 fail, 1 error, 1 not judged\*\*/);
  });

  it("renders a table with the fix under every finding that fails or errs, and the not-judged row without one", () => {
    const table = render(toReport(result), "table", "0.1.0");
    assert.equal((table.match(/ {4}fix: /g) ?? []).length, 2);
    assert.match(table, /^FAIL +2\.9 +eu-north-1 +vpc-0a1b2c3d +vpc-flow-logs-enabled$/m);
    assert.match(table, new RegExp(`^NOT-JUDGED +2\\.9 +eu-north-1 +${SHARED_VPC} +vpc-flow-logs-enabled\\n {4}VPC shared into this account by 444455556666 \\(AWS RAM\\)[^\\n]*\\n(?! {4}fix:)`, "m"));
    assert.match(table, /1 pass, 1 fail, 1 error, 1 not judged\n$/);
  });

  describe("with an exemption file applied (--policy-config)", () => {
    const reason = "Build sandbox without ENIs; deleted nightly (ticket NET-7)";
    const note = "vpc-flow-logs-enabled exemptions[1]: the exemption of resource vpc-0gone matches no finding of this audit (reason given: VPC removed in Q3); fix it, or remove it if the resource is gone.";
    const exempted: AuditResult = {
      ...result,
      findings: result.findings.map((f) => (f.status === "fail" ? { ...f, exemption: { reason, expired: false } } : f)),
      policyConfig: "policy-pack/config.exemptions.example.json",
      notes: [note],
    };

    it("keeps the exempted finding's status, counts it in summary.exempted, and puts the reason and the notes into the JSON", () => {
      const doc = JSON.parse(render(toReport(exempted), "json", "0.1.0")) as { findings: Record<string, unknown>[]; summary: Record<string, number>; notes: string[] };
      assert.deepEqual(doc.findings.map((f) => [f.status, f.exemption]), [["pass", undefined], ["fail", { reason, expired: false }], ["error", undefined], ["not-judged", undefined]]);
      assert.deepEqual(Object.keys(doc.findings[1]), ["control", "policy", "status", "region", "resource", "message", "remediation", "exemption"]);
      assert.deepEqual(doc.summary, { pass: 1, fail: 1, error: 1, notJudged: 1, exempted: 1 });
      assert.deepEqual(doc.notes, [note]);
    });

    it("renders the table with 'exempted: <reason>' under the row, the notes, and the exempted count", () => {
      const table = render(toReport(exempted), "table", "0.1.0");
      assert.match(table, new RegExp(`^FAIL +2\\.9 +eu-north-1 +vpc-0a1b2c3d +vpc-flow-logs-enabled\\n {4}VPC has no flow log \\| really\\n {4}exempted: ${reason.replace(/[()]/g, "\\$&")}\\n {4}fix: `, "m"));
      assert.equal((table.match(/ {4}exempted: /g) ?? []).length, 1);
      assert.ok(table.endsWith(`\nnote: ${note}\n\n1 pass, 1 fail, 1 error, 1 not judged, 1 exempted\n`));
    });

    it("renders markdown with the open findings first, then the exempted ones with the reason in the Finding cell, and the notes as a list", () => {
      const md = render(toReport(exempted), "markdown", "0.1.0");
      const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Status"));
      assert.deepEqual(rows.map((r) => r.split(" | ")[0]), ["| error", "| fail", "| not-judged", "| pass"]);
      assert.ok(rows[1].includes(`VPC has no flow log \\| really **Exempted:** ${reason} |`));
      assert.match(md, /\*\*1 pass, 1 fail, 1 error, 1 not judged, 1 exempted\*\*/);
      assert.ok(md.endsWith(`Notes:\n\n- ${note}\n`));
      const errorExempted: AuditResult = { ...result, policyConfig: "exemptions.json", findings: result.findings.map((f) => (f.status === "error" ? { ...f, exemption: { reason, expired: false } } : f)) };
      const reordered = render(toReport(errorExempted), "markdown", "0.1.0").split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Status"));
      assert.deepEqual(reordered.map((r) => r.split(" | ")[0]), ["| fail", "| error", "| not-judged", "| pass"], "an exempted error follows the open fail");
    });

    it("renders SARIF with an external suppression carrying the reason, an empty suppressions array on every other result, and the notes as configuration notifications", () => {
      type Sarif = { runs: { results: { kind: string; suppressions?: unknown[] }[]; invocations: { executionSuccessful: boolean; toolConfigurationNotifications?: unknown[] }[] }[] };
      const run = (JSON.parse(render(toReport(exempted), "sarif", "0.1.0")) as Sarif).runs[0];
      assert.deepEqual(run.results.map((r) => [r.kind, r.suppressions]), [
        ["pass", []],
        ["fail", [{ kind: "external", justification: reason }]],
        ["open", []],
        ["notApplicable", []],
      ]);
      assert.deepEqual(run.invocations[0].toolConfigurationNotifications, [{ level: "note", message: { text: note } }]);
      assert.equal(run.invocations[0].executionSuccessful, false, "the open error still makes the run unsuccessful");
      const plain = (JSON.parse(render(toReport(result), "sarif", "0.1.0")) as Sarif).runs[0];
      assert.ok(plain.results.every((r) => !("suppressions" in r)), "without an exemption file, suppression information is not available");
      assert.ok(!("toolConfigurationNotifications" in plain.invocations[0]));
    });

    it("marks the SARIF invocation successful when the only error is exempted, as the exit code does", () => {
      const allExempted: AuditResult = { ...exempted, findings: exempted.findings.map((f) => (f.status === "error" ? { ...f, exemption: { reason, expired: false } } : f)) };
      const sarif = JSON.parse(render(toReport(allExempted), "sarif", "0.1.0")) as { runs: { invocations: { executionSuccessful: boolean }[] }[] };
      assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
      assert.equal(exitCodeOf(toReport(allExempted).findings), 0);
    });
  });
});
