import * as assert from "assert";
import { cloudtrailCloudwatchLogsEnabled as policy } from "../../../policy-pack/policies/cloudtrail-cloudwatch-logs-enabled";
import { key, patched, trail, trailInputs } from "../fixtures";
import { detail, runResourcePolicy, unknownValue } from "../harness";

const subject = 'aws:cloudtrail/trail:Trail "baseline-trail" [CIS 1.2.0 2.4, Security Hub CloudTrail.5]';
const fix = "Fix: set cloudWatchLogsGroupArn (with :*) and cloudWatchLogsRoleArn.";
const noGroup = `${subject}: no CloudWatch Logs log group is set. ${fix}`;
const noRole = `${subject}: no role for CloudWatch Logs is set. ${fix}`;

describe("policy cloudtrail-cloudwatch-logs-enabled", () => {
  it("passes a trail with a log group ARN ending in :* and a role", async () => {
    assert.deepStrictEqual(await runResourcePolicy(policy, trail()), { diagnostics: [], notApplicable: [] });
  });

  it("is advisory by default: a trail without a log group is reported at level advisory", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { cloudWatchLogsGroupArn: undefined })));
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [["advisory", noGroup]]);
  });

  it("reports a missing role", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { cloudWatchLogsRoleArn: undefined })));
    assert.deepStrictEqual(diagnostics.map(detail), [noRole]);
  });

  it("reports both in one violation when neither is set, as mandatory when configured so", async () => {
    const { diagnostics } = await runResourcePolicy(
      policy,
      trail(patched(trailInputs, { cloudWatchLogsGroupArn: undefined, cloudWatchLogsRoleArn: undefined })),
      { [policy.name]: { enforcementLevel: "mandatory" } },
    );
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
      ["mandatory", `${subject}: no CloudWatch Logs log group is set; no role for CloudWatch Logs is set. ${fix}`],
    ]);
  });

  it("reports a log group ARN without the :* wildcard CloudTrail requires", async () => {
    const arn = "arn:aws:logs:us-east-1:123456789012:log-group:baseline-trail";
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { cloudWatchLogsGroupArn: arn })));
    assert.deepStrictEqual(diagnostics.map(detail), [
      `${subject}: the log group ARN ${arn} lacks the :* CloudTrail requires. Fix: end cloudWatchLogsGroupArn with :* (pulumi.interpolate\`\${group.arn}:*\`).`,
    ]);
  });

  it("says the control is not in CIS 3.0.0 when that version is selected, naming where it was", async () => {
    const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, { cloudWatchLogsRoleArn: undefined })), { [policy.name]: { cisVersion: "3.0.0" } });
    assert.deepStrictEqual(diagnostics.map(detail), [noRole.replace("CIS 1.2.0 2.4", "not in CIS 3.0.0; CIS 1.2.0 2.4")]);
  });

  it("is not applicable to an aws.kms.Key", async () => {
    assert.deepStrictEqual((await runResourcePolicy(policy, key())).notApplicable, ["Policy only applies to resources of type 'aws:cloudtrail/trail:Trail'"]);
  });

  it("treats unknown ARNs (log group and role created in the same update) as set", async () => {
    const outcome = await runResourcePolicy(policy, trail(patched(trailInputs, { cloudWatchLogsGroupArn: unknownValue.string, cloudWatchLogsRoleArn: unknownValue.string })));
    assert.deepStrictEqual(outcome.diagnostics, []);
  });
});
