/**
 * continuousCoverage (issue 10 items 1-3, 6): what each mode registers in every covered region, with the exact settings
 * AWS documents for each rule, runbook and role, under Pulumi's mocks. Each test cites the AWS page it holds the program to.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../config";
import { MOCK_NAME_SUFFIX, RecordedResource } from "../../offline/mockAccount";
import { Inventory } from "../../offline/inventory";
import { sampleAccount } from "../../offline/sampleAccount";
import { DETECTION_RULES } from "../../policy-pack/coverageFacts";
import { ProgramRun, runProgram } from "../programHarness";
import { setPreviewMode } from "../setup/pulumiMocks";
import { Statement, dependsOn, only, statements } from "./assertions";

const ACCOUNT = "111122223333";
const ROLE_PATH = "/cis-logging-baseline/organization/cis-logging-baseline/test/";
/** The sample account's enabled regions: every one is covered by default. */
const ENABLED = [
  "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
  "ca-central-1", "eu-central-1", "eu-north-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "me-central-1",
  "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];
const RULE = "aws:cfg/rule:Rule";
const REMEDIATION = "aws:cfg/remediationConfiguration:RemediationConfiguration";
const TELEMETRY_RULE = "aws:observabilityadmin/telemetryRule:TelemetryRule";
const TELEMETRY_EVALUATION = "aws:observabilityadmin/telemetryEvaluation:TelemetryEvaluation";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const CONTINUOUS_TYPES = [RULE, REMEDIATION, TELEMETRY_RULE, TELEMETRY_EVALUATION];

const regionsOf = (resources: RecordedResource[]): string[] => [...new Set(resources.map((r) => r.region as string))].sort();
const inRegion = (run: ProgramRun, type: string, region: string): RecordedResource[] => run.ofType(type).filter((r) => r.region === region);
const sameRegionProvider = (r: RecordedResource): void => {
  assert.equal(r.providerRegion, r.region, `${r.type} ${r.name} goes through its region's own provider`);
};
const flowLogGroupArn = (region: string): string =>
  `arn:aws:logs:${region}:${ACCOUNT}:log-group:/cis/vpc-flow-logs/cis-logging-baseline-${MOCK_NAME_SUFFIX}`;

/** Every managed rule's exact inputs: owner AWS, the documented identifier, the stack's name, an explicit frequency. */
const DETECTION_RULE_INPUTS = [
  // https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html (readWriteType ALL).
  { suffix: "multi-region-cloudtrail-enabled", identifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED", inputParameters: '{"readWriteType":"ALL"}' },
  // https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-log-file-validation-enabled.html
  { suffix: "cloud-trail-log-file-validation-enabled", identifier: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED" },
  // https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-cloud-watch-logs-enabled.html (expectedDeliveryWindowAge in hours).
  { suffix: "cloud-trail-cloud-watch-logs-enabled", identifier: "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", inputParameters: '{"expectedDeliveryWindowAge":"24"}' },
  // https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-encryption-enabled.html
  { suffix: "cloud-trail-encryption-enabled", identifier: "CLOUD_TRAIL_ENCRYPTION_ENABLED" },
  // https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-access-logging.html
  { suffix: "cloudtrail-s3-bucket-access-logging", identifier: "CLOUDTRAIL_S3_BUCKET_ACCESS_LOGGING" },
  // https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-public-access-prohibited.html
  { suffix: "cloudtrail-s3-bucket-public-access-prohibited", identifier: "CLOUDTRAIL_S3_BUCKET_PUBLIC_ACCESS_PROHIBITED" },
];

function ruleInputs(suffix: string, identifier: string, frequency: string, inputParameters?: string): Record<string, unknown> {
  return {
    name: `cis-logging-baseline-${suffix}`,
    description: `CIS logging baseline: AWS managed rule ${suffix}`,
    source: { owner: "AWS", sourceIdentifier: identifier },
    maximumExecutionFrequency: frequency,
    ...(inputParameters ? { inputParameters } : {}),
  };
}

/** The trust policy of every remediation role (SSM UG "Cross-service confused deputy prevention"). */
function expectedTrust(region: string): Record<string, Statement> {
  return {
    AllowSsmAutomationAssumeRole: {
      Sid: "AllowSsmAutomationAssumeRole", Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:ssm:${region}:${ACCOUNT}:automation-execution/*` },
      },
    },
  };
}

function runbookStatements(region: string, documentName: string): Record<string, Statement> {
  return {
    StartThisRunbook: {
      Sid: "StartThisRunbook", Effect: "Allow", Action: "ssm:StartAutomationExecution",
      Resource: `arn:aws:ssm:${region}:*:automation-definition/${documentName}:*`,
    },
    ReadOwnAutomationExecutions: {
      Sid: "ReadOwnAutomationExecutions", Effect: "Allow", Action: "ssm:GetAutomationExecution",
      Resource: `arn:aws:ssm:${region}:${ACCOUNT}:automation-execution/*`,
    },
  };
}

/** The statements that keep `Resource: "*"`, each because AWS offers nothing narrower (policyDocuments.ts). */
const WILDCARD_ONLY: Record<string, string[]> = {
  DescribeFlowLogs: ["ec2:DescribeFlowLogs"],
  CreateLogDeliveryToS3: ["logs:CreateLogDelivery", "logs:DeleteLogDelivery"],
  CheckAccountPublicAccessBlock: ["s3:GetAccountPublicAccessBlock"],
};

function assertNoWildcardBeyondTheDocumented(policy: Record<string, Statement>): void {
  for (const statement of Object.values(policy)) {
    const resources = [statement.Resource ?? []].flat();
    if (resources.includes("*")) {
      assert.deepEqual([statement.Action].flat(), WILDCARD_ONLY[statement.Sid as string],
        `${statement.Sid} has Resource "*" though AWS allows a narrower resource for ${String(statement.Action)}`);
    }
    assert.equal(statement.Effect, "Allow");
  }
}

describe("continuous coverage (config continuousCoverage)", () => {
  describe("off (the default)", () => {
    it("adds no AWS Config rule, remediation or telemetry resource, and the program still flow-logs every VPC it owns", async () => {
      const run = await runProgram({ regions: ["ap-northeast-1", "eu-central-1", "us-west-1"] });
      assert.equal(run.outputs.continuousCoverage, "off");
      for (const type of CONTINUOUS_TYPES) {
        assert.deepEqual(run.ofType(type).map((r) => r.name), [], type);
      }
      assert.equal(run.ofType(FLOW_LOG).length, 5);
      // Unchanged: no flow-log component in a region without VPCs, and none of the new outputs.
      assert.deepEqual(run.ofType("cis-logging:network:RegionalFlowLogs").map((c) => c.name), ["flow-logs-ap-northeast-1", "flow-logs-eu-central-1"]);
      assert.equal(only(run, "cis-logging:network:RegionalFlowLogs", "flow-logs-eu-central-1").state.flowLogsManagedBy, undefined);
      assert.deepEqual(run.outputs.perRegion["eu-central-1"].configRuleNames, []);
      assert.equal(run.outputs.perRegion["eu-central-1"].flowLogsManagedBy, "program");
    });
  });

  describe("telemetryRule, in every enabled region of the sample account", () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgram({ continuousCoverage: "telemetryRule", flowLogs: { trafficType: "REJECT", retentionInDays: 90 } });
    });

    it("turns on telemetry evaluation and creates one VPC flow-log telemetry rule per region, through the region's provider", () => {
      // CloudWatch API TelemetryRule (https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_TelemetryRule.html):
      // ResourceType AWS::EC2::VPC, TelemetryType Logs, TelemetrySourceTypes VPC_FLOW_LOGS; DestinationType
      // cloud-watch-logs (API_TelemetryDestinationConfiguration), VPCFlowLogParameters TrafficType.
      assert.deepEqual(regionsOf(run.ofType(TELEMETRY_EVALUATION)), ENABLED);
      assert.deepEqual(regionsOf(run.ofType(TELEMETRY_RULE)), ENABLED);
      for (const region of ENABLED) {
        const [evaluation] = inRegion(run, TELEMETRY_EVALUATION, region);
        const [rule] = inRegion(run, TELEMETRY_RULE, region);
        assert.equal(evaluation.name, `telemetry-flow-logs-${region}-evaluation`);
        assert.deepEqual(evaluation.inputs, {});
        assert.deepEqual(rule.inputs, {
          ruleName: "cis-logging-baseline-vpc-flow-logs",
          rule: {
            resourceType: "AWS::EC2::VPC",
            telemetryType: "Logs",
            telemetrySourceTypes: ["VPC_FLOW_LOGS"],
            allowFieldUpdates: true,
            destinationConfiguration: {
              destinationType: "cloud-watch-logs",
              destinationPattern: "/cis/vpc-flow-logs/cis-logging-baseline/<resourceId>",
              retentionInDays: 90,
              vpcFlowLogParameters: { trafficType: "REJECT" },
            },
          },
        });
        // "Before using this resource, telemetry evaluation must be enabled" (@pulumi/aws TelemetryRule).
        assert.ok(dependsOn(run, rule, evaluation), `${rule.name} waits for the region's telemetry evaluation`);
        assert.equal(rule.deleteBeforeReplace, true, "a fixed name: a replacement deletes the old rule first");
        sameRegionProvider(rule);
        sameRegionProvider(evaluation);
      }
      assert.equal(run.outputs.perRegion["eu-west-1"].telemetryRuleName, "cis-logging-baseline-vpc-flow-logs");
    });

    it("creates no flow log, flow-log group or delivery role of its own: the rule owns every VPC's flow log", () => {
      assert.deepEqual(run.ofType(FLOW_LOG).map((f) => f.name), []);
      assert.deepEqual(run.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.name), ["baseline-trail-logs"]);
      assert.deepEqual(run.resources.filter((r) => /^flow-logs-.*-(logs|role|role-policy)$/.test(r.name)).map((r) => r.name), []);
      // Still one component per region, publishing the discovered VPCs and who flow-logs them, for the policy pack.
      assert.deepEqual(run.ofType("cis-logging:network:RegionalFlowLogs").map((c) => c.name).sort(), ENABLED.map((r) => `flow-logs-${r}`));
      assert.deepEqual(only(run, "cis-logging:network:RegionalFlowLogs", "flow-logs-us-west-2").state, {
        region: "us-west-2", discoveredVpcIds: ["vpc-0a4a000000000001", "vpc-0b4a000000000002"], sharedVpcIds: [], flowLogIds: {},
        flowLogsManagedBy: "telemetryRule",
      });
      assert.equal(run.outputs.perRegion["us-west-2"].flowLogsManagedBy, "telemetryRule");
    });

    it("remediates KMS key rotation in every region through AWSConfigRemediation-EnableKeyRotation, automatically", () => {
      // Rule: https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html; runbook
      // parameters AutomationAssumeRole and KeyId, both required:
      // https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-key-rotation.html
      for (const region of ENABLED) {
        const rule = only(run, RULE, `remediation-${region}-key-rotation-rule`);
        assert.deepEqual(rule.inputs, ruleInputs("cmk-backing-key-rotation-enabled", "CMK_BACKING_KEY_ROTATION_ENABLED", "TwentyFour_Hours"));
        const remediation = only(run, REMEDIATION, `remediation-${region}-key-rotation-remediation`);
        assert.deepEqual(remediation.inputs, {
          configRuleName: "cis-logging-baseline-cmk-backing-key-rotation-enabled",
          targetType: "SSM_DOCUMENT",
          targetId: "AWSConfigRemediation-EnableKeyRotation",
          resourceType: "AWS::KMS::Key",
          automatic: true,
          // RemediationConfiguration: five attempts within six hours, then a remediation exception.
          maximumAutomaticAttempts: 5,
          retryAttemptSeconds: 21600,
          parameters: [
            { name: "AutomationAssumeRole", staticValue: `arn:aws:iam::${ACCOUNT}:role/remediation-${region}-key-rotation-role-0123456` },
            { name: "KeyId", resourceValue: "RESOURCE_ID" },
          ],
        });
        sameRegionProvider(rule);
        sameRegionProvider(remediation);
        const role = only(run, "aws:iam/role:Role", `remediation-${region}-key-rotation-role`);
        assert.equal(role.inputs.path, ROLE_PATH);
        assert.deepEqual(statements(role, "assumeRolePolicy"), expectedTrust(region));
        const policy = statements(only(run, "aws:iam/rolePolicy:RolePolicy", `remediation-${region}-key-rotation-role-policy`));
        // Exactly the runbook's "Required IAM permissions", the KMS ones on this account's keys in the region.
        assert.deepEqual(policy, {
          ...runbookStatements(region, "AWSConfigRemediation-EnableKeyRotation"),
          EnableRotationOfAccountKeys: {
            Sid: "EnableRotationOfAccountKeys", Effect: "Allow", Action: ["kms:EnableKeyRotation", "kms:GetKeyRotationStatus"],
            Resource: `arn:aws:kms:${region}:${ACCOUNT}:key/*`,
          },
        });
        assertNoWildcardBeyondTheDocumented(policy);
        assert.ok(dependsOn(run, remediation, only(run, "aws:iam/rolePolicy:RolePolicy", `remediation-${region}-key-rotation-role-policy`)),
          "remediation starts once configured, so the role's permissions come first");
      }
    });

    it("reports the other logging controls in every region with the matching managed rules, daily, once the recorder runs", () => {
      for (const region of ENABLED) {
        const rules = inRegion(run, RULE, region).filter((r) => r.name.startsWith(`detection-${region}-`));
        // By resource name: registrations reach the mocks in no fixed order.
        const byName = Object.fromEntries(rules.map((r) => [r.name, r.inputs]));
        assert.deepEqual(byName, Object.fromEntries(DETECTION_RULE_INPUTS.map((d) =>
          [`detection-${region}-${d.suffix}`, ruleInputs(d.suffix, d.identifier, "TwentyFour_Hours", d.inputParameters)])));
        for (const rule of rules) {
          // "Config Rule requires an existing Configuration Recorder to be present" (@pulumi/aws aws.cfg.Rule).
          assert.ok(dependsOn(run, rule, only(run, "aws:cfg/recorderStatus:RecorderStatus", `config-${region}-status`)), `${rule.name} waits for the recorder`);
          assert.equal(rule.deleteBeforeReplace, true);
          sameRegionProvider(rule);
        }
      }
      // No rule for AWS Config itself: Security Hub Config.1 has "AWS Config rule: None" and the CIS conformance packs a
      // manual process check (https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html).
      assert.equal(run.ofType(RULE).length, ENABLED.length * (1 + DETECTION_RULES.length));
      assert.deepEqual(run.outputs.perRegion["ap-northeast-1"].configRuleNames, [
        "cis-logging-baseline-cmk-backing-key-rotation-enabled", ...DETECTION_RULE_INPUTS.map((d) => `cis-logging-baseline-${d.suffix}`),
      ]);
    });
  });

  describe("configRemediation to CloudWatch Logs, in every enabled region", () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgram({ continuousCoverage: "configRemediation", flowLogs: { trafficType: "REJECT" } });
    });

    it("creates vpc-flow-logs-enabled in every region, hourly, without trafficType so that any flow log satisfies it", () => {
      // https://docs.aws.amazon.com/config/latest/developerguide/vpc-flow-logs-enabled.html: Identifier VPC_FLOW_LOGS_ENABLED,
      // Periodic, trafficType (Optional).
      assert.deepEqual(regionsOf(run.ofType(RULE).filter((r) => r.name.endsWith("-flow-logs-rule"))), ENABLED);
      for (const region of ENABLED) {
        const rule = only(run, RULE, `remediation-${region}-flow-logs-rule`);
        assert.deepEqual(rule.inputs, ruleInputs("vpc-flow-logs-enabled", "VPC_FLOW_LOGS_ENABLED", "One_Hour"));
        sameRegionProvider(rule);
      }
    });

    it("remediates automatically with AWSSupport-EnableVPCFlowLogs to the region's flow-log group, passing the delivery role", () => {
      // Runbook parameters (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-vpc-flowlogs.html):
      // ResourceIds, TrafficType and LogDestinationType required; LogDestinationARN and DeliverLogsPermissionArn given so
      // the runbook creates neither a log group nor a role. AutomationAssumeRole: the only valid assume-role parameter of
      // an automatic remediation (https://docs.aws.amazon.com/config/latest/APIReference/API_PutRemediationConfigurations.html).
      for (const region of ENABLED) {
        const remediation = only(run, REMEDIATION, `remediation-${region}-flow-logs-remediation`);
        assert.deepEqual(remediation.inputs, {
          configRuleName: "cis-logging-baseline-vpc-flow-logs-enabled",
          targetType: "SSM_DOCUMENT",
          targetId: "AWSSupport-EnableVPCFlowLogs",
          resourceType: "AWS::EC2::VPC",
          automatic: true,
          maximumAutomaticAttempts: 5,
          retryAttemptSeconds: 21600,
          parameters: [
            { name: "AutomationAssumeRole", staticValue: `arn:aws:iam::${ACCOUNT}:role/remediation-${region}-flow-logs-role-0123456` },
            { name: "ResourceIds", resourceValue: "RESOURCE_ID" },
            { name: "TrafficType", staticValue: "REJECT" },
            { name: "LogDestinationType", staticValue: "cloud-watch-logs" },
            { name: "LogDestinationARN", staticValue: flowLogGroupArn(region) },
            { name: "DeliverLogsPermissionArn", staticValue: `arn:aws:iam::${ACCOUNT}:role/flow-logs-${region}-role-0123456` },
          ],
        });
        sameRegionProvider(remediation);
        assert.ok(dependsOn(run, remediation, only(run, "aws:iam/rolePolicy:RolePolicy", `remediation-${region}-flow-logs-role-policy`)));
        assert.ok(dependsOn(run, remediation, only(run, "aws:iam/rolePolicy:RolePolicy", `flow-logs-${region}-role-policy`)),
          "the delivery role can write before the first flow log is created");
      }
    });

    it("keeps a flow-log group and delivery role in every region, VPCs or not, and creates no flow log itself", () => {
      assert.deepEqual(run.ofType(FLOW_LOG).map((f) => f.name), []);
      const groups = run.ofType("aws:cloudwatch/logGroup:LogGroup").filter((g) => g.name.startsWith("flow-logs-"));
      assert.deepEqual(regionsOf(groups), ENABLED);
      for (const group of groups) {
        assert.deepEqual(group.inputs, { namePrefix: "/cis/vpc-flow-logs/cis-logging-baseline-", retentionInDays: 365 });
        assert.equal(group.retainOnDelete, true);
      }
      assert.equal(only(run, "cis-logging:network:RegionalFlowLogs", "flow-logs-us-west-1").state.flowLogsManagedBy, "configRemediation");
    });

    it("lets the runbook's role create flow logs and pass only the delivery role, with no Resource * AWS would let narrow", () => {
      for (const region of ENABLED) {
        const role = only(run, "aws:iam/role:Role", `remediation-${region}-flow-logs-role`);
        assert.equal(role.inputs.path, ROLE_PATH);
        assert.deepEqual(statements(role, "assumeRolePolicy"), expectedTrust(region));
        const policy = statements(only(run, "aws:iam/rolePolicy:RolePolicy", `remediation-${region}-flow-logs-role-policy`));
        assert.deepEqual(policy, {
          ...runbookStatements(region, "AWSSupport-EnableVPCFlowLogs"),
          CreateFlowLogsForVpcs: {
            Sid: "CreateFlowLogsForVpcs", Effect: "Allow", Action: "ec2:CreateFlowLogs",
            Resource: [`arn:aws:ec2:${region}:${ACCOUNT}:vpc/*`, `arn:aws:ec2:${region}:${ACCOUNT}:vpc-flow-log/*`],
          },
          DescribeFlowLogs: { Sid: "DescribeFlowLogs", Effect: "Allow", Action: "ec2:DescribeFlowLogs", Resource: "*" },
          PassOnlyTheDeliveryRole: {
            Sid: "PassOnlyTheDeliveryRole", Effect: "Allow", Action: "iam:PassRole",
            Resource: `arn:aws:iam::${ACCOUNT}:role/flow-logs-${region}-role-0123456`,
            Condition: { StringEquals: { "iam:PassedToService": "vpc-flow-logs.amazonaws.com" } },
          },
          DescribeDestinationLogGroups: {
            Sid: "DescribeDestinationLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups",
            Resource: `arn:aws:logs:${region}:${ACCOUNT}:log-group:*`,
          },
        });
        assertNoWildcardBeyondTheDocumented(policy);
        const actions = Object.values(policy).flatMap((s) => [s.Action].flat());
        // The runbook lists these for the branches that create a log group or a role; given LogDestinationARN and
        // DeliverLogsPermissionArn it takes neither, and no documented step deletes a flow log.
        for (const never of ["ec2:DeleteFlowLogs", "iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "logs:CreateLogGroup", "logs:DeleteLogGroup", "s3:PutObject"]) {
          assert.ok(!actions.includes(never), `${never} is not granted`);
        }
      }
    });

    it("still remediates key rotation and reports the other controls", () => {
      assert.equal(run.ofType(REMEDIATION).length, 2 * ENABLED.length);
      assert.equal(run.ofType(RULE).length, ENABLED.length * (2 + DETECTION_RULES.length));
      assert.deepEqual(run.ofType(TELEMETRY_RULE), []);
      assert.deepEqual(run.outputs.perRegion["eu-north-1"].configRuleNames, [
        "cis-logging-baseline-vpc-flow-logs-enabled", "cis-logging-baseline-cmk-backing-key-rotation-enabled",
        ...DETECTION_RULE_INPUTS.map((d) => `cis-logging-baseline-${d.suffix}`),
      ]);
    });
  });

  describe("configRemediation to S3 (the central bucket)", () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgram({ continuousCoverage: "configRemediation", regions: ["ap-northeast-1", "eu-west-1"], flowLogs: { destination: "s3" } });
    });

    it("sends the runbook's flow logs to the central bucket, with no delivery role, and grants the runbook's file layout", () => {
      const bucketArn = "arn:aws:s3:::baseline-flow-log-bucket-0123456";
      for (const region of ["ap-northeast-1", "eu-west-1"]) {
        const remediation = only(run, REMEDIATION, `remediation-${region}-flow-logs-remediation`);
        // "If you specify s3 for the LogDestinationType parameter, do not provide a value" for DeliverLogsPermissionArn.
        assert.deepEqual(remediation.inputs.parameters, [
          { name: "AutomationAssumeRole", staticValue: `arn:aws:iam::${ACCOUNT}:role/remediation-${region}-flow-logs-role-0123456` },
          { name: "ResourceIds", resourceValue: "RESOURCE_ID" },
          { name: "TrafficType", staticValue: "ALL" },
          { name: "LogDestinationType", staticValue: "s3" },
          { name: "LogDestinationARN", staticValue: bucketArn },
        ]);
        assert.ok(dependsOn(run, remediation, only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-flow-log-bucket-policy")),
          "delivery would otherwise attach a bucket policy of its own");
        const policy = statements(only(run, "aws:iam/rolePolicy:RolePolicy", `remediation-${region}-flow-logs-role-policy`));
        assert.deepEqual(Object.keys(policy), [
          "StartThisRunbook", "ReadOwnAutomationExecutions", "CreateFlowLogsForVpcs", "DescribeFlowLogs", "CreateLogDeliveryToS3",
          "CheckDestinationBucketIsNotPublic", "CheckAccountPublicAccessBlock",
        ]);
        assert.deepEqual(policy.CheckDestinationBucketIsNotPublic, {
          Sid: "CheckDestinationBucketIsNotPublic", Effect: "Allow",
          Action: ["s3:GetBucketLocation", "s3:GetBucketAcl", "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicyStatus"],
          Resource: bucketArn,
        });
        assertNoWildcardBeyondTheDocumented(policy);
        assert.ok(!Object.values(policy).some((s) => [s.Action].flat().includes("iam:PassRole")), "nothing to pass: S3 delivery needs no role");
      }
      // No region gets a flow-log group or role: the bucket is the destination.
      assert.deepEqual(run.resources.filter((r) => /^flow-logs-.*-(logs|role|role-policy)$/.test(r.name)).map((r) => r.name), []);
      // The runbook writes plain-text files under AWSLogs/<account>/ (config.ts RUNBOOK_FLOW_LOG_S3_OPTIONS): exactly what
      // the bucket policy grants (VPC UG "Amazon S3 bucket permissions for flow logs").
      assert.equal(statements(only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-flow-log-bucket-policy")).AWSLogDeliveryWrite.Resource,
        `${bucketArn}/AWSLogs/${ACCOUNT}/*`);
    });
  });

  describe("region sets", () => {
    it("covers exactly the listed regions, less the excluded ones", async () => {
      const run = await runProgram({ continuousCoverage: "configRemediation", regions: ["ap-northeast-1", "sa-east-1", "us-east-1"], excludeRegions: ["eu-west-1"] });
      for (const type of [RULE, REMEDIATION, "aws:iam/role:Role"]) {
        const regional = type === "aws:iam/role:Role"
          ? run.ofType(type).filter((r) => r.name.startsWith("remediation-")).map((r) => r.name.split("-").slice(1, 4).join("-"))
          : regionsOf(run.ofType(type));
        assert.deepEqual([...new Set(regional)].sort(), ["ap-northeast-1", "sa-east-1", "us-east-1"], type);
      }
    });

    it("produces the same resources with one shared provider, each naming its region", async () => {
      const regions = ["ap-northeast-1", "eu-central-1"];
      for (const mode of ["telemetryRule", "configRemediation"]) {
        const perRegion = await runProgram({ continuousCoverage: mode, regions });
        const shared = await runProgram({ continuousCoverage: mode, regions, providerMode: "shared" });
        const continuous = (r: ProgramRun) => r.resources.filter((x) => CONTINUOUS_TYPES.includes(x.type));
        const located = (r: ProgramRun) => continuous(r).map((x) => `${x.type} ${x.name} @${x.region}`).sort();
        assert.deepEqual(located(shared), located(perRegion), mode);
        for (const r of continuous(shared)) {
          assert.equal(r.inputs.region, r.region, `${r.type} ${r.name} names its region for the shared provider`);
          assert.match(r.provider, /::aws-shared::aws-shared-provider-id$/);
        }
      }
    });

    describe("refuses, before registering anything, a mode AWS does not offer in a covered region", () => {
      // Regions a newer AWS Config managed rule or feature does not reach yet (policy-pack/coverageFacts.ts).
      const newRegions: Inventory = {
        ...sampleAccount,
        regions: {
          "ap-northeast-1": { optInStatus: "opt-in-not-required", vpcIds: [] },
          "ap-southeast-5": { optInStatus: "opted-in", vpcIds: [] },
          "mx-central-1": { optInStatus: "opted-in", vpcIds: [] },
        },
      };
      const registered = async () => {
        const { mockAccount } = await import("../setup/pulumiMocks");
        return mockAccount.resources.filter((r) => r.type !== "pulumi:providers:aws").map((r) => r.type);
      };

      it("configRemediation where AWS Config remediation or a managed rule is missing, naming region, page and alternatives", async () => {
        await assert.rejects(runProgram({ continuousCoverage: "configRemediation" }, { account: newRegions }), (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.deepEqual(err.problems, [
            'cis-logging-baseline:continuousCoverage is "configRemediation", which ap-southeast-5 does not offer: ' +
              "AWS Config remediation actions (https://docs.aws.amazon.com/config/latest/developerguide/remediation.html#region-support-config-remediation); " +
              "the AWS Config managed rule cloudtrail-s3-bucket-access-logging (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-access-logging.html); " +
              "the AWS Config managed rule cloudtrail-s3-bucket-public-access-prohibited (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-public-access-prohibited.html). " +
              "Allowed: off, or leave ap-southeast-5 out with cis-logging-baseline:excludeRegions",
            'cis-logging-baseline:continuousCoverage is "configRemediation", which mx-central-1 does not offer: ' +
              "AWS Config remediation actions (https://docs.aws.amazon.com/config/latest/developerguide/remediation.html#region-support-config-remediation); " +
              "the AWS Config managed rule cloudtrail-s3-bucket-access-logging (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-access-logging.html); " +
              "the AWS Config managed rule cloudtrail-s3-bucket-public-access-prohibited (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-public-access-prohibited.html). " +
              "Allowed: off, or leave mx-central-1 out with cis-logging-baseline:excludeRegions",
          ]);
          return true;
        });
        assert.deepEqual(await registered(), []);
        const without = await runProgram({ continuousCoverage: "configRemediation", excludeRegions: ["ap-southeast-5", "mx-central-1"] }, { account: newRegions });
        assert.deepEqual(regionsOf(without.ofType(REMEDIATION)), ["ap-northeast-1"]);
      });

      it("telemetryRule where the telemetry rule is offered but another piece is not, and where the telemetry rule is missing", async () => {
        // Telemetry rules are listed for Asia Pacific (Malaysia) (https://docs.aws.amazon.com/general/latest/gr/cwobsadmin.html),
        // AWS Config remediation is not; GovCloud is not verified for telemetry rules.
        await assert.rejects(runProgram({ continuousCoverage: "telemetryRule", regions: ["ap-northeast-1", "ap-southeast-5"] }, { account: newRegions }),
          (err: unknown) => err instanceof ConfigError && err.problems.length === 1 &&
            err.problems[0].startsWith('cis-logging-baseline:continuousCoverage is "telemetryRule", which ap-southeast-5 does not offer: AWS Config remediation actions'));
        const gov: Inventory = { accountId: ACCOUNT, partition: "aws-us-gov", regions: { "us-gov-west-1": { optInStatus: "opt-in-not-required", vpcIds: [] } } };
        await assert.rejects(runProgram({ continuousCoverage: "telemetryRule" }, { account: gov, homeRegion: "us-gov-west-1" }), (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.deepEqual(err.problems, [
            'cis-logging-baseline:continuousCoverage is "telemetryRule", which us-gov-west-1 does not offer: ' +
              "CloudWatch telemetry rules (Observability Admin) (https://docs.aws.amazon.com/general/latest/gr/cwobsadmin.html). " +
              "Allowed: configRemediation | off, or leave us-gov-west-1 out with cis-logging-baseline:excludeRegions",
          ]);
          return true;
        });
        assert.deepEqual(await registered(), []);
      });
    });
  });

  describe("preview: unknown values (a first pulumi preview)", () => {
    it("plans the same continuous-coverage resources when every ARN is still unknown", async () => {
      const regions = ["ap-northeast-1", "us-west-1"];
      const update = { telemetryRule: await runProgram({ continuousCoverage: "telemetryRule", regions }),
        configRemediation: await runProgram({ continuousCoverage: "configRemediation", regions }) };
      await setPreviewMode(true);
      try {
        for (const mode of ["telemetryRule", "configRemediation"] as const) {
          const preview = await runProgram({ continuousCoverage: mode, regions }, { computedUnknown: true });
          const names = (r: ProgramRun) => r.resources.map((x) => `${x.type} ${x.name}`).sort();
          assert.deepEqual(names(preview), names(update[mode]), mode);
        }
        const preview = await runProgram({ continuousCoverage: "configRemediation", regions }, { computedUnknown: true });
        const remediation = only(preview, REMEDIATION, "remediation-us-west-1-flow-logs-remediation");
        // The role, log group and delivery role ARNs are unknown until AWS creates them: the parameters say so, unmade-up.
        const parameters = remediation.inputs.parameters as { name: string; staticValue?: unknown; resourceValue?: unknown }[];
        assert.ok(pulumi.isUnknown(parameters[0].staticValue), "AutomationAssumeRole is unknown");
        assert.deepEqual(parameters[1], { name: "ResourceIds", resourceValue: "RESOURCE_ID" });
        const policy = only(preview, "aws:iam/rolePolicy:RolePolicy", "remediation-us-west-1-flow-logs-role-policy");
        assert.ok(pulumi.isUnknown(policy.inputs.policy), "a policy naming an unknown delivery role is itself unknown");
        // The key-rotation policy names no ARN of the stack: it is known in preview.
        assert.equal(typeof only(preview, "aws:iam/rolePolicy:RolePolicy", "remediation-us-west-1-key-rotation-role-policy").inputs.policy, "string");
      } finally {
        await setPreviewMode(false);
      }
    });
  });

  describe("never two flow logs for one VPC", () => {
    // After a deploy in a continuous mode, AWS's rule gives a VPC created later its flow log; the next `pulumi up`
    // discovers that VPC. A flow log of the program beside the rule's would be the duplicate the mode must never make.
    const later: Inventory = {
      ...sampleAccount,
      regions: {
        ...sampleAccount.regions,
        "eu-north-1": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0aaa000000000001", "vpc-0f00000000000009"] },
      },
    };

    for (const mode of ["telemetryRule", "configRemediation"] as const) {
      it(`${mode}: the next pulumi up registers no flow log for the VPC the rule covered, nor for any other VPC`, async () => {
        const first = await runProgram({ continuousCoverage: mode, regions: ["ap-northeast-1", "eu-north-1"] });
        const next = await runProgram({ continuousCoverage: mode, regions: ["ap-northeast-1", "eu-north-1"] }, { account: later });
        assert.deepEqual(first.ofType(FLOW_LOG).map((f) => f.name), []);
        assert.deepEqual(next.ofType(FLOW_LOG).map((f) => f.name), []);
        // The new VPC is seen (for the policy pack), left to the rule.
        assert.deepEqual(only(next, "cis-logging:network:RegionalFlowLogs", "flow-logs-eu-north-1").state.discoveredVpcIds,
          ["vpc-0aaa000000000001", "vpc-0f00000000000009"]);
        assert.equal(only(next, "cis-logging:network:RegionalFlowLogs", "flow-logs-eu-north-1").state.flowLogsManagedBy, mode);
      });
    }

    it("switching an existing stack from off hands every VPC over: the program's flow logs leave the plan, none is added", async () => {
      const before = await runProgram({ regions: ["eu-north-1", "ap-northeast-1"] });
      assert.deepEqual(before.ofType(FLOW_LOG).map((f) => f.inputs.vpcId).sort(),
        ["vpc-0aaa000000000001", "vpc-0aba000000000001", "vpc-0bba000000000002"]);
      const after = await runProgram({ continuousCoverage: "configRemediation", regions: ["eu-north-1", "ap-northeast-1"] });
      assert.deepEqual(after.ofType(FLOW_LOG), []);
      // The flow-log group and delivery role keep their names: the remediation reuses them, nothing is replaced.
      for (const name of ["flow-logs-eu-north-1-logs", "flow-logs-eu-north-1-role", "flow-logs-eu-north-1-role-policy"]) {
        assert.equal(after.resources.filter((r) => r.name === name).length, 1, name);
        assert.equal(before.resources.filter((r) => r.name === name).length, 1, name);
      }
    });
  });
});
