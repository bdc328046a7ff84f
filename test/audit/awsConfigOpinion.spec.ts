/**
 * The audit reads AWS Config's own evaluation of the rules continuousCoverage deploys and names, on each finding,
 * where it is the opposite of the audit's verdict, in every format; the verdict never changes. Against moto (server
 * mode), whose missing DescribeComplianceByConfigRule / GetComplianceDetailsByConfigRule the audit/motoConfigRules.ts
 * stand-in answers from results recorded here; the rules themselves are real moto rules (PutConfigRule).
 */
import { strict as assert } from "assert";
import { PutConfigRuleCommand } from "@aws-sdk/client-config-service";
import { AuditResult, runAudit } from "../../audit/audit";
import { STACK_CONFIG_RULES } from "../../audit/awsConfigOpinion";
import { ClientFactory, createClientFactory } from "../../audit/clients";
import { MotoServer, motoClientOptions, startMoto } from "../../audit/moto";
import { recordRuleEvaluations } from "../../audit/motoConfigRules";
import { render, toReport } from "../../audit/report";
import { parseRun } from "../../audit/run/document";
import { toRunDocument } from "../../audit/run/fromResult";
import { HOME_REGION, SAMPLE_REGIONS, SeededAccount, seedCompliant, seedNonCompliant } from "../../audit/seed";

const ruleName = (managed: string): string => {
  const rule = STACK_CONFIG_RULES.find((r) => r.fact.name === managed);
  assert.ok(rule, managed);
  return rule.name;
};

/** The stack's rules in every sample region, as a continuous mode deploys them (owner AWS, the managed identifier). */
async function putStackRules(clients: ClientFactory): Promise<void> {
  for (const region of SAMPLE_REGIONS) {
    for (const { name, fact } of STACK_CONFIG_RULES) {
      await clients.client("config", region).send(new PutConfigRuleCommand({
        ConfigRule: { ConfigRuleName: name, Source: { Owner: "AWS", SourceIdentifier: fact.identifier }, MaximumExecutionFrequency: fact.evaluationFrequency },
      }));
    }
  }
}

const verdicts = (r: AuditResult) => r.findings.map((f) => `${f.policy} ${f.status} ${f.region} ${f.resource}`);
const details = (r: AuditResult) => r.findings.filter((f) => f.awsConfigDisagrees).map((f) => [f.policy, f.status, f.resource, f.awsConfigDisagrees]);

