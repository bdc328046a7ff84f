import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { CliIo, main, parseCliArgs } from "../../audit/cli";
import { fixedClock } from "../../clock";
import { readInventory } from "../../offline/inventory";
import { ACCOUNT, BASELINE_ROLE_ARN, CONFIG_SLR_ARN, FakeAccount, HOME, NOW, OTHER, awsError, compliantAccount, installFake } from "./fakeAccount";

function capture(isTTY: boolean): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s), isTTY },
      clientOptions: { credentials: { accessKeyId: "fake", secretAccessKey: "fake" }, region: HOME, maxAttempts: 1 },
      clock: fixedClock(NOW),
    },
  };
}

describe("audit/cli", () => {
  describe("parseCliArgs", () => {
    it("defaults to all regions, the table format, CIS 1.2.0 and 4 regions at a time", () => {
      assert.deepEqual(parseCliArgs([]), { regions: "all", format: "table", cisVersion: "1.2.0", concurrency: 4 });
    });

    it("reads a region list, a format, a CIS version, an inventory file and a concurrency", () => {
      assert.deepEqual(
        parseCliArgs(["--regions", "us-east-1, eu-north-1", "--format", "sarif", "--cis", "5.0.0", "--export-inventory", "inv.json", "--concurrency", "8"]),
        { regions: ["us-east-1", "eu-north-1"], format: "sarif", cisVersion: "5.0.0", concurrency: 8, exportInventory: "inv.json" },
      );
    });

    it("reads --policy-config, the policy pack's config file, and rejects it without a file name", () => {
      assert.deepEqual(parseCliArgs(["--policy-config", "policy-pack/config.exemptions.example.json"]), {
        regions: "all", format: "table", cisVersion: "1.2.0", concurrency: 4, policyConfig: "policy-pack/config.exemptions.example.json",
      });
      assert.throws(() => parseCliArgs(["--policy-config", " "]), /\[--policy-config\] needs a file name/);
    });

    it("rejects an unknown format, CIS version, region name, concurrency and option, naming the option", () => {
      assert.throws(() => parseCliArgs(["--format", "yaml"]), /\[--format\] is "yaml"; expected one of table, json, markdown, sarif/);
      assert.throws(() => parseCliArgs(["--cis", "1.3.0"]), /\[--cis\] is "1.3.0"/);
      assert.throws(() => parseCliArgs(["--regions", "us-east-1,Mars"]), /\[--regions\] is "us-east-1,Mars"/);
      assert.throws(() => parseCliArgs(["--concurrency", "0"]), /\[--concurrency\] is "0"/);
      assert.throws(() => parseCliArgs(["--region", "us-east-1"]), /Unknown option '--region'/);
    });
  });

  describe("main", () => {
    it("exits 2 with the usage on stderr for a bad argument, writing nothing to stdout and calling no API", async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(["--format", "xml"], { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } });
      assert.equal(code, 2);
      assert.deepEqual(out, []);
      assert.match(err.join(""), /^audit: \[--format\] is "xml".*\nusage: npm run audit/s);
    });

    it("prints the usage and exits 0 for --help", async () => {
      const out: string[] = [];
      const code = await main(["--help"], { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true } });
      assert.equal(code, 0);
      assert.match(out.join(""), /Exit codes: 0 nothing fails or errs \(not-judged findings, another account's resources, never\ncount, nor do exempted ones\), 1 a control fails, 2/);
      assert.match(out.join(""), /\n {2}--policy-config {5}the policy pack's config file \(pulumi --policy-pack-config\)/);
    });
  });

  describe("main against a fake account", () => {
    let account: FakeAccount;
    let restore: () => void;
    let mocks: ReturnType<typeof installFake>["mocks"];
    let dir: string;
    beforeEach(() => {
      account = compliantAccount();
      ({ restore, mocks } = installFake(account));
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-cli-"));
    });
    afterEach(() => {
      restore();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("prints one progress line per region on a terminal, and none in json mode", async () => {
      const tty = capture(true);
      assert.equal(await main(["--regions", `${HOME},${OTHER}`], tty.io), 0);
      const lines = tty.err.map((l) => l.replace(/ \d+ ms/, " N ms"));
      assert.equal(lines.length, 2);
      assert.deepEqual(lines.map((l) => l.slice(0, 6)), ["[1/2] ", "[2/2] "]);
      assert.deepEqual(lines.map((l) => l.slice(6)).sort(), [`${OTHER} read in N ms\n`, `${HOME} read in N ms\n`]);
      const json = capture(true);
      assert.equal(await main(["--regions", `${HOME},${OTHER}`, "--format", "json"], json.io), 0);
      assert.deepEqual(json.err, []);
      assert.equal((JSON.parse(json.out.join("")) as { summary: { pass: number } }).summary.pass, 13, "13 findings of the 9 CIS 1.2.0 controls");
      const pipe = capture(false);
      await main(["--regions", HOME], pipe.io);
      assert.deepEqual(pipe.err, [], "no progress when stderr is not a terminal");
    });

    it("still prints the report but exits 2 when the inventory file cannot be written", async () => {
      const c = capture(false);
      const code = await main(["--regions", HOME, "--format", "json", "--export-inventory", "/nonexistent-dir/inventory.json"], c.io);
      assert.equal(code, 2);
      assert.equal((JSON.parse(c.out.join("")) as { summary: { fail: number; error: number } }).summary.error, 0);
      assert.match(c.err.join(""), /--export-inventory: cannot write \/nonexistent-dir\/inventory.json: ENOENT/);
    });

    it("writes the regions, VPCs and the IAM roles the program looks up to --export-inventory, in the format the plan reads", async () => {
      const file = path.join(dir, "inventory.json");
      const c = capture(false);
      assert.equal(await main(["--regions", `${HOME},${OTHER}`, "--format", "json", "--export-inventory", file], c.io), 0);
      assert.deepEqual(readInventory(file), {
        accountId: ACCOUNT,
        partition: "aws",
        iamRoleArns: [CONFIG_SLR_ARN, BASELINE_ROLE_ARN].sort(),
        regions: {
          [OTHER]: { optInStatus: "opt-in-not-required", vpcIds: ["vpc-02aaaaaaaaaaaaaa"], sharedVpcs: [] },
          [HOME]: { optInStatus: "opt-in-not-required", vpcIds: ["vpc-01aaaaaaaaaaaaaa"], sharedVpcs: [] },
        },
      });
      assert.deepEqual(c.err, [`audit: inventory of 2 region(s) and 2 IAM role(s) written to ${file}\n`]);
    });

    it("writes no inventory and exits 2, describing the failure, when iam:ListRoles is denied; the report is still printed", async () => {
      account.denied[HOME] = ["ListRoles"];
      const file = path.join(dir, "inventory.json");
      const c = capture(false);
      assert.equal(await main(["--regions", HOME, "--format", "json", "--export-inventory", file], c.io), 2);
      assert.equal(fs.existsSync(file), false);
      const summary = (JSON.parse(c.out.join("")) as { summary: { pass: number; fail: number; error: number } }).summary;
      assert.deepEqual([summary.fail, summary.error], [0, 0], "the checks need no IAM and are unaffected");
      assert.match(
        c.err.join(""),
        /^audit: --export-inventory: not written, the inventory would be incomplete: roles under \/aws-service-role\/config\.amazonaws\.com\/ were not listed: iam:ListRoles in us-east-1 failed: AccessDenied \(HTTP 403\)/,
      );
    });

    it("exits 0 without --export-inventory even when iam:ListRoles is denied: only the export lists roles", async () => {
      account.denied[HOME] = ["ListRoles"];
      const c = capture(false);
      assert.equal(await main(["--regions", HOME], c.io), 0);
      assert.deepEqual(c.err, []);
    });

    it("shows a VPC shared into the account as not-judged in every format, naming its owner, and exits 0", async () => {
      const shared = "vpc-0c00000000000001";
      account.byRegion[OTHER].vpcs.push({ VpcId: shared, OwnerId: "444455556666", IsDefault: false });
      const owner = "shared into this account by 444455556666 (AWS RAM): only its owner can create its flow log";
      const outputs: Record<string, string> = {};
      for (const format of ["table", "json", "markdown", "sarif"]) {
        const c = capture(false);
        assert.equal(await main(["--regions", `${HOME},${OTHER}`, "--format", format], c.io), 0, `exit code of --format ${format}`);
        outputs[format] = c.out.join("");
        assert.ok(outputs[format].includes(owner), `--format ${format} names the owner`);
      }
      assert.match(outputs.table, new RegExp(`^NOT-JUDGED +2\\.9 +${OTHER} +${shared} +vpc-flow-logs-enabled$`, "m"));
      assert.match(outputs.table, /13 pass, 0 fail, 0 error, 1 not judged\n$/);
      const json = JSON.parse(outputs.json) as { findings: { status: string; resource: string }[]; summary: Record<string, number> };
      assert.deepEqual(json.findings.filter((f) => f.status !== "pass").map((f) => [f.status, f.resource]), [["not-judged", shared]]);
      assert.deepEqual(json.summary, { pass: 13, fail: 0, error: 0, notJudged: 1, exempted: 0 });
      assert.match(outputs.markdown, new RegExp(`^\\| not-judged \\| 2\\.9 \\| vpc-flow-logs-enabled \\| ${OTHER} \\| \`${shared}\` \\| `, "m"));
      assert.match(outputs.markdown, /\*\*13 pass, 0 fail, 0 error, 1 not judged\*\*/);
      const sarif = JSON.parse(outputs.sarif) as { runs: { results: { kind: string; level: string; properties: { resource: string } }[]; invocations: { executionSuccessful: boolean }[] }[] };
      const notApplicable = sarif.runs[0].results.filter((r) => r.kind !== "pass");
      assert.deepEqual(notApplicable.map((r) => [r.kind, r.level, r.properties.resource]), [["notApplicable", "none", shared]]);
      assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
    });

    it("exits 2 with the reason when the account cannot be identified, printing no report", async () => {
      mocks.sts.on(GetCallerIdentityCommand).rejects(awsError("ExpiredTokenException", 400, "The security token included in the request is expired"));
      const c = capture(false);
      assert.equal(await main([], c.io), 2);
      assert.deepEqual(c.out, []);
      assert.match(c.err.join(""), /cannot identify the account: sts:GetCallerIdentity in us-east-1 failed: ExpiredTokenException \(HTTP 400\)/);
    });
  });
});
