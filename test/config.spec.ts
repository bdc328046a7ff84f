import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, DEFAULTS, GLOBAL_RESOURCE_TYPE_REGIONS, LOG_RETENTION_DAYS, loadConfig, parseConfig, readerFromStrings } from "../config";
import * as awsFacts from "../policy-pack/awsFacts";

const HOME = "ap-northeast-1";
const parse = (raw: Record<string, unknown>, home: unknown = HOME) => parseConfig((key) => raw[key], home);

/** Asserts that parsing fails with exactly this one problem line. */
function assertOneProblem(raw: Record<string, unknown>, expected: string, home: { value: unknown } = { value: HOME }): void {
  try {
    parseConfig((key) => raw[key], home.value);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    assert.deepEqual(err.problems, [expected]);
    return;
  }
  assert.fail(`expected the configuration ${JSON.stringify(raw)} to be rejected`);
}

describe("config", () => {
  it("takes the regions that can record global IAM types from the policy pack, so program and policy share one list", () => {
    assert.equal(GLOBAL_RESOURCE_TYPE_REGIONS, awsFacts.GLOBAL_RESOURCE_TYPE_REGIONS);
  });

  describe("defaults", () => {
    it("covers every enabled region with per-region providers when nothing is set", () => {
      const config = parse({});
      assert.deepEqual(config, {
        homeRegion: HOME,
        regions: "all",
        excludeRegions: [],
        providerMode: "per-region",
        flowLogs: {
          destination: "cloud-watch-logs", trafficType: "ALL", retentionInDays: 365,
          s3: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
        },
        cloudTrail: { name: "cis-logging-baseline", s3DataEvents: "all", logRetentionInDays: 365 },
        awsConfig: { recordingFrequency: "CONTINUOUS", role: "service-linked", globalResourceTypesRegion: HOME, adopt: {} },
        // Existing stacks keep what they had: the next `pulumi up` covers VPCs and keys created after a deploy.
        continuousCoverage: "off",
        // Existing stacks stay single-account stacks: no organization settings at all.
        mode: "single-account",
      });
      assert.equal(DEFAULTS.flowLogTrafficType, "ALL");
    });

    it("accepts every documented value", () => {
      const config = parse({
        regions: ["ap-northeast-1", "eu-north-1"],
        excludeRegions: ["us-east-1"],
        providerMode: "shared",
        flowLogs: { destination: "s3", trafficType: "REJECT", retentionInDays: 90, fileFormat: "plain-text", hiveCompatiblePartitions: false, perHourPartition: "false" },
        cloudTrail: { name: "org_trail-2", s3DataEvents: "write", logRetentionInDays: 3653 },
        awsConfig: {
          recordingFrequency: "DAILY",
          role: "dedicated",
          globalResourceTypesRegion: "eu-north-1",
          adopt: { "eu-north-1": { recorderName: "default", deliveryChannelName: "default", import: true } },
        },
      });
      assert.deepEqual(config.regions, ["ap-northeast-1", "eu-north-1"]);
      assert.equal(config.providerMode, "shared");
      assert.deepEqual(config.flowLogs, {
        destination: "s3", trafficType: "REJECT", retentionInDays: 90, s3: { fileFormat: "plain-text", hiveCompatiblePartitions: false, perHourPartition: false },
      });
      assert.deepEqual(config.cloudTrail, { name: "org_trail-2", s3DataEvents: "write", logRetentionInDays: 3653 });
      assert.deepEqual(config.awsConfig, {
        recordingFrequency: "DAILY",
        role: "dedicated",
        globalResourceTypesRegion: "eu-north-1",
        adopt: { "eu-north-1": { recorderName: "default", deliveryChannelName: "default", import: true } },
      });
      assert.equal(parse({ awsConfig: { globalResourceTypesRegion: "all-eligible" } }).awsConfig.globalResourceTypesRegion, "all-eligible");
    });
  });

  describe("rejects bad values with one message naming the key, the value and what is allowed", () => {
    it("a malformed region name", () => {
      assertOneProblem({ regions: ["ap-northeast-1", "Europe"] },
        'cis-logging-baseline:regions[1] is "Europe"; allowed: a region name such as eu-north-1');
    });

    it("an unknown region name", () => {
      try {
        parse({ excludeRegions: ["eu-nort-1"] });
        assert.fail("expected a ConfigError");
      } catch (err) {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.problems.length, 1);
        assert.match(err.problems[0], /^cis-logging-baseline:excludeRegions\[0\] is "eu-nort-1"; allowed: a known AWS region \(af-south-1, .*eu-north-1/);
      }
    });

    it("a region both included and excluded", () => {
      assertOneProblem({ regions: ["ap-northeast-1", "eu-west-1"], excludeRegions: ["eu-west-1"] },
        'cis-logging-baseline:regions is "eu-west-1"; allowed: a region that is not also in cis-logging-baseline:excludeRegions');
    });

    it("the home region excluded", () => {
      assertOneProblem({ excludeRegions: ["ap-northeast-1"] },
        'cis-logging-baseline:excludeRegions is ["ap-northeast-1"]; allowed: a list without the home region ap-northeast-1 (aws:region): the trail and its buckets live there');
    });

    it("a region list without the home region", () => {
      assertOneProblem({ regions: ["eu-west-1"] },
        'cis-logging-baseline:regions is ["eu-west-1"]; allowed: all, or a list that includes the home region ap-northeast-1 (aws:region)');
    });

    it("a missing home region", () => {
      assertOneProblem({}, "aws:region is not set; allowed: the home region, e.g. `pulumi config set aws:region ap-northeast-1`", { value: undefined });
    });

    it("a region listed twice", () => {
      assertOneProblem({ regions: ["ap-northeast-1", "ap-northeast-1"] },
        'cis-logging-baseline:regions[1] is "ap-northeast-1"; allowed: each region once (it is listed twice)');
    });

    it("a wrongly shaped region list", () => {
      assertOneProblem({ excludeRegions: "eu-west-1" },
        'cis-logging-baseline:excludeRegions is "eu-west-1"; allowed: a list of region names, such as [eu-west-1, eu-north-1]');
      assertOneProblem({ regions: "some" }, 'cis-logging-baseline:regions is "some"; allowed: all, or a list of region names');
    });

    it("a retention CloudWatch Logs does not accept", () => {
      assertOneProblem({ flowLogs: { retentionInDays: 100 } },
        `cis-logging-baseline:flowLogs.retentionInDays is 100; allowed: one of the CloudWatch Logs retention values ${LOG_RETENTION_DAYS.join(", ")}`);
      assertOneProblem({ cloudTrail: { logRetentionInDays: 0 } },
        `cis-logging-baseline:cloudTrail.logRetentionInDays is 0; allowed: one of the CloudWatch Logs retention values ${LOG_RETENTION_DAYS.join(", ")}`);
    });

    it("an unknown flow-log destination", () => {
      assertOneProblem({ flowLogs: { destination: "kinesis-data-firehose" } },
        'cis-logging-baseline:flowLogs.destination is "kinesis-data-firehose"; allowed: cloud-watch-logs | s3');
    });

    it("an unknown traffic type", () => {
      assertOneProblem({ flowLogs: { trafficType: "ACCEPT" } }, 'cis-logging-baseline:flowLogs.trafficType is "ACCEPT"; allowed: ALL | REJECT');
    });

    it("an unknown data-event setting, recording frequency, role and provider mode", () => {
      assertOneProblem({ cloudTrail: { s3DataEvents: "both" } }, 'cis-logging-baseline:cloudTrail.s3DataEvents is "both"; allowed: all | write | read | none');
      assertOneProblem({ awsConfig: { recordingFrequency: "HOURLY" } }, 'cis-logging-baseline:awsConfig.recordingFrequency is "HOURLY"; allowed: CONTINUOUS | DAILY');
      assertOneProblem({ awsConfig: { role: "admin" } }, 'cis-logging-baseline:awsConfig.role is "admin"; allowed: service-linked | existing-service-linked | dedicated');
      assertOneProblem({ providerMode: "single" }, 'cis-logging-baseline:providerMode is "single"; allowed: per-region | shared');
    });

    it("a misspelt key inside a structured value", () => {
      assertOneProblem({ flowLogs: { trafficTyp: "ALL" } },
        'cis-logging-baseline:flowLogs.trafficTyp is "ALL"; allowed: only the keys destination, trafficType, retentionInDays, fileFormat, hiveCompatiblePartitions, perHourPartition (this key is unknown)');
    });

    it("an adoption without a recorder name, and one for an excluded region", () => {
      assertOneProblem({ awsConfig: { adopt: { "eu-west-1": { deliveryChannelName: "default" } } } },
        "cis-logging-baseline:awsConfig.adopt.eu-west-1.recorderName is not set; allowed: the name of the existing resource: 1-256 letters, digits, '.', '_' or '-'");
      assertOneProblem({ excludeRegions: ["eu-west-1"], awsConfig: { adopt: { "eu-west-1": { recorderName: "default", deliveryChannelName: "default" } } } },
        'cis-logging-baseline:awsConfig.adopt.eu-west-1 is {"recorderName":"default","deliveryChannelName":"default"}; allowed: an adoption only for a covered region (eu-west-1 is in cis-logging-baseline:excludeRegions)');
    });

    const TRAIL_NAME_RULE = "3-128 letters, digits, '_' or '-', starting and ending with a letter or digit, never two of '_' and '-' in a row, " +
      "no '.' (the name also makes the KMS alias alias/<name> and the SNS topics <name>-config, which allow no '.')";

    it("a malformed trail name", () => {
      assertOneProblem({ cloudTrail: { name: "-bad name" } }, `cis-logging-baseline:cloudTrail.name is "-bad name"; allowed: ${TRAIL_NAME_RULE}`);
    });

    // The trail name also makes the KMS alias and the SNS topics: CloudTrail allows '.', but KMS aliases ("only
    // alphanumeric characters, forward slashes (/), underscores (_), and dashes (-)", KMS DG "Create aliases") and
    // SNS topic names ("uppercase and lowercase ASCII letters, numbers, underscores, and hyphens", CreateTopic) do not.
    // CloudTrail: no adjacent periods, underscores or dashes; not in IP address format; 3-128 characters.
    for (const bad of ["org.trail", "10.0.0.1", "org__trail", "org-_trail", "ab", `a${"b".repeat(128)}`, "trail-", "_trail"]) {
      it(`a trail name AWS rejects for the trail, its KMS alias or its topics: ${bad.length > 20 ? `${bad.length} characters` : bad}`, () => {
        assertOneProblem({ cloudTrail: { name: bad } }, `cis-logging-baseline:cloudTrail.name is ${JSON.stringify(bad)}; allowed: ${TRAIL_NAME_RULE}`);
      });
    }

    it("accepts trail names at the limits: 3 and 128 characters, single separators", () => {
      for (const good of ["abc", `a${"b".repeat(126)}c`, "a-b_c-1", "Org_Trail-2026"]) {
        assert.equal(parse({ cloudTrail: { name: good } }).cloudTrail.name, good);
      }
    });

    it("flow-log file options without the s3 destination, or of the wrong type", () => {
      assertOneProblem({ flowLogs: { fileFormat: "parquet" } },
        'cis-logging-baseline:flowLogs.fileFormat is "parquet"; allowed: nothing unless cis-logging-baseline:flowLogs.destination is s3 (it is cloud-watch-logs)');
      assertOneProblem({ flowLogs: { destination: "s3", hiveCompatiblePartitions: "yes" } },
        'cis-logging-baseline:flowLogs.hiveCompatiblePartitions is "yes"; allowed: true | false');
      assertOneProblem({ flowLogs: { destination: "s3", fileFormat: "json" } },
        'cis-logging-baseline:flowLogs.fileFormat is "json"; allowed: parquet | plain-text');
    });

    // AWS Config DG, "Recording global resources": the IAM types "cannot be recorded in Regions supported by AWS
    // Config after February 2022" (the Config API lists Hyderabad, Melbourne, Calgary, Spain, Zurich, Tel Aviv, UAE).
    it("a global-resource-types region that cannot record IAM types, or is excluded", () => {
      for (const region of ["ap-south-2", "ap-southeast-4", "ca-west-1", "eu-south-2", "eu-central-2", "il-central-1", "me-central-1", "mx-central-1"]) {
        assert.throws(() => parse({ awsConfig: { globalResourceTypesRegion: region } }), (err: unknown) => err instanceof ConfigError &&
          err.problems.length === 1 && err.problems[0].startsWith(`cis-logging-baseline:awsConfig.globalResourceTypesRegion is "${region}"; allowed: a region where AWS Config can record the global IAM types (`));
      }
      assertOneProblem({ excludeRegions: ["eu-west-1"], awsConfig: { globalResourceTypesRegion: "eu-west-1" } },
        'cis-logging-baseline:awsConfig.globalResourceTypesRegion is "eu-west-1"; allowed: a covered region (eu-west-1 is in cis-logging-baseline:excludeRegions)');
    });

    it("a home region that cannot record the global IAM types, unless another region records them", () => {
      assert.throws(() => parse({}, "il-central-1"), (err: unknown) => err instanceof ConfigError && err.problems.length === 1 &&
        err.problems[0].startsWith("cis-logging-baseline:awsConfig.globalResourceTypesRegion is not set; allowed: set explicitly, because the home region il-central-1 (aws:region) launched AWS Config after February 2022"));
      assert.equal(parse({ awsConfig: { globalResourceTypesRegion: "eu-west-1" } }, "il-central-1").awsConfig.globalResourceTypesRegion, "eu-west-1");
    });

    it("a home region in the China partition (service principals and same-region delivery rules differ)", () => {
      assertOneProblem({}, 'aws:region is "cn-north-1"; allowed: a region of the aws or aws-us-gov partition (aws-cn is not supported: its service principals and same-region delivery rules differ)',
        { value: "cn-north-1" });
    });

    it("reports every bad key at once, one line each", () => {
      assert.throws(() => parse({ providerMode: "x", flowLogs: { trafficType: "y" } }), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.problems, [
          'cis-logging-baseline:providerMode is "x"; allowed: per-region | shared',
          'cis-logging-baseline:flowLogs.trafficType is "y"; allowed: ALL | REJECT',
        ]);
        assert.equal(err.message, err.problems.join("\n"));
        return true;
      });
    });
  });

  describe("continuousCoverage", () => {
    it("takes off, telemetryRule and configRemediation, and nothing else, naming what is allowed", () => {
      for (const mode of ["off", "telemetryRule", "configRemediation"] as const) {
        assert.equal(parse({ continuousCoverage: mode }).continuousCoverage, mode);
      }
      assertOneProblem({ continuousCoverage: "nightly" }, 'cis-logging-baseline:continuousCoverage is "nightly"; allowed: off | telemetryRule | configRemediation');
      assertOneProblem({ continuousCoverage: true }, "cis-logging-baseline:continuousCoverage is true; allowed: off | telemetryRule | configRemediation");
    });

    it("refuses telemetryRule with flow logs to S3: telemetry rules deliver to CloudWatch Logs only", () => {
      // TelemetryDestinationConfiguration DestinationType "Valid Values: cloud-watch-logs"
      // (https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_TelemetryDestinationConfiguration.html).
      assertOneProblem({ continuousCoverage: "telemetryRule", flowLogs: { destination: "s3" } },
        'cis-logging-baseline:continuousCoverage is "telemetryRule"; allowed: off | configRemediation while cis-logging-baseline:flowLogs.destination is s3 ' +
        "(CloudWatch telemetry rules deliver VPC flow logs to CloudWatch Logs only), or set cis-logging-baseline:flowLogs.destination to cloud-watch-logs");
      assert.equal(parse({ continuousCoverage: "telemetryRule", flowLogs: { destination: "cloud-watch-logs" } }).continuousCoverage, "telemetryRule");
    });

    it("gives configRemediation to S3 the only file layout AWSSupport-EnableVPCFlowLogs writes, and refuses another one", () => {
      // The runbook has no destination-options parameter
      // (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-vpc-flowlogs.html),
      // so CreateFlowLogs' defaults apply: "The default is plain-text", Hive-compatible prefixes "The default is false",
      // per-hour partitions "The default is false" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DestinationOptionsRequest.html).
      const runbookLayout = { fileFormat: "plain-text", hiveCompatiblePartitions: false, perHourPartition: false };
      assert.deepEqual(parse({ continuousCoverage: "configRemediation", flowLogs: { destination: "s3" } }).flowLogs.s3, runbookLayout);
      assert.deepEqual(parse({ continuousCoverage: "configRemediation", flowLogs: { destination: "s3", ...runbookLayout } }).flowLogs.s3, runbookLayout);
      assert.throws(() => parse({ continuousCoverage: "configRemediation", flowLogs: { destination: "s3", fileFormat: "parquet", hiveCompatiblePartitions: true } }),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.deepEqual(err.problems, [
            'cis-logging-baseline:flowLogs.fileFormat is "parquet"; allowed: "plain-text" while cis-logging-baseline:continuousCoverage is configRemediation ' +
              "(AWSSupport-EnableVPCFlowLogs, which then creates every flow log, has no destination options: plain-text files, no Hive-compatible prefixes, no hourly partitions)",
            "cis-logging-baseline:flowLogs.hiveCompatiblePartitions is true; allowed: false while cis-logging-baseline:continuousCoverage is configRemediation " +
              "(AWSSupport-EnableVPCFlowLogs, which then creates every flow log, has no destination options: plain-text files, no Hive-compatible prefixes, no hourly partitions)",
          ]);
          return true;
        });
      // Off keeps today's S3 defaults.
      assert.deepEqual(parse({ flowLogs: { destination: "s3" } }).flowLogs.s3, DEFAULTS.flowLogS3);
    });
  });

  describe("mode: organization", () => {
    const LOG_ARCHIVE = "222233334444";
    const org = (organization: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
      ({ mode: "organization", organization: { logArchiveAccountId: LOG_ARCHIVE, ...organization }, ...rest });

    it("defaults: the organization root, the role AWS Organizations creates, nothing excluded, stacks (and recorders) retained when an account leaves the targets", () => {
      const config = parse(org({}));
      assert.equal(config.mode, "organization");
      assert.deepEqual(config.organization, {
        logArchiveAccountId: LOG_ARCHIVE, logArchiveRoleName: "OrganizationAccountAccessRole", stackSetTargets: "root",
        excludeAccounts: [], retainStacksOnAccountRemoval: true,
      });
    });

    it("takes OU and root IDs as targets, sorted excluded accounts, another role and stacks deleted on removal", () => {
      const config = parse(org({
        logArchiveRoleName: "LogArchiveDeployer", stackSetTargets: ["ou-ab12-11111111", "r-ab12"],
        excludeAccounts: ["999988887777", "555566667777"], retainStacksOnAccountRemoval: false,
      }));
      assert.deepEqual(config.organization, {
        logArchiveAccountId: LOG_ARCHIVE, logArchiveRoleName: "LogArchiveDeployer", stackSetTargets: ["ou-ab12-11111111", "r-ab12"],
        excludeAccounts: ["555566667777", "999988887777"], retainStacksOnAccountRemoval: false,
      });
    });

    it("an unknown mode, naming what is allowed", () => {
      assertOneProblem({ mode: "multi-account" }, 'cis-logging-baseline:mode is "multi-account"; allowed: single-account | organization');
    });

    it("organization keys in a single-account stack", () => {
      assertOneProblem({ organization: { logArchiveAccountId: LOG_ARCHIVE } },
        'cis-logging-baseline:organization is {"logArchiveAccountId":"222233334444"}; allowed: nothing unless cis-logging-baseline:mode is organization (it is single-account)');
    });

    it("organization mode without a log-archive account, or with a malformed one", () => {
      assertOneProblem({ mode: "organization" },
        "cis-logging-baseline:organization.logArchiveAccountId is not set; allowed: the 12-digit ID of the organization's log-archive account (as a string), where the organization trail's bucket and key are created");
      assertOneProblem(org({ logArchiveAccountId: 222233334444 }),
        "cis-logging-baseline:organization.logArchiveAccountId is 222233334444; allowed: the 12-digit ID of the organization's log-archive account (as a string), where the organization trail's bucket and key are created");
    });

    it("malformed targets, excluded accounts and role names, a misspelt key, and the log-archive account excluded", () => {
      assertOneProblem(org({ stackSetTargets: ["ou-1"] }),
        'cis-logging-baseline:organization.stackSetTargets is ["ou-1"]; allowed: root (the organization root), or a non-empty list of distinct organizational unit IDs (ou-xxxx-xxxxxxxx) and root IDs (r-xxxx)');
      assertOneProblem(org({ stackSetTargets: [] }),
        "cis-logging-baseline:organization.stackSetTargets is []; allowed: root (the organization root), or a non-empty list of distinct organizational unit IDs (ou-xxxx-xxxxxxxx) and root IDs (r-xxxx)");
      assertOneProblem(org({ excludeAccounts: ["1234"] }),
        'cis-logging-baseline:organization.excludeAccounts is ["1234"]; allowed: a list of distinct 12-digit account IDs (as strings) that already have an AWS Config recorder');
      assertOneProblem(org({ logArchiveRoleName: "bad role" }),
        'cis-logging-baseline:organization.logArchiveRoleName is "bad role"; allowed: the name of an IAM role in the log-archive account that this stack\'s credentials may assume: 1-64 letters, digits or +=,.@_- (default OrganizationAccountAccessRole)');
      assertOneProblem(org({ stackSetTarget: "root" }),
        'cis-logging-baseline:organization.stackSetTarget is "root"; allowed: only the keys logArchiveAccountId, logArchiveRoleName, stackSetTargets, excludeAccounts, retainStacksOnAccountRemoval (this key is unknown)');
      assertOneProblem(org({ excludeAccounts: [LOG_ARCHIVE] }),
        'cis-logging-baseline:organization.excludeAccounts is ["222233334444"]; allowed: a list without the log-archive account 222233334444: its recorders come from the StackSet like every member\'s');
    });

    it("refuses flow logs to S3 and a continuousCoverage mode: the organization telemetry rule and organization rules replace them", () => {
      assertOneProblem(org({}, { flowLogs: { destination: "s3" } }),
        'cis-logging-baseline:flowLogs.destination is "s3"; allowed: cloud-watch-logs while cis-logging-baseline:mode is organization (the organization telemetry rule, which creates every VPC\'s flow log, delivers to CloudWatch Logs only)');
      assertOneProblem(org({}, { continuousCoverage: "configRemediation" }),
        'cis-logging-baseline:continuousCoverage is "configRemediation"; allowed: off while cis-logging-baseline:mode is organization (the organization telemetry rule and organization AWS Config rules cover every account instead)');
    });
  });

  describe("reading from the engine", () => {
    it("parses structured values from JSON and keeps plain strings", () => {
      const values: Record<string, string> = { regions: "all", excludeRegions: '["eu-west-1"]', flowLogs: '{"retentionInDays":"90"}' };
      const read = readerFromStrings((key) => values[key]);
      assert.equal(read("regions"), "all");
      assert.deepEqual(read("excludeRegions"), ["eu-west-1"]);
      assert.equal(parseConfig(read, HOME).flowLogs.retentionInDays, 90);
      assert.equal(read("missing"), undefined);
    });

    it("loadConfig reads the cis-logging-baseline namespace and aws:region from the stack", () => {
      const before = { ...pulumi.runtime.allConfig() };
      try {
        pulumi.runtime.setAllConfig({
          "aws:region": "eu-north-1",
          "cis-logging-baseline:excludeRegions": '["us-west-1"]',
          "cis-logging-baseline:awsConfig": '{"recordingFrequency":"DAILY"}',
        });
        const config = loadConfig();
        assert.equal(config.homeRegion, "eu-north-1");
        assert.deepEqual(config.excludeRegions, ["us-west-1"]);
        assert.equal(config.awsConfig.recordingFrequency, "DAILY");
      } finally {
        pulumi.runtime.setAllConfig(before);
      }
    });
  });
});