describe("audit: AWS Config's own evaluation of the stack's rules (moto)", function () {
  this.timeout(120_000);
  let moto: MotoServer | undefined;
  before(async function () {
    this.timeout(60_000);
    moto = await startMoto();
  });
  after(async () => {
    await moto?.stop();
  });
  const clientsFor = (accountId: string, shims = true) => {
    if (!moto) {
      throw new Error("moto is not running");
    }
    return createClientFactory(motoClientOptions(moto.endpoint, accountId, shims));
  };
  const audit = (accountId: string, shims = true) => runAudit({ clients: clientsFor(accountId, shims), cisVersion: "1.4.0", regions: [...SAMPLE_REGIONS] });

  describe("a compliant account whose rules AWS Config judges otherwise in places", () => {
    let s: SeededAccount;
    let before_: AuditResult;
    before(async () => {
      s = await seedCompliant(clientsFor("444455556666"), "444455556666");
      before_ = await audit(s.accountId);
      await putStackRules(clientsFor(s.accountId));
      const key = s.keyArns[HOME_REGION][0];
      const vpc = s.vpcIds[HOME_REGION][0];
      recordRuleEvaluations(s.accountId, HOME_REGION, ruleName("vpc-flow-logs-enabled"), [{ resourceType: "AWS::EC2::VPC", resourceId: vpc, compliance: "COMPLIANT" }]);
      recordRuleEvaluations(s.accountId, HOME_REGION, ruleName("cmk-backing-key-rotation-enabled"), [{ resourceType: "AWS::KMS::Key", resourceId: key.split("/").pop() as string, compliance: "NON_COMPLIANT" }]);
      for (const region of ["eu-north-1", HOME_REGION]) {
        recordRuleEvaluations(s.accountId, region, ruleName("multi-region-cloudtrail-enabled"), [{ resourceType: "AWS::::Account", resourceId: s.accountId, compliance: "NON_COMPLIANT" }]);
      }
      recordRuleEvaluations(s.accountId, HOME_REGION, ruleName("cloudtrail-s3-bucket-access-logging"), [{ resourceType: "AWS::CloudTrail::Trail", resourceId: s.trailName, compliance: "NON_COMPLIANT" }]);
      recordRuleEvaluations(s.accountId, HOME_REGION, ruleName("cloud-trail-log-file-validation-enabled"), [{ resourceType: "AWS::CloudTrail::Trail", resourceId: s.trailName, compliance: "COMPLIANT" }]);
      // ap-northeast-1's rules have no evaluation yet (INSUFFICIENT_DATA): nothing to compare.
    });

    it("keeps every verdict and names each opposite evaluation on its finding, by rule and regions (account, key, trail bucket)", async () => {
      const result = await audit(s.accountId);
      assert.deepEqual(verdicts(result), verdicts(before_));
      assert.deepEqual(result.notes ?? [], []);
      assert.deepEqual(details(result), [
        ["cloudtrail-multi-region-enabled", "pass", s.trailArn, [{ rule: "cis-logging-baseline-multi-region-cloudtrail-enabled", compliance: "NON_COMPLIANT", regions: ["eu-north-1", "us-east-1"] }]],
        ["cloudtrail-bucket-access-logging-enabled", "pass", `arn:aws:s3:::${s.trailBucket}`, [{ rule: "cis-logging-baseline-cloudtrail-s3-bucket-access-logging", compliance: "NON_COMPLIANT", regions: ["us-east-1"] }]],
        ["kms-key-rotation-enabled", "pass", s.keyArns[HOME_REGION][0], [{ rule: "cis-logging-baseline-cmk-backing-key-rotation-enabled", compliance: "NON_COMPLIANT", regions: ["us-east-1"] }]],
      ]);
      assert.equal(before_.findings.some((f) => f.awsConfigDisagrees), false, "no rules, no detail");
    });

    it("shows the disagreement in the table, JSON, Markdown and SARIF, and in the saved run document (schema-valid)", async () => {
      const result = await audit(s.accountId);
      const report = toReport(result);
      const line = "AWS Config's cis-logging-baseline-cmk-backing-key-rotation-enabled reports NON_COMPLIANT in us-east-1 (this audit's verdict stands)";
      assert.ok(render(report, "table", "0.1.0").includes(`    ${line}\n`));
      assert.ok(render(report, "markdown", "0.1.0").includes(`**${line}.**`));
      const json = JSON.parse(render(report, "json", "0.1.0")) as { findings: { policy: string; awsConfigDisagrees?: unknown }[] };
      assert.deepEqual(json.findings.find((f) => f.policy === "kms-key-rotation-enabled")?.awsConfigDisagrees,
        [{ rule: "cis-logging-baseline-cmk-backing-key-rotation-enabled", compliance: "NON_COMPLIANT", regions: ["us-east-1"] }]);
      const sarif = JSON.parse(render(report, "sarif", "0.1.0")) as { runs: { results: { ruleId: string; kind: string; message: { text: string }; properties: { awsConfigDisagrees?: unknown } }[] }[] };
      const key = sarif.runs[0].results.find((r) => r.ruleId === "kms-key-rotation-enabled");
      assert.equal(key?.kind, "pass");
      assert.ok(key?.message.text.endsWith(line));
      assert.ok(key?.properties.awsConfigDisagrees);
      const run = parseRun(JSON.parse(JSON.stringify(toRunDocument(result, { toolVersion: "0.1.0", startedAt: new Date(0), endedAt: new Date(1000) }))), "run.json");
      assert.deepEqual(run.findings.filter((f) => f.awsConfigDisagrees).map((f) => f.policy),
        ["cloudtrail-multi-region-enabled", "cloudtrail-bucket-access-logging-enabled", "kms-key-rotation-enabled"]);
    });

    it("without the stand-in (moto as it is) notes per region that AWS Config's evaluation could not be read, and keeps every verdict", async () => {
      const result = await audit(s.accountId, false);
      assert.equal(result.findings.some((f) => f.awsConfigDisagrees), false);
      assert.deepEqual((result.notes ?? []).map((n) => /could not be read in (\S+) \(config:DescribeComplianceByConfigRule in \1 failed/.exec(n)?.[1]), [...SAMPLE_REGIONS]);
    });
  });

  it("names AWS Config's COMPLIANT on a VPC the audit fails (no flow log)", async () => {
    const s = await seedNonCompliant(clientsFor("555566667777"), "555566667777");
    await putStackRules(clientsFor(s.accountId));
    const vpc = s.vpcIds["eu-north-1"][1];
    recordRuleEvaluations(s.accountId, "eu-north-1", ruleName("vpc-flow-logs-enabled"),
      s.vpcIds["eu-north-1"].map((id) => ({ resourceType: "AWS::EC2::VPC", resourceId: id, compliance: id === vpc ? "COMPLIANT" as const : "NON_COMPLIANT" as const })));
    const result = await audit(s.accountId);
    assert.deepEqual(details(result), [["vpc-flow-logs-enabled", "fail", vpc, [{ rule: "cis-logging-baseline-vpc-flow-logs-enabled", compliance: "COMPLIANT", regions: ["eu-north-1"] }]]]);
  });
});
