/**
 * The rules, one decision per test (shared/notes/control-model.md §3 numbers them S1..S46), on domain states: no
 * Pulumi, no SDK. The parity suite (test/parity) runs the same decisions through both adapters.
 */
import { strict as assert } from "assert";
import type { PolicyName } from "../../../policy-pack/controls";
import { computed, known, notVisible, unknown } from "../../../policy-pack/domain/fact";
import { defaultRuleOptions, rules } from "../../../policy-pack/domain/rules";
import type { RuleOptions } from "../../../policy-pack/domain/rules";
import type { AccountState } from "../../../policy-pack/domain/state";
import type { Status, Verdict } from "../../../policy-pack/domain/verdict";
import { ACCOUNT, advanced, bucket, classic, field, flowLog, hoursAgo, key, recorder, regionConfig, state, trail, vpc } from "./builders";

const run = (policy: PolicyName, s: AccountState, options: RuleOptions = defaultRuleOptions): readonly Verdict[] => rules[policy].evaluate(s, options);
/** The statuses of a policy's verdicts, by subject label. */
const statuses = (policy: PolicyName, s: AccountState, options?: RuleOptions): Record<string, Status> =>
  Object.fromEntries(run(policy, s, options).map((v) => [v.subject.label, v.status]));
const only = (policy: PolicyName, s: AccountState, options?: RuleOptions): Verdict => {
  const vs = run(policy, s, options);
  assert.equal(vs.length, 1, `${policy}: exactly one verdict, got ${vs.map((v) => v.subject.label).join(", ")}`);
  return vs[0];
};
const codes = (v: Verdict): string[] => v.gaps.map((g) => g.code);

const EVERY_POLICY = Object.keys(rules) as PolicyName[];

