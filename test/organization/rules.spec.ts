import { strict as assert } from "assert";
import { SAMPLE_LOG_ARCHIVE_ACCOUNT } from "../../offline/sampleOrganization";
import { dependsOn, statements } from "../components/assertions";
import { ProgramRun } from "../programHarness";
import { OrganizationRun, runOrganization } from "./orgHarness";

const HOME = "ap-northeast-1";
const asProgramRun = (run: OrganizationRun): ProgramRun => run as unknown as ProgramRun;

describe("organization/aggregator, rules and telemetry rule", () => {
  let run: OrganizationRun;
  before(async () => { run = await runOrganization(); });

  it("aggregates every account and every region with a role that has AWSConfigRoleForOrganizations", () => {
    const aggregators = run.ofType("aws:cfg/configurationAggregator:ConfigurationAggregator");
    assert.equal(aggregators.length, 1);
    const source = aggregators[0].inputs.organizationAggregationSource as { allRegions: boolean; roleArn: string };
    assert.equal(source.allRegions, true);
    assert.equal(aggregators[0].region, HOME);
    const role = run.one("aws:iam/role:Role", "organization-rules-aggregator-role");
    assert.equal(source.roleArn, role.state.arn);
    assert.deepEqual(statements(role, "assumeRolePolicy").AllowServiceAssumeRole.Condition, { StringEquals: { "aws:SourceAccount": "111122223333" } });
    assert.equal(run.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "organization-rules-aggregator-role").inputs.policyArn,
      "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations");
  });

  it("runs the flow-log and key-rotation organization rules in every covered region and the CloudTrail rules in the home region", () => {
    const rules = run.ofType("aws:cfg/organizationManagedRule:OrganizationManagedRule");
    const byRegion = new Map<string, string[]>();
    for (const r of rules) {
      byRegion.set(String(r.region), [...(byRegion.get(String(r.region)) ?? []), String(r.inputs.ruleIdentifier)].sort());
    }
    assert.deepEqual([...byRegion.keys()].sort(), [...run.outputs.regions].sort());
    assert.deepEqual(byRegion.get("eu-north-1"), ["CMK_BACKING_KEY_ROTATION_ENABLED", "VPC_FLOW_LOGS_ENABLED"]);
    assert.deepEqual(byRegion.get(HOME), [
      "CLOUDTRAIL_S3_BUCKET_ACCESS_LOGGING", "CLOUDTRAIL_S3_BUCKET_PUBLIC_ACCESS_PROHIBITED", "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
      "CLOUD_TRAIL_ENCRYPTION_ENABLED", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "CMK_BACKING_KEY_ROTATION_ENABLED",
      "MULTI_REGION_CLOUD_TRAIL_ENABLED", "VPC_FLOW_LOGS_ENABLED",
    ]);
    const multiRegion = rules.find((r) => r.inputs.ruleIdentifier === "MULTI_REGION_CLOUD_TRAIL_ENABLED");
    assert.equal(multiRegion?.inputs.name, "cis-org-multi-region-cloudtrail-enabled");
    assert.equal(multiRegion?.inputs.inputParameters, JSON.stringify({ readWriteType: "ALL" }));
    for (const r of rules) {
      assert.ok(String(r.inputs.name).length <= 64, `${String(r.inputs.name)}: OrganizationConfigRuleName is at most 64 characters`);
    }
    assert.deepEqual(run.outputs.organizationRuleNames["eu-north-1"], ["cis-org-vpc-flow-logs-enabled", "cis-org-cmk-backing-key-rotation-enabled"]);
  });

  it("creates the organization rules after the StackSet instances and the management recorders", () => {
    const rule = run.ofType("aws:cfg/organizationManagedRule:OrganizationManagedRule").find((r) => r.region === "eu-north-1") as ProgramRun["resources"][number];
    assert.ok(dependsOn(asProgramRun(run), rule, run.one("aws:cloudformation/stackSetInstance:StackSetInstance", "organization-recorders-eu-north-1")));
    assert.ok(dependsOn(asProgramRun(run), rule, run.one("aws:cfg/recorderStatus:RecorderStatus", "config-eu-north-1-status")));
  });

  it("gives every VPC of every account a flow log through one organization telemetry rule, after telemetry evaluation for the organization", () => {
    const evaluation = run.ofType("aws:observabilityadmin/telemetryEvaluationForOrganization:TelemetryEvaluationForOrganization");
    assert.equal(evaluation.length, 1);
    assert.deepEqual(evaluation[0].inputs, { allRegions: true });
    const rules = run.ofType("aws:observabilityadmin/telemetryRuleForOrganization:TelemetryRuleForOrganization");
    assert.equal(rules.length, 1);
    assert.deepEqual(rules[0].inputs, {
      ruleName: "cis-logging-baseline-vpc-flow-logs",
      rule: {
        resourceType: "AWS::EC2::VPC", telemetryType: "Logs", telemetrySourceTypes: ["VPC_FLOW_LOGS"], allowFieldUpdates: true, allRegions: true,
        destinationConfiguration: {
          destinationType: "cloud-watch-logs", destinationPattern: "/cis/vpc-flow-logs/cis-logging-baseline/<resourceId>",
          retentionInDays: 365, vpcFlowLogParameters: { trafficType: "ALL" },
        },
      },
    });
    assert.ok(dependsOn(asProgramRun(run), rules[0], evaluation[0]));
    assert.equal(run.ofType("aws:ec2/flowLog:FlowLog").length, 0, "the program creates no flow log of its own");
  });

  it("limits the telemetry rule to the covered regions when the stack covers a list", async () => {
    const listed = await runOrganization({
      mode: "organization", organization: { logArchiveAccountId: SAMPLE_LOG_ARCHIVE_ACCOUNT }, regions: [HOME, "eu-north-1"],
    });
    const rule = listed.ofType("aws:observabilityadmin/telemetryRuleForOrganization:TelemetryRuleForOrganization")[0];
    assert.deepEqual((rule.inputs.rule as { regions: string[] }).regions, [HOME, "eu-north-1"]);
    assert.deepEqual(listed.ofType("aws:observabilityadmin/telemetryEvaluationForOrganization:TelemetryEvaluationForOrganization")[0].inputs, { regions: [HOME, "eu-north-1"] });
  });
});
