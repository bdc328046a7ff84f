import * as assert from "assert";
import type * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../../policy-pack/policies";
import { onlyWhenStackHolds } from "../../../policy-pack/policies/serverHints";
import { Variant, programStack } from "../continuousFixture";
import { PACK, analyzeStackRequest, call, diagnosticsOf, server } from "../engineRequests";
import { isStackPolicy, stackResources } from "../harness";

const VARIANTS: readonly Variant[] = ["telemetryRule", "configRemediation", "configRemediation-s3", "off"];

/** The pack's stack policies the server may skip, with the type each needs. */
const gated = policies.filter(isStackPolicy).flatMap((policy) => {
  const type = (policy.validateStack as { __pulumiType?: string }).__pulumiType;
  return type ? [{ policy, type }] : [];
});

async function throughServer(policy: StackValidationPolicy, stack: Awaited<ReturnType<typeof programStack>>) {
  const response = await call<analyzerproto.AnalyzeResponse>(server.makeAnalyzeStackRpcFun(...PACK, [policy]), analyzeStackRequest(stack));
  return { diagnostics: diagnosticsOf(response), notApplicable: response.getNotApplicableList().map((n) => [n.getPolicyName(), n.getReason()]) };
}

describe("what the pack relies on in the policy server (policies/serverHints.ts)", () => {
  it("onlyWhenStackHolds: the server skips the policy without calling it on a stack without the type, and hands it the whole stack otherwise", async () => {
    const seen: number[] = [];
    const policy: StackValidationPolicy = {
      name: "probe",
      description: "records the resources it is handed",
      enforcementLevel: "mandatory",
      validateStack: onlyWhenStackHolds("aws:cfg/rule:Rule", (args) => void seen.push(args.resources.length)),
    };
    const off = await programStack("off");
    assert.ok(!off.some((r) => r.type === "aws:cfg/rule:Rule"));
    assert.deepStrictEqual(await throughServer(policy, off), { diagnostics: [], notApplicable: [["probe", "Policy only applies to resources of type 'aws:cfg/rule:Rule'"]] });
    assert.deepStrictEqual(seen, []);

    const covered = await programStack("telemetryRule");
    assert.deepStrictEqual(await throughServer(policy, covered), { diagnostics: [], notApplicable: [] });
    assert.deepStrictEqual(seen, [covered.length], "the validation reads the whole stack, not only the resources of the type");
  });

  it("gates exactly the three continuous-coverage policies, each on the type its findings come from", () => {
    assert.deepStrictEqual(gated.map(({ policy, type }) => [policy.name, type]), [
      ["continuous-coverage-rules-present", "cis-logging:network:RegionalFlowLogs"],
      ["continuous-coverage-remediation-automatic", "aws:cfg/rule:Rule"],
      ["continuous-coverage-automation-role-least-privilege", "aws:cfg/remediationConfiguration:RemediationConfiguration"],
    ]);
  });

  // The gate may only skip what would report nothing: each gated policy, called directly past the gate on the
  // program's stacks (every mode, update and preview) with every resource of its type removed, reports nothing.
  for (const { policy, type } of gated) {
    it(`${policy.name} reports nothing on any program stack without a ${type}, so skipping it loses no finding`, async () => {
      for (const variant of VARIANTS) {
        for (const preview of [false, true]) {
          const stack = (await programStack(variant, preview)).filter((r) => r.type !== type);
          const reports: string[] = [];
          const report = ((message: unknown) => void reports.push(JSON.stringify(message))) as ReportViolation;
          const args: StackValidationArgs = {
            resources: stackResources(stack) as PolicyResource[],
            getConfig: <T extends object>() => ({}) as T,
            stackTags: new Map(),
            notApplicable: (reason?: string): never => {
              throw new Error(`not applicable: ${reason ?? ""}`);
            },
          };
          await policy.validateStack(args, report);
          assert.deepStrictEqual(reports, [], `${variant}${preview ? " (preview)" : ""}`);
        }
      }
    });
  }
});
