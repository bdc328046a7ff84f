import { strict as assert } from "assert";
import { sampleAccount } from "../../offline/sampleAccount";
import { PreflightError } from "../../program";
import { mockAccount } from "../setup/pulumiMocks";
import { ProgramRun, runProgram } from "../programHarness";
import { dependsOn, only, statements } from "./assertions";

const ACCOUNT = "111122223333";
/** The sample account without AWSServiceRoleForConfig (a fresh account). */
const WITHOUT_SLR = { ...sampleAccount, iamRoleArns: [] };
const HOME = "ap-northeast-1";
const SLR_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;

describe("components/RegionalConfig", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({ regions: ["ap-northeast-1", "eu-north-1", "me-central-1"] });
  });

  it("records all supported resource types in every region, global types in the home region only", () => {
    const recorders = Object.fromEntries(run.ofType("aws:cfg/recorder:Recorder").map((r) => [r.region, r.inputs]));
    assert.deepEqual(recorders, {
      "ap-northeast-1": { name: "cis-logging-baseline", roleArn: SLR_ARN, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true }, recordingMode: { recordingFrequency: "CONTINUOUS" } },
      "eu-north-1": { name: "cis-logging-baseline", roleArn: SLR_ARN, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false }, recordingMode: { recordingFrequency: "CONTINUOUS" } },
      "me-central-1": { name: "cis-logging-baseline", roleArn: SLR_ARN, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false }, recordingMode: { recordingFrequency: "CONTINUOUS" } },
    });
  });

  it("records daily when recordingFrequency is DAILY", async () => {
    const daily = await runProgram({ regions: ["ap-northeast-1"], awsConfig: { recordingFrequency: "DAILY" } });
    assert.deepEqual(only(daily, "aws:cfg/recorder:Recorder", "config-ap-northeast-1-recorder").inputs.recordingMode, { recordingFrequency: "DAILY" });
  });

  it("delivers to the central bucket with the baseline key and to an unencrypted topic in the same region", () => {
    for (const region of ["ap-northeast-1", "eu-north-1", "me-central-1"]) {
      const channel = only(run, "aws:cfg/deliveryChannel:DeliveryChannel", `config-${region}-channel`);
      assert.deepEqual(channel.inputs, {
        name: "cis-logging-baseline",
        s3BucketName: "baseline-trail-bucket-0123456",
        s3KmsKeyArn: `arn:aws:kms:${HOME}:${ACCOUNT}:key/baseline-key-key-id`,
        snsTopicArn: `arn:aws:sns:${region}:${ACCOUNT}:cis-logging-baseline-config`,
        snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
      });
      const topic = only(run, "aws:sns/topic:Topic", `config-${region}-topic`);
      assert.deepEqual(topic.inputs, { name: "cis-logging-baseline-config" }, "AWS Config does not support encrypted topics");
      assert.equal(topic.region, channel.region, "AWS Config does not support a topic in another region");
      assert.equal(channel.region, region);
    }
  });

  it("lets only the Config service of this account publish to the topic", () => {
    const policy = only(run, "aws:sns/topicPolicy:TopicPolicy", "config-eu-north-1-topic-policy");
    const arn = `arn:aws:sns:eu-north-1:${ACCOUNT}:cis-logging-baseline-config`;
    assert.equal(policy.inputs.arn, arn);
    assert.deepEqual(statements(policy), {
      AWSConfigSNSPolicy: {
        Sid: "AWSConfigSNSPolicy", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sns:Publish",
        Resource: arn, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    });
  });

  it("creates recorder, then channel, then the enabled status, in the order AWS requires", () => {
    for (const region of ["ap-northeast-1", "eu-north-1", "me-central-1"]) {
      const recorder = only(run, "aws:cfg/recorder:Recorder", `config-${region}-recorder`);
      const channel = only(run, "aws:cfg/deliveryChannel:DeliveryChannel", `config-${region}-channel`);
      const status = only(run, "aws:cfg/recorderStatus:RecorderStatus", `config-${region}-status`);
      assert.ok(channel.dependencies.includes(recorder.urn), "the channel waits for the recorder");
      assert.ok(status.dependencies.includes(channel.urn), "the status waits for the channel");
      assert.ok(dependsOn(run, channel, only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-trail-bucket-policy")),
        "the channel waits for the bucket policy that lets Config deliver");
      assert.deepEqual(status.inputs, { name: "cis-logging-baseline", isEnabled: true });
    }
  });

  it("leaves nothing retained on destroy, so no recorder or channel outlives the stack", () => {
    const kept = run.resources.filter((r) => r.type.startsWith("aws:cfg/") && (r.retainOnDelete || r.protect));
    assert.deepEqual(kept.map((r) => r.name), []);
  });

  it("replaces the fixed-name recorder, channel, status and topic delete-first, so a replacement never deletes the live one", () => {
    // With create-before-delete, the Put would update the live recorder (same name) and "delete original" would
    // then remove it: the region would be left unrecorded (Pulumi "deleteBeforeReplace").
    for (const type of ["aws:cfg/recorder:Recorder", "aws:cfg/deliveryChannel:DeliveryChannel", "aws:cfg/recorderStatus:RecorderStatus", "aws:sns/topic:Topic"]) {
      assert.deepEqual(run.ofType(type).map((r) => r.deleteBeforeReplace), [true, true, true], type);
    }
  });

  describe("global IAM resource types (Security Hub Config.1)", () => {
    const globalByRegion = (r: ProgramRun) => Object.fromEntries(r.ofType("aws:cfg/recorder:Recorder")
      .map((rec) => [rec.region, (rec.inputs.recordingGroup as { includeGlobalResourceTypes: boolean }).includeGlobalResourceTypes]));

    it("records them in the configured region only (e.g. the Security Hub aggregation region)", async () => {
      const other = await runProgram({ regions: ["ap-northeast-1", "eu-north-1", "me-central-1"], awsConfig: { globalResourceTypesRegion: "eu-north-1" } });
      assert.deepEqual(globalByRegion(other), { "ap-northeast-1": false, "eu-north-1": true, "me-central-1": false });
    });

    // AWS Config DG: the IAM types "cannot be recorded in Regions supported by AWS Config after February 2022"
    // (me-central-1 and eu-south-2 are among them).
    it("with all-eligible, records them in every covered region AWS Config can record them in, and nowhere else", async () => {
      const all = await runProgram({ regions: ["ap-northeast-1", "eu-north-1", "me-central-1", "eu-south-2"], awsConfig: { globalResourceTypesRegion: "all-eligible" } });
      assert.deepEqual(globalByRegion(all), { "ap-northeast-1": true, "eu-north-1": true, "me-central-1": false, "eu-south-2": false });
      assert.deepEqual(Object.fromEntries(Object.entries(all.outputs.perRegion).map(([r, o]) => [r, o.recordsGlobalResourceTypes])),
        { "ap-northeast-1": true, "eu-north-1": true, "me-central-1": false, "eu-south-2": false });
    });

    it("refuses a home region that cannot record them unless another region is configured", async () => {
      await assert.rejects(runProgram({ regions: ["me-central-1", "eu-north-1"] }, { homeRegion: "me-central-1" }),
        /cis-logging-baseline:awsConfig.globalResourceTypesRegion is not set; allowed: set explicitly, because the home region me-central-1/);
      const ok = await runProgram({ regions: ["me-central-1", "eu-north-1"], awsConfig: { globalResourceTypesRegion: "eu-north-1" } }, { homeRegion: "me-central-1" });
      assert.deepEqual(globalByRegion(ok), { "eu-north-1": true, "me-central-1": false });
    });

    it("refuses a configured region the stack does not cover, before registering anything", async () => {
      await assert.rejects(runProgram({ regions: ["ap-northeast-1", "eu-north-1"], awsConfig: { globalResourceTypesRegion: "us-east-1" } }),
        /cis-logging-baseline:awsConfig.globalResourceTypesRegion is "us-east-1"; allowed: a region the stack covers \(ap-northeast-1, eu-north-1\)/);
      assert.deepEqual(mockAccount.resources.filter((r) => r.type !== "pulumi:providers:aws").map((r) => r.type), []);
    });
  });

  describe("adoption in shared-provider mode", () => {
    it("imports a recorder and channel of another region with the @region suffix the shared provider needs", async () => {
      // pulumi-aws "Enhanced Region Support": "To import a resource in a specific Region, append @<region> to the import ID".
      const adopted = await runProgram({
        regions: ["ap-northeast-1", "eu-north-1"], providerMode: "shared",
        awsConfig: { adopt: {
          "eu-north-1": { recorderName: "default", deliveryChannelName: "default-channel", import: true },
          "ap-northeast-1": { recorderName: "home", deliveryChannelName: "home-channel", import: true },
        } },
      });
      assert.equal(only(adopted, "aws:cfg/recorder:Recorder", "config-eu-north-1-recorder").importId, "default@eu-north-1");
      assert.equal(only(adopted, "aws:cfg/deliveryChannel:DeliveryChannel", "config-eu-north-1-channel").importId, "default-channel@eu-north-1");
      // The shared provider is the home region's: there the plain ID is read in the right region.
      assert.equal(only(adopted, "aws:cfg/recorder:Recorder", "config-ap-northeast-1-recorder").importId, "home");
    });
  });

  describe("the Config role (once per account)", () => {
    it("adopts AWSServiceRoleForConfig when the account has it: nothing created, every recorder uses it at once", () => {
      assert.equal(run.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 0);
      assert.deepEqual(run.ofType("aws:cfg/recorder:Recorder").map((r) => r.inputs.roleArn), [SLR_ARN, SLR_ARN, SLR_ARN]);
      assert.equal(run.outputs.configServiceLinkedRole, "adopted");
      const lookup = run.invokes.filter((i) => i.token === "aws:iam/getRoles:getRoles" && i.inputs.pathPrefix === "/aws-service-role/config.amazonaws.com/");
      assert.equal(lookup.length, 1);
      assert.equal(lookup[0].region, HOME, "looked up through the home provider, before anything is registered");
    });

    it("creates the service-linked role once, retained on destroy, when the account lacks it", async () => {
      const fresh = await runProgram({ regions: ["ap-northeast-1", "eu-north-1"] }, { account: WITHOUT_SLR });
      const slr = fresh.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole");
      assert.equal(slr.length, 1);
      assert.equal(slr[0].inputs.awsServiceName, "config.amazonaws.com");
      assert.equal(slr[0].retainOnDelete, true);
      assert.equal(fresh.outputs.configServiceLinkedRole, "created");
      for (const recorder of fresh.ofType("aws:cfg/recorder:Recorder")) {
        assert.ok(dependsOn(fresh, recorder, slr[0]), "the recorder waits for the role");
        assert.equal(recorder.inputs.roleArn, SLR_ARN);
      }
    });

    it("holds the recorders back after creating the role, for IAM to propagate (the provider does not retry PutConfigurationRecorder)", async () => {
      const started = Date.now();
      const fresh = await runProgram({ regions: ["ap-northeast-1"] }, { account: WITHOUT_SLR, iamPropagationDelayMs: 1500 });
      const recorder = only(fresh, "aws:cfg/recorder:Recorder", "config-ap-northeast-1-recorder");
      assert.ok(Date.now() - started >= 1500, "the recorder was registered only after the propagation delay");
      assert.equal(recorder.inputs.roleArn, SLR_ARN);
      const adoptedStart = Date.now();
      await runProgram({ regions: ["ap-northeast-1"] }, { iamPropagationDelayMs: 1500 });
      assert.ok(Date.now() - adoptedStart < 1500, "an adopted role is not waited for");
    });

    it("refuses existing-service-linked in an account without the role, before registering anything", async () => {
      await assert.rejects(runProgram({ regions: ["ap-northeast-1"], awsConfig: { role: "existing-service-linked" } }, { account: WITHOUT_SLR }),
        (err: unknown) => err instanceof PreflightError &&
          /awsConfig.role is "existing-service-linked", but account 111122223333 has no AWSServiceRoleForConfig/.test(err.message));
      assert.deepEqual(mockAccount.resources.filter((r) => r.type !== "pulumi:providers:aws").map((r) => r.type), []);
    });

    it("uses an existing service-linked role by its ARN without creating one", async () => {
      const existing = await runProgram({ regions: ["ap-northeast-1"], awsConfig: { role: "existing-service-linked" } });
      assert.equal(existing.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 0);
      assert.equal(only(existing, "aws:cfg/recorder:Recorder", "config-ap-northeast-1-recorder").inputs.roleArn, SLR_ARN);
    });

    it("creates one dedicated role trusting Config for this account, with delivery rights scoped to the bucket, key and topics", async () => {
      const dedicated = await runProgram({ regions: ["ap-northeast-1", "eu-north-1"], awsConfig: { role: "dedicated" } });
      assert.equal(dedicated.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 0);
      const role = only(dedicated, "aws:iam/role:Role", "config-role-dedicated");
      assert.equal(role.inputs.path, "/cis-logging-baseline/organization/cis-logging-baseline/test/");
      assert.deepEqual(statements(role, "assumeRolePolicy").AllowServiceAssumeRole.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT } });
      assert.equal(only(dedicated, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "config-role-managed").inputs.policyArn,
        "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole");
      const bucketArn = "arn:aws:s3:::baseline-trail-bucket-0123456";
      assert.deepEqual(statements(only(dedicated, "aws:iam/rolePolicy:RolePolicy", "config-role-delivery")), {
        ConfigBucketDelivery: { Sid: "ConfigBucketDelivery", Effect: "Allow", Action: "s3:PutObject", Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/Config/*`,
          Condition: { StringLike: { "s3:x-amz-acl": "bucket-owner-full-control" } } },
        ConfigBucketAcl: { Sid: "ConfigBucketAcl", Effect: "Allow", Action: "s3:GetBucketAcl", Resource: bucketArn },
        ConfigKms: { Sid: "ConfigKms", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: `arn:aws:kms:${HOME}:${ACCOUNT}:key/baseline-key-key-id` },
        ConfigTopics: { Sid: "ConfigTopics", Effect: "Allow", Action: "sns:Publish", Resource: `arn:aws:sns:*:${ACCOUNT}:cis-logging-baseline-config` },
      });
      for (const recorder of dedicated.ofType("aws:cfg/recorder:Recorder")) {
        assert.ok(dependsOn(dedicated, recorder, only(dedicated, "aws:iam/rolePolicy:RolePolicy", "config-role-delivery")), "the recorder waits for the role's permissions");
        assert.ok(dependsOn(dedicated, recorder, only(dedicated, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "config-role-managed")));
      }
      assert.deepEqual(dedicated.ofType("aws:cfg/recorder:Recorder").map((r) => r.inputs.roleArn),
        [`arn:aws:iam::${ACCOUNT}:role/config-role-dedicated-0123456`, `arn:aws:iam::${ACCOUNT}:role/config-role-dedicated-0123456`]);
    });
  });
});
