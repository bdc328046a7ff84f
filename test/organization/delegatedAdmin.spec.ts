/**
 * A delegated administrator runs the organization stack (review A1, A3): what it creates in its own account is
 * granted to its own account, and the log-archive role must be one that trusts it.
 */
import { strict as assert } from "assert";
import { SAMPLE_LOG_ARCHIVE_ACCOUNT, sampleOrganization } from "../../offline/sampleOrganization";
import { statements } from "../components/assertions";
import { mockAccount } from "../setup/pulumiMocks";
import { DELEGATED_CONFIG, ORG_CONFIG, OrganizationRun, runOrganization } from "./orgHarness";

const MANAGEMENT = "999900001111";
const CALLER = "111122223333";
const delegated = () => sampleOrganization(3, { managementAccountId: MANAGEMENT, accountIds: [MANAGEMENT, CALLER, SAMPLE_LOG_ARCHIVE_ACCOUNT, "300000000000"] });

describe("organization/delegated administrator", () => {
  let run: OrganizationRun;
  before(async () => { run = await runOrganization(DELEGATED_CONFIG, delegated()); });

  it("A1: grants the log group's key to the stack's own account and names its own log group (KMS refuses a policy that locks the caller out)", () => {
    const key = statements(run.one("aws:kms/key:Key", "organization-logs-key"));
    assert.deepEqual(key.EnableIamPolicies.Principal, { AWS: `arn:aws:iam::${CALLER}:root` });
    const context = (key.AllowCloudWatchLogsTrailLogGroup.Condition as { ArnLike: Record<string, string> }).ArnLike["kms:EncryptionContext:aws:logs:arn"];
    assert.equal(context, `arn:aws:logs:ap-northeast-1:${CALLER}:log-group:/cis/cloudtrail/cis-logging-baseline-*`);
    const group = run.one("aws:cloudwatch/logGroup:LogGroup", "organization-trail-logs");
    assert.ok(String(group.state.arn).startsWith(`arn:aws:logs:ap-northeast-1:${CALLER}:log-group:`), String(group.state.arn));
  });

  it("A1: says that AWS does not document a delegated administrator's log group for the organization trail", () => {
    assert.match(run.outputs.notes.join("\n"), /AWS does not document whether an organization trail \(owned by the management account\) delivers to a log group of a delegated administrator/);
  });

  it("A1: still names the management account in the trail's own ARN (it owns the trail)", () => {
    assert.match(String(run.one("aws:s3/bucketPolicy:BucketPolicy", "organization-trail-bucket-policy").inputs.policy), new RegExp(`arn:aws:cloudtrail:ap-northeast-1:${MANAGEMENT}:trail/cis-logging-baseline`));
  });

  it("A3: refuses the default log-archive role (it trusts the management account only) before registering anything", async () => {
    await assert.rejects(runOrganization(ORG_CONFIG, delegated()), (err: Error) => {
      assert.equal(err.name, "PreflightError");
      assert.equal(err.message,
        'cis-logging-baseline:organization.logArchiveRoleName is "OrganizationAccountAccessRole", which trusts the management account 999900001111 only, ' +
        `while this stack runs in delegated administrator ${CALLER}; allowed: the name of a role in log-archive account ${SAMPLE_LOG_ARCHIVE_ACCOUNT} whose trust policy lets ${CALLER} assume it`);
      return true;
    });
    assert.equal(mockAccount.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws").length, 0);
  });

  it("A3: accepts the default role when the delegated administrator is its own log archive (no role is assumed)", async () => {
    const self = await runOrganization({ mode: "organization", organization: { logArchiveAccountId: CALLER } }, delegated());
    assert.equal(self.ofType("pulumi:providers:aws").filter((p) => p.name === "aws-log-archive").length, 0);
  });
});
