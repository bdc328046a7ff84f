import { strict as assert } from "assert";
import { SAMPLE_LOG_ARCHIVE_ACCOUNT, sampleOrganization } from "../../offline/sampleOrganization";
import { parseConfig } from "../../config";
import { REQUIRED_SERVICE_ACCESS } from "../../organizationDiscovery";
import { main } from "../../program";
import { mockAccount } from "../setup/pulumiMocks";
import { DELEGATED_CONFIG, ORG_CONFIG, runOrganization } from "./orgHarness";

const principals = REQUIRED_SERVICE_ACCESS.map((s) => s.principal);

async function refusal(raw: Record<string, unknown>, account = sampleOrganization(3)): Promise<string> {
  try {
    await runOrganization(raw, account);
  } catch (err) {
    assert.equal((err as Error).name, "PreflightError");
    assert.equal(mockAccount.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws").length, 0, "nothing registered");
    return (err as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("organization/preflight", () => {
  it("refuses an organization without trusted access for a service it needs, naming the command that enables it", async () => {
    const message = await refusal(ORG_CONFIG, sampleOrganization(3, { serviceAccessPrincipals: principals.filter((p) => p !== "member.org.stacksets.cloudformation.amazonaws.com") }));
    assert.equal(message,
      "organization o-a1b2c3d4e5 has no trusted access for member.org.stacksets.cloudformation.amazonaws.com, which the service-managed StackSet of AWS Config recorders needs: " +
      "from the management account run `aws organizations enable-aws-service-access --service-principal member.org.stacksets.cloudformation.amazonaws.com` (or the service's own console setup) and deploy again");
  });

  it("refuses a log-archive or excluded account outside the organization", async () => {
    const message = await refusal({ mode: "organization", organization: { logArchiveAccountId: "999999999999", excludeAccounts: ["888888888888"] } });
    assert.equal(message, [
      'cis-logging-baseline:organization.logArchiveAccountId is "999999999999"; allowed: an account of organization o-a1b2c3d4e5',
      'cis-logging-baseline:organization.excludeAccounts lists ["888888888888"]; allowed: accounts of organization o-a1b2c3d4e5',
    ].join("\n"));
  });

  it("detects Control Tower by its trusted access and refuses to target the root without excluded accounts", async () => {
    const withControlTower = sampleOrganization(3, { serviceAccessPrincipals: [...principals, "controltower.amazonaws.com"] });
    assert.match(await refusal(ORG_CONFIG, withControlTower), /AWS Control Tower trusted access .* list those accounts in cis-logging-baseline:organization.excludeAccounts/);
    const declared = await runOrganization({ mode: "organization", organization: { logArchiveAccountId: SAMPLE_LOG_ARCHIVE_ACCOUNT, excludeAccounts: ["300000000002"] } }, withControlTower);
    assert.match(declared.outputs.notes.join("\n"), /The stack detects Control Tower, not its accounts/);
  });

  it("runs as a delegated administrator: StackSet calls as DELEGATED_ADMIN and no management-account recorder, with a note", async () => {
    const management = "999900001111";
    const org = sampleOrganization(3, { managementAccountId: management, accountIds: [management, "111122223333", SAMPLE_LOG_ARCHIVE_ACCOUNT, "300000000000"] });
    const run = await runOrganization(DELEGATED_CONFIG, org);
    assert.equal(run.outputs.callAs, "DELEGATED_ADMIN");
    assert.equal(run.one("aws:cloudformation/stackSet:StackSet", "organization-recorders-stack-set").inputs.callAs, "DELEGATED_ADMIN");
    for (const i of run.ofType("aws:cloudformation/stackSetInstance:StackSetInstance")) {
      assert.equal(i.inputs.callAs, "DELEGATED_ADMIN");
    }
    assert.equal(run.ofType("aws:cfg/recorder:Recorder").length, 0, "the delegated administrator's own recorders come from the StackSet");
    assert.deepEqual(run.outputs.managementRecorderRegions, []);
    assert.match(run.outputs.notes.join("\n"), /management account 999900001111 gets no recorder from it/);
    // The organization trail's ARN is the management account's, whoever creates it.
    assert.match(String(run.one("aws:s3/bucketPolicy:BucketPolicy", "organization-trail-bucket-policy").inputs.policy), /arn:aws:cloudtrail:ap-northeast-1:999900001111:trail\/cis-logging-baseline/);
  });

  it("keeps the single-account program for single-account stacks: main refuses an organization configuration", async () => {
    const config = parseConfig((key) => (ORG_CONFIG as Record<string, unknown>)[key], "ap-northeast-1");
    await assert.rejects(main(config), /main builds single-account stacks; cis-logging-baseline:mode is organization/);
  });
});
