import * as assert from "assert";
import { FLOW_LOG_RUNBOOK, KEY_ROTATION_RUNBOOK } from "../../../policy-pack/coverageFacts";
import { continuousCoverageRemediationAutomatic as policy } from "../../../policy-pack/policies/continuous-coverage-remediation-automatic";
import { change, find, programStack, urnOfName } from "../continuousFixture";
import { StackResourceInput, detail, runStackPolicy, unknownValue } from "../harness";

const FIX = "Fix: use components/configRemediation.ts RegionalRemediation (automatic, REMEDIATION_RETRY).";
const head = (name: string) => `aws:cfg/remediationConfiguration:RemediationConfiguration "${name}" [continuous coverage]`;
const keys = "remediation-eu-central-1-key-rotation-remediation";
const flows = "remediation-eu-central-1-flow-logs-remediation";

async function violations(stack: StackResourceInput[]): Promise<[string, string | undefined, string][]> {
  return (await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]);
}

function withParameter(stack: StackResourceInput[], name: string, parameter: string, value: string | null): StackResourceInput[] {
  const parameters = (find(stack, name).props.parameters as { name: string; staticValue?: string }[])
    .filter((p) => value !== null || p.name !== parameter)
    .map((p) => (p.name === parameter && value !== null ? { ...p, staticValue: value } : p));
  return change(stack, name, { parameters });
}

describe("policy continuous-coverage-remediation-automatic", () => {
  for (const variant of ["telemetryRule", "configRemediation", "configRemediation-s3"] as const) {
    it(`passes the program's stack (${variant})`, async () => {
      assert.deepStrictEqual(await runStackPolicy(policy, await programStack(variant)), { diagnostics: [], notApplicable: [] });
    });
  }

  it("is skipped by the server on the program's stack with continuousCoverage off, which holds no AWS Config rule", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, await programStack("off")), {
      diagnostics: [],
      notApplicable: ["Policy only applies to resources of type 'aws:cfg/rule:Rule'"],
    });
  });

  it("fails a key-rotation remediation that is not automatic, naming the rule and the region", async () => {
    const stack = change(await programStack("telemetryRule"), keys, { automatic: false });
    assert.deepStrictEqual(await violations(stack), [["mandatory", urnOfName(stack, keys),
      `${head(keys)}: the remediation of cmk-backing-key-rotation-enabled in eu-central-1: automatic is not true (AWS Config would only offer the fix, never run it). ${FIX}`]]);
  });

  it("fails a rule whose remediation is gone, on the rule (key rotation in telemetryRule, flow logs in configRemediation)", async () => {
    const t = change(await programStack("telemetryRule"), keys, null);
    assert.deepStrictEqual(await violations(t), [["mandatory", urnOfName(t, "remediation-eu-central-1-key-rotation-rule"),
      `aws:cfg/rule:Rule "remediation-eu-central-1-key-rotation-rule" [continuous coverage]: the AWS Config rule cmk-backing-key-rotation-enabled in eu-central-1 has no remediation configuration, so what it finds stays red until someone acts (continuousCoverage telemetryRule remediates it with ${KEY_ROTATION_RUNBOOK.documentName}). Fix: deploy the program's RegionalRemediation in the region (\`pulumi up\`).`]]);
    const c = change(await programStack("configRemediation"), flows, null);
    assert.deepStrictEqual((await violations(c)).map(([, urn, m]) => [urn, /the AWS Config rule (\S+) in (\S+) has no remediation/.exec(m)?.slice(1)]),
      [[urnOfName(c, "remediation-eu-central-1-flow-logs-rule"), ["vpc-flow-logs-enabled", "eu-central-1"]]]);
  });

  it("fails retry settings left to AWS's defaults or out of bounds, naming each", async () => {
    const unset = change(await programStack("configRemediation"), flows, { maximumAutomaticAttempts: undefined, retryAttemptSeconds: undefined });
    assert.deepStrictEqual((await violations(unset)).map(([, , m]) => m), [`${head(flows)}: the remediation of vpc-flow-logs-enabled in eu-central-1: maximumAutomaticAttempts is unset (AWS default 5); allowed: 2 to 10, set explicitly; retryAttemptSeconds is unset (AWS default 60); allowed: 3600 to 604800, set explicitly. ${FIX}`]);
    const loose = change(await programStack("configRemediation"), flows, { maximumAutomaticAttempts: 25, retryAttemptSeconds: 60 });
    assert.match((await violations(loose))[0][2], /maximumAutomaticAttempts is 25; allowed: 2 to 10, set explicitly; retryAttemptSeconds is 60; allowed: 3600 to 604800/);
    const once = change(await programStack("configRemediation"), keys, { maximumAutomaticAttempts: 1 });
    assert.match((await violations(once))[0][2], /cmk-backing-key-rotation-enabled in eu-central-1: maximumAutomaticAttempts is 1; allowed: 2 to 10/);
  });

  it("fails a remediation that runs a document other than AWS's runbook", async () => {
    const stack = change(await programStack("configRemediation"), flows, { targetId: "MyAccount-EnableFlowLogs" });
    assert.deepStrictEqual((await violations(stack)).map(([, , m]) => m), [`${head(flows)}: the remediation of vpc-flow-logs-enabled in eu-central-1: it must run AWS's runbook ${FLOW_LOG_RUNBOOK.documentName} (targetType SSM_DOCUMENT), not SSM_DOCUMENT MyAccount-EnableFlowLogs (${FLOW_LOG_RUNBOOK.source}). ${FIX}`]);
  });

  it("fails a remediation without AutomationAssumeRole, a flow-log one capturing only accepted traffic, or one without a destination", async () => {
    const noRole = withParameter(await programStack("telemetryRule"), keys, "AutomationAssumeRole", null);
    assert.match((await violations(noRole))[0][2], /cmk-backing-key-rotation-enabled in eu-central-1: it passes no AutomationAssumeRole, which automatic remediation requires/);
    const accept = withParameter(await programStack("configRemediation"), flows, "TrafficType", "ACCEPT");
    assert.match((await violations(accept))[0][2], /TrafficType is ACCEPT; allowed: ALL or REJECT/);
    const nowhere = withParameter(await programStack("configRemediation-s3"), flows, "LogDestinationARN", null);
    assert.match((await violations(nowhere))[0][2], /it passes no LogDestinationType and LogDestinationARN/);
  });

  it("passes when one of two remediations of a rule is right (a second, broken one does not matter then)", async () => {
    const stack = await programStack("telemetryRule");
    const good = find(stack, keys);
    const broken = { ...good, name: "extra-remediation", urn: `${good.urn as string}-extra`, props: { ...good.props, automatic: false } };
    assert.deepStrictEqual(await violations([...stack, broken]), []);
  });

  it("notes, without failing, settings not known yet (preview)", async () => {
    const stack = change(await programStack("telemetryRule"), keys, { automatic: unknownValue.boolean });
    assert.deepStrictEqual((await violations(stack)).map(([level, , m]) => [level, m]), [["advisory",
      `${head(keys)}: cannot verify during preview: the remediation of cmk-backing-key-rotation-enabled in eu-central-1: automatic not known yet; the update re-checks it.`]]);
  });
});
