import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fixedClock } from "../../../clock";
import { runAudit } from "../../../audit/audit";
import { RunDocumentError, parseRun, readRuns, writeRun } from "../../../audit/run/document";
import { toRunDocument } from "../../../audit/run/fromResult";
import { NOW, compliantAccount, installFake } from "../fakeAccount";
import { REGIONS, run } from "../posture/fixtures";

describe("audit/run: the saved run document", () => {
  it("turns an audit result into a document that validates against run.schema.json, with the CIS id in every version", async () => {
    const { clients, restore } = installFake(compliantAccount());
    try {
      const result = await runAudit({ clients, cisVersion: "1.2.0", regions: ["us-east-1", "eu-north-1"], clock: fixedClock(NOW) });
      const doc = toRunDocument(result, { toolVersion: "0.1.0", startedAt: NOW, endedAt: new Date(NOW.getTime() + 5000) });
      assert.deepEqual(parseRun(JSON.parse(JSON.stringify(doc)), "doc"), JSON.parse(JSON.stringify(doc)));
      const flow = doc.findings.find((f) => f.policy === "vpc-flow-logs-enabled");
      assert.deepEqual(flow?.cis, { "1.2.0": "2.9", "1.4.0": "3.9", "3.0.0": "3.7", "5.0.0": "3.7", "6.0.0": "4.7", "7.0.0": "4.7" });
      assert.equal(flow?.control, "2.9");
      assert.equal(doc.summary.pass, result.findings.filter((f) => f.status === "pass").length);
      assert.equal(doc.startedAt, NOW.toISOString());
    } finally {
      restore();
    }
  });

  it("rejects a document that is not a valid run, naming the file and the field", () => {
    const bad = { ...run(0, REGIONS, 1), account: "12" };
    assert.throws(() => parseRun(bad, "runs/a.json"), (err: unknown) =>
      err instanceof RunDocumentError && /^runs\/a.json: not a valid saved run \(schema version 1\): \/account must match pattern/.test(err.message));
    assert.throws(() => parseRun({ findings: [] }, "x.json"), /x.json: not a saved audit run \(no schemaVersion\)/);
  });

  it("refuses a run of a newer schema version with a clear error instead of misreading it", () => {
    assert.throws(() => parseRun({ ...run(0, REGIONS, 1), schemaVersion: 3 }, "future.json"),
      /future.json: schema version 3 is newer than this tool reads \(2\); update cis-logging-baseline/);
  });

  it("writes runs into a folder under names of their start time and reads them back oldest first", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runs-"));
    try {
      const files = [run(2, REGIONS, 0), run(0, REGIONS, 3), run(1, REGIONS, 1)].map((r) => writeRun(r, dir));
      assert.deepEqual(files.map((f) => path.basename(f)), [
        "2026-01-07T06-00-00.000Z-111122223333.json", "2026-01-05T06-00-00.000Z-111122223333.json", "2026-01-06T06-00-00.000Z-111122223333.json",
      ]);
      assert.deepEqual(readRuns(dir).map((r) => r.summary.fail), [3, 1, 0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
