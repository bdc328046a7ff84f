import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AuditResult } from "../../../audit/audit";
import { parsePolicyConfig, applyExemptions } from "../../../audit/exemptions";
import { main as reportMain } from "../../../audit/posture/cli";
import { formats, render, toReport } from "../../../audit/report";
import { readRuns, writeRun } from "../../../audit/run/document";
import { toRunDocument } from "../../../audit/run/fromResult";
import { reportFromRun } from "../../../audit/run/toReport";
import type { Finding } from "../../../audit/types";

const ACCOUNT = "111122223333";
const NOW = new Date("2026-03-01T08:00:00Z");
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const finding = (policy: Finding["policy"], status: Finding["status"], resource: string, region = "eu-north-1"): Finding =>
  ({ policy, status, region, resource, message: `${resource}: ${status}` });

const audited: AuditResult = {
  accountId: ACCOUNT,
  partition: "aws",
  cisVersion: "1.4.0",
  regions: ["eu-north-1", "us-east-1"],
  findings: [
    finding("cloudtrail-multi-region-enabled", "pass", `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/baseline`, "us-east-1"),
    finding("config-enabled-all-regions", "fail", "config:eu-north-1"),
    finding("kms-key-rotation-enabled", "error", `arn:aws:kms:eu-north-1:${ACCOUNT}:key/k-1`),
    finding("vpc-flow-logs-enabled", "fail", "vpc-0live"),
    finding("vpc-flow-logs-enabled", "fail", "vpc-0lapsed"),
    finding("vpc-flow-logs-enabled", "not-judged", "vpc-0shared"),
  ],
};

// A live and an expired exemption and a note (the exemption of a VPC the audit did not see), dated from NOW.
const exempted = applyExemptions(audited, parsePolicyConfig("exemptions.json", JSON.stringify({
  "vpc-flow-logs-enabled": { exemptions: [
    { resource: "vpc-0live", reason: "build sandbox without ENIs", owner: "net-team", expires: isoDay(new Date(NOW.getTime() + 30 * DAY)) },
    { resource: "vpc-0lapsed", reason: "old build sandbox, deleted", expires: isoDay(new Date(NOW.getTime() - DAY)) },
    { resource: "vpc-0gone", reason: "deleted in the spring clean-up" },
  ] },
})), NOW);

const meta = { toolVersion: "0.1.0", startedAt: NOW, endedAt: new Date(NOW.getTime() + 4000) };

describe("audit/run/toReport.ts: every format renders from the saved run", () => {
  it("renders table, JSON, Markdown and SARIF from the run document exactly as from the audit result, exemptions and notes included", () => {
    assert.equal(exempted.notes?.length, 1, "the fixture carries a note");
    const fromRun = reportFromRun(toRunDocument(exempted, meta));
    for (const format of formats) {
      assert.equal(render(fromRun, format, "0.1.0"), render(toReport(exempted), format, "0.1.0"), format);
    }
  });

  it("renders a saved file the same after writing and reading it back", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "run-report-"));
    try {
      writeRun(toRunDocument(exempted, meta), dir);
      const [read] = readRuns(dir);
      for (const format of formats) {
        assert.equal(render(reportFromRun(read), format, "0.1.0"), render(toReport(exempted), format, "0.1.0"), format);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renders what the run was written with (title, control id, remedy), not today's catalog", () => {
    const doc = toRunDocument(audited, meta);
    const older = { ...doc, findings: doc.findings.map((f) => ({ ...f, title: "Ensure VPC flow logging (as worded then)", control: "9.9", remedy: "an older component" })) };
    const report = reportFromRun(older);
    assert.deepEqual([...new Set(report.findings.map((f) => [f.title, f.control, f.remediation].join(" | ")))], ["Ensure VPC flow logging (as worded then) | 9.9 | an older component"]);
    assert.match(render(report, "markdown", "0.1.0"), /\| fail \| 9\.9 \| vpc-flow-logs-enabled \| eu-north-1 \| `vpc-0live` \| vpc-0live: fail \| an older component \|/);
  });

  describe("npm run report -- RUNS --format F", () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } } };
    };

    it("prints the newest saved run in the asked format, as the audit printed it", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "run-report-"));
      try {
        writeRun(toRunDocument(audited, { ...meta, startedAt: new Date(NOW.getTime() - DAY) }), dir);
        writeRun(toRunDocument(exempted, meta), dir);
        const c = io();
        assert.equal(reportMain([dir, "--format", "sarif"], c.io), 0);
        assert.equal(c.out.join(""), render(toReport(exempted), "sarif", "0.1.0"));
        assert.deepEqual(c.err, []);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("rejects an unknown format naming the value and the formats allowed", () => {
      const c = io();
      assert.equal(reportMain(["runs", "--format", "pdf"], c.io), 2);
      assert.match(c.err.join(""), /^report: \[--format\] "pdf" is not a format; use one of table, json, markdown, sarif\n/);
      assert.deepEqual(c.out, []);
    });
  });
});
