/**
 * `--from-aggregator` with an injected fake AWS Config client (aws-sdk-client-mock): moto implements neither
 * DescribeAggregateComplianceByConfigRules nor GetAggregateComplianceDetailsByConfigRule. Also the comparison of the
 * aggregator's verdicts with the visit's (compareWithAggregator), a pure function.
 */
import { strict as assert } from "assert";
import {
  ConfigServiceClient, DescribeAggregateComplianceByConfigRulesCommand, GetAggregateComplianceDetailsByConfigRuleCommand,
} from "@aws-sdk/client-config-service";
import { mockClient } from "aws-sdk-client-mock";
import { aggregatorPolicies, managedRuleOf, readAggregator } from "../../../audit/org/aggregator";
import { compareWithAggregator } from "../../../audit/org/compare";
import type { Finding } from "../../../audit/types";

const A = "200000000001";
const B = "200000000002";
const accounts = [{ accountId: A, state: "ACTIVE" }, { accountId: B, state: "ACTIVE" }];

describe("audit/org aggregator (fake AWS Config client)", () => {
  it("matches a deployed rule to the managed rule its name holds, bounded by hyphens", () => {
    assert.equal(managedRuleOf("OrgConfigRule-vpc-flow-logs-enabled-a1b2")?.name, "vpc-flow-logs-enabled");
    assert.equal(managedRuleOf("cis-logging-baseline-cmk-backing-key-rotation-enabled")?.name, "cmk-backing-key-rotation-enabled");
    assert.equal(managedRuleOf("my-vpc-flow-logs-enabledx"), undefined);
  });

  it("turns evaluations into findings per account and resource, pages through both calls, and errs where the aggregator has no evidence", async () => {
    const client = new ConfigServiceClient({ region: "us-east-1" });
    const config = mockClient(client);
    config.on(DescribeAggregateComplianceByConfigRulesCommand, { ConfigurationAggregatorName: "org" }).resolves({
      AggregateComplianceByConfigRules: [
        { ConfigRuleName: "OrgConfigRule-vpc-flow-logs-enabled-x", AccountId: A, AwsRegion: "eu-north-1", Compliance: { ComplianceType: "NON_COMPLIANT" } },
      ],
      NextToken: "p2",
    });
    config.on(DescribeAggregateComplianceByConfigRulesCommand, { ConfigurationAggregatorName: "org", NextToken: "p2" }).resolves({
      AggregateComplianceByConfigRules: [
        { ConfigRuleName: "OrgConfigRule-cmk-backing-key-rotation-enabled-y", AccountId: A, AwsRegion: "us-east-1", Compliance: { ComplianceType: "INSUFFICIENT_DATA" } },
        // An account that left the organization, and a rule this project does not map: both ignored.
        { ConfigRuleName: "OrgConfigRule-vpc-flow-logs-enabled-x", AccountId: "999999999999", AwsRegion: "eu-north-1", Compliance: { ComplianceType: "COMPLIANT" } },
        { ConfigRuleName: "s3-bucket-versioning-enabled", AccountId: A, AwsRegion: "eu-north-1", Compliance: { ComplianceType: "NON_COMPLIANT" } },
      ],
    });
    const evaluation = (id: string, type: "COMPLIANT" | "NON_COMPLIANT") => ({
      ComplianceType: type, EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: "r", ResourceType: "AWS::EC2::VPC", ResourceId: id } },
    });
    config.on(GetAggregateComplianceDetailsByConfigRuleCommand).resolvesOnce({ AggregateEvaluationResults: [evaluation("vpc-1", "NON_COMPLIANT")], NextToken: "d2" })
      .resolvesOnce({ AggregateEvaluationResults: [evaluation("vpc-2", "COMPLIANT")] });

    const reading = await readAggregator({
      config: client, aggregator: "org", home: "us-east-1", partition: "aws", cisVersion: "1.2.0", regions: "all", accounts,
    });
    const rows = reading.findings.map((f) => `${f.account} ${f.policy} ${f.status} ${f.region} ${f.resource}`).sort();
    assert.deepEqual(rows, [
      `${A} kms-key-rotation-enabled error us-east-1 config-rule:OrgConfigRule-cmk-backing-key-rotation-enabled-y`,
      `${A} vpc-flow-logs-enabled fail eu-north-1 vpc-1`,
      `${A} vpc-flow-logs-enabled pass eu-north-1 vpc-2`,
      // No result for a control the aggregator could judge (B has none at all): that is no pass.
      ...aggregatorPolicies("1.2.0").filter((p) => p !== "vpc-flow-logs-enabled" && p !== "kms-key-rotation-enabled")
        .map((p) => `${A} ${p} error global account:${A}`),
      ...aggregatorPolicies("1.2.0").map((p) => `${B} ${p} error global account:${B}`),
    ].sort());
    assert.deepEqual(aggregatorPolicies("1.2.0"), [
      "cloudtrail-multi-region-enabled", "cloudtrail-log-file-validation-enabled", "cloudtrail-bucket-not-public", "cloudtrail-cloudwatch-logs-enabled",
      "cloudtrail-bucket-access-logging-enabled", "cloudtrail-kms-encryption-enabled", "kms-key-rotation-enabled", "vpc-flow-logs-enabled",
    ]);
    const details = config.commandCalls(GetAggregateComplianceDetailsByConfigRuleCommand).map((c) => c.args[0].input);
    assert.deepEqual(details.map((d) => [d.AccountId, d.AwsRegion, d.ConfigRuleName, d.NextToken]), [
      [A, "eu-north-1", "OrgConfigRule-vpc-flow-logs-enabled-x", undefined], [A, "eu-north-1", "OrgConfigRule-vpc-flow-logs-enabled-x", "d2"],
    ]);
    assert.deepEqual(reading.notes, [
      "Not judged from the aggregator org: no AWS Config managed rule reports 2.5 Ensure AWS Config is enabled in all regions. Audit the accounts (--org) for them.",
    ]);
    assert.deepEqual([...reading.regionsByAccount.entries()], [[A, ["eu-north-1", "us-east-1"]]]);
  });
});

