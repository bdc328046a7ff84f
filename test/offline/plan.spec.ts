import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseConfig, readerFromStrings } from "../../config";
import { describePlanFailure, parseArgs, plan, readStackConfig, summarize } from "../../offline/plan";
import { mockAccount } from "../setup/pulumiMocks";
import { runProgram } from "../programHarness";

const ROOT = path.resolve(__dirname, "../..");

function runPlan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "offline/plan.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, AWS_ACCESS_KEY_ID: "", AWS_PROFILE: "" } },
      (err, stdout, stderr) => resolve({ code: err ? (err as NodeJS.ErrnoException & { code: number }).code : 0, stdout, stderr }));
  });
}

/**
 * Runs the plan in this process (a child process costs seconds of ts-node start-up): plan() installs its own mocks,
 * so the suite's mocks are put back afterwards.
 */
async function planInProcess(inventory?: string): Promise<{ lines: string[]; error?: unknown }> {
  const lines: string[] = [];
  try {
    await plan({ stack: "prod", projectDir: ROOT, ...(inventory ? { inventory } : {}) }, (line) => lines.push(line));
    return { lines };
  } catch (error) {
    return { lines, error };
  } finally {
    await mockAccount.install("cis-logging-baseline", "test", false);
  }
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
    // A fresh account: the service-linked role is created; nothing is shared in.
    assert.ok(lines.includes("AWS Config service-linked role: created by this deploy (AWSServiceRoleForConfig is missing); retained on destroy and adopted by later deploys"));
    assert.ok(lines.includes("  + aws.iam.ServiceLinkedRole config-role-service-linked"));
    assert.ok(lines.includes("Shared VPCs skipped: none"));
  });

  it("shows the adopted service-linked role, the skipped shared VPCs, the stack's role path and what a redeploy keeps", async () => {
    const { lines, error } = await planInProcess();
    assert.equal(error, undefined);
    const stdout = lines.join("\n");
    assert.deepEqual(lines.slice(3, 8), [
      "AWS Config service-linked role: adopted: AWSServiceRoleForConfig exists in the account, the recorders use it, nothing is created",
      "Global IAM resource types recorded in: ap-northeast-1",
      "Shared VPCs skipped (shared into the account through AWS RAM; only their owner can create their flow logs): sa-east-1 vpc-0f6a000000000009; us-east-1 vpc-0f1a000000000009",
      "IAM role path of this stack: /cis-logging-baseline/organization/cis-logging-baseline/prod/ (another stack of this program in the account is refused before deployment)",
      "Kept on pulumi destroy (retainOnDelete), 22 resources: aws.cloudwatch.LogGroup, aws.kms.Key, aws.s3.Bucket, aws.s3.BucketLogging, aws.s3.BucketOwnershipControls, " +
        "aws.s3.BucketPolicy, aws.s3.BucketPublicAccessBlock, aws.s3.BucketServerSideEncryptionConfiguration, aws.s3.BucketVersioning. " +
        "A later pulumi up creates new log groups (generated names) and buckets beside them, and adopts the service-linked role.",
    ]);
    assert.ok(!stdout.includes("aws.iam.ServiceLinkedRole"));
    assert.ok(!stdout.includes("vpc-0f1a000000000009 "), "no flow log for the shared VPC");
  });

  it("refuses, before planning anything, an account where another stack of this program is deployed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    const file = path.join(dir, "inventory.json");
    fs.writeFileSync(file, JSON.stringify({
      accountId: "444455556666",
      iamRoleArns: ["arn:aws:iam::444455556666:role/cis-logging-baseline/organization/cis-logging-baseline/dev/baseline-trail-to-logs-1a2b3c4"],
      regions: { "ap-northeast-1": { optInStatus: "opt-in-not-required", vpcIds: [] } },
    }));
    const { error } = await planInProcess(file);
    assert.match(describePlanFailure(error), /^cannot deploy to this account:\naccount 444455556666 already has the CIS logging baseline of another stack \(IAM roles under \/cis-logging-baseline\/organization\/cis-logging-baseline\/dev\/\)/);
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
