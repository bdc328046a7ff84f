import { strict as assert } from "assert";
import * as fs from "fs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import * as os from "os";
import * as path from "path";
import type { AuditResult } from "../../audit/audit";
import { CliIo, main } from "../../audit/cli";
import { PolicyConfig, PolicyConfigFileError, applyExemptions, parsePolicyConfig, readPolicyConfigFile } from "../../audit/exemptions";
import type { Finding } from "../../audit/types";
import { fixedClock } from "../../clock";
import { setPackClock } from "../../policy-pack/clock";
import { policies } from "../../policy-pack/policies";
import { vpcFlowLogsEnabled } from "../../policy-pack/policies/vpc-flow-logs-enabled";
import { compliantStack, urnByName, withResource } from "../policy-pack/fixtures";
import { runStackPolicy } from "../policy-pack/harness";
import { ACCOUNT as FAKE_ACCOUNT, HOME, NOW, installFake, compliantAccount } from "./fakeAccount";

const ACCOUNT = "111122223333";
const BUCKET = "baseline-trail-111122223333";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const KEY_ID = "0a1b2c3d-1111-2222-3333-444444444444";
const KEY_ARN = `arn:aws:kms:eu-north-1:${ACCOUNT}:key/${KEY_ID}`;
const reason = "Build sandbox without ENIs; deleted nightly (ticket NET-7)";

const finding = (policy: Finding["policy"], status: Finding["status"], resource: string, region = "eu-north-1"): Finding =>
  ({ policy, status, region, resource, message: `${resource}: ${status}` });

const result: AuditResult = {
  accountId: ACCOUNT,
  partition: "aws",
  cisVersion: "1.2.0",
  regions: ["eu-north-1", "us-east-1"],
  findings: [
    finding("cloudtrail-bucket-access-logging-enabled", "fail", BUCKET_ARN, "us-east-1"),
    finding("config-enabled-all-regions", "fail", "config:eu-north-1"),
    finding("config-enabled-all-regions", "error", `account:${ACCOUNT}`, "global"),
    finding("kms-key-rotation-enabled", "fail", KEY_ARN),
    finding("vpc-flow-logs-enabled", "fail", "vpc-0a1b2c3d"),
    finding("vpc-flow-logs-enabled", "pass", "vpc-0compliant"),
    finding("vpc-flow-logs-enabled", "not-judged", "vpc-0shared"),
  ],
};

const fileOf = (config: Record<string, unknown>): PolicyConfig => parsePolicyConfig("exemptions.json", JSON.stringify(config));
const exemptionsOf = (r: AuditResult) => r.findings.map((f) => [f.policy, f.resource, f.exemption?.reason]);