describe("audit/org compareWithAggregator", () => {
  const f = (account: string, policy: Finding["policy"], status: Finding["status"], resource: string): Finding => ({
    account, policy, status, region: "eu-north-1", resource, message: "",
  });

  it("reports opposite verdicts and, when both fail, the failing resources only one side names; errors and missing results are no disagreement", () => {
    const visited = [
      f(A, "vpc-flow-logs-enabled", "fail", "vpc-1"), f(A, "vpc-flow-logs-enabled", "pass", "vpc-2"),
      f(A, "kms-key-rotation-enabled", "fail", "key-1"), f(A, "kms-key-rotation-enabled", "pass", "key-2"),
      f(B, "vpc-flow-logs-enabled", "error", "account:B"),
      f(B, "kms-key-rotation-enabled", "pass", "key-3"),
    ];
    const aggregator = [
      f(A, "vpc-flow-logs-enabled", "pass", "vpc-1"), f(A, "vpc-flow-logs-enabled", "pass", "vpc-2"),
      f(A, "kms-key-rotation-enabled", "fail", "key-1"), f(A, "kms-key-rotation-enabled", "fail", "key-2"),
      f(B, "vpc-flow-logs-enabled", "pass", "vpc-9"),
    ];
    const out = compareWithAggregator(visited, aggregator, [B, A], ["vpc-flow-logs-enabled", "kms-key-rotation-enabled"]);
    assert.deepEqual(out.map((d) => `${d.account} ${d.policy} ${d.visited} ${d.aggregator}: ${d.detail}`), [
      `${A} vpc-flow-logs-enabled fail pass: the audit finds vpc-1 failing; the aggregator's rules report every evaluated resource COMPLIANT`,
      `${A} kms-key-rotation-enabled fail fail: only the aggregator reports key-2 NON_COMPLIANT`,
    ]);
  });
});
