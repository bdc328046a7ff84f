/**
 * .github/workflows/nightly.yml: its structure (schedule, preview --refresh --expect-no-changes with the pack, runs kept
 * in the cache and as artifacts) and its own commands, run here as CI runs them: the audit step's argv against the
 * fake account (standing in for the live account), then the report and drift steps on the runs it saved.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { main as auditMain } from "../../../audit/cli";
import { main as driftMain } from "../../../audit/posture/drift";
import { main as reportMain } from "../../../audit/posture/cli";
import { readRuns } from "../../../audit/run/document";
import { fixedClock } from "../../../clock";
import { HOME, NOW, compliantAccount, installFake } from "../fakeAccount";

const ROOT = path.resolve(__dirname, "../../..");

interface Step { id?: string; uses?: string; run?: string; with?: Record<string, unknown>; "continue-on-error"?: boolean }
const workflow = yaml.load(fs.readFileSync(path.join(ROOT, ".github/workflows/nightly.yml"), "utf8")) as {
  on: { schedule?: { cron: string }[]; workflow_dispatch?: unknown };
  jobs: { drift: { steps: Step[] } };
};
const steps = workflow.jobs.drift.steps;

/** The argv after `npm run <script> --` of a step's run line, with `> file` / `>> file` redirections removed. */
function argvOf(script: string): string[] {
  const step = steps.find((s) => s.run?.startsWith(`npm run ${script} -- `));
  assert.ok(step?.run, `a step runs npm run ${script}`);
  return step.run.replace(/\s*>>?\s*\S+$/, "").slice(`npm run ${script} -- `.length).split(/\s+/);
}

const quiet = { write: () => true };

describe(".github/workflows/nightly.yml", () => {
  it("runs on a schedule (and by hand): the preview with refresh, expect-no-changes and the pack, then audit, report and drift", () => {
    assert.ok(workflow.on.schedule?.[0]?.cron && "workflow_dispatch" in workflow.on);
    const preview = steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    assert.deepEqual(
      { command: preview?.with?.command, refresh: preview?.with?.refresh, expect: preview?.with?.["expect-no-changes"], packs: preview?.with?.policyPacks },
      { command: "preview", refresh: true, expect: true, packs: "policy-pack" },
    );
    assert.equal(preview?.["continue-on-error"], true, "the audit still runs after a drifted preview");
    for (const s of steps.filter((x) => x.uses)) {
      assert.match(String(s.uses), /^[\w-]+\/[\w/-]+@v\d+\.\d+\.\d+$/, "every action pinned to an exact release");
    }
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    assert.match(String(upload?.with?.path), /runs\/[\s\S]*posture\.html/);
    assert.ok(steps.some((s) => s.uses?.startsWith("actions/cache/restore@")) && steps.some((s) => s.uses?.startsWith("actions/cache/save@")));
    assert.deepEqual(argvOf("drift"), ["runs", "--preview", "${{", "steps.preview.outcome", "}}"]);
  });

  it("its audit, report and drift commands work as written: a run is saved, the report drawn, the drift summarized", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nightly-"));
    const cwd = process.cwd();
    const { restore } = installFake(compliantAccount());
    try {
      process.chdir(dir);
      fs.mkdirSync("policy-pack");
      fs.copyFileSync(path.join(ROOT, "policy-pack/config.example.json"), "policy-pack/config.example.json");
      const io = { stdout: quiet, stderr: { ...quiet, isTTY: false }, clientOptions: { credentials: { accessKeyId: "f", secretAccessKey: "f" }, region: HOME, maxAttempts: 1 } };
      // Two runs hours apart (the fake's last CloudWatch Logs delivery is an hour before NOW: a day later it would be stale).
      for (const [n, at] of [[1, NOW], [2, new Date(NOW.getTime() + 6 * 3_600_000)]] as const) {
        const code = await auditMain([...argvOf("audit"), "--regions", HOME], { ...io, clock: fixedClock(at) });
        assert.equal(code, 0, `night ${n}: the compliant account passes`);
      }
      assert.equal(readRuns("runs").length, 2);
      assert.equal(reportMain(argvOf("report"), { stdout: quiet, stderr: quiet } ), 0);
      assert.match(fs.readFileSync("posture.html", "utf8"), /<h1>CIS AWS Foundations logging posture: account 111122223333<\/h1>/);
      const out: string[] = [];
      assert.equal(driftMain(["runs", "--preview", "success"], { stdout: { write: (s: string) => out.push(s) }, stderr: quiet } ), 0);
      assert.match(out.join(""), /Stack: no drift/);
    } finally {
      process.chdir(cwd);
      restore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
