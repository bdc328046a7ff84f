import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, DEFAULTS, LOG_RETENTION_DAYS, loadConfig, parseConfig, readerFromStrings } from "../config";

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
  describe("defaults", () => {
    it("covers every enabled region with per-region providers when nothing is set", () => {
      const config = parse({});
      assert.deepEqual(config, {
        homeRegion: HOME,
        regions: "all",
        excludeRegions: [],
        providerMode: "per-region",
        flowLogs: { destination: "cloud-watch-logs", trafficType: "ALL", retentionInDays: 365 },
        cloudTrail: { name: "cis-logging-baseline", s3DataEvents: "all", logRetentionInDays: 365 },
        awsConfig: { recordingFrequency: "CONTINUOUS", role: "service-linked", adopt: {} },
      });
      assert.equal(DEFAULTS.flowLogTrafficType, "ALL");
    });

    it("accepts every documented value", () => {
      const config = parse({
        regions: ["ap-northeast-1", "eu-north-1"],
        excludeRegions: ["us-east-1"],
        providerMode: "shared",
        flowLogs: { destination: "s3", trafficType: "REJECT", retentionInDays: 90 },
        cloudTrail: { name: "org-trail", s3DataEvents: "write", logRetentionInDays: 3653 },
        awsConfig: {
          recordingFrequency: "DAILY",
          role: "dedicated",
          adopt: { "eu-north-1": { recorderName: "default", deliveryChannelName: "default", import: true } },
        },
      });
      assert.deepEqual(config.regions, ["ap-northeast-1", "eu-north-1"]);
      assert.equal(config.providerMode, "shared");
      assert.deepEqual(config.flowLogs, { destination: "s3", trafficType: "REJECT", retentionInDays: 90 });
      assert.deepEqual(config.cloudTrail, { name: "org-trail", s3DataEvents: "write", logRetentionInDays: 3653 });
      assert.deepEqual(config.awsConfig, {
        recordingFrequency: "DAILY",
        role: "dedicated",
        adopt: { "eu-north-1": { recorderName: "default", deliveryChannelName: "default", import: true } },
      });
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
      assertOneProblem({}, "aws:region is undefined; allowed: the home region, e.g. `pulumi config set aws:region ap-northeast-1`", { value: undefined });
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
        'cis-logging-baseline:flowLogs.trafficTyp is "ALL"; allowed: only the keys destination, trafficType, retentionInDays (this key is unknown)');
    });

    it("an adoption without a recorder name, and one for an excluded region", () => {
      assertOneProblem({ awsConfig: { adopt: { "eu-west-1": { deliveryChannelName: "default" } } } },
        "cis-logging-baseline:awsConfig.adopt.eu-west-1.recorderName is undefined; allowed: the name of the existing resource: 1-256 letters, digits, '.', '_' or '-'");
      assertOneProblem({ excludeRegions: ["eu-west-1"], awsConfig: { adopt: { "eu-west-1": { recorderName: "default", deliveryChannelName: "default" } } } },
        'cis-logging-baseline:awsConfig.adopt.eu-west-1 is {"recorderName":"default","deliveryChannelName":"default"}; allowed: an adoption only for a covered region (eu-west-1 is in cis-logging-baseline:excludeRegions)');
    });

    it("a malformed trail name", () => {
      assertOneProblem({ cloudTrail: { name: "-bad name" } },
        "cis-logging-baseline:cloudTrail.name is \"-bad name\"; allowed: 3-128 letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
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
