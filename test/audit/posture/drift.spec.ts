import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { driftBetween, driftMarkdown, main } from "../../../audit/posture/drift";
import { writeRun } from "../../../audit/run/document";
import { REGIONS, finding, run } from "./fixtures";

describe("audit/posture/drift: what changed since the previous run", () => {
  it("names a new region, the findings that turned red and those fixed, and fails the check", () => {
    const before = run(0, ["eu-north-1", "us-east-1"], 0);
    const after = run(1, [...REGIONS], 1);
    const drift = driftBetween(before, after);
    assert.deepEqual(drift.newRegions, ["eu-west-1"]);
    assert.deepEqual(drift.turnedRed.map((f) => `${f.control} ${f.region}`), ["2.9 eu-north-1"]);
    const md = driftMarkdown(drift, after, "success");
    assert.match(md, /\*\*New region\(s\) enabled\*\*: eu-west-1: run `pulumi up` to cover them\./);
    assert.match(md, /### Turned red since the previous run\n\n\| Control \| Region \| Resource \| Reason \|\n\|---\|---\|---\|---\|\n\| 2\.9 \| eu-north-1 \|/);
    assert.match(md, /Stack: no drift/);
  });

  it("counts an exemption that lapsed since the previous run, and not a muted fail", () => {
    const exempted = (expired: boolean) => finding("kms-key-rotation-enabled", "us-east-1", "key/a", "fail", {
      exemption: { reason: "Imported key material, rotated by hand", expires: "2026-01-05", expired },
    });
    const drift = driftBetween(run(0, REGIONS, 0, [exempted(false)]), run(1, REGIONS, 0, [exempted(true)]));
    assert.deepEqual(drift.expired.map((f) => f.resource), ["key/a"]);
    assert.deepEqual(drift.turnedRed.map((f) => f.resource), ["key/a"]);
    assert.deepEqual(driftBetween(run(0, REGIONS, 0, [exempted(false)]), run(1, REGIONS, 0, [exempted(false)])).turnedRed, []);
  });

  it("exits 1 on drift of the stack, 0 when nothing changed, 2 on bad arguments", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
    try {
      writeRun(run(0, REGIONS, 1), dir);
      writeRun(run(1, REGIONS, 1), dir);
      const out: string[] = [];
      const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } } as never;
      assert.equal(main([dir, "--preview", "success"], io), 0);
      assert.equal(main([dir, "--preview", "failure"], io), 1);
      assert.match(out.join(""), /\*\*Stack drifted\*\*: `pulumi preview --refresh --expect-no-changes` found changes or a policy violation/);
      assert.equal(main([dir, "--preview", "maybe"], io), 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
