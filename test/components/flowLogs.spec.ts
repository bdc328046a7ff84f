import { strict as assert } from "assert";
import { FlowLogS3Options } from "../../config";
import { flowLogBucketPolicy, flowLogObjectPrefix } from "../../components/policyDocuments";
import { MOCK_NAME_SUFFIX } from "../../offline/mockAccount";
import { ProgramRun, runProgram } from "../programHarness";
import { dependsOn, only, statements } from "./assertions";

const ACCOUNT = "111122223333";
const HOME = "ap-northeast-1";
const REGIONS = ["ap-northeast-1", "eu-central-1", "us-west-1"];
/** The generated name of a region's flow-log group: the prefix plus the provider's unique suffix. */
const FLOW_GROUP = `/cis/vpc-flow-logs/cis-logging-baseline-${MOCK_NAME_SUFFIX}`;
const ROLE_PATH = "/cis-logging-baseline/organization/cis-logging-baseline/test/";

/**
 * The object key AWS writes a flow-log file under, following the four layouts of the VPC UG "Flow log files"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html); the file name is the documented
 * `<account>_vpcflowlogs_<region>_<flow-log-id>_<yyyymmddThhmmZ>_<hash>` with the format's extension.
 */
function documentedObjectKey(options: FlowLogS3Options, region: string): string {
  const file = `${ACCOUNT}_vpcflowlogs_${region}_fl-0123456789abcdef0_20261202T0105Z_a1b2c3d4.${options.fileFormat === "parquet" ? "log.parquet" : "log.gz"}`;
  if (options.hiveCompatiblePartitions) {
    const hour = options.perHourPartition ? "hour=01/" : "";
    return `AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=${region}/year=2026/month=12/day=02/${hour}${file}`;
  }
  const hour = options.perHourPartition ? "01/" : "";
  return `AWSLogs/${ACCOUNT}/vpcflowlogs/${region}/2026/12/02/${hour}${file}`;
}

/** Whether an S3 object ARN matches a policy Resource with `*` wildcards (IAM policy element Resource). */
function resourceMatches(pattern: string, arn: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return regex.test(arn);
}

