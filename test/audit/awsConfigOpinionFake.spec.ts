/**
 * The reading of AWS Config's evaluation against answers moto cannot give (test/audit/fakeAccount.ts): every page of
 * both calls is followed, an evaluation that agrees adds nothing, a region whose read is denied gets one note and its
 * findings stay the audit's, and a resource only AWS Config evaluates (a VPC the audit does not see) is ignored.
 */
import { strict as assert } from "assert";
import { DescribeComplianceByConfigRuleCommand, GetComplianceDetailsByConfigRuleCommand } from "@aws-sdk/client-config-service";
import { runAudit } from "../../audit/audit";
import { fixedClock } from "../../clock";
import { HOME, NOW, OTHER, compliantAccount, installFake } from "./fakeAccount";

const auditOf = async (edit: (a: ReturnType<typeof compliantAccount>) => void) => {
  const account = compliantAccount();
  edit(account);
  const fake = installFake(account);
  try {
    return { result: await runAudit({ clients: fake.clients, cisVersion: "1.4.0", regions: [HOME, OTHER], clock: fixedClock(NOW) }), mocks: fake.mocks };
  } finally {
    fake.restore();
  }
};

describe("audit: AWS Config's evaluation, paged and failing (fake account)", () => {
  it("follows every page of both calls; evaluations that agree add no detail and no note", async () => {
    const { result, mocks } = await auditOf(() => undefined);
    assert.equal(result.findings.some((f) => f.awsConfigDisagrees), false);
    assert.deepEqual(result.notes ?? [], []);
    // Three rules per region, one per page: three DescribeComplianceByConfigRule pages and three detail pages.
    assert.equal(mocks.config.commandCalls(DescribeComplianceByConfigRuleCommand).length, 6);
    assert.equal(mocks.config.commandCalls(GetComplianceDetailsByConfigRuleCommand).length, 6);
  });

  it("reads a second page of results (NextToken) and ignores a resource the audit does not judge", async () => {
    const { result } = await auditOf((a) => {
      const rule = a.byRegion[OTHER].ruleEvaluations["cis-logging-baseline-vpc-flow-logs-enabled"];
      const vpc = rule[0].ResourceId;
      rule.unshift({ ResourceType: "AWS::EC2::VPC", ResourceId: "vpc-0notseen", ComplianceType: "NON_COMPLIANT" });
      rule.push({ ResourceType: "AWS::EC2::VPC", ResourceId: vpc, ComplianceType: "NON_COMPLIANT" });
    });
    const flagged = result.findings.filter((f) => f.awsConfigDisagrees);
    assert.deepEqual(flagged.map((f) => [f.policy, f.status, f.region, f.awsConfigDisagrees]), [
      ["vpc-flow-logs-enabled", "pass", OTHER, [{ rule: "cis-logging-baseline-vpc-flow-logs-enabled", compliance: "NON_COMPLIANT", regions: [OTHER] }]],
    ]);
  });

  it("notes a region whose read is denied, once, and changes no finding", async () => {
    const { result } = await auditOf((a) => {
      a.denied[OTHER] = ["DescribeComplianceByConfigRule"];
    });
    assert.equal(result.findings.some((f) => f.awsConfigDisagrees || f.status !== "pass" && f.status !== "not-judged"), false);
    assert.deepEqual(result.notes, [
      `AWS Config's own evaluation of the stack's rules could not be read in ${OTHER} (config:DescribeComplianceByConfigRule in ${OTHER} failed: AccessDeniedException (HTTP 400): User is not authorized to perform DescribeComplianceByConfigRule); the findings are this audit's alone there.`,
    ]);
  });
});