describe("domain rules", () => {
  it("pass every control on the compliant account, with a verdict per subject and no gap", () => {
    for (const policy of EVERY_POLICY) {
      for (const v of run(policy, state())) {
        assert.equal(v.status, "pass", `${policy} ${v.subject.label}: ${JSON.stringify(v.gaps)} ${v.unknowns.join("; ")}`);
        assert.deepEqual(v.gaps, []);
      }
    }
    assert.deepEqual(statuses("config-enabled-all-regions", state()), { "region us-east-1": "pass", "region eu-north-1": "pass", [`account ${ACCOUNT}`]: "pass" });
  });

  describe("cloudtrail-multi-region-enabled (2.1)", () => {
    const withSelectors = (selectors: ReturnType<typeof classic>) => state({ trails: [trail({ selectors: known(selectors) })] });

    it("S1: fails a classic selector that excludes management event sources (Security Hub CloudTrail.1 does)", () => {
      const v = only("cloudtrail-multi-region-enabled", withSelectors(classic({ excludeManagementEventSources: ["kms.amazonaws.com"] })));
      assert.equal(v.status, "fail");
      assert.deepEqual(codes(v), ["trail.managementEvents.excluded"]);
      assert.match(v.gaps[0].problem, /^main: management events from kms.amazonaws.com are excluded$/);
    });

    it("S2: fails an advanced management selector that also filters on eventSource; passes one on eventCategory alone", () => {
      const filtered = advanced([field("eventCategory", { equals: ["Management"] }), field("eventSource", { notEquals: ["kms.amazonaws.com"] })]);
      assert.deepEqual(codes(only("cloudtrail-multi-region-enabled", withSelectors(filtered))), ["trail.managementEvents.filtered"]);
      assert.equal(only("cloudtrail-multi-region-enabled", withSelectors(advanced([field("eventCategory", { equals: ["Management"] })]))).status, "pass");
    });

    it("S3: fails read and write management events from two selectors; one selector must record both", () => {
      const v = only("cloudtrail-multi-region-enabled", withSelectors(classic({ readWriteType: "ReadOnly" }, { readWriteType: "WriteOnly" })));
      assert.deepEqual(codes(v), ["trail.managementEvents.split"]);
    });

    it("fails a single-region, a stopped trail, and one without global events; fails an account without trails", () => {
      for (const [patch, code] of [
        [{ multiRegion: known(false) }, "trail.notMultiRegion"], [{ logging: known(false) }, "trail.notLogging"],
        [{ globalServiceEvents: known(false) }, "trail.noGlobalServiceEvents"],
      ] as const) {
        assert.deepEqual(codes(only("cloudtrail-multi-region-enabled", state({ trails: [trail(patch)] }))), [code]);
      }
      assert.deepEqual(codes(only("cloudtrail-multi-region-enabled", state({ trails: [] }))), ["trail.none"]);
    });

    it("passes when one trail qualifies, whatever the others; unknown (not fail) while a region's trails could not be listed", () => {
      const second = trail({ ref: "t2", name: "second", multiRegion: known(false) });
      assert.equal(only("cloudtrail-multi-region-enabled", state({ trails: [second, trail()] })).status, "pass");
      const v = only("cloudtrail-multi-region-enabled", state({ trails: [second], trailListingUnknown: new Map([["eu-north-1", "AccessDenied"]]) }));
      assert.equal(v.status, "unknown");
      assert.deepEqual(v.unknowns, ["the trails of eu-north-1 could not be listed: AccessDenied"]);
    });
  });

  describe("per-trail controls (2.2, 2.4, 2.7)", () => {
    it("S8: are not applicable on an account without a trail (the multi-region control fails once)", () => {
      for (const policy of ["cloudtrail-log-file-validation-enabled", "cloudtrail-cloudwatch-logs-enabled", "cloudtrail-kms-encryption-enabled",
        "cloudtrail-bucket-not-public", "cloudtrail-bucket-access-logging-enabled"] as const) {
        assert.equal(only(policy, state({ trails: [] })).status, "notApplicable", policy);
      }
    });

    it("judge every trail: validation off and no KMS key fail that trail only", () => {
      const off = trail({ ref: "t2", name: "other", logFileValidation: known(false), kmsKeyId: known(null) });
      assert.deepEqual(statuses("cloudtrail-log-file-validation-enabled", state({ trails: [trail(), off] })), { "trail main": "pass", "trail other": "fail" });
      assert.deepEqual(statuses("cloudtrail-kms-encryption-enabled", state({ trails: [trail(), off] })), { "trail main": "pass", "trail other": "fail" });
    });

    it("S9: are unknown for a region whose trails could not be listed, whatever the other trails say", () => {
      const s = state({ trailListingUnknown: new Map([["eu-north-1", "AccessDenied"]]) });
      assert.deepEqual(statuses("cloudtrail-log-file-validation-enabled", s), { "trails of eu-north-1": "unknown", "trail main": "pass" });
    });

    it("count a value computed at apply time (an ARN output during preview) as set", () => {
      const t = trail({ kmsKeyId: computed("urn:key"), cloudWatch: { ...trail().cloudWatch, groupArn: computed("urn:group"), roleArn: computed("urn:role") } });
      assert.equal(only("cloudtrail-kms-encryption-enabled", state({ trails: [t] })).status, "pass");
      assert.equal(only("cloudtrail-cloudwatch-logs-enabled", state({ trails: [t] })).status, "pass");
    });
  });

  describe("cloudtrail-cloudwatch-logs-enabled (2.4)", () => {
    const cw = (patch: Partial<ReturnType<typeof trail>["cloudWatch"]>, since = hoursAgo(1000)) =>
      state({ trails: [trail({ loggingSince: known(since), cloudWatch: { ...trail().cloudWatch, ...patch } })] });

    it("S17: fails a last delivery older than 24 hours; a trail that never delivered is pending for 24 hours, then fails", () => {
      assert.deepEqual(codes(only("cloudtrail-cloudwatch-logs-enabled", cw({ lastDelivery: known(hoursAgo(30)) }))), ["trail.cloudWatch.stale"]);
      const pending = only("cloudtrail-cloudwatch-logs-enabled", cw({ lastDelivery: known(null) }, hoursAgo(2)));
      assert.equal(pending.status, "unknown");
      assert.match(pending.unknowns[0], /^pending: the trail has not delivered to CloudWatch Logs yet/);
      assert.deepEqual(codes(only("cloudtrail-cloudwatch-logs-enabled", cw({ lastDelivery: known(null) }, hoursAgo(25)))), ["trail.cloudWatch.neverDelivered"]);
    });

    it("S18: a delivery error beside a fresh delivery is a note, not a fail", () => {
      const v = only("cloudtrail-cloudwatch-logs-enabled", cw({ lastError: known("AccessDenied") }));
      assert.equal(v.status, "pass");
      assert.match(v.notes[0].text, /AccessDenied/);
    });

    it("S19: fails a log group ARN without :*, and no group or role; judges configuration only where runtime state is not visible", () => {
      assert.deepEqual(codes(only("cloudtrail-cloudwatch-logs-enabled", cw({ groupArn: known(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g`) }))), ["trail.cloudWatch.suffix"]);
      assert.deepEqual(codes(only("cloudtrail-cloudwatch-logs-enabled", cw({ groupArn: known(null), roleArn: known(null) }))),
        ["trail.cloudWatch.missing", "trail.cloudWatch.missing"]);
      const stack = cw({ lastDelivery: notVisible("runtime state"), lastError: notVisible("runtime state") });
      assert.equal(only("cloudtrail-cloudwatch-logs-enabled", { ...stack, now: undefined }).status, "pass");
    });
  });

  describe("cloudtrail-bucket-not-public (2.3) and access logging (2.6)", () => {
    const withBucket = (patch: Parameters<typeof bucket>[0], account: AccountState["accountPublicAccessBlock"] = known(null)) =>
      state({ buckets: new Map([["trail-bucket", bucket(patch)]]), accountPublicAccessBlock: account });
    const ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

    it("S10: counts the account-level block per setting, with a note; fails when neither level blocks everything", () => {
      const viaAccount = only("cloudtrail-bucket-not-public", withBucket({ publicAccessBlock: known(null) }, known(ALL)));
      assert.equal(viaAccount.status, "pass");
      assert.match(viaAccount.notes[0].text, /account-level public access block/);
      const partial = only("cloudtrail-bucket-not-public", withBucket({ publicAccessBlock: known({ ...ALL, restrictPublicBuckets: false }) }));
      assert.deepEqual(codes(partial), ["bucket.publicAccessBlock"]);
      assert.match(partial.gaps[0].problem, /restrictPublicBuckets/);
      assert.equal(only("cloudtrail-bucket-not-public", withBucket({ publicAccessBlock: known(null) }, unknown("s3control denied"))).status, "unknown");
    });

    it("S11/S12: fails Allow \"*\" even with a condition, NotPrincipal, any account's root; passes named principals and Deny \"*\"", () => {
      const policyOf = (statements: object[]) => withBucket({ policy: known({ kind: "document", statements: statements as never }) });
      for (const s of [
        { effect: "Allow", principal: "*", condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } },
        { effect: "Allow", principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] } },
        { effect: "Allow", principal: { AWS: "arn:aws:iam::*:root" } },
        { effect: "Allow", notPrincipal: { AWS: "arn:aws:iam::111122223333:root" } },
        { effect: "Allow", principal: { CanonicalUser: "*" } },
      ]) {
        assert.deepEqual(codes(only("cloudtrail-bucket-not-public", policyOf([s]))), ["bucket.publicPolicy"], JSON.stringify(s));
      }
      assert.equal(only("cloudtrail-bucket-not-public", policyOf([{ effect: "Deny", principal: "*" }, { effect: "Allow", principal: { AWS: "arn:aws:iam::111122223333:root" } }])).status, "pass");
    });

    it("S13/S14: fails public ACL grants (AuthenticatedUsers too) and a policy that is not valid", () => {
      assert.deepEqual(codes(only("cloudtrail-bucket-not-public", withBucket({ publicGrants: known([{ grantee: "AuthenticatedUsers", permission: "READ" }]) }))), ["bucket.publicAcl"]);
      assert.deepEqual(codes(only("cloudtrail-bucket-not-public", withBucket({ policy: known({ kind: "invalid", problem: "Unexpected token" }) }))), ["bucket.invalidPolicy"]);
    });

    it("S15: does not judge a bucket of another account, or one this adapter cannot see", () => {
      for (const policy of ["cloudtrail-bucket-not-public", "cloudtrail-bucket-access-logging-enabled"] as const) {
        const foreign = only(policy, withBucket({ inThisAccount: known(false) }));
        assert.equal(foreign.status, "notJudgedHere");
        assert.match(String(foreign.reason), /another account/);
        assert.equal(only(policy, withBucket({ inThisAccount: notVisible("the bucket is not in this stack") })).status, "notJudgedHere");
      }
    });

    it("S16: a trail whose bucket is not known yet (or computed by this update) is unknown for both bucket controls, never a silent pass", () => {
      for (const policy of ["cloudtrail-bucket-not-public", "cloudtrail-bucket-access-logging-enabled"] as const) {
        for (const bucketName of [unknown<string | null>("string value at .s3BucketName can't be known during preview"), computed<string | null>("urn:bucket")]) {
          const v = only(policy, state({ trails: [trail({ bucketName })] }));
          assert.equal(v.status, "unknown", `${policy} ${bucketName.kind}`);
          assert.equal(v.subject.label, "trail main");
          assert.match(v.unknowns[0], /^which bucket the trail delivers to: /);
        }
        const hidden = only(policy, state({ trails: [trail({ bucketName: notVisible("the trail names its bucket elsewhere") })] }));
        assert.deepEqual([hidden.status, hidden.reason], ["notJudgedHere", "the trail names its bucket elsewhere"]);
      }
    });

    it("S29: fails access logging that is off or delivered into the bucket itself", () => {
      assert.deepEqual(codes(only("cloudtrail-bucket-access-logging-enabled", withBucket({ logging: known(null) }))), ["bucket.logging.off"]);
      assert.deepEqual(codes(only("cloudtrail-bucket-access-logging-enabled", withBucket({ logging: known({ targetBucket: "trail-bucket" }) }))), ["bucket.logging.self"]);
    });
  });

  describe("config-enabled-all-regions (2.5)", () => {
    const withRegions = (...configs: ReturnType<typeof regionConfig>[]) =>
      state({ scope: { regions: configs.map((c) => c.region), origin: "account" }, config: new Map(configs.map((c) => [c.region, c])) });
    const GLOBAL = { includeGlobal: known(true) };

    it("fails a region without a recorder, one not recording, one not recording all types, one without a topic", () => {
      const s = withRegions(
        regionConfig("us-east-1", GLOBAL),
        regionConfig("eu-west-1", {}, { recorders: known([]) }),
        regionConfig("eu-west-2", { recording: known(false) }),
        regionConfig("eu-west-3", { allSupported: known(false) }),
        regionConfig("eu-north-1", {}, { channels: known([{ ref: "c", s3Bucket: known("b"), snsTopic: known(null), failedDeliveries: known([]) }]) }),
      );
      const byRegion = Object.fromEntries(run("config-enabled-all-regions", s).map((v) => [v.subject.label, codes(v)]));
      assert.deepEqual(byRegion, {
        "region us-east-1": [], "region eu-west-1": ["config.recorder.missing"], "region eu-west-2": ["config.recorder.stopped"],
        "region eu-west-3": ["config.recorder.partial"], "region eu-north-1": ["config.channel.noTopic"], [`account ${ACCOUNT}`]: [],
      });
    });

    it("S20: passes global types recorded in several regions; S21: counts them only from a working recorder", () => {
      assert.deepEqual(statuses("config-enabled-all-regions", withRegions(regionConfig("us-east-1", GLOBAL), regionConfig("eu-north-1", GLOBAL))),
        { "region us-east-1": "pass", "region eu-north-1": "pass", [`account ${ACCOUNT}`]: "pass" });
      const broken = run("config-enabled-all-regions", withRegions(regionConfig("us-east-1", { ...GLOBAL, recording: known(false) }), regionConfig("eu-north-1")));
      assert.deepEqual(broken.map((v) => [v.subject.label, v.status]), [["region us-east-1", "fail"], ["region eu-north-1", "pass"], [`account ${ACCOUNT}`, "fail"]]);
      assert.match(broken[2].gaps[0].problem, /recorded only in us-east-1, whose recorder is not working/);
      assert.deepEqual(codes(run("config-enabled-all-regions", withRegions(regionConfig("us-east-1")))[1]), ["config.global.none"]);
    });

    it("fails global types in a region AWS Config reached after February 2022", () => {
      const v = run("config-enabled-all-regions", withRegions(regionConfig("us-east-1", GLOBAL), regionConfig("me-central-1", GLOBAL)));
      assert.deepEqual(codes(v[1]), ["config.global.ineligibleRegion"]);
    });

    it("S22: a recorder on another role than AWSServiceRoleForConfig passes with a Security Hub note, and fails under strict securityHub", () => {
      const s = withRegions(regionConfig("us-east-1", { ...GLOBAL, roleArn: known(`arn:aws:iam::${ACCOUNT}:role/config-recorder`) }));
      const relaxed = run("config-enabled-all-regions", s)[0];
      assert.equal(relaxed.status, "pass");
      assert.match(relaxed.notes[0].text, /includeConfigServiceLinkedRoleCheck/);
      assert.deepEqual(codes(run("config-enabled-all-regions", s, { strict: ["securityHub"] })[0]), ["config.role.notServiceLinked"]);
    });

    it("S23: Pending is not recording (undecided), Pending for over 24 hours fails, Failure fails", () => {
      const status = (lastStatus: ReturnType<typeof recorder>["lastStatus"]) => run("config-enabled-all-regions", withRegions(regionConfig("us-east-1", { ...GLOBAL, lastStatus })))[0];
      assert.equal(status(known({ status: "Pending", since: hoursAgo(1) })).status, "unknown");
      assert.deepEqual(codes(status(known({ status: "Pending", since: hoursAgo(30) }))), ["config.recorder.failing"]);
      assert.deepEqual(codes(status(known({ status: "Failure" }))), ["config.recorder.failing"]);
    });

    it("S25/S27: fails failed deliveries; a region with only a service-linked recorder fails with a note", () => {
      const failing = regionConfig("us-east-1", GLOBAL, { channels: known([{ ref: "c", s3Bucket: known("b"), snsTopic: known("t"), failedDeliveries: known(["history: AccessDenied"]) }]) });
      assert.deepEqual(codes(run("config-enabled-all-regions", withRegions(failing))[0]), ["config.channel.deliveryFailed"]);
      const linkedOnly = regionConfig("us-east-1", {}, { recorders: known([]), serviceLinkedRecorders: known(["AWSConfigurationRecorderForSecurityHub"]) });
      const v = run("config-enabled-all-regions", withRegions(linkedOnly))[0];
      assert.deepEqual(codes(v), ["config.recorder.missing"]);
      assert.match(v.notes[0].text, /service-linked recorder AWSConfigurationRecorderForSecurityHub/);
    });

    it("is not applicable when no region is in scope (a stack of global IAM resources only), instead of failing the global types", () => {
      const v = only("config-enabled-all-regions", state({ scope: { regions: [], origin: "stack" }, config: new Map() }));
      assert.equal(v.status, "notApplicable");
      assert.equal(v.reason, "no region is in scope");
    });

    it("treats a region in scope with no AWS Config state at all as failing", () => {
      const s = state({ scope: { regions: ["us-east-1", "eu-north-1", "ap-east-1"], origin: "account" } });
      assert.deepEqual(codes(run("config-enabled-all-regions", s)[2]), ["config.recorder.missing", "config.channel.missing"]);
    });
  });

  describe("kms-key-rotation-enabled (2.8)", () => {
    it("fails an enabled symmetric customer key without rotation", () => {
      assert.deepEqual(codes(only("kms-key-rotation-enabled", state({ keys: [key({ rotation: known(false) })] }))), ["key.rotation"]);
    });

    it("S30-S32: is not applicable to AWS managed, disabled, asymmetric, imported and custom-key-store keys; the last two with a Prowler note", () => {
      for (const [patch, note] of [
        [{ manager: "AWS" as const }, false], [{ state: known("Disabled") }, false], [{ spec: known("RSA_2048") }, false],
        [{ usage: known("GENERATE_VERIFY_MAC") }, false], [{ origin: known("EXTERNAL" as const) }, true], [{ origin: known("AWS_CLOUDHSM" as const) }, true],
      ] as const) {
        const v = only("kms-key-rotation-enabled", state({ keys: [key({ ...patch, rotation: known(false) })] }));
        assert.equal(v.status, "notApplicable", JSON.stringify(patch));
        assert.equal(v.notes.some((n) => n.basis === "prowler"), note, JSON.stringify(patch));
      }
    });
  });

  describe("vpc-flow-logs-enabled (2.9)", () => {
    const withLogs = (...logs: ReturnType<typeof flowLog>[]) => state({ flowLogsByVpc: new Map([["us-east-1/vpc-1", logs]]) });

    it("fails a VPC without a flow log, with an ACCEPT-only log, with an inactive or failing log, and a CloudWatch log without role", () => {
      assert.deepEqual(codes(only("vpc-flow-logs-enabled", withLogs())), ["vpc.flowLog.missing"]);
      for (const patch of [{ trafficType: known("ACCEPT") }, { active: known(false) }, { deliveryFailed: known("Access error") },
        { destinationType: known("cloud-watch-logs"), roleArn: known(null) }]) {
        assert.deepEqual(codes(only("vpc-flow-logs-enabled", withLogs(flowLog(patch)))), ["vpc.flowLog.unusable"], JSON.stringify(patch));
      }
    });

    it("S35: one good flow log passes the VPC beside an ACCEPT-only one; ALL carries a Security Hub note", () => {
      const v = only("vpc-flow-logs-enabled", withLogs(flowLog({ ref: "fl-accept", trafficType: known("ACCEPT") }), flowLog()));
      assert.equal(v.status, "pass");
      assert.match(v.notes[0].text, /EC2.6 names REJECT/);
      assert.deepEqual(only("vpc-flow-logs-enabled", withLogs(flowLog({ trafficType: known("REJECT") }))).notes, []);
    });

    it("S38: does not judge a VPC shared in by another owner; its owner's responsibility", () => {
      const v = only("vpc-flow-logs-enabled", state({ vpcs: [vpc({ ownerAccount: known("444455556666") })], flowLogsByVpc: new Map() }));
      assert.equal(v.status, "notJudgedHere");
      assert.match(String(v.reason), /^shared into this account by 444455556666 \(AWS RAM\): only its owner can create its flow log$/);
    });

    it("S38: fails a flow log declared on a shared-in VPC, at that flow log (AWS refuses to create it for a participant)", () => {
      const shared = vpc({ ownerAccount: known("444455556666") });
      const v = only("vpc-flow-logs-enabled", state({ vpcs: [shared], flowLogsByVpc: new Map([["us-east-1/vpc-1", [flowLog({ ref: "fl-shared" })]]]) }));
      assert.equal(v.status, "fail");
      assert.deepEqual(v.gaps.map((g) => [g.code, g.at?.kind, g.at?.ref]), [["vpc.flowLog.onSharedVpc", "flowLog", "fl-shared"]]);
      assert.match(v.gaps[0].problem, /which 444455556666 shares into this account \(AWS RAM\); only the VPC's owner can create its flow logs/);
    });

    it("is unknown, not 'not judged here', for a shared-in VPC while a flow log of its region could not be placed (it may be on it)", () => {
      const v = only("vpc-flow-logs-enabled", state({
        vpcs: [vpc({ ownerAccount: known("444455556666") })], flowLogsByVpc: new Map(), unplacedFlowLogs: new Map([["us-east-1", "vpcId not known"]]),
      }));
      assert.deepEqual([v.status, v.unknowns], ["unknown", ["whether a flow log is declared on this shared VPC: vpcId not known"]]);
    });

    it("is unknown, not failing, when the VPC's owner is unknown (it may be shared in); not judged here when the owner cannot be seen", () => {
      const v = only("vpc-flow-logs-enabled", state({ vpcs: [vpc({ ownerAccount: unknown("Array value at .sharedVpcIds can't be known during preview") })], flowLogsByVpc: new Map() }));
      assert.equal(v.status, "unknown");
      assert.deepEqual(v.unknowns, ["whose VPC it is: Array value at .sharedVpcIds can't be known during preview"]);
      const hidden = only("vpc-flow-logs-enabled", state({ vpcs: [vpc({ ownerAccount: notVisible("the component publishes no VPC list") })], flowLogsByVpc: new Map() }));
      assert.deepEqual([hidden.status, hidden.reason], ["notJudgedHere", "the component publishes no VPC list"]);
      assert.equal(only("vpc-flow-logs-enabled", state({ vpcs: [vpc({ ownerAccount: unknown("preview") })] })).status, "pass", "a good flow log decides it whoever owns the VPC");
    });

    it("passes a VPC without flow log where the stack leaves flow logs to a complete AWS mechanism, and names a missing one", () => {
      const covered = (mechanism: string | null) => state({
        flowLogsByVpc: new Map(),
        flowLogCoverage: new Map([["us-east-1", known({ mode: "telemetryRule", mechanism, missing: "the stack has no telemetry rule for VPC flow logs in us-east-1" })]]),
      });
      const pass = only("vpc-flow-logs-enabled", covered("the telemetry rule cis-vpc-flow-logs"));
      assert.equal(pass.status, "pass");
      assert.match(pass.notes[0].text, /^covered by the telemetry rule cis-vpc-flow-logs, which creates the VPC's flow log after deployment; npm run audit checks the flow log itself$/);
      const fail = only("vpc-flow-logs-enabled", covered(null));
      assert.deepEqual(codes(fail), ["vpc.flowLog.coverageMissing"]);
      assert.equal(fail.gaps[0].problem, "the stack leaves this region's flow logs to telemetryRule, but the stack has no telemetry rule for VPC flow logs in us-east-1");
      assert.equal(only("vpc-flow-logs-enabled", state({ flowLogsByVpc: new Map(), flowLogCoverage: new Map([["us-east-1", unknown("preview")]]) })).status, "unknown");
      // A VPC with a good flow log of its own passes whatever the region's mechanism.
      assert.equal(only("vpc-flow-logs-enabled", state({ flowLogCoverage: new Map([["us-east-1", known({ mode: "telemetryRule", mechanism: null })]]) })).status, "pass");
    });

    it("is unknown, not failing, while flow logs of the region could not be placed on a VPC (preview)", () => {
      const v = only("vpc-flow-logs-enabled", state({ flowLogsByVpc: new Map(), unplacedFlowLogs: new Map([["us-east-1", "a flow log's vpcId is not known during preview"]]) }));
      assert.equal(v.status, "unknown");
    });
  });

  describe("S3 data events (3.10, 3.11)", () => {
    const data = (selectors: ReturnType<typeof classic>) => state({ trails: [trail({ selectors: known(selectors) })] });
    const both = (s: AccountState) => [only("cloudtrail-s3-data-events-write-enabled", s).status, only("cloudtrail-s3-data-events-read-enabled", s).status];
    const S3 = field("resources.type", { equals: ["AWS::S3::Object"] });
    const DATA = field("eventCategory", { equals: ["Data"] });

    it("S40: passes arn:aws:s3 and arn:aws:s3::: for all buckets; fails arn:aws:s3:::*/* and a bucket-scoped value", () => {
      for (const value of ["arn:aws:s3", "arn:aws:s3:::"]) {
        assert.deepEqual(both(data(classic({ dataResources: [{ type: "AWS::S3::Object", values: [value] }] }))), ["pass", "pass"], value);
      }
      for (const value of ["arn:aws:s3:::*/*", "arn:aws:s3:::one-bucket/"]) {
        assert.deepEqual(both(data(classic({ dataResources: [{ type: "AWS::S3::Object", values: [value] }] }))), ["fail", "fail"], value);
      }
    });

    it("judges the direction: WriteOnly passes writes only, ReadOnly reads only", () => {
      const dr = [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }];
      assert.deepEqual(both(data(classic({}, { readWriteType: "WriteOnly", includeManagementEvents: false, dataResources: dr }))), ["pass", "fail"]);
      assert.deepEqual(both(data(classic({}, { readWriteType: "ReadOnly", includeManagementEvents: false, dataResources: dr }))), ["fail", "pass"]);
    });

    it("S41/S43: advanced StartsWith arn:aws:s3::: is all buckets; readOnly NotEquals true selects writes", () => {
      assert.deepEqual(both(data(advanced([DATA, S3, field("resources.ARN", { startsWith: ["arn:aws:s3:::"] })]))), ["pass", "pass"]);
      assert.deepEqual(both(data(advanced([DATA, S3, field("readOnly", { notEquals: ["true"] })]))), ["pass", "fail"]);
    });

    it("S42: passes excluding the account's own trail bucket, with a note; fails excluding any other bucket", () => {
      const self = data(advanced([DATA, S3, field("resources.ARN", { notStartsWith: ["arn:aws:s3:::trail-bucket/"] })]));
      assert.deepEqual(both(self), ["pass", "pass"]);
      assert.match(only("cloudtrail-s3-data-events-read-enabled", self).notes[0].text, /S3.22\/S3.23/);
      assert.deepEqual(both(data(advanced([DATA, S3, field("resources.ARN", { notStartsWith: ["arn:aws:s3:::payroll/"] })]))), ["fail", "fail"]);
    });

    it("S44: fails data events on a single-region or stopped trail", () => {
      assert.deepEqual(both(state({ trails: [trail({ multiRegion: known(false) })] })), ["fail", "fail"]);
      assert.deepEqual(both(state({ trails: [trail({ logging: known(false) })] })), ["fail", "fail"]);
    });
  });

  describe("unknowns", () => {
    it("never turn a fail into a pass: a proven gap fails while other facts are unknown", () => {
      const t = trail({ logFileValidation: known(false), kmsKeyId: unknown("preview") });
      assert.equal(only("cloudtrail-log-file-validation-enabled", state({ trails: [t] })).status, "fail");
      const v = only("cloudtrail-bucket-access-logging-enabled", state({ buckets: new Map([["trail-bucket", bucket({ logging: known(null), policy: unknown("denied") })]]) }));
      assert.equal(v.status, "fail");
    });

    it("turn a pass into unknown, never into fail", () => {
      assert.equal(only("cloudtrail-kms-encryption-enabled", state({ trails: [trail({ kmsKeyId: unknown("DescribeTrails denied") })] })).status, "unknown");
      assert.equal(only("kms-key-rotation-enabled", state({ keys: [key({ rotation: unknown("GetKeyRotationStatus denied") })] })).status, "unknown");
    });
  });
});
