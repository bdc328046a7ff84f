/**
 * Organization mode across the pack (issue 12 item 2): the compliant organization stack passes every policy, the
 * organization policies leave single-account stacks alone, the single-account controls judge what AWS fans out the
 * way AWS does (VPC flow logs through the organization telemetry rule; the management account's own recorders, which
 * StackSets skip), and the adapter reads the organization resources.
 */
import * as assert from "assert";
import { fromStack } from "../../policy-pack/fromStack";
import { templateTypes } from "../../policy-pack/fromStack/organization";
import { policies } from "../../policy-pack/policies";
import { configEnabledAllRegions } from "../../policy-pack/policies/config-enabled-all-regions";
import { vpcFlowLogsEnabled } from "../../policy-pack/policies/vpc-flow-logs-enabled";
import { compliantStack, home, other, withResource } from "./fixtures";
import { detail, runPack, runStackPolicy, stackResources, unknownValue } from "./harness";
import { instance, instanceName, organizationStack, replaced, stackSet, telemetryOrgRule } from "./organizationFixtures";

const organizationPolicies = policies.filter((p) => p.name.startsWith("organization-"));
const noVpcFlowLog = (stack: ReturnType<typeof organizationStack>) => withResource(stack, "app-vpc-flow-log", null);
const flowLogs = async (stack: ReturnType<typeof organizationStack>) =>
  (await runStackPolicy(vpcFlowLogsEnabled, stack)).diagnostics.map((d) => [d.enforcementLevel, detail(d)]);

