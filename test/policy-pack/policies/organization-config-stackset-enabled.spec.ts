import * as assert from "assert";
import { organizationConfigStackSetEnabled as policy } from "../../../policy-pack/policies/organization-config-stackset-enabled";
import { compliantStack, home, other } from "../fixtures";
import { detail, runStackPolicy, unknownValue, urnOf } from "../harness";
import { instance, instanceName, organizationStack, replaced, stackSet, stackSetType } from "../organizationFixtures";

const stackSetUrn = urnOf(stackSetType, "config-stackset");
const head = 'aws:cloudformation/stackSet:StackSet "config-stackset" [organization mode: CIS 1.2.0 2.5]';
const run = async (stack: Parameters<typeof runStackPolicy>[1]) =>
  (await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]);

describe("policy organization-config-stackset-enabled", () => {
  it("passes the compliant organization stack: SERVICE_MANAGED, auto-deployment on, recorder and channel, an OU-targeted instance per region", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, organizationStack()), { diagnostics: [], notApplicable: [] });
  });

  it("says nothing on a single-account stack", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("reads a YAML template as well as JSON", async () => {
    const yaml = "Resources:\n  Recorder:\n    Type: AWS::Config::ConfigurationRecorder\n  Channel:\n    Type: 'AWS::Config::DeliveryChannel'\n";
    assert.deepStrictEqual(await run(replaced(organizationStack(), "config-stackset", stackSet({ templateBody: yaml }))), []);
  });

  it("fails a StackSet without automatic deployment, on the StackSet", async () => {
    for (const autoDeployment of [undefined, { enabled: false }]) {
      assert.deepStrictEqual(await run(replaced(organizationStack(), "config-stackset", stackSet({ autoDeployment }))), [[
        "mandatory", stackSetUrn, `${head}: automatic deployment is off, so accounts that join the organization get no recorder. Fix: set autoDeployment: { enabled: true } on the StackSet.`,
      ]], JSON.stringify(autoDeployment));
    }
  });

  it("fails a region of the stack without a stack instance, naming the region", async () => {
    assert.deepStrictEqual(await run(replaced(organizationStack(), instanceName(other), null)), [[
      "mandatory", stackSetUrn, `${head}: it has no stack instance in ${other}, so no member account records there. Fix: add an aws.cloudformation.StackSetInstance (stackSetInstanceRegion, deploymentTargets.organizationalUnitIds) for each missing region.`,
    ]]);
  });

  it("fails a StackSet without any instance", async () => {
    const stack = replaced(replaced(organizationStack(), instanceName(other), null), instanceName(home), null);
    assert.deepStrictEqual((await run(stack)).map((d) => d[2]), [
      `${head}: it has no stack instance, so no member account records anything. Fix: add an aws.cloudformation.StackSetInstance (stackSetInstanceRegion, deploymentTargets.organizationalUnitIds) for each missing region.`,
    ]);
  });

  it("does not count an instance of another StackSet", async () => {
    const foreign = { ...instance(other, { stackSetName: "someone-elses" }), propertyDependencies: {} };
    assert.deepStrictEqual((await run(replaced(organizationStack(), instanceName(other), foreign))).map((d) => d[2]), [
      `${head}: it has no stack instance in ${other}, so no member account records there. Fix: add an aws.cloudformation.StackSetInstance (stackSetInstanceRegion, deploymentTargets.organizationalUnitIds) for each missing region.`,
    ]);
  });

  it("links an instance by the StackSet's name when the engine recorded no dependency", async () => {
    const byName = { ...instance(other), propertyDependencies: {} };
    assert.deepStrictEqual(await run(replaced(organizationStack(), instanceName(other), byName)), []);
  });

  it("fails an instance that targets accounts instead of organizational units", async () => {
    const stack = replaced(organizationStack(), instanceName(other), instance(other, { deploymentTargets: { accounts: ["210987654321"] } }));
    assert.deepStrictEqual((await run(stack)).map((d) => d[2]), [
      `${head}: StackSetInstance "${instanceName(other)}" targets no organizational unit (deploymentTargets.organizationalUnitIds), so automatic deployment does not follow new accounts. Fix: give the StackSetInstance deploymentTargets.organizationalUnitIds (the root or OUs; automatic deployment follows OUs, not single accounts).`,
    ]);
  });

  it("fails a template that creates the recorder without a delivery channel", async () => {
    const body = JSON.stringify({ Resources: { Recorder: { Type: "AWS::Config::ConfigurationRecorder" } } });
    assert.deepStrictEqual((await run(replaced(organizationStack(), "config-stackset", stackSet({ templateBody: body })))).map((d) => d[2]), [
      `${head}: its template creates an AWS::Config::ConfigurationRecorder but no AWS::Config::DeliveryChannel, so the recorders deliver nothing. Fix: add an AWS::Config::DeliveryChannel to the StackSet's template (the same recorder module as single-account mode).`,
    ]);
  });

  it("fails an organization stack (by its organization trail) whose StackSet is self-managed, against the stack", async () => {
    assert.deepStrictEqual(await run(replaced(organizationStack(), "config-stackset", stackSet({ permissionModel: "SELF_MANAGED" }))), [[
      "mandatory", undefined,
      "stack [organization mode: CIS 1.2.0 2.5]: the stack is in organization mode (the organization trail baseline-trail) but no service-managed StackSet creates the AWS Config recorder, so member accounts record nothing. Fix: add the StackSet of AWS Config recorders: an aws.cloudformation.StackSet with permissionModel SERVICE_MANAGED whose template creates the recorder and delivery channel.",
    ]]);
  });

  it("notes, without failing, an instance region unknown in a preview", async () => {
    const stack = replaced(organizationStack(), instanceName(other), instance(other, { stackSetInstanceRegion: unknownValue.string, region: unknownValue.string }));
    assert.deepStrictEqual(await run(stack), [[
      "advisory", stackSetUrn,
      `${head}: cannot verify the StackSet of AWS Config recorders during preview (the region of StackSetInstance "${instanceName(other)}": string value at .stackSetInstanceRegion can't be known during preview); the update re-checks it.`,
    ]]);
  });

  it("notes, without failing, a StackSet whose template is unknown in a preview", async () => {
    const stack = replaced(organizationStack(), "config-stackset", stackSet({ templateBody: unknownValue.string }));
    assert.deepStrictEqual(await run(stack), [[
      "advisory", undefined,
      `stack [organization mode: CIS 1.2.0 2.5]: cannot verify the StackSet of AWS Config recorders during preview (whether StackSet "config-stackset" is a service-managed StackSet of AWS Config recorders is not known yet); the update re-checks it.`,
    ]]);
  });

  it("reports a proven gap even while an instance region is unknown", async () => {
    const stack = replaced(replaced(organizationStack(), "config-stackset", stackSet({ autoDeployment: { enabled: false } })), instanceName(other),
      instance(other, { stackSetInstanceRegion: unknownValue.string, region: unknownValue.string }));
    assert.deepStrictEqual((await run(stack)).map((d) => d[0]), ["mandatory"]);
  });
});
