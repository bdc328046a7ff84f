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

/** Plans a stack whose Pulumi.<stack>.yaml holds `config`, in a project directory of its own (the sample account). */
async function planStack(stack: string, config: Record<string, unknown>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-stack-"));
  const yamlLines = Object.entries(config).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), `config:\n${yamlLines.join("\n")}\n`);
  const lines: string[] = [];
  try {
    await plan({ stack, projectDir: dir }, (line) => lines.push(line));
  } finally {
    await mockAccount.install("cis-logging-baseline", "test", false);
  }
  return lines;
}

/** The resource lines the plan prints under a region's heading. */
function regionSection(lines: readonly string[], region: string): string[] {
  const start = lines.findIndex((line) => line.startsWith(`${region}: `));
  assert.ok(start >= 0, `the plan has a section for ${region}`);
  const section: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("  + ")) {
      break;
    }
    section.push(line.slice(4));
  }
  return section;
}

/** Every region the sample account has enabled. */
const SAMPLE_REGIONS = [
  "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
  "ca-central-1", "eu-central-1", "eu-north-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "me-central-1",
  "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];
const DETECTION = [
  "multi-region-cloudtrail-enabled", "cloud-trail-log-file-validation-enabled", "cloud-trail-cloud-watch-logs-enabled",
  "cloud-trail-encryption-enabled", "cloudtrail-s3-bucket-access-logging", "cloudtrail-s3-bucket-public-access-prohibited",
];

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

  describe("continuous coverage: each mode's resources in every region", () => {
    it("telemetryRule: a telemetry evaluation and rule, key-rotation remediation and the detection rules in every region; no flow log", async () => {
      const lines = await planStack("telemetry", { "aws:region": "ap-northeast-1", "cis-logging-baseline:continuousCoverage": "telemetryRule" });
      assert.ok(lines.includes("Continuous coverage: telemetryRule: a CloudWatch telemetry rule per region creates every VPC's flow log " +
        "(the program creates none); AWS Config remediates key rotation and reports the other logging controls"));
      for (const region of SAMPLE_REGIONS) {
        const section = regionSection(lines, region);
        for (const line of [
          `aws.observabilityadmin.TelemetryEvaluation telemetry-flow-logs-${region}-evaluation`,
          `aws.observabilityadmin.TelemetryRule telemetry-flow-logs-${region}-rule`,
          `aws.cfg.Rule remediation-${region}-key-rotation-rule`,
          `aws.cfg.RemediationConfiguration remediation-${region}-key-rotation-remediation`,
          ...DETECTION.map((rule) => `aws.cfg.Rule detection-${region}-${rule}`),
        ]) {
          assert.ok(section.includes(line), `${region} plans ${line}`);
        }
        assert.deepEqual(section.filter((line) => line.startsWith("aws.ec2.FlowLog ")), [], `${region} plans no flow log of the program`);
      }
      const global = regionSection(lines, "global");
      assert.ok(global.includes("aws.iam.Role remediation-eu-south-2-key-rotation-role"));
      assert.ok(!global.some((line) => line.includes("flow-logs-role")), "the flow-log remediation and delivery roles belong to configRemediation");
    });

    it("configRemediation: the flow-log rule with its remediation and the destination log group in every region, VPCs or not; no flow log", async () => {
      const lines = await planStack("remediation", { "aws:region": "ap-northeast-1", "cis-logging-baseline:continuousCoverage": "configRemediation" });
      assert.ok(lines.some((line) => line.startsWith("Continuous coverage: configRemediation: AWS Config's vpc-flow-logs-enabled remediation")));
      for (const region of SAMPLE_REGIONS) {
        const section = regionSection(lines, region);
        for (const line of [
          `aws.cfg.Rule remediation-${region}-flow-logs-rule`,
          `aws.cfg.RemediationConfiguration remediation-${region}-flow-logs-remediation`,
          `aws.cloudwatch.LogGroup flow-logs-${region}-logs`,
          `aws.cfg.Rule remediation-${region}-key-rotation-rule`,
          `aws.cfg.RemediationConfiguration remediation-${region}-key-rotation-remediation`,
          ...DETECTION.map((rule) => `aws.cfg.Rule detection-${region}-${rule}`),
        ]) {
          assert.ok(section.includes(line), `${region} plans ${line}`);
        }
        assert.deepEqual(section.filter((line) => line.startsWith("aws.ec2.FlowLog ") || line.includes("Telemetry")), [], region);
      }
      const global = regionSection(lines, "global");
      for (const line of ["aws.iam.Role remediation-us-west-1-flow-logs-role", "aws.iam.Role flow-logs-us-west-1-role"]) {
        assert.ok(global.includes(line), `planned: ${line} (us-west-1 has no VPC today)`);
      }
    });

    it("off (Pulumi.prod.yaml): says so, and plans none of the continuous resources", async () => {
      const { lines } = await planInProcess();
      assert.ok(lines.includes("Continuous coverage: off: VPCs and KMS keys created after this deploy are covered by the next pulumi up"));
      assert.deepEqual(lines.filter((line) => /aws\.(cfg\.Rule|cfg\.RemediationConfiguration|observabilityadmin)/.test(line)), []);
    });

    it("refuses a mode a covered region does not offer, as pulumi up would", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
      const file = path.join(dir, "inventory.json");
      fs.writeFileSync(file, JSON.stringify({
        accountId: "444455556666",
        regions: { "ap-northeast-1": { optInStatus: "opt-in-not-required", vpcIds: [] }, "mx-central-1": { optInStatus: "opted-in", vpcIds: [] } },
      }));
      fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), 'config:\n  aws:region: ap-northeast-1\n  cis-logging-baseline:continuousCoverage: configRemediation\n');
      let failure: unknown;
      try {
        await plan({ stack: "prod", projectDir: dir, inventory: file }, () => undefined);
      } catch (error) {
        failure = error;
      } finally {
        await mockAccount.install("cis-logging-baseline", "test", false);
      }
      assert.match(describePlanFailure(failure),
        /^invalid configuration:\ncis-logging-baseline:continuousCoverage is "configRemediation", which mx-central-1 does not offer: AWS Config remediation actions/);
    });
  });

  it("fails with a clear message for a bad inventory", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, JSON.stringify({ accountId: "1", regions: {} }));
    // In this process (the CLI's own exit path is the test above's); the CLI prints describePlanFailure and exits 1.
    const { lines, error } = await planInProcess(file);
    assert.deepEqual(lines, []);
    assert.match(describePlanFailure(error), /accountId is "1"; expected a 12-digit AWS account id/);
  });
});
