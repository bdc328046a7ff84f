import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseConfig, readerFromStrings } from "../../config";
import { parseArgs, readStackConfig, summarize } from "../../offline/plan";
import { runProgram } from "../programHarness";

const ROOT = path.resolve(__dirname, "../..");

function runPlan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "offline/plan.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, AWS_ACCESS_KEY_ID: "", AWS_PROFILE: "" } },
      (err, stdout, stderr) => resolve({ code: err ? (err as NodeJS.ErrnoException & { code: number }).code : 0, stdout, stderr }));
  });
}

describe("offline/plan", () => {
  it("reads Pulumi.prod.yaml as the CLI hands it over, and the production config is valid", () => {
    const values = readStackConfig(path.join(ROOT, "Pulumi.prod.yaml"));
    assert.equal(values["aws:region"], "ap-northeast-1");
    const config = parseConfig(readerFromStrings((key) => values[`cis-logging-baseline:${key}`]), values["aws:region"]);
    assert.equal(config.regions, "all");
    assert.equal(config.flowLogs.destination, "s3");
    assert.deepEqual(config.awsConfig.adopt, { "ap-northeast-1": { recorderName: "default", deliveryChannelName: "default", import: false } });
  });

  it("parses its arguments and rejects unknown ones", () => {
    assert.deepEqual(parseArgs(["--inventory", "a.json", "--stack", "dev"]).inventory, "a.json");
    assert.equal(parseArgs([]).stack, "prod");
    assert.throws(() => parseArgs(["--inventory"]), /--inventory needs a value/);
    assert.throws(() => parseArgs(["--region", "x"]), /unknown argument --region/);
  });

  it("groups what the program registers by region, with IAM as global", async () => {
    const run = await runProgram({ regions: ["ap-northeast-1", "us-west-1"] });
    const plans = summarize(run.resources);
    assert.deepEqual(plans.map((p) => p.region), ["global", "ap-northeast-1", "us-west-1"]);
    assert.deepEqual(plans[0].resources, [
      "aws.iam.Role baseline-trail-to-logs", "aws.iam.Role flow-logs-ap-northeast-1-role",
      "aws.iam.RolePolicy baseline-trail-to-logs", "aws.iam.RolePolicy flow-logs-ap-northeast-1-role-policy",
      "aws.iam.ServiceLinkedRole config-role-service-linked",
    ]);
    assert.deepEqual(plans[2].resources, [
      "aws.cfg.DeliveryChannel config-us-west-1-channel", "aws.cfg.Recorder config-us-west-1-recorder",
      "aws.cfg.RecorderStatus config-us-west-1-status", "aws.sns.Topic config-us-west-1-topic", "aws.sns.TopicPolicy config-us-west-1-topic-policy",
    ]);
  });

  it("prints the plan for an exported inventory without credentials", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    const file = path.join(dir, "inventory.json");
    fs.writeFileSync(file, JSON.stringify({
      accountId: "444455556666",
      regions: {
        "ap-northeast-1": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0123456789abcdef0"] },
        "eu-north-1": { optInStatus: "opt-in-not-required", vpcIds: [] },
        "me-south-1": { optInStatus: "not-opted-in", vpcIds: [] },
      },
    }));
    const result = await runPlan(["--inventory", file]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split("\n");
    assert.equal(lines[0], `Plan for account 444455556666 (${file}), stack prod, home region ap-northeast-1`);
    assert.equal(lines[1], "Regions covered (2): ap-northeast-1, eu-north-1");
    assert.ok(lines.includes("  + aws.ec2.FlowLog flow-log-ap-northeast-1-vpc-0123456789abcdef0"));
    assert.ok(lines.includes("eu-north-1: 5 to create"));
    assert.ok(!result.stdout.includes("me-south-1:"));
  });

  it("fails with a clear message for a bad inventory", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, JSON.stringify({ accountId: "1", regions: {} }));
    const result = await runPlan(["--inventory", file]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /accountId is "1"; expected a 12-digit AWS account id/);
  });
});
