import * as assert from "assert";
import { organizationTrailEnabled as policy } from "../../../policy-pack/policies/organization-trail-enabled";
import { compliantStack, urnByName, withResource } from "../fixtures";
import { detail, runStackPolicy, unknownValue } from "../harness";
import { organizationStack, replaced, stackSet } from "../organizationFixtures";

const trail = 'aws:cloudtrail/trail:Trail "baseline-trail" [organization mode: CIS 1.2.0 2.1, 2.2, 2.4, 2.7]';
const lead = "no organization trail of the stack has every setting of the baseline";

describe("policy organization-trail-enabled", () => {
  it("passes the compliant organization stack", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, organizationStack()), { diagnostics: [], notApplicable: [] });
  });

  it("says nothing on a single-account stack (no organization trail, no service-managed StackSet)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("fails a StackSet-declared organization stack without an organization trail, against the stack, naming the evidence", async () => {
    const stack = withResource(organizationStack(), "baseline-trail", { isOrganizationTrail: false });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [[
      "mandatory", undefined,
      "stack [organization mode: CIS 1.2.0 2.1, 2.2, 2.4, 2.7]: the stack is in organization mode (the service-managed StackSet cis-logging-config-recorders of AWS Config recorders) but has no organization trail (isOrganizationTrail: true), so member accounts are not logged. Fix: set mode: organization's organization trail (an aws.cloudtrail.Trail with isOrganizationTrail: true, from the management account or a delegated administrator).",
    ]]);
  });

  const cases: [string, Record<string, unknown>, string, string][] = [
    ["a single-region organization trail", { isMultiRegionTrail: false }, "it is a single-region trail", "set isMultiRegionTrail: true"],
    ["an organization trail without log file validation", { enableLogFileValidation: false }, "log file validation is off", "set enableLogFileValidation: true"],
    ["an organization trail without a KMS key", { kmsKeyId: undefined }, "its log files are not encrypted with a KMS key (SSE-KMS)", "set kmsKeyId to a customer-managed key"],
    ["an organization trail without CloudWatch Logs", { cloudWatchLogsGroupArn: undefined, cloudWatchLogsRoleArn: undefined },
      "no CloudWatch Logs log group is set; baseline-trail: no role for CloudWatch Logs is set", "set cloudWatchLogsGroupArn (with :*) and cloudWatchLogsRoleArn"],
    ["an organization trail that is not logging", { enableLogging: false }, "it is not logging", "set enableLogging: true"],
  ];
  for (const [what, patch, problem, fix] of cases) {
    it(`fails ${what}, on the trail, naming the setting`, async () => {
      const stack = withResource(organizationStack(), "baseline-trail", patch);
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [
        ["mandatory", urnByName(stack, "baseline-trail"), `${trail}: ${lead}; baseline-trail: ${problem}. Fix: ${fix}.`],
      ]);
    });
  }

  it("fails an organization trail without S3 data events, naming both directions", async () => {
    const stack = withResource(organizationStack(), "baseline-trail", { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] });
    const [message, ...rest] = (await runStackPolicy(policy, stack)).diagnostics.map(detail);
    assert.deepStrictEqual(rest, []);
    assert.match(message, /^aws:cloudtrail\/trail:Trail "baseline-trail" \[organization mode: CIS 1\.2\.0 2\.1, 2\.2, 2\.4, 2\.7\]: no organization trail .*baseline-trail: .*write.*; baseline-trail: .*read.*\. Fix: set cloudTrail\.s3DataEvents/);
  });

  it("cites the CIS controls of the selected version, data events included from 1.4.0 on", async () => {
    const stack = withResource(organizationStack(), "baseline-trail", { enableLogFileValidation: false });
    const [d] = (await runStackPolicy(policy, stack, { [policy.name]: { cisVersion: "1.4.0" } })).diagnostics;
    assert.match(detail(d), /\[organization mode: CIS 1\.4\.0 3\.1, 3\.2, 3\.4, 3\.7, 3\.10, 3\.11\]/);
  });

  it("notes, without failing, an organization trail whose validation is unknown in a preview", async () => {
    const stack = withResource(organizationStack(), "baseline-trail", { enableLogFileValidation: unknownValue.boolean });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [[
      "advisory", `stack [organization mode: CIS 1.2.0 2.1, 2.2, 2.4, 2.7]: cannot verify the organization trail during preview (baseline-trail: boolean value at .enableLogFileValidation can't be known during preview); the update re-checks it.`,
    ]]);
  });

  it("notes, without failing, a stack whose only evidence of organization mode (isOrganizationTrail) is unknown in a preview", async () => {
    const stack = replaced(withResource(organizationStack(), "baseline-trail", { isOrganizationTrail: unknownValue.boolean }), "config-stackset",
      stackSet({ permissionModel: "SELF_MANAGED" }));
    const diagnostics = (await runStackPolicy(policy, stack)).diagnostics;
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(detail(diagnostics[0]), /cannot verify the organization trail during preview \(whether the stack is in organization mode: whether baseline-trail is an organization trail\)/);
  });
});
