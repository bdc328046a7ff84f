/**
 * `npm run audit -- --org` against moto in server mode: an organization (CreateOrganization, CreateAccount, which in
 * moto also creates each member's role trusting the management account), cross-account AssumeRole into the members'
 * role, one member whose role was deleted, one closed member. moto's AssumeRole does not check the role; the
 * requireAssumableRole stand-in (audit/org/seedOrganization.ts) does, as AWS does. moto has no aggregate compliance
 * API (DescribeAggregateComplianceByConfigRules, GetAggregateComplianceDetailsByConfigRule), so the comparison test
 * answers those two calls with an injected fake (aggregatorFake below) on the caller's Config client.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type {
  AggregateComplianceByConfigRule, AggregateEvaluationResult, ConfigServiceClient, GetAggregateComplianceDetailsByConfigRuleCommandInput,
  ServiceInputTypes, ServiceOutputTypes,
} from "@aws-sdk/client-config-service";
import type { InitializeMiddleware } from "@smithy/types";
import { main } from "../../../audit/cli";
import { DEMO_MANAGEMENT_ACCOUNT, demoOrganization } from "../../../audit/demoOrganization";
import { ClientFactoryOptions, createClientFactory } from "../../../audit/clients";
import { MotoServer, motoClientOptions, startMoto } from "../../../audit/moto";
import { SeededOrganization, closeAccount, deleteRole, requireAssumableRole, seedOrganization } from "../../../audit/org/seedOrganization";
import { readRuns } from "../../../audit/run/document";
import { renderPostureHtml } from "../../../audit/posture/html";
import { checksFor } from "../../../audit/checks";
import { SAMPLE_REGIONS, SeededAccount, seedCompliant, seedNonCompliant } from "../../../audit/seed";

const MANAGEMENT = "100000000001";
const ROLE = "CisLoggingAudit";

interface JsonFinding { account: string; policy: string; status: string; region: string; resource: string; message: string }
interface JsonDoc {
  account: string;
  findings: JsonFinding[];
  accounts: { account: string; name?: string; state: string; outcome: string; reason?: string; summary: { pass: number; fail: number; error: number } }[];
  organization: { source: string; role?: string; aggregator?: string; disagreements?: { account: string; policy: string; visited: string; aggregator: string; detail: string }[] };
  notes: string[];
}

/** Answers the two aggregate compliance calls moto lacks, from a fixed list of (rule, account, region, resource, verdict). */
function aggregatorFake(results: readonly { rule: string; account: string; region: string; type: string; id: string; compliance: "COMPLIANT" | "NON_COMPLIANT" }[]) {
  return (client: ConfigServiceClient) => {
    const middleware: InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
      if (context.commandName === "DescribeAggregateComplianceByConfigRulesCommand") {
        const keys = [...new Set(results.map((r) => `${r.rule}|${r.account}|${r.region}`))];
        const rules: AggregateComplianceByConfigRule[] = keys.map((k) => {
          const [rule, account, region] = k.split("|");
          const here = results.filter((r) => r.rule === rule && r.account === account && r.region === region);
          return {
            ConfigRuleName: rule, AccountId: account, AwsRegion: region,
            Compliance: { ComplianceType: here.some((r) => r.compliance === "NON_COMPLIANT") ? "NON_COMPLIANT" : "COMPLIANT" },
          };
        });
        return { output: { AggregateComplianceByConfigRules: rules, $metadata: {} }, response: {} };
      }
      if (context.commandName === "GetAggregateComplianceDetailsByConfigRuleCommand") {
        const input = args.input as GetAggregateComplianceDetailsByConfigRuleCommandInput;
        const evaluations: AggregateEvaluationResult[] = results
          .filter((r) => r.rule === input.ConfigRuleName && r.account === input.AccountId && r.region === input.AwsRegion)
          .map((r) => ({
            ComplianceType: r.compliance,
            EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: r.rule, ResourceType: r.type, ResourceId: r.id } },
          }));
        return { output: { AggregateEvaluationResults: evaluations, $metadata: {} }, response: {} };
      }
      return next(args);
    };
    client.middlewareStack.add(middleware, { step: "initialize", name: "fakeAggregator" });
  };
}

