/**
 * Runs the pack through the policy server's own RPC handlers of @pulumi/policy 1.21 (server.js makeAnalyzeRpcFun,
 * makeAnalyzeStackRpcFun, makeRemediateRpcFun, protoutil.makeAnalyzerInfo) with protobuf requests as the engine
 * sends them, without starting the gRPC server. It proves what the unit harness assumes:
 * - the object form of reportViolation (exempted findings, "cannot verify" notes) reaches the engine as ADVISORY
 *   under the policy's name and the resource's URN, while the string form carries the policy's level;
 * - unknown sentinels in the request become UnknownValueErrors the policies handle;
 * - stack resources get their property dependencies resolved, so preview links work;
 * - remediations come back as properties, keeping unknown values;
 * - the pack's metadata (config schema, levels, framework) serializes into AnalyzerInfo.
 * The handlers read the pack config from a module variable set only by the Configure RPC, which they do not export;
 * where a test needs config, it wraps the policy's getConfig instead.
 */
import * as assert from "assert";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Policy, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { cloudtrailLogFileValidationEnabled } from "../../policy-pack/policies/cloudtrail-log-file-validation-enabled";
import { kmsKeyRotationEnabled } from "../../policy-pack/policies/kms-key-rotation-enabled";
import { vpcFlowLogsEnabled } from "../../policy-pack/policies/vpc-flow-logs-enabled";
import { compliantStack, key, keyInputs, patched, trail, trailInputs, urnByName, withRelations, withResource } from "./fixtures";
import { Diagnostic, ResourceInput, StackResourceInput, runResourcePolicy, runStackPolicy, unknownValue, urnOf } from "./harness";
import { PACK, analyzeRequest, analyzeStackRequest, call, diagnosticsOf, levels, options, server } from "./engineRequests";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const protoutil = require("@pulumi/policy/protoutil") as {
  makeAnalyzerInfo(name: string, version: string, level: string, args: { policies: readonly Policy[] }, initialConfig?: unknown): analyzerproto.AnalyzerInfo;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;

async function analyze(policy: Policy, resource: ResourceInput): Promise<Diagnostic[]> {
  return diagnosticsOf(await call(server.makeAnalyzeRpcFun(...PACK, [policy]), analyzeRequest(resource)));
}

async function analyzeStack(policy: Policy, inputs: readonly StackResourceInput[]): Promise<Diagnostic[]> {
  return diagnosticsOf(await call(server.makeAnalyzeStackRpcFun(...PACK, [policy]), analyzeStackRequest(inputs)));
}

/** The policy with its getConfig answering `config` (the handlers only learn config through the Configure RPC). */
function configured(policy: ResourceValidationPolicy, config: Record<string, unknown>): ResourceValidationPolicy {
  const validate = policy.validateResource as (args: ResourceValidationArgs, report: ReportViolation) => Promise<void> | void;
  return { ...policy, validateResource: (args, report) => validate({ ...args, getConfig: <T extends object>() => config as T }, report) };
}

function configuredStack(policy: StackValidationPolicy, config: Record<string, unknown>): StackValidationPolicy {
  return { ...policy, validateStack: (args, report) => policy.validateStack({ ...args, getConfig: <T extends object>() => config as T } as StackValidationArgs, report) };
}

describe("policy server of @pulumi/policy 1.21 (its own RPC handlers)", () => {
  it("uses the unknown sentinels the harness uses", () => {
    assert.strictEqual(proxy.unknownStringValue, unknownValue.string);
    assert.strictEqual(proxy.unknownBooleanValue, unknownValue.boolean);
    assert.strictEqual(proxy.unknownNumberValue, unknownValue.number);
    assert.strictEqual(proxy.unknownArrayValue, unknownValue.array);
    assert.strictEqual(proxy.unknownObjectValue, unknownValue.object);
  });

  it("reports a violation at the policy's level, prefixed with its description, exactly as the harness does", async () => {
    const resource = trail(patched(trailInputs, { enableLogFileValidation: false }));
    const fromServer = await analyze(cloudtrailLogFileValidationEnabled, resource);
    assert.deepStrictEqual(fromServer, (await runResourcePolicy(cloudtrailLogFileValidationEnabled, resource)).diagnostics);
    assert.deepStrictEqual(fromServer.map((d) => d.enforcementLevel), ["mandatory"]);
  });

  it("delivers an exempted finding (object form of reportViolation) as ADVISORY under the policy, with the URN", async () => {
    const policy = configured(kmsKeyRotationEnabled, { exemptions: [{ type: "aws:kms/key:Key", name: "baseline-key", reason: "rotated by the HSM runbook" }] });
    const fromServer = await analyze(policy, key(patched(keyInputs, { enableKeyRotation: false })));
    assert.deepStrictEqual(fromServer, [
      {
        policy: "kms-key-rotation-enabled",
        enforcementLevel: "advisory",
        urn: urnOf("aws:kms/key:Key", "baseline-key"),
        message:
          'exempted (reason: rotated by the HSM runbook): aws:kms/key:Key "baseline-key" [CIS 1.2.0 2.8, Security Hub KMS.4]: automatic key rotation is off. Fix: set enableKeyRotation: true.',
      },
    ]);
  });

  it("turns an unknown sentinel in the request into the policy's advisory 'cannot verify' note", async () => {
    const resource = key(patched(keyInputs, { enableKeyRotation: unknownValue.boolean }));
    const fromServer = await analyze(kmsKeyRotationEnabled, resource);
    assert.deepStrictEqual(fromServer, (await runResourcePolicy(kmsKeyRotationEnabled, resource)).diagnostics);
    assert.deepStrictEqual(fromServer.map((d) => d.enforcementLevel), ["advisory"]);
  });

  it("reports nothing for the compliant stack from any policy of the pack", async () => {
    for (const policy of policies) {
      assert.deepStrictEqual(await analyzeStack(policy, compliantStack()), [], policy.name);
    }
  });

  it("reports a stack violation against the resource's URN, exactly as the harness does", async () => {
    const stack = withResource(compliantStack(), "app-vpc-flow-log", null);
    const fromServer = await analyzeStack(vpcFlowLogsEnabled, stack);
    assert.deepStrictEqual(fromServer, (await runStackPolicy(vpcFlowLogsEnabled, stack)).diagnostics);
    assert.deepStrictEqual(fromServer.map((d) => [d.enforcementLevel, d.urn]), [["mandatory", urnByName(stack, "app-vpc")]]);
  });

  it("resolves property dependencies, so a preview with unknown VPC ids links the flow log to its VPC", async () => {
    let stack = withResource(compliantStack(), "app-vpc", { arn: unknownValue.string });
    stack = withResource(stack, "app-vpc-flow-log", { vpcId: unknownValue.string });
    assert.deepStrictEqual((await analyzeStack(vpcFlowLogsEnabled, stack)).map((d) => d.enforcementLevel), ["advisory"]);
    stack = withRelations(stack, "app-vpc-flow-log", { propertyDependencies: { vpcId: [urnByName(stack, "app-vpc")] } });
    assert.deepStrictEqual(await analyzeStack(vpcFlowLogsEnabled, stack), []);
  });

  it("delivers stack exemptions as ADVISORY", async () => {
    const policy = configuredStack(vpcFlowLogsEnabled, { exemptions: [{ type: "aws:ec2/vpc:Vpc", name: "app-vpc", reason: "isolated test VPC without ENIs" }] });
    const fromServer = await analyzeStack(policy, withResource(compliantStack(), "app-vpc-flow-log", null));
    assert.deepStrictEqual(fromServer.map((d) => d.enforcementLevel), ["advisory"]);
  });

  it("delivers the shared-VPC note as ADVISORY under the mandatory policy, and a flow log on a shared VPC as MANDATORY, as the harness does", async () => {
    const component = "flow-logs-eu-west-1";
    let stack = withResource(compliantStack(), component, { sharedVpcIds: ["vpc-0shared", "vpc-0sharedb"] });
    const model = stack.find((r) => r.name === "flow-logs-eu-west-1-vpc-0existing");
    assert.ok(model);
    stack = [...stack, { ...model, name: "flow-logs-eu-west-1-vpc-0shared", urn: undefined, props: { ...model.props, vpcId: "vpc-0shared" } }];
    const fromServer = await analyzeStack(vpcFlowLogsEnabled, stack);
    assert.deepStrictEqual(fromServer, (await runStackPolicy(vpcFlowLogsEnabled, stack)).diagnostics);
    assert.deepStrictEqual(fromServer.map((d) => [d.enforcementLevel, d.urn]), [
      ["mandatory", urnByName(stack, "flow-logs-eu-west-1-vpc-0shared")],
      ["advisory", urnByName(stack, component)],
    ]);
  });

  it("returns a remediation's properties at level remediate, keeping unknown inputs unknown", async () => {
    const policy = { ...cloudtrailLogFileValidationEnabled, enforcementLevel: "remediate" as const };
    const props = patched(trailInputs, { enableLogFileValidation: false, kmsKeyId: unknownValue.string });
    const request = new analyzerproto.AnalyzeRequest()
      .setType("aws:cloudtrail/trail:Trail")
      .setName("baseline-trail")
      .setUrn(urnOf("aws:cloudtrail/trail:Trail", "baseline-trail"))
      .setProperties(Struct.fromJavaScript(props as Record<string, never>))
      .setOptions(options());
    const response = await call<analyzerproto.RemediateResponse>(server.makeRemediateRpcFun(...PACK, [policy]), request);
    const remediations = response.getRemediationsList();
    assert.strictEqual(remediations.length, 1);
    assert.deepStrictEqual(remediations[0].getProperties()?.toJavaScript(), { ...props, enableLogFileValidation: true });
  });

  it("serializes the pack's metadata into AnalyzerInfo (config schema, levels, framework) without error", () => {
    const info = protoutil.makeAnalyzerInfo("cis-logging-baseline", "0.1.0", "advisory", { policies });
    const infos = info.getPoliciesList();
    assert.deepStrictEqual(infos.map((p) => [p.getName(), levels[p.getEnforcementlevel()]]), policies.map((p) => [p.name, p.enforcementLevel]));
    const schema = infos[0].getConfigschema()?.getProperties()?.toJavaScript() as Record<string, { enum?: string[] }>;
    assert.deepStrictEqual(Object.keys(schema).sort(), ["cisVersion", "exemptions"]);
    assert.strictEqual(infos[0].getFramework()?.getName(), "CIS AWS Foundations Benchmark");
  });
});
