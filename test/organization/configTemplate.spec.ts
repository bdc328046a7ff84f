import { strict as assert } from "assert";
import { configTemplate } from "../../components/configTemplate";
import { SAMPLE_LOG_ARCHIVE_ACCOUNT, sampleOrganization } from "../../offline/sampleOrganization";
import { runProgram } from "../programHarness";
import { OrganizationRun, runOrganization } from "./orgHarness";

type Json = unknown;
const REGIONS = ["ap-northeast-1", "eu-north-1", "me-central-1"];
const ROLE_PATH = "/cis-logging-baseline/organization/cis-logging-baseline/test/";

/** Evaluates the intrinsic functions the template uses for one region, as CloudFormation would. */
function evaluate(value: Json, region: string, conditions: Record<string, Json>): Json {
  if (Array.isArray(value)) {
    return value.map((v) => evaluate(v, region, conditions));
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  const o = value as Record<string, Json>;
  if ("Ref" in o && o.Ref === "AWS::Region") {
    return region;
  }
  if ("Fn::Equals" in o) {
    const [a, b] = (o["Fn::Equals"] as Json[]).map((v) => evaluate(v, region, conditions));
    return a === b;
  }
  if ("Fn::Or" in o) {
    return (o["Fn::Or"] as Json[]).some((v) => evaluate(v, region, conditions) === true);
  }
  if ("Fn::If" in o) {
    const [name, yes, no] = o["Fn::If"] as [string, Json, Json];
    return evaluate(conditions[name], region, conditions) === true ? evaluate(yes, region, conditions) : evaluate(no, region, conditions);
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, evaluate(v, region, conditions)]));
}

/** CloudFormation property names to @pulumi/aws argument names (RecordingGroup -> recordingGroup). */
function camel(value: Json): Json {
  if (Array.isArray(value)) {
    return value.map(camel);
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k[0].toLowerCase() + k.slice(1), camel(v)]));
}

interface Template {
  Conditions: Record<string, Json>;
  Resources: Record<string, { Type: string; Properties: Record<string, Json>; DependsOn?: string[] }>;
}

function templateFor(raw: { recordingFrequency: "CONTINUOUS" | "DAILY"; globalResourceTypesRegion: string }): Template {
  return configTemplate({
    partition: "aws", dnsSuffix: "amazonaws.com", trailName: "cis-logging-baseline", bucketName: "b", bucketArn: "arn:aws:s3:::b",
    kmsKeyArn: "arn:aws:kms:ap-northeast-1:222233334444:key/k", regions: REGIONS, rolePath: ROLE_PATH, ...raw,
  }) as unknown as Template;
}