describe("organization mode across the pack", () => {
  it("passes the compliant organization stack with every policy of the pack, CIS and organization alike", async () => {
    assert.deepStrictEqual(await runPack(policies, [], organizationStack()), []);
  });

  it("adds nothing to single-account stacks, compliant or not", async () => {
    const broken = withResource(withResource(compliantStack(), "baseline-trail", { enableLogFileValidation: false }), "config-eu-west-1-recorder", null);
    for (const stack of [compliantStack(), broken, []]) {
      assert.deepStrictEqual(await runPack(organizationPolicies, [], stack), []);
    }
  });

  describe("VPC flow logs that the organization telemetry rule creates", () => {
    it("passes a VPC without its own flow log in a region the organization telemetry rule covers (allRegions)", async () => {
      assert.deepStrictEqual(await flowLogs(noVpcFlowLog(organizationStack())), []);
    });

    it("passes a discovered VPC without a flow log too, in another region", async () => {
      const stack = withResource(noVpcFlowLog(organizationStack()), `flow-logs-${other}-vpc-0existing`, null);
      assert.deepStrictEqual(await flowLogs(stack), []);
    });

    it("judges a component that declares flowLogsManagedBy organizationTelemetryRule: covered by the rule, else missing", async () => {
      const declared = withResource(withResource(organizationStack(), `flow-logs-${other}-vpc-0existing`, null), `flow-logs-${other}`, { flowLogsManagedBy: "organizationTelemetryRule" });
      assert.deepStrictEqual(await flowLogs(declared), []);
      const without = replaced(declared, "org-flow-logs", telemetryOrgRule({ allRegions: undefined, regions: [home] }));
      assert.deepStrictEqual(await flowLogs(without), [[
        "mandatory",
        `cis-logging:network:RegionalFlowLogs "flow-logs-${other}" [CIS 1.2.0 2.9, Security Hub EC2.6]: VPC vpc-0existing in ${other}: the stack leaves this region's flow logs to organizationTelemetryRule, but the stack has no organization telemetry rule for VPC flow logs in ${other}. Fix: add an aws.observabilityadmin.TelemetryRuleForOrganization for AWS::EC2::VPC (telemetryType Logs, telemetrySourceTypes VPC_FLOW_LOGS) with allRegions: true.`,
      ]]);
    });

    it("fails the VPC when the rule's regions leave its region out", async () => {
      const stack = replaced(noVpcFlowLog(organizationStack()), "org-flow-logs", telemetryOrgRule({ allRegions: undefined, regions: [other] }));
      assert.deepStrictEqual((await flowLogs(stack)).map((d) => d[0]), ["mandatory"]);
      assert.match(String((await flowLogs(stack))[0][1]), /the VPC has no flow log/);
    });

    it("does not count a telemetry rule for another resource type", async () => {
      const stack = replaced(noVpcFlowLog(organizationStack()), "org-flow-logs", telemetryOrgRule({ resourceType: "AWS::EKS::Cluster", telemetrySourceTypes: ["EKS_AUDIT_LOGS"] }));
      assert.match(String((await flowLogs(stack))[0][1]), /the VPC has no flow log/);
    });

    it("does not count an organization telemetry rule in a stack that is not in organization mode", async () => {
      const stack = [...withResource(compliantStack(), "app-vpc-flow-log", null), telemetryOrgRule()];
      assert.match(String((await flowLogs(stack))[0][1]), /the VPC has no flow log/);
    });

    it("notes, without failing, a VPC whose coverage depends on a rule unknown in a preview", async () => {
      const stack = noVpcFlowLog(organizationStack()).map((r) => (r.name === "org-flow-logs" ? { ...r, props: { ...r.props, rule: unknownValue.object } } : r));
      assert.deepStrictEqual((await flowLogs(stack)).map((d) => d[0]), ["advisory"]);
    });
  });

  it("still requires the management account's own recorders (StackSets do not deploy to the management account)", async () => {
    const stack = organizationStack().filter((r) => !r.name.startsWith(`config-${other}-`));
    assert.deepStrictEqual((await runStackPolicy(configEnabledAllRegions, stack)).diagnostics.map((d) => d.enforcementLevel), ["mandatory"]);
  });

  describe("the adapter", () => {
    it("marks the organization trail, lists the evidence, the StackSet with its linked instances and the aggregator", () => {
      const { state } = fromStack(stackResources(organizationStack()));
      assert.deepStrictEqual(state.trails.map((t) => [t.name, t.organization]), [["baseline-trail", { kind: "known", value: true }]]);
      const org = state.organization;
      assert.deepStrictEqual(org?.evidence, { kind: "known", value: ["the organization trail baseline-trail", "the service-managed StackSet cis-logging-config-recorders of AWS Config recorders"] });
      assert.deepStrictEqual(org?.configStackSets.map((s) => [s.name, s.createsChannel, s.autoDeployment, s.instances.map((i) => [i.region, i.organizationalUnits])]), [[
        "cis-logging-config-recorders", true, { kind: "known", value: true },
        [[{ kind: "known", value: home }, { kind: "known", value: ["r-ab12"] }], [{ kind: "known", value: other }, { kind: "known", value: ["r-ab12"] }]],
      ]]);
      assert.deepStrictEqual(org?.aggregators.map((a) => [a.name, a.source]), [["cis-logging-organization", { kind: "known", value: { allRegions: true, regions: [] } }]]);
    });

    it("reads an account trail without isOrganizationTrail as an account trail, and a single-account stack as no evidence", () => {
      const { state } = fromStack(stackResources(compliantStack()));
      assert.deepStrictEqual(state.trails.map((t) => t.organization), [{ kind: "known", value: false }]);
      assert.deepStrictEqual(state.organization?.evidence, { kind: "known", value: [] });
    });

    it("takes an instance's region from its provider when it names none", () => {
      const bare = { ...instance(other, { stackSetInstanceRegion: undefined, region: undefined }), provider: { name: `aws-${other}`, region: other } };
      const { state } = fromStack(stackResources(replaced(organizationStack(), instanceName(other), bare)));
      assert.deepStrictEqual(state.organization?.configStackSets[0].instances.map((i) => i.region), [{ kind: "known", value: home }, { kind: "known", value: other }]);
    });

    it("ignores a service-managed StackSet whose template creates no recorder, and a self-managed one", () => {
      const other1 = stackSet({ templateBody: JSON.stringify({ Resources: { Topic: { Type: "AWS::SNS::Topic" } } }) });
      const self = stackSet({ permissionModel: "SELF_MANAGED" });
      for (const s of [other1, self]) {
        const { state } = fromStack(stackResources([...compliantStack(), s]));
        assert.deepStrictEqual(state.organization?.evidence, { kind: "known", value: [] });
      }
    });

    it("lists the resource types of JSON and YAML templates", () => {
      assert.deepStrictEqual([...templateTypes('{"Resources":{"A":{"Type":"AWS::Config::ConfigurationRecorder"},"B":{"Type":"AWS::SNS::Topic"}}}')].sort(),
        ["AWS::Config::ConfigurationRecorder", "AWS::SNS::Topic"]);
      assert.deepStrictEqual([...templateTypes("Resources:\n  A:\n    Type: \"AWS::Config::DeliveryChannel\"\n    Properties: {}\n")], ["AWS::Config::DeliveryChannel"]);
    });
  });
});