describe("audit/exemptions.ts", () => {
  describe("parsePolicyConfig (the pack's --policy-pack-config file, validated by the pack's readConfig)", () => {
    it("keeps each policy's exemptions and accepts what else a pack config holds: enforcement levels, cisVersion, \"all\"", () => {
      const config = fileOf({
        all: "mandatory",
        "kms-key-rotation-enabled": "advisory",
        "vpc-flow-logs-enabled": { enforcementLevel: "mandatory", cisVersion: "1.4.0", exemptions: [{ resource: "vpc-0a1b2c3d", reason }] },
        "config-enabled-all-regions": { exemptions: [] },
      });
      assert.deepEqual([...config.exemptions], [["vpc-flow-logs-enabled", [{ resource: "vpc-0a1b2c3d", reason }]]]);
    });

    it("reads both example configs of the pack", () => {
      for (const file of ["policy-pack/config.example.json", "policy-pack/config.exemptions.example.json"]) {
        assert.doesNotThrow(() => readPolicyConfigFile(path.resolve(__dirname, "../..", file)), file);
      }
    });

    it("rejects a key that is no policy of the pack, naming it and the policies there are", () => {
      assert.throws(() => fileOf({ "vpc-flow-log-enabled": { exemptions: [] } }), {
        name: "PolicyConfigFileError",
        message: `exemptions.json: "vpc-flow-log-enabled" is not a policy of the pack; expected "all" or one of ${policies.map((p) => p.name).join(", ")}`,
      });
    });

    it("rejects a malformed exemption with the pack's own message, naming the file, the policy and the entry", () => {
      const config = (exemption: Record<string, unknown>) => ({ "vpc-flow-logs-enabled": { exemptions: [{ resource: "vpc-0a", reason }, exemption] } });
      assert.throws(() => fileOf(config({ resource: "vpc-0b", reason: "todo" })), {
        message: "exemptions.json:1: policy-pack config for 'vpc-flow-logs-enabled': exemptions[1] needs a written reason of at least 10 characters (got \"todo\")",
      });
      assert.throws(() => fileOf(config({ resource: "vpc-0b", urn: "urn:pulumi:prod::p::aws:ec2/vpc:Vpc::b", reason })),
        /^PolicyConfigFileError: exemptions\.json:1: policy-pack config for 'vpc-flow-logs-enabled': exemptions\[1\] must match in one way only/);
      assert.throws(() => fileOf(config({ resourceId: "vpc-0b", reason })), { message: "exemptions.json:1: policy-pack config for 'vpc-flow-logs-enabled': exemptions[1] has unknown keys resourceId" });
    });

    it("names the line of the malformed entry in a file written over many lines", () => {
      const text = JSON.stringify({
        "cloudtrail-log-file-validation-enabled": { enforcementLevel: "mandatory" },
        "vpc-flow-logs-enabled": { exemptions: [{ resource: "vpc-0a", reason }, { resource: "vpc-0b", reason: "todo" }] },
      }, null, 2);
      const line = text.split("\n").findIndex((l) => l.includes('"vpc-0b"'));
      assert.throws(() => parsePolicyConfig("exemptions.json", text),
        { message: `exemptions.json:${line}: policy-pack config for 'vpc-flow-logs-enabled': exemptions[1] needs a written reason of at least 10 characters (got "todo")` });
    });

    it("rejects a file that is not JSON, not an object, or gives a policy a level Pulumi does not know", () => {
      assert.throws(() => parsePolicyConfig("x.json", "{ \"vpc-flow-logs-enabled\": "), /^PolicyConfigFileError: x\.json is not valid JSON: /);
      assert.throws(() => parsePolicyConfig("x.json", "[]"), { message: "x.json must be a JSON object whose keys are policy names" });
      assert.throws(() => fileOf({ "vpc-flow-logs-enabled": "strict" }), /"vpc-flow-logs-enabled" must be an enforcement level \(advisory, mandatory, remediate, disabled\)/);
      assert.throws(() => fileOf({ "vpc-flow-logs-enabled": { enforcementLevel: "warn" } }), PolicyConfigFileError);
      assert.throws(() => fileOf({ "vpc-flow-logs-enabled": 3 }), PolicyConfigFileError);
    });

    it("says which file could not be read", () => {
      assert.throws(() => readPolicyConfigFile("/nonexistent/exemptions.json"), /^PolicyConfigFileError: cannot read \/nonexistent\/exemptions\.json: ENOENT/);
    });
  });

  describe("applyExemptions", () => {
    it("exempts a fail or an error by the finding's resource, keeping its status", () => {
      const applied = applyExemptions(result, fileOf({
        "vpc-flow-logs-enabled": { exemptions: [{ resource: "vpc-0a1b2c3d", reason }] },
        "config-enabled-all-regions": { exemptions: [{ resource: "config:eu-north-1", reason }, { resource: `account:${ACCOUNT}`, reason }] },
      }), NOW);
      assert.deepEqual(applied.findings.map((f) => [f.status, f.exemption?.reason]), [
        ["fail", undefined], ["fail", reason], ["error", reason], ["fail", undefined], ["fail", reason], ["pass", undefined], ["not-judged", undefined],
      ]);
      assert.deepEqual(applied.notes, []);
      assert.equal(applied.policyConfig, "exemptions.json");
    });

    it("matches a bucket ARN by the bucket name, and a key ARN by the key id, as well as by the ARN itself", () => {
      for (const [bucket, key] of [[BUCKET, KEY_ID], [BUCKET_ARN, KEY_ARN]]) {
        const applied = applyExemptions(result, fileOf({
          "cloudtrail-bucket-access-logging-enabled": { exemptions: [{ resource: bucket, reason }] },
          "kms-key-rotation-enabled": { exemptions: [{ resource: key, reason }] },
        }), NOW);
        assert.deepEqual(exemptionsOf(applied).filter(([, , r]) => r !== undefined).map(([p, res]) => [p, res]), [
          ["cloudtrail-bucket-access-logging-enabled", BUCKET_ARN],
          ["kms-key-rotation-enabled", KEY_ARN],
        ]);
      }
    });

    it("applies a policy's exemptions to that policy's findings only", () => {
      const applied = applyExemptions(result, fileOf({ "kms-key-rotation-enabled": { exemptions: [{ resource: "vpc-0a1b2c3d", reason }] } }), NOW);
      assert.ok(applied.findings.every((f) => f.exemption === undefined));
      assert.deepEqual(applied.notes, [
        `kms-key-rotation-enabled exemptions[0]: the exemption of resource vpc-0a1b2c3d matches no finding of this audit (reason given: ${reason}); fix it, or remove it if the resource is gone.`,
      ]);
    });

    it("leaves passing and not-judged findings alone and says their exemption is not needed", () => {
      const applied = applyExemptions(result, fileOf({ "vpc-flow-logs-enabled": { exemptions: [{ resource: "vpc-0compliant", reason }, { resource: "vpc-0shared", reason }] } }), NOW);
      assert.ok(applied.findings.every((f) => f.exemption === undefined));
      assert.deepEqual(applied.notes, [
        `vpc-flow-logs-enabled exemptions[0]: exemption not needed, vpc-0compliant complies (reason given: ${reason}).`,
        `vpc-flow-logs-enabled exemptions[1]: exemption not needed, vpc-0shared is not this account's to judge (reason given: ${reason}).`,
      ]);
    });

    it("notes once, listing them, the exemptions by urn or by type and name, which only the policy pack can match", () => {
      const applied = applyExemptions(result, fileOf({
        "vpc-flow-logs-enabled": { exemptions: [{ urn: "urn:pulumi:prod::cis-logging-baseline::aws:ec2/vpc:Vpc::build-sandbox", reason }, { resource: "vpc-0a1b2c3d", reason }] },
        "cloudtrail-bucket-access-logging-enabled": { exemptions: [{ type: "aws:s3/bucket:Bucket", name: "org-archive-trail-bucket", reason }] },
      }), NOW);
      assert.deepEqual(applied.notes, [
        "Only the policy pack can match exemptions by urn or by type and name (they name Pulumi resources; the audit sees cloud resources), so these were not applied: " +
          "vpc-flow-logs-enabled exemptions[0] (urn urn:pulumi:prod::cis-logging-baseline::aws:ec2/vpc:Vpc::build-sandbox), " +
          "cloudtrail-bucket-access-logging-enabled exemptions[0] (aws:s3/bucket:Bucket \"org-archive-trail-bucket\"). Add a \"resource\" exemption to cover the same resource here.",
      ]);
      assert.deepEqual(exemptionsOf(applied).filter(([, , r]) => r !== undefined).map(([, res]) => res), ["vpc-0a1b2c3d"]);
    });

    it("counts a second exemption of the same resource as the first: used when the first is, never reported as matching nothing", () => {
      const applied = applyExemptions(result, fileOf({ "vpc-flow-logs-enabled": { exemptions: [{ resource: "vpc-0a1b2c3d", reason }, { resource: "vpc-0a1b2c3d", reason: "another written reason" }] } }), NOW);
      assert.equal(applied.findings.find((f) => f.resource === "vpc-0a1b2c3d")?.exemption?.reason, reason);
      assert.deepEqual(applied.notes, []);
    });

    it("notes the exemptions of a policy the selected CIS version does not audit, instead of calling each unmatched", () => {
      const applied = applyExemptions(result, fileOf({ "cloudtrail-s3-data-events-read-enabled": { exemptions: [{ resource: `account:${ACCOUNT}`, reason }] } }), NOW);
      assert.deepEqual(applied.notes, ["cloudtrail-s3-data-events-read-enabled: not audited under CIS 1.2.0, so its 1 exemption(s) in exemptions.json were not applied."]);
    });

    it("matches exactly: no prefix, no other case, no trail name for a trail ARN", () => {
      const trail = finding("cloudtrail-log-file-validation-enabled", "fail", `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/baseline`, "us-east-1");
      const applied = applyExemptions({ ...result, findings: [...result.findings, trail] }, fileOf({
        "vpc-flow-logs-enabled": { exemptions: [{ resource: "vpc-0a1b2c3", reason }, { resource: "VPC-0A1B2C3D", reason }] },
        "cloudtrail-log-file-validation-enabled": { exemptions: [{ resource: "baseline", reason }] },
      }), NOW);
      assert.ok(applied.findings.every((f) => f.exemption === undefined));
      assert.equal(applied.notes?.length, 3);
    });
  });

  describe("readPolicyConfigFile on a file on disk", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-exemptions-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads the file it is given", () => {
      const file = path.join(dir, "exemptions.json");
      fs.writeFileSync(file, JSON.stringify({ "vpc-flow-logs-enabled": { exemptions: [{ resource: "vpc-0a1b2c3d", reason }] } }));
      assert.deepEqual(readPolicyConfigFile(file), { file, exemptions: new Map([["vpc-flow-logs-enabled", [{ resource: "vpc-0a1b2c3d", reason }]]]) });
    });
  });

  describe("one exemption file, both tools", () => {
    /** The VPC of the pack's compliant stack (app-vpc, id from its ARN), given to the fake account too, without a flow log. */
    const vpcId = "vpc-0app";
    const sandboxReason = "Short-lived build sandbox without ENIs; deleted by the nightly cleanup.";
    let dir: string;
    let file: string;
    let restore: () => void;
    let mocks: ReturnType<typeof installFake>["mocks"];
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-exemptions-"));
      file = path.join(dir, "exemptions.json");
      fs.writeFileSync(file, JSON.stringify({
        "vpc-flow-logs-enabled": { enforcementLevel: "mandatory", exemptions: [{ resource: vpcId, reason: sandboxReason }] },
      }, null, 2));
      const account = compliantAccount();
      account.byRegion[HOME].vpcs.push({ VpcId: vpcId, OwnerId: FAKE_ACCOUNT, IsDefault: false });
      ({ restore, mocks } = installFake(account));
    });
    afterEach(() => {
      restore();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const runCli = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        stdout: { write: (t: string) => out.push(t) },
        stderr: { write: (t: string) => err.push(t), isTTY: false },
        clientOptions: { credentials: { accessKeyId: "fake", secretAccessKey: "fake" }, region: HOME, maxAttempts: 1 },
        clock: fixedClock(NOW),
      };
      const code = await main(["--regions", HOME, ...args], io);
      return { code, out: out.join(""), err: err.join("") };
    };

    it("stops muting in both tools the day after expires, reports the exemption as expired, and mutes through that day", async () => {
      const writeWith = (expires: string) => fs.writeFileSync(file, JSON.stringify({
        "vpc-flow-logs-enabled": { exemptions: [{ resource: vpcId, reason: sandboxReason, owner: "network team", expires }] },
      }));
      const today = NOW.toISOString().slice(0, 10);
      const yesterday = new Date(NOW.getTime() - 86_400_000).toISOString().slice(0, 10);
      const stack = withResource(compliantStack(), "app-vpc-flow-log", null);
      const packWith = async () => {
        const restoreClock = setPackClock(fixedClock(NOW));
        try {
          return await runStackPolicy(vpcFlowLogsEnabled, stack, JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Record<string, unknown>>);
        } finally {
          restoreClock();
        }
      };

      writeWith(today);
      assert.deepEqual((await packWith()).diagnostics.map((d) => d.enforcementLevel), ["advisory"], "still mutes on its last day");
      let audit = await runCli(["--format", "json", "--policy-config", file]);
      assert.equal(audit.code, 0);

      writeWith(yesterday);
      const pack = await packWith();
      assert.deepEqual(pack.diagnostics.map((d) => d.enforcementLevel).sort(), ["advisory", "mandatory"]);
      assert.ok(pack.diagnostics.some((d) => d.message.includes(`the exemption of resource ${vpcId} expired on ${yesterday} (owner: network team) and no longer mutes`)));
      audit = await runCli(["--format", "json", "--policy-config", file]);
      assert.equal(audit.code, 1, "an expired exemption no longer keeps the exit code at 0");
      const finding = (JSON.parse(audit.out) as { findings: { resource: string; exemption?: unknown }[] }).findings.find((f) => f.resource === vpcId);
      assert.deepEqual(finding?.exemption, { reason: sandboxReason, owner: "network team", expires: yesterday, expired: true });
      const table = await runCli(["--policy-config", file]);
      assert.match(table.out, new RegExp(`exemption EXPIRED on ${yesterday} \\(no longer mutes\\): ${sandboxReason.replace(/\./g, "\\.")}`));
    });

    it("rejects an expiry that is not a calendar date, naming the entry", () => {
      assert.throws(() => parsePolicyConfig("x.json", JSON.stringify({ "vpc-flow-logs-enabled": { exemptions: [{ resource: vpcId, reason: sandboxReason, expires: "2026-02-30" }] } })),
        /x.json:1: policy-pack config for 'vpc-flow-logs-enabled': exemptions\[0\]\.expires is "2026-02-30"; expected a date YYYY-MM-DD/);
    });

    it("mutes the same VPC without a flow log in both: the pack's violation becomes an advisory \"exempted\", the audit's fail is exempted and exits 0", async () => {
      const packConfig = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Record<string, unknown>>;
      const stack = withResource(compliantStack(), "app-vpc-flow-log", null);
      const pack = await runStackPolicy(vpcFlowLogsEnabled, stack, packConfig);
      assert.deepEqual(pack.diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message.startsWith(`exempted (reason: ${sandboxReason}): aws:ec2/vpc:Vpc "app-vpc"`)]), [
        ["advisory", urnByName(stack, "app-vpc"), true],
      ]);
      const unexempted = await runStackPolicy(vpcFlowLogsEnabled, stack);
      assert.deepEqual(unexempted.diagnostics.map((d) => d.enforcementLevel), ["mandatory"], "without the file the pack fails the preview");

      const audit = await runCli(["--format", "json", "--policy-config", file]);
      assert.equal(audit.code, 0, audit.err);
      const doc = JSON.parse(audit.out) as { findings: Finding[]; summary: Record<string, number>; notes: string[] };
      assert.deepEqual(doc.findings.filter((f) => f.status !== "pass").map((f) => [f.policy, f.status, f.resource, f.exemption]), [
        ["vpc-flow-logs-enabled", "fail", vpcId, { reason: sandboxReason, expired: false }],
      ]);
      assert.deepEqual([doc.summary.fail, doc.summary.exempted, doc.notes], [1, 1, []]);
      assert.equal((await runCli(["--format", "json"])).code, 1, "without the file the audit fails");
    });

    it("shows the exemption in every audit format", async () => {
      const outputs: Record<string, string> = {};
      for (const format of ["table", "json", "markdown", "sarif"]) {
        const run = await runCli(["--format", format, "--policy-config", file]);
        assert.equal(run.code, 0, `exit code of --format ${format}`);
        outputs[format] = run.out;
      }
      assert.match(outputs.table, new RegExp(`^FAIL +2\\.9 +${HOME} +${vpcId} +vpc-flow-logs-enabled\\n {4}[^\\n]*\\n {4}exempted: ${sandboxReason.replace(/\./g, "\\.")}\\n`, "m"));
      assert.match(outputs.table, /, 1 fail, 0 error, 0 not judged, 1 exempted\n$/);
      assert.ok(outputs.json.includes(`"exemption": {\n        "reason": "${sandboxReason}",\n        "expired": false\n      }`));
      assert.match(outputs.markdown, new RegExp(`^\\| fail \\| 2\\.9 \\| vpc-flow-logs-enabled \\| ${HOME} \\| \`${vpcId}\` \\| [^|]*\\*\\*Exempted:\\*\\* ${sandboxReason.replace(/\./g, "\\.")} \\|`, "m"));
      const sarif = JSON.parse(outputs.sarif) as { runs: { results: { kind: string; suppressions: unknown[]; properties: { resource: string } }[] }[] };
      const suppressed = sarif.runs[0].results.filter((r) => r.suppressions.length > 0);
      assert.deepEqual(suppressed.map((r) => [r.kind, r.properties.resource, r.suppressions]), [["fail", vpcId, [{ kind: "external", justification: sandboxReason }]]]);
    });

    it("exits 2 before any AWS call, naming the key, for a policy name the pack does not have", async () => {
      fs.writeFileSync(file, JSON.stringify({ "vpc-flowlogs-enabled": { exemptions: [{ resource: vpcId, reason: sandboxReason }] } }));
      const run = await runCli(["--policy-config", file]);
      assert.equal(run.code, 2);
      assert.equal(run.out, "");
      assert.equal(mocks.sts.commandCalls(GetCallerIdentityCommand).length, 0, "the file is checked before the account is asked anything");
      assert.match(run.err, new RegExp(`^audit: \\[--policy-config\\] ${file.replace(/[.\\/]/g, "\\$&")}: "vpc-flowlogs-enabled" is not a policy of the pack; expected "all" or one of `));
    });

    it("exits 2 naming the entry for a malformed exemption, which the pack would reject too", async () => {
      const malformed = { "vpc-flow-logs-enabled": { exemptions: [{ resource: vpcId, reason: "sandbox" }] } };
      fs.writeFileSync(file, JSON.stringify(malformed));
      const run = await runCli(["--policy-config", file]);
      assert.deepEqual([run.code, run.out], [2, ""]);
      assert.ok(run.err.endsWith(`: policy-pack config for 'vpc-flow-logs-enabled': exemptions[0] needs a written reason of at least 10 characters (got "sandbox")\n`), run.err);
      await assert.rejects(runStackPolicy(vpcFlowLogsEnabled, compliantStack(), malformed), /exemptions\[0\] needs a written reason of at least 10 characters/);
    });
  });
});
