/**
 * The pack against the organization program (issue 12): everything `mainOrganization` registers under the mocks
 * (test/organization/orgHarness.ts) passes the whole pack, as an update and as a preview, run from the management
 * account and from a delegated administrator. The two sides were written apart; this is where they meet.
 */
import * as assert from "assert";
import { policies } from "../../policy-pack/policies";
import { RecordedResource } from "../../offline/mockAccount";
import { SAMPLE_LOG_ARCHIVE_ACCOUNT, sampleOrganization } from "../../offline/sampleOrganization";
import { DELEGATED_CONFIG, OrganizationRun, runOrganization } from "../organization/orgHarness";
import { setPreviewMode } from "../setup/pulumiMocks";
import { Diagnostic, mandatory, runPack } from "./harness";
import { packInputs } from "./packInputs";

async function check(resources: readonly RecordedResource[]): Promise<Diagnostic[]> {
  const { inputs, outputs } = packInputs(resources);
  return runPack(policies, inputs, outputs);
}

async function previewRun(...args: Parameters<typeof runOrganization>): Promise<OrganizationRun> {
  await setPreviewMode(true);
  try {
    return await runOrganization(args[0], args[1], args[2], { computedUnknown: true });
  } finally {
    await setPreviewMode(false);
  }
}

/** A delegated administrator (111122223333, the sample account) in an organization managed by 999900001111. */
const MANAGEMENT = "999900001111";
const delegatedOrganization = () => sampleOrganization(3, {
  managementAccountId: MANAGEMENT, accountIds: [MANAGEMENT, "111122223333", SAMPLE_LOG_ARCHIVE_ACCOUNT, "300000000000"],
});

const summary = (ds: readonly Diagnostic[]): string => ds.map((d) => `${d.policy} [${d.enforcementLevel}] ${d.message}`).join("\n\n");

describe("policy pack against the organization program (mocks)", () => {
  it("passes the whole pack on an update of a compliant organization stack (management account): no diagnostic at all", async () => {
    const run = await runOrganization();
    const diagnostics = await check(run.resources);
    assert.deepStrictEqual(diagnostics, [], summary(diagnostics));
  });

  it("passes the whole pack on a preview (computed values unknown) with no mandatory violation", async () => {
    const run = await previewRun();
    const diagnostics = await check(run.resources);
    assert.deepStrictEqual(mandatory(diagnostics), [], summary(diagnostics));
  });

  it("passes the whole pack on the delegated administrator's stack: its own account records through the StackSet, so config-enabled-all-regions asks nothing of it", async () => {
    const run = await runOrganization(DELEGATED_CONFIG, delegatedOrganization());
    assert.equal(run.ofType("aws:cfg/recorder:Recorder").length, 0, "no recorder of its own (the test would prove nothing otherwise)");
    const diagnostics = await check(run.resources);
    assert.deepStrictEqual(diagnostics, [], summary(diagnostics));
  });

  it("still fails config-enabled-all-regions on the management account's stack when one of its own recorders is gone", async () => {
    const run = await runOrganization();
    const gone = run.resources.filter((r) => !(r.type === "aws:cfg/recorder:Recorder" && r.region === "eu-west-1"));
    assert.equal(gone.length, run.resources.length - 1);
    const diagnostics = mandatory(await check(gone));
    assert.deepStrictEqual(diagnostics.map((d) => d.policy), ["config-enabled-all-regions"], summary(diagnostics));
    assert.match(diagnostics[0].message, /region eu-west-1: no configuration recorder/);
  });

  it("fails cloudtrail-bucket-not-public when the trail bucket's policy grants Principal \"*\" (as the program did for the member roles)", async () => {
    const run = await runOrganization();
    const policy = run.one("aws:s3/bucketPolicy:BucketPolicy", "organization-trail-bucket-policy");
    const document = JSON.parse(String(policy.inputs.policy)) as { Statement: unknown[] };
    document.Statement.push({ Sid: "Roles", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::x/*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } });
    const patched = run.resources.map((r) => (r === policy ? { ...r, inputs: { ...r.inputs, policy: JSON.stringify(document) }, state: { ...r.state, policy: JSON.stringify(document) } } : r));
    assert.deepStrictEqual(mandatory(await check(patched)).map((d) => d.policy), ["cloudtrail-bucket-not-public"]);
  });
});
