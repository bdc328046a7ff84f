/** `npm run demo` end to end: its own moto, the non-compliant sample account, the report on stdout. */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readRuns } from "../../audit/run/document";

describe("audit/demo (npm run demo)", function () {
  this.timeout(90_000);

  it("starts moto, seeds the account before remediation and prints its audit, with no AWS configuration at all", () => {
    const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "audit/demo.ts", "--format", "json"], {
      cwd: path.resolve(__dirname, "../.."),
      encoding: "utf8",
      // No AWS variables, and a HOME without ~/.aws: the demo needs nothing but python3 with moto.
      env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    assert.equal(child.status, 0, child.stderr);
    const doc = JSON.parse(child.stdout) as { account: string; cisVersion: string; findings: { policy: string; status: string; region: string }[] };
    assert.equal(doc.account, "123456789012");
    assert.equal(doc.cisVersion, "1.2.0");
    const failing = doc.findings.filter((f) => f.status !== "pass").map((f) => `${f.policy} ${f.status} ${f.region}`).sort();
    assert.deepEqual(failing, [
      "cloudtrail-bucket-access-logging-enabled fail us-east-1",
      "cloudtrail-cloudwatch-logs-enabled fail us-east-1",
      "cloudtrail-kms-encryption-enabled fail us-east-1",
      "cloudtrail-log-file-validation-enabled fail us-east-1",
      "cloudtrail-multi-region-enabled fail global",
      "config-enabled-all-regions fail ap-northeast-1",
      "config-enabled-all-regions fail eu-north-1",
      "kms-key-rotation-enabled fail us-east-1",
      "vpc-flow-logs-enabled fail ap-northeast-1",
      "vpc-flow-logs-enabled fail eu-north-1",
      "vpc-flow-logs-enabled fail eu-north-1",
      "vpc-flow-logs-enabled fail us-east-1",
    ]);
    assert.match(child.stderr, /demo: the audit exited with 1/);
    // It ends by deploying the baseline's settings, auditing again, and writing the posture report of both runs.
    const written = /open the posture report of both runs: (\S+posture\.html)/.exec(child.stderr)?.[1];
    assert.ok(written && fs.existsSync(written), child.stderr);
    const runs = readRuns(path.join(path.dirname(written), "runs"));
    assert.equal(runs.length, 2);
    assert.ok(runs[1].summary.fail < runs[0].summary.fail, "the failing checks fall after remediation");
    assert.match(fs.readFileSync(written, "utf8"), /2 run\(s\) in the trend/);
    fs.rmSync(path.dirname(written), { recursive: true, force: true });
  });
});