describe("organization/configTemplate", () => {
  for (const settings of [
    { recordingFrequency: "CONTINUOUS", globalResourceTypesRegion: "ap-northeast-1" },
    { recordingFrequency: "DAILY", globalResourceTypesRegion: "all-eligible" },
  ] as const) {
    it(`renders the recorder and channel RegionalConfig creates, region by region (${settings.recordingFrequency}, global types ${settings.globalResourceTypesRegion})`, async () => {
      const single = await runProgram({ regions: REGIONS, awsConfig: { ...settings } });
      const template = templateFor(settings);
      for (const region of REGIONS) {
        const recorder = single.one("aws:cfg/recorder:Recorder", `config-${region}-recorder`).inputs;
        const fromTemplate = camel(evaluate(template.Resources.Recorder.Properties, region, template.Conditions)) as Record<string, Json>;
        // The role differs by design (configTemplate.ts): every other setting must match.
        const templateRecorder = Object.fromEntries(Object.entries(fromTemplate).filter(([k]) => k !== "roleARN"));
        const programRecorder = Object.fromEntries(Object.entries(recorder).filter(([k]) => k !== "roleArn"));
        assert.deepEqual(templateRecorder, programRecorder, region);

        const channel = single.one("aws:cfg/deliveryChannel:DeliveryChannel", `config-${region}-channel`).inputs;
        const templateChannel = camel(evaluate(template.Resources.DeliveryChannel.Properties, region, template.Conditions)) as Record<string, Json>;
        assert.deepEqual({ name: templateChannel.name, snapshotDeliveryProperties: templateChannel.configSnapshotDeliveryProperties },
          { name: channel.name, snapshotDeliveryProperties: channel.snapshotDeliveryProperties }, region);
        assert.equal(single.one("aws:sns/topic:Topic", `config-${region}-topic`).inputs.name, template.Resources.Topic.Properties.TopicName);
      }
    });
  }

  it("fails the comparison when the template renders a different setting (the proof can fail)", () => {
    const template = templateFor({ recordingFrequency: "CONTINUOUS", globalResourceTypesRegion: "ap-northeast-1" });
    const eu = camel(evaluate(template.Resources.Recorder.Properties, "eu-north-1", template.Conditions)) as { recordingGroup: unknown };
    assert.notDeepEqual(eu.recordingGroup, { allSupported: true, includeGlobalResourceTypes: true });
  });

  it("gives each member a dedicated Config role under the stack's IAM path, trusted by AWS Config of that account only", () => {
    const role = templateFor({ recordingFrequency: "CONTINUOUS", globalResourceTypesRegion: "ap-northeast-1" }).Resources.ConfigRole.Properties;
    assert.equal(role.Path, ROLE_PATH);
    assert.deepEqual(role.ManagedPolicyArns, ["arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"]);
    assert.deepEqual((role.AssumeRolePolicyDocument as { Statement: unknown[] }).Statement, [{
      Sid: "AllowServiceAssumeRole", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": { "Fn::Sub": "${AWS::AccountId}" } } },
    }]);
  });

  describe("the StackSet", () => {
    let run: OrganizationRun;
    before(async () => { run = await runOrganization(); });

    it("is service-managed with automatic deployment that keeps the stacks of accounts that leave, and carries the generated template", () => {
      const stackSets = run.ofType("aws:cloudformation/stackSet:StackSet");
      assert.equal(stackSets.length, 1);
      const { inputs } = stackSets[0];
      assert.equal(inputs.permissionModel, "SERVICE_MANAGED");
      assert.deepEqual(inputs.autoDeployment, { enabled: true, retainStacksOnAccountRemoval: true });
      assert.equal(inputs.callAs, "SELF");
      assert.deepEqual(inputs.capabilities, ["CAPABILITY_IAM"]);
      assert.deepEqual(inputs.managedExecution, { active: true });
      const template = JSON.parse(String(inputs.templateBody)) as Template;
      const channel = template.Resources.DeliveryChannel.Properties;
      assert.equal(channel.S3BucketName, "organization-trail-bucket-0123456");
      assert.equal(channel.S3KmsKeyArn, `arn:aws:kms:ap-northeast-1:${SAMPLE_LOG_ARCHIVE_ACCOUNT}:key/organization-key-key-id`);
    });

    it("has one stack instance per covered region, targeting the organization root, failing on any account's failure", () => {
      const instances = run.ofType("aws:cloudformation/stackSetInstance:StackSetInstance");
      assert.deepEqual(instances.map((i) => i.inputs.stackSetInstanceRegion).sort(), [...run.outputs.regions].sort());
      assert.equal(instances.length, 17, "the sample account's 20 enabled regions less its three opt-in ones (review A5)");
      for (const i of instances) {
        assert.deepEqual(i.inputs.deploymentTargets, { organizationalUnitIds: ["r-a1b2"] });
        assert.equal(i.inputs.callAs, "SELF");
        assert.equal(i.inputs.retainStack, true);
        assert.deepEqual(i.inputs.operationPreferences, { concurrencyMode: "SOFT_FAILURE_TOLERANCE", maxConcurrentPercentage: 100, failureToleranceCount: 0 });
      }
      assert.deepEqual(run.outputs.stackSetRegions, run.outputs.regions);
    });

    it("gives the management account, which StackSets skip, its own recorder in every covered region", () => {
      assert.deepEqual(run.ofType("aws:cfg/recorder:Recorder").map((r) => r.region).sort(), [...run.outputs.regions].sort());
      assert.deepEqual(run.outputs.managementRecorderRegions, run.outputs.regions);
      const channel = run.one("aws:cfg/deliveryChannel:DeliveryChannel", "config-eu-north-1-channel");
      assert.equal(channel.inputs.s3BucketName, "organization-trail-bucket-0123456", "the management account delivers to the log archive too");
    });

    it("targets the configured OUs and leaves the declared accounts alone (DIFFERENCE)", async () => {
      const targeted = await runOrganization({
        mode: "organization",
        organization: { logArchiveAccountId: SAMPLE_LOG_ARCHIVE_ACCOUNT, stackSetTargets: ["ou-a1b2-11111111"], excludeAccounts: ["300000000001"] },
      }, sampleOrganization(3, { accountsByOrganizationalUnit: { "ou-a1b2-11111111": [SAMPLE_LOG_ARCHIVE_ACCOUNT, "300000000000", "300000000001", "300000000002"] } }));
      for (const i of targeted.ofType("aws:cloudformation/stackSetInstance:StackSetInstance")) {
        assert.deepEqual(i.inputs.deploymentTargets, { organizationalUnitIds: ["ou-a1b2-11111111"], accountFilterType: "DIFFERENCE", accounts: ["300000000001"] });
      }
      assert.match(targeted.outputs.notes.join("\n"), /Left alone by the StackSet .*: 300000000001/);
    });
  });
});