describe("organization audit against moto (server mode)", function () {
  this.timeout(180_000);
  let moto: MotoServer;
  let org: SeededOrganization;
  let compliant: SeededAccount;
  let legacy: SeededAccount;
  let noRole: string;
  let closed: string;
  let dir: string;

  const clientsFor = (accountId: string) => createClientFactory(motoClientOptions(moto.endpoint, accountId));
  const callerOptions = (extra: ClientFactoryOptions["decorate"] = {}): ClientFactoryOptions => {
    const base = motoClientOptions(moto.endpoint, MANAGEMENT);
    return { ...base, decorate: { ...base.decorate, sts: requireAssumableRole(moto.endpoint), ...extra } };
  };
  async function cli(args: readonly string[], decorate: ClientFactoryOptions["decorate"] = {}): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["--org", "--org-role", ROLE, "--regions", SAMPLE_REGIONS.join(","), "--cis", "1.4.0", ...args], {
      stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, clientOptions: callerOptions(decorate),
    });
    return { code, out: out.join(""), err: err.join("") };
  }

  before(async function () {
    this.timeout(120_000);
    moto = await startMoto();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "org-runs-"));
    org = await seedOrganization(clientsFor(MANAGEMENT), MANAGEMENT, ["compliant", "legacy", "no-role", "closed"], ROLE);
    const [a, b, c, d] = org.members.map((m) => m.accountId);
    compliant = await seedCompliant(clientsFor(a), a);
    legacy = await seedNonCompliant(clientsFor(b), b);
    await seedCompliant(clientsFor(MANAGEMENT), MANAGEMENT);
    noRole = c;
    await deleteRole(clientsFor(c), ROLE);
    closed = d;
    await closeAccount(clientsFor(MANAGEMENT), d);
  });

  after(async () => {
    await moto?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("judges every ACTIVE account through its role, reports the one whose role is missing as errors (exit 2) and skips the closed one", async () => {
    const { code, out } = await cli(["--format", "json", "--out", dir]);
    assert.equal(code, 2);
    const doc = JSON.parse(out) as JsonDoc;
    assert.equal(doc.account, MANAGEMENT);
    assert.deepEqual(doc.organization, { source: "accounts", role: ROLE });
    const outcome = Object.fromEntries(doc.accounts.map((a) => [a.account, a.outcome]));
    assert.deepEqual(outcome, {
      [MANAGEMENT]: "audited", [compliant.accountId]: "audited", [legacy.accountId]: "audited", [noRole]: "not-audited", [closed]: "skipped",
    });
    const of = (account: string) => doc.findings.filter((f) => f.account === account);
    const checks = checksFor("1.4.0").map((c) => c.policy).sort();

    // The compliant member and the management account (audited with the caller's own credentials) pass everything.
    for (const account of [compliant.accountId, MANAGEMENT]) {
      assert.deepEqual(of(account).filter((f) => f.status !== "pass"), [], `account ${account}`);
      assert.deepEqual([...new Set(of(account).map((f) => f.policy))].sort(), checks);
    }
    assert.ok(of(compliant.accountId).some((f) => f.resource === compliant.trailArn), "the member's own trail was read through its role");

    // The legacy member fails as the single-account audit of the same seed does (test/audit/moto.spec.ts).
    const failing = of(legacy.accountId).filter((f) => f.status !== "pass").map((f) => `${f.policy} ${f.status} ${f.region}`);
    assert.deepEqual([...new Set(failing)].sort(), [
      "cloudtrail-bucket-access-logging-enabled fail us-east-1",
      "cloudtrail-cloudwatch-logs-enabled fail us-east-1",
      "cloudtrail-kms-encryption-enabled fail us-east-1",
      "cloudtrail-log-file-validation-enabled fail us-east-1",
      "cloudtrail-multi-region-enabled fail global",
      "cloudtrail-s3-data-events-read-enabled fail global",
      "cloudtrail-s3-data-events-write-enabled fail global",
      "config-enabled-all-regions fail ap-northeast-1",
      "config-enabled-all-regions fail eu-north-1",
      "kms-key-rotation-enabled fail us-east-1",
      ...SAMPLE_REGIONS.map((r) => `vpc-flow-logs-enabled fail ${r}`),
    ].sort());

    // The member without the role: one error per control, never a pass, naming the role and AssumeRole's answer.
    const errors = of(noRole);
    assert.deepEqual(errors.map((f) => f.policy).sort(), checks);
    for (const f of errors) {
      assert.equal(f.status, "error");
      assert.equal(f.resource, `account:${noRole}`);
      assert.match(f.message, new RegExp(`could not be judged: cannot assume arn:aws:iam::${noRole}:role/${ROLE}: sts:AssumeRole in us-east-1 failed: AccessDenied`));
    }
    assert.deepEqual(of(closed), []);
    assert.match(doc.notes.join("\n"), new RegExp(`1 account\\(s\\) not audited because they are not ACTIVE .*: ${closed} \\(SUSPENDED\\)`));
  });

  it("saves the run as schema version 2 with the accounts, and the posture report shows every account", () => {
    const [run] = readRuns(dir);
    assert.equal(run.schemaVersion, 2);
    assert.equal(run.organization?.accounts.length, 5);
    assert.ok(run.findings.every((f) => f.account !== undefined));
    const html = renderPostureHtml([run]);
    assert.match(html, /<h1>CIS AWS Foundations logging posture: organization of 5 account\(s\), from account 100000000001<\/h1>/);
    for (const a of [MANAGEMENT, compliant.accountId, legacy.accountId, noRole, closed]) {
      assert.match(html, new RegExp(`<tr data-account="${a}">`), `row of ${a}`);
    }
    assert.match(html, new RegExp(`<tr data-account="${noRole}"><th>${noRole} \\(no-role\\)</th>(<td class="acell s-error"[^>]*>ERROR 1</td>)+<td class="outcome s-error">NOT AUDITED: cannot assume`));
  });

  it("prints the accounts × controls grid in the table, one row per account", async () => {
    const { code, out } = await cli(["--format", "table"]);
    assert.equal(code, 2);
    const lines = out.split("\n");
    assert.match(lines[0], /^CIS AWS Foundations 1\.4\.0 logging audit of the organization: 5 account\(s\) from 100000000001$/);
    const row = (account: string) => lines.find((l) => l.startsWith(`${account}  `)) ?? "";
    assert.match(row(compliant.accountId), /^\d{12} {2}(P +)+compliant$/);
    assert.match(row(noRole), /^\d{12} {2}(E +)+no-role NOT AUDITED$/);
    assert.match(row(closed), /^\d{12} {2}(- +)+skipped: its state is SUSPENDED, not ACTIVE$/);
    assert.match(out, new RegExp(`account ${noRole} \\(no-role\\): not-audited: cannot assume`));
  });

  it("with --compare-aggregator, names the (account, control) pairs where the aggregator's verdict differs from the visit's", async () => {
    const vpc = legacy.vpcIds["eu-north-1"][0];
    const fake = aggregatorFake([
      // The aggregator's rule last saw the legacy member's VPC with a flow log: AWS says COMPLIANT, the audit FAIL.
      { rule: "OrgConfigRule-vpc-flow-logs-enabled-a1b2", account: legacy.accountId, region: "eu-north-1", type: "AWS::EC2::VPC", id: vpc, compliance: "COMPLIANT" },
      // Both agree the legacy key is not rotated, and that the compliant member's VPC has a flow log.
      { rule: "OrgConfigRule-cmk-backing-key-rotation-enabled-c3d4", account: legacy.accountId, region: "us-east-1", type: "AWS::KMS::Key", id: legacy.keyArns["us-east-1"][0].split("/").pop() ?? "", compliance: "NON_COMPLIANT" },
      { rule: "OrgConfigRule-vpc-flow-logs-enabled-a1b2", account: compliant.accountId, region: "eu-north-1", type: "AWS::EC2::VPC", id: compliant.vpcIds["eu-north-1"][0], compliance: "COMPLIANT" },
    ]);
    const { code, out } = await cli(["--format", "json", "--compare-aggregator", "org-aggregator"], { config: fake });
    assert.equal(code, 2);
    const doc = JSON.parse(out) as JsonDoc;
    assert.equal(doc.organization.aggregator, "org-aggregator");
    assert.deepEqual(doc.organization.disagreements?.map((d) => `${d.account} ${d.policy} ${d.visited} ${d.aggregator}`), [
      `${legacy.accountId} vpc-flow-logs-enabled fail pass`,
    ]);
    assert.match(doc.organization.disagreements?.[0].detail ?? "", new RegExp(`the audit finds .*${vpc}.* failing; the aggregator's rules report every evaluated resource COMPLIANT`));
    assert.match(doc.notes.join("\n"), /AWS Config aggregator org-aggregator and the audit disagree on 1 \(account, control\) pair\(s\)/);
    // The findings stay the visit's: the legacy member's VPC still fails.
    assert.ok(doc.findings.some((f) => f.account === legacy.accountId && f.resource === vpc && f.status === "fail"));
  });

  it("with --from-aggregator, judges the ACTIVE accounts from the aggregator alone: an account it has no result for errs", async () => {
    const fake = aggregatorFake([
      { rule: "OrgConfigRule-vpc-flow-logs-enabled-a1b2", account: compliant.accountId, region: "eu-north-1", type: "AWS::EC2::VPC", id: compliant.vpcIds["eu-north-1"][0], compliance: "COMPLIANT" },
    ]);
    const { code, out } = await cli(["--format", "json", "--from-aggregator", "org-aggregator"], { config: fake });
    assert.equal(code, 2);
    const doc = JSON.parse(out) as JsonDoc;
    assert.deepEqual(doc.organization, { source: "aggregator", aggregator: "org-aggregator" });
    // No AssumeRole: the member without its role is judged from the aggregator like the others (it has no result: errors).
    assert.deepEqual(Object.fromEntries(doc.accounts.map((a) => [a.account, a.outcome])), {
      [MANAGEMENT]: "audited", [compliant.accountId]: "audited", [legacy.accountId]: "audited", [noRole]: "audited", [closed]: "skipped",
    });
    const flow = doc.findings.filter((f) => f.policy === "vpc-flow-logs-enabled").map((f) => `${f.account} ${f.status} ${f.resource}`).sort();
    assert.deepEqual(flow, [
      `${compliant.accountId} pass ${compliant.vpcIds["eu-north-1"][0]}`,
      ...[MANAGEMENT, legacy.accountId, noRole].map((a) => `${a} error account:${a}`),
    ].sort());
    assert.match(doc.notes.join("\n"), /Not judged from the aggregator org-aggregator: no AWS Config managed rule reports 3\.5 /);
  });
  it("npm run demo -- --org: seeds an organization of four accounts, audits it through the members' role and writes its posture report", async () => {
    // On this suite's moto (a child process would cost seconds of start-up), in moto's default account, which no other
    // test here uses; demo.ts only starts moto and hands the arguments over.
    const out: string[] = [];
    const err: string[] = [];
    const demo = await demoOrganization(moto, ["--format", "json", "--cis", "1.4.0"], { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } });
    assert.equal(demo.code, 2, err.join(""));
    const doc = JSON.parse(out.join("")) as JsonDoc;
    assert.equal(doc.account, DEMO_MANAGEMENT_ACCOUNT);
    const byAccount = Object.fromEntries(doc.accounts.map((a) => [a.account, [a.name, a.outcome, a.summary.fail, a.summary.error]]));
    const checks = checksFor("1.4.0").length;
    assert.deepEqual(byAccount[DEMO_MANAGEMENT_ACCOUNT].slice(1), ["audited", 0, 0]);
    assert.deepEqual(byAccount[demo.accounts.payments], ["payments", "audited", 0, 0]);
    assert.deepEqual(byAccount[demo.accounts.legacy].slice(0, 2), ["legacy", "audited"]);
    assert.ok((byAccount[demo.accounts.legacy][2] as number) > 0, "the legacy account fails controls");
    assert.deepEqual(byAccount[demo.accounts.sandbox], ["sandbox", "not-audited", 0, checks]);
    const html = fs.readFileSync(demo.html, "utf8");
    assert.match(html, new RegExp(`<h1>CIS AWS Foundations logging posture: organization of 4 account\\(s\\), from account ${DEMO_MANAGEMENT_ACCOUNT}</h1>`));
    assert.match(err.join(""), /demo: open the posture report of the organization: \S+posture\.html/);
    fs.rmSync(path.dirname(demo.html), { recursive: true, force: true });
  });
});