const EVERY_S3_OPTION_COMBINATION: FlowLogS3Options[] = (["parquet", "plain-text"] as const).flatMap((fileFormat) =>
  [true, false].flatMap((hiveCompatiblePartitions) => [true, false].map((perHourPartition) =>
    ({ fileFormat, hiveCompatiblePartitions, perHourPartition }))));

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
        logDestination: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${FLOW_GROUP}`,
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

    it("keeps each log group in its VPCs' region with the configured retention, retained on destroy under a generated name", () => {
      // Retained on destroy, so a fixed name would make the next create fail with ResourceAlreadyExistsException
      // ("Log group names must be unique within a Region for an AWS account", CloudWatch Logs API CreateLogGroup).
      const groups = run.ofType("aws:cloudwatch/logGroup:LogGroup").filter((g) => g.name.startsWith("flow-logs-"));
      assert.deepEqual(groups.map((g) => [g.region, g.inputs, g.retainOnDelete]), [
        ["ap-northeast-1", { namePrefix: "/cis/vpc-flow-logs/cis-logging-baseline-", retentionInDays: 90 }, true],
        ["eu-central-1", { namePrefix: "/cis/vpc-flow-logs/cis-logging-baseline-", retentionInDays: 90 }, true],
      ]);
    });

    it("trusts the flow-logs service only for this account's flow logs in the region, and writes only to that log group", () => {
      const role = only(run, "aws:iam/role:Role", "flow-logs-eu-central-1-role");
      assert.equal(role.inputs.path, ROLE_PATH);
      assert.deepEqual(statements(role, "assumeRolePolicy"), {
        AllowServiceAssumeRole: {
          Sid: "AllowServiceAssumeRole", Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:ec2:eu-central-1:${ACCOUNT}:vpc-flow-log/*` },
          },
        },
      });
      const group = `arn:aws:logs:eu-central-1:${ACCOUNT}:log-group:${FLOW_GROUP}`;
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
        sharedVpcIds: [],
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

  describe("VPCs shared into the account (AWS RAM)", () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgram({ regions: ["ap-northeast-1", "us-east-1", "sa-east-1"] });
    });

    // VPC UG "Responsibilities and permissions for owners and participants": "Participants cannot create, delete,
    // or describe flow logs for a shared VPC subnet"; only the owner can flow-log a shared VPC.
    it("flow-logs only the VPCs the account owns, found with the owner-id filter", () => {
      assert.deepEqual(run.ofType("aws:ec2/flowLog:FlowLog").filter((f) => f.region === "us-east-1").map((f) => f.inputs.vpcId),
        ["vpc-0a1a000000000001", "vpc-0b1a000000000002", "vpc-0c1a000000000003"]);
      const owned = run.invokes.filter((i) => i.token === "aws:ec2/getVpcs:getVpcs" && i.region === "us-east-1");
      assert.deepEqual(owned.map((i) => i.inputs).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        [{ filters: [{ name: "owner-id", values: [ACCOUNT] }] }, {}]);
    });

    it("publishes the skipped shared VPCs per region as a component output and a stack output", () => {
      assert.deepEqual(only(run, "cis-logging:network:RegionalFlowLogs", "flow-logs-us-east-1").state.sharedVpcIds, ["vpc-0f1a000000000009"]);
      assert.deepEqual(only(run, "cis-logging:network:RegionalFlowLogs", "flow-logs-sa-east-1").state, {
        region: "sa-east-1", discoveredVpcIds: [], sharedVpcIds: ["vpc-0f6a000000000009"], flowLogIds: {},
      });
      assert.deepEqual(run.outputs.sharedVpcsSkipped, { "sa-east-1": ["vpc-0f6a000000000009"], "us-east-1": ["vpc-0f1a000000000009"] });
    });

    it("creates no log group, role or flow log in a region whose only VPC is shared", () => {
      assert.deepEqual(run.resources.filter((r) => r.custom && r.region === "sa-east-1" && r.type !== "pulumi:providers:aws" && !r.type.startsWith("aws:cfg/") && !r.type.startsWith("aws:sns/")).map((r) => r.type), []);
      assert.deepEqual(run.resources.filter((r) => r.name.startsWith("flow-logs-sa-east-1-")).map((r) => r.name), []);
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
        // Hive-compatible partitions (the default) write under AWSLogs/aws-account-id=<account>/ (VPC UG).
        Resource: `${arn}/AWSLogs/aws-account-id=${ACCOUNT}/*`,
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

    // VPC UG "Flow log files" (flow-logs-s3-path) and "Amazon S3 bucket permissions for flow logs": the object
    // key layout, and so the policy's Resource, depends on Hive-compatible prefixes; hourly partitions and the
    // file format change only what follows the day.
    for (const options of EVERY_S3_OPTION_COMBINATION) {
      const label = `${options.fileFormat}, hive ${options.hiveCompatiblePartitions}, per hour ${options.perHourPartition}`;
      it(`grants delivery exactly the key prefix AWS writes with ${label}`, () => {
        const ctx = { accountId: ACCOUNT, partition: "aws", dnsSuffix: "amazonaws.com", homeRegion: HOME };
        const bucketArn = "arn:aws:s3:::flow-logs";
        const write = (flowLogBucketPolicy(ctx, bucketArn, options).Statement as { Sid?: string; Resource?: unknown }[])
          .find((st) => st.Sid === "AWSLogDeliveryWrite");
        const resource = write?.Resource as string;
        for (const region of ["ap-northeast-1", "eu-south-2"]) {
          assert.ok(resourceMatches(resource, `${bucketArn}/${documentedObjectKey(options, region)}`), `${resource} covers ${region}'s files`);
          const otherLayout = documentedObjectKey({ ...options, hiveCompatiblePartitions: !options.hiveCompatiblePartitions }, region);
          assert.ok(!resourceMatches(resource, `${bucketArn}/${otherLayout}`), `${resource} grants nothing beyond the chosen layout`);
        }
        assert.equal(resource, `${bucketArn}/${flowLogObjectPrefix(ACCOUNT, options)}*`);
      });
    }

    it("passes the configured file options to every flow log and grants the matching prefix", async () => {
      const plain = await runProgram({
        regions: REGIONS, flowLogs: { destination: "s3", fileFormat: "plain-text", hiveCompatiblePartitions: false, perHourPartition: false },
      });
      for (const fl of plain.ofType("aws:ec2/flowLog:FlowLog")) {
        assert.deepEqual(fl.inputs.destinationOptions, { fileFormat: "plain-text", hiveCompatiblePartitions: false, perHourPartition: false });
      }
      assert.equal(statements(only(plain, "aws:s3/bucketPolicy:BucketPolicy", "baseline-flow-log-bucket-policy")).AWSLogDeliveryWrite.Resource,
        `arn:aws:s3:::baseline-flow-log-bucket-0123456/AWSLogs/${ACCOUNT}/*`);
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
