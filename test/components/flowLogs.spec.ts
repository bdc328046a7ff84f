import { strict as assert } from "assert";
import { ProgramRun, runProgram } from "../programHarness";
import { dependsOn, only, statements } from "./assertions";

const ACCOUNT = "111122223333";
const HOME = "ap-northeast-1";
const REGIONS = ["ap-northeast-1", "eu-central-1", "us-west-1"];

describe("components/RegionalFlowLogs", () => {
  describe("to CloudWatch Logs (the default)", () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgram({ regions: REGIONS, flowLogs: { trafficType: "REJECT", retentionInDays: 90 } });
    });

    it("gives every VPC of the region a flow log to that region's log group, with the configured traffic type", () => {
      const flowLogs = run.ofType("aws:ec2/flowLog:FlowLog").map((f) => [f.region, f.inputs]);
      const expected = (region: string, vpcId: string) => [region, {
        logDestinationType: "cloud-watch-logs",
        logDestination: `arn:aws:logs:${region}:${ACCOUNT}:log-group:/cis/vpc-flow-logs/cis-logging-baseline`,
        iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs-${region}-role-0123456`,
        vpcId,
        trafficType: "REJECT",
        tags: { Name: `flow-log-${region}-${vpcId}` },
      }];
      assert.deepEqual(flowLogs, [
        expected("ap-northeast-1", "vpc-0aba000000000001"),
        expected("ap-northeast-1", "vpc-0bba000000000002"),
        expected("eu-central-1", "vpc-0a9a000000000001"),
        expected("eu-central-1", "vpc-0b9a000000000002"),
        expected("eu-central-1", "vpc-0c9a000000000003"),
      ]);
    });

    it("keeps each log group in its VPCs' region with the configured retention, retained on destroy", () => {
      const groups = run.ofType("aws:cloudwatch/logGroup:LogGroup").filter((g) => g.name.startsWith("flow-logs-"));
      assert.deepEqual(groups.map((g) => [g.region, g.inputs, g.retainOnDelete]), [
        ["ap-northeast-1", { name: "/cis/vpc-flow-logs/cis-logging-baseline", retentionInDays: 90 }, true],
        ["eu-central-1", { name: "/cis/vpc-flow-logs/cis-logging-baseline", retentionInDays: 90 }, true],
      ]);
    });

    it("trusts the flow-logs service only for this account's flow logs in the region, and writes only to that log group", () => {
      const role = only(run, "aws:iam/role:Role", "flow-logs-eu-central-1-role");
      assert.deepEqual(statements(role, "assumeRolePolicy"), {
        AllowServiceAssumeRole: {
          Sid: "AllowServiceAssumeRole", Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:ec2:eu-central-1:${ACCOUNT}:vpc-flow-log/*` },
          },
        },
      });
      const group = `arn:aws:logs:eu-central-1:${ACCOUNT}:log-group:/cis/vpc-flow-logs/cis-logging-baseline`;
      const policy = statements(only(run, "aws:iam/rolePolicy:RolePolicy", "flow-logs-eu-central-1-role-policy"));
      assert.deepEqual(policy, {
        PublishFlowLogs: {
          Sid: "PublishFlowLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [group, `${group}:log-stream:*`],
        },
        DescribeFlowLogGroups: {
          Sid: "DescribeFlowLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups",
          Resource: `arn:aws:logs:eu-central-1:${ACCOUNT}:log-group:*`,
        },
      });
      const everyResource = Object.values(policy).flatMap((s) => [s.Resource ?? []].flat());
      assert.ok(!everyResource.includes("*"), "no Resource: *");
    });

    it("creates each flow log after its role's policy", () => {
      for (const fl of run.ofType("aws:ec2/flowLog:FlowLog")) {
        assert.ok(dependsOn(run, fl, only(run, "aws:iam/rolePolicy:RolePolicy", `flow-logs-${fl.region}-role-policy`)), fl.name);
      }
    });

    it("publishes the region's discovered VPC IDs as component outputs, for the policy pack to check coverage", () => {
      const component = only(run, "cis-logging:network:RegionalFlowLogs", "flow-logs-eu-central-1");
      assert.deepEqual(component.state, {
        region: "eu-central-1",
        discoveredVpcIds: ["vpc-0a9a000000000001", "vpc-0b9a000000000002", "vpc-0c9a000000000003"],
        flowLogIds: {
          "vpc-0a9a000000000001": "fl-0a9a000000000001",
          "vpc-0b9a000000000002": "fl-0b9a000000000002",
          "vpc-0c9a000000000003": "fl-0c9a000000000003",
        },
      });
    });

    it("creates nothing for a region without VPCs", () => {
      assert.deepEqual(run.resources.filter((r) => r.name.includes("us-west-1") && !r.name.startsWith("config-") && r.name !== "aws-us-west-1").map((r) => r.name), []);
    });
  });

  describe("to S3 (a central bucket)", () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgram({ regions: REGIONS, flowLogs: { destination: "s3" } });
    });

    it("sends every VPC's flow log to the central bucket as Parquet with Hive-compatible hourly partitions", () => {
      const flowLogs = run.ofType("aws:ec2/flowLog:FlowLog");
      assert.equal(flowLogs.length, 5);
      for (const fl of flowLogs) {
        assert.deepEqual(fl.inputs, {
          logDestinationType: "s3",
          logDestination: "arn:aws:s3:::baseline-flow-log-bucket-0123456",
          destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
          vpcId: fl.inputs.vpcId,
          trafficType: "ALL",
          tags: { Name: fl.name },
        });
        assert.ok(dependsOn(run, fl, only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-flow-log-bucket-policy")),
          "delivery would otherwise replace the bucket policy with its own");
      }
      assert.deepEqual(run.resources.filter((r) => /^flow-logs-.*-(logs|role|role-policy)$/.test(r.name)).map((r) => r.name), []);
    });

    it("keeps the central bucket in the home region, SSE-KMS, with delivery rights for this account's log delivery", () => {
      const bucket = only(run, "aws:s3/bucket:Bucket", "baseline-flow-log-bucket");
      assert.equal(bucket.region, HOME);
      const arn = "arn:aws:s3:::baseline-flow-log-bucket-0123456";
      const s = statements(only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-flow-log-bucket-policy"));
      assert.deepEqual(s.AWSLogDeliveryWrite, {
        Sid: "AWSLogDeliveryWrite", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" }, Action: "s3:PutObject",
        Resource: `${arn}/AWSLogs/${ACCOUNT}/*`,
        Condition: {
          StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:logs:*:${ACCOUNT}:*` },
        },
      });
      assert.deepEqual(s.AWSLogDeliveryAclCheck.Action, ["s3:GetBucketAcl", "s3:ListBucket"]);
      assert.ok(s.DenyInsecureTransport);
      const key = statements(only(run, "aws:kms/key:Key", "baseline-key"));
      assert.deepEqual(key.AllowVpcFlowLogsDelivery, {
        Sid: "AllowVpcFlowLogsDelivery", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:logs:*:${ACCOUNT}:*` } },
      });
    });

    it("logs access to the central bucket into the access-log bucket too", () => {
      const logging = only(run, "aws:s3/bucketLogging:BucketLogging", "baseline-flow-log-bucket-access-logging");
      assert.equal(logging.inputs.targetPrefix, "flow-log-bucket/");
      const s = statements(only(run, "aws:s3/bucketPolicy:BucketPolicy", "baseline-access-logs-policy"));
      assert.deepEqual(s.S3ServerAccessLogsPolicy.Condition?.ArnLike, {
        "aws:SourceArn": ["arn:aws:s3:::baseline-trail-bucket-0123456", "arn:aws:s3:::baseline-flow-log-bucket-0123456"],
      });
    });
  });
});
