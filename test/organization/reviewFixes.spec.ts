/**
 * The findings of the real-AWS review of organization mode (review A2, A4, A5; A1/A3 in delegatedAdmin.spec.ts), each
 * with the setting that would fail on AWS.
 */
import { strict as assert } from "assert";
import { SAMPLE_LOG_ARCHIVE_ACCOUNT, SAMPLE_ROOT_ID, sampleOrganization } from "../../offline/sampleOrganization";
import { REQUIRED_SERVICE_ACCESS } from "../../organizationDiscovery";
import { mockAccount } from "../setup/pulumiMocks";
import { ORG_CONFIG, runOrganization } from "./orgHarness";

const RULE = "aws:cfg/organizationManagedRule:OrganizationManagedRule";
const MGMT = "111122223333";
const principals = REQUIRED_SERVICE_ACCESS.map((s) => s.principal);

describe("organization/review fixes", () => {
  describe("A2: organization rules exclude the accounts without a recorder from this stack", () => {
    it("excludes nothing when the management account runs the stack and the StackSet targets the root", async () => {
      const run = await runOrganization();
      const rules = run.ofType(RULE);
      assert.ok(rules.length > 0);
      for (const r of rules) {
        assert.equal(r.inputs.excludedAccounts, undefined, r.name);
      }
      assert.deepEqual(run.outputs.ruleExcludedAccounts, []);
    });

    it("excludes the management account when a delegated administrator runs the stack (it has no recorder from it)", async () => {
      const management = "999900001111";
      const org = sampleOrganization(3, { managementAccountId: management, accountIds: [management, MGMT, SAMPLE_LOG_ARCHIVE_ACCOUNT, "300000000000"] });
      const run = await runOrganization({ mode: "organization", organization: { logArchiveAccountId: SAMPLE_LOG_ARCHIVE_ACCOUNT, logArchiveRoleName: "LogArchiveDeployer" } }, org);
      for (const r of run.ofType(RULE)) {
        assert.deepEqual(r.inputs.excludedAccounts, [management], r.name);
      }
    });

    it("excludes the accounts outside the target OUs, as Organizations lists them, in one list whatever their number", async () => {
      const ou = "ou-a1b2-11111111";
      const org = sampleOrganization(5, { accountsByOrganizationalUnit: { [ou]: [SAMPLE_LOG_ARCHIVE_ACCOUNT, "300000000000", "300000000001"] } });
      const run = await runOrganization({ mode: "organization", organization: { logArchiveAccountId: SAMPLE_LOG_ARCHIVE_ACCOUNT, stackSetTargets: [ou] } }, org);
      const expected = ["300000000002", "300000000003", "300000000004"];
      for (const r of run.ofType(RULE)) {
        assert.deepEqual(r.inputs.excludedAccounts, expected, r.name);
      }
      assert.match(run.outputs.notes.join("\n"), /Excluded from the organization AWS Config rules.*300000000002, 300000000003, 300000000004/);
      const invoked = mockAccount.invokes.filter((i) => i.token.includes("getOrganizationalUnitDescendantAccounts"));
      assert.equal(invoked.length, 1, "one invoke per target OU");
    });

    it("asks Organizations nothing about OUs when a target is the root", async () => {
      const run = await runOrganization({ mode: "organization", organization: { logArchiveAccountId: SAMPLE_LOG_ARCHIVE_ACCOUNT, stackSetTargets: [SAMPLE_ROOT_ID] } });
      assert.deepEqual(run.outputs.ruleExcludedAccounts, []);
      assert.equal(run.invokes.filter((i) => i.token.includes("getOrganizationalUnitDescendantAccounts")).length, 0);
    });
  });

  describe("A4: the organization telemetry rule needs trusted access for observabilityadmin.amazonaws.com", () => {
    it("refuses before registering anything when Observability Admin has no trusted access, naming the command", async () => {
      const org = sampleOrganization(3, { serviceAccessPrincipals: principals.filter((p) => p !== "observabilityadmin.amazonaws.com") });
      await assert.rejects(runOrganization(ORG_CONFIG, org), (err: Error) => {
        assert.equal(err.name, "PreflightError");
        assert.equal(err.message,
          "organization o-a1b2c3d4e5 has no trusted access for observabilityadmin.amazonaws.com, which the organization telemetry rule (every VPC's flow log) needs: " +
          "from the management account run `aws organizations enable-aws-service-access --service-principal observabilityadmin.amazonaws.com` (or the service's own console setup) and deploy again");
        return true;
      });
      assert.equal(mockAccount.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws").length, 0);
    });
  });

  describe("A5: regions all covers the default-enabled regions only; opt-in regions when listed", () => {
    const optIn = ["ap-east-1", "eu-south-2", "me-central-1"];

    it("leaves the account's opted-in regions out of the StackSet, the management recorders and the rules, with a note", async () => {
      const run = await runOrganization();
      const instanceRegions = run.ofType("aws:cloudformation/stackSetInstance:StackSetInstance").map((i) => String(i.inputs.stackSetInstanceRegion));
      for (const region of optIn) {
        assert.ok(!run.outputs.regions.includes(region), region);
        assert.ok(!instanceRegions.includes(region), region);
        assert.ok(!run.ofType("aws:cfg/recorder:Recorder").some((r) => r.region === region), region);
        assert.ok(!run.ofType(RULE).some((r) => r.region === region), region);
      }
      assert.ok(instanceRegions.includes("us-east-1") && instanceRegions.includes("ap-northeast-1"));
      assert.match(run.outputs.notes.join("\n"), /left out, as opt-in regions members may not have enabled: ap-east-1, eu-south-2, me-central-1/);
    });

    it("covers an opt-in region listed explicitly", async () => {
      const run = await runOrganization({ ...ORG_CONFIG, regions: ["ap-northeast-1", "ap-east-1"] });
      assert.deepEqual(run.ofType("aws:cloudformation/stackSetInstance:StackSetInstance").map((i) => String(i.inputs.stackSetInstanceRegion)).sort(), ["ap-east-1", "ap-northeast-1"]);
      assert.ok(!run.outputs.notes.some((n) => n.includes("opt-in")));
    });
  });
});
