import { strict as assert } from "assert";
import { ProgramRun, runProgram } from "../programHarness";
import { dependsOn, only, statements } from "./assertions";

const ACCOUNT = "111122223333";
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

  describe("the Config role (once per account)", () => {
    it("creates the service-linked role once, retained on destroy", () => {
      const slr = run.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole");
      assert.equal(slr.length, 1);
      assert.equal(slr[0].inputs.awsServiceName, "config.amazonaws.com");
      assert.equal(slr[0].retainOnDelete, true);
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
