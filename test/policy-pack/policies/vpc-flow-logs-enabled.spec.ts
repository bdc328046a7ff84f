import * as assert from "assert";
import { vpcFlowLogsEnabled as policy } from "../../../policy-pack/policies/vpc-flow-logs-enabled";
import { compliantStack, home, other, regionalFlowLogsType, urnByName, withRelations, withResource } from "../fixtures";
import { Diagnostic, StackResourceInput, detail, runStackPolicy, unknownValue } from "../harness";

const control = "[CIS 1.2.0 2.9, Security Hub EC2.6]";
const missingFix = "Fix: add an aws.ec2.FlowLog for the VPC (RegionalFlowLogs covers every discovered VPC on the next `pulumi up`).";
const unusableFix = "Fix: give the flow log trafficType ALL or REJECT, a destination, and a role for CloudWatch Logs.";
const noFlowLog = () => `aws:ec2/vpc:Vpc "app-vpc" ${control}: the VPC has no flow log. ${missingFix}`;
const citation = '"Participants cannot create, delete, or describe flow logs for a shared VPC subnet", https://docs.aws.amazon.com/vpc/latest/userguide/vpc-share-limitations.html';
const flowLog = "app-vpc-flow-log";

describe("policy vpc-flow-logs-enabled", () => {
  it("passes the compliant stack (a VPC with its flow log, and a flow log on a pre-existing VPC)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("reports a created VPC whose flow log is removed", async () => {
    const stack = withResource(compliantStack(), flowLog, null);
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [
      ["mandatory", urnByName(stack, "app-vpc"), noFlowLog()],
    ]);
  });

  it("does not count a flow log on another VPC", async () => {
    const stack = withResource(compliantStack(), flowLog, { vpcId: "vpc-0other" });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [noFlowLog()]);
  });

  it("reports the VPC whose only flow log has no traffic type, or captures only accepted traffic", async () => {
    const none = await runStackPolicy(policy, withResource(compliantStack(), flowLog, { trafficType: undefined }));
    assert.deepStrictEqual(none.diagnostics.map(detail), [`aws:ec2/vpc:Vpc "app-vpc" ${control}: flow log ${flowLog} captures no traffic, not rejected traffic. ${unusableFix}`]);
    const accept = await runStackPolicy(policy, withResource(compliantStack(), flowLog, { trafficType: "ACCEPT" }));
    assert.deepStrictEqual(accept.diagnostics.map(detail), [`aws:ec2/vpc:Vpc "app-vpc" ${control}: flow log ${flowLog} captures ACCEPT traffic, not rejected traffic. ${unusableFix}`]);
  });

  it("passes a VPC with one good flow log beside an ACCEPT-only one (S35: one good flow log per VPC is enough)", async () => {
    const stack = compliantStack();
    const model = stack.find((r) => r.name === flowLog);
    assert.ok(model);
    const withAccept = [...stack, { ...model, name: "app-vpc-accept-log", urn: undefined, props: { ...model.props, trafficType: "ACCEPT" } }];
    assert.deepStrictEqual((await runStackPolicy(policy, withAccept)).diagnostics, []);
  });

  it("reports a flow log without a destination, also on a pre-existing VPC", async () => {
    const stack = withResource(compliantStack(), "flow-logs-eu-west-1-vpc-0existing", { logDestination: undefined });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `${regionalFlowLogsType} "flow-logs-${other}" ${control}: VPC vpc-0existing in ${other}: flow log flow-logs-eu-west-1-vpc-0existing has no destination. ${unusableFix}`,
    ]);
  });

  it("reports a CloudWatch Logs flow log without a role", async () => {
    const stack = withResource(compliantStack(), flowLog, { iamRoleArn: undefined });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `aws:ec2/vpc:Vpc "app-vpc" ${control}: flow log ${flowLog} delivers to CloudWatch Logs without a role. ${unusableFix}`,
    ]);
  });

  it("uses the 1.4.0 id 3.9 and the 6.0.0 id 4.7 when configured", async () => {
    const stack = withResource(compliantStack(), flowLog, null);
    for (const [version, id] of [["1.4.0", "3.9"], ["6.0.0", "4.7"]]) {
      const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { cisVersion: version } });
      assert.match(detail(diagnostics[0]), new RegExp(`\\[CIS ${version.replace(/\./g, "\\.")} ${id.replace(".", "\\.")}, Security Hub EC2\\.6\\]`));
    }
  });

  it("ignores a resource of another type that carries a vpcId (a subnet is not a flow log)", async () => {
    const stack: StackResourceInput[] = [...withResource(compliantStack(), flowLog, null), { type: "aws:ec2/subnet:Subnet", name: "s", props: { vpcId: "vpc-0app", region: "us-east-1" } }];
    assert.strictEqual((await runStackPolicy(policy, stack)).diagnostics.length, 1);
  });

  it("says nothing about a stack without VPCs, flow logs and RegionalFlowLogs components", async () => {
    const stack = compliantStack().filter((r) => !["aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog", regionalFlowLogsType].includes(r.type));
    assert.deepStrictEqual(await runStackPolicy(policy, stack), { diagnostics: [], notApplicable: [] });
  });

  describe("VPCs the program discovered (RegionalFlowLogs outputs region and discoveredVpcIds)", () => {
    const component = `flow-logs-${other}`;
    const existingFlowLog = `flow-logs-${other}-vpc-0existing`;
    const componentSubject = `${regionalFlowLogsType} "${component}" ${control}`;
    const missing = (vpcId: string) => `${componentSubject}: VPC ${vpcId} in ${other}: the VPC has no flow log. ${missingFix}`;
    const discovered = (vpcIds: unknown) => withResource(compliantStack(), component, { discoveredVpcIds: vpcIds });
    /** A second discovered VPC in the component's outputs, with the flow log the program gives it. */
    const twoDiscovered = (): StackResourceInput[] => {
      const stack = discovered(["vpc-0existing", "vpc-0second"]);
      const first = stack.find((r) => r.name === existingFlowLog);
      assert.ok(first);
      return [...stack, { ...first, name: `flow-logs-${other}-vpc-0second`, urn: undefined, props: { ...first.props, vpcId: "vpc-0second" } }];
    };
    /** The flow log as if registered in another region, through that region's provider. */
    const movedTo = (stack: readonly StackResourceInput[], region: string): StackResourceInput[] =>
      stack.map((r) => (r.name === existingFlowLog ? { ...r, props: { ...r.props, region }, provider: { name: `aws-${region}`, region } } : r));
    const triple = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]);

    it("passes when each discovered VPC has its flow log in the component's region", async () => {
      assert.deepStrictEqual(await runStackPolicy(policy, twoDiscovered()), { diagnostics: [], notApplicable: [] });
    });

    it("reports a discovered VPC without a flow log against its region's component, naming region and VPC id", async () => {
      const stack = withResource(compliantStack(), existingFlowLog, null);
      const { diagnostics } = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(triple(diagnostics), [["mandatory", urnByName(stack, component), missing("vpc-0existing")]]);
    });

    it("reports only the discovered VPC that lacks a flow log when another one has its own", async () => {
      const stack = twoDiscovered().filter((r) => r.name !== `flow-logs-${other}-vpc-0second`);
      const { diagnostics } = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(triple(diagnostics), [["mandatory", urnByName(stack, component), missing("vpc-0second")]]);
    });

    it("does not count a flow log on the same VPC id in another region", async () => {
      const stack = movedTo(compliantStack(), home);
      const { diagnostics } = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(triple(diagnostics), [
        ["mandatory", urnByName(stack, component), missing("vpc-0existing")],
      ]);
    });

    it("takes the region from the flow log's region output, not from its provider (shared-provider mode)", async () => {
      const stack = withResource(compliantStack(), existingFlowLog, { region: home });
      assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [
        ["mandatory", urnByName(stack, component), missing("vpc-0existing")],
      ]);
      const shared = compliantStack().map((r) => (r.name === existingFlowLog ? { ...r, provider: { name: "aws-shared", region: home } } : r));
      assert.deepStrictEqual((await runStackPolicy(policy, shared)).diagnostics, []);
    });

    it("does not count a flow log on another VPC", async () => {
      const stack = withResource(compliantStack(), existingFlowLog, { vpcId: "vpc-0other" });
      const { diagnostics } = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(triple(diagnostics), [["mandatory", urnByName(stack, component), missing("vpc-0existing")]]);
    });

    it("passes a component with an empty list, also in a stack with nothing else to check", async () => {
      assert.deepStrictEqual(await runStackPolicy(policy, discovered([])), { diagnostics: [], notApplicable: [] });
      const alone = discovered([]).filter((r) => r.type === regionalFlowLogsType || r.type === "pulumi:providers:aws");
      assert.deepStrictEqual(await runStackPolicy(policy, alone), { diagnostics: [], notApplicable: [] });
    });

    it("reports an exempted component's missing flow log as an advisory note, by URN or by type and name", async () => {
      const stack = withResource(compliantStack(), existingFlowLog, null);
      const reason = "VPC is being decommissioned (ticket NET-42)";
      for (const exemption of [{ urn: urnByName(stack, component), reason }, { type: regionalFlowLogsType, name: component, reason }]) {
        const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { exemptions: [exemption] } });
        assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
          ["advisory", urnByName(stack, component), `exempted (reason: ${reason}): ${missing("vpc-0existing")}`],
        ]);
      }
    });

    it("exempts one discovered VPC by its id (resource), leaving the component's other discovered VPCs enforced", async () => {
      const stack = twoDiscovered().filter((r) => r.name !== existingFlowLog && r.name !== `flow-logs-${other}-vpc-0second`);
      const reason = "VPC is being decommissioned (ticket NET-42)";
      const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { exemptions: [{ resource: "vpc-0existing", reason }] } });
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message.split("\n").pop()]), [
        ["advisory", urnByName(stack, component), `exempted (reason: ${reason}): ${missing("vpc-0existing")}`],
        ["mandatory", urnByName(stack, component), missing("vpc-0second")],
      ]);
    });

    it("points out an exemption of a discovered VPC by its id as not needed once the VPC has its flow log, naming the VPC", async () => {
      const reason = "VPC is being decommissioned (ticket NET-42)";
      const { diagnostics } = await runStackPolicy(policy, compliantStack(), { [policy.name]: { exemptions: [{ resource: "vpc-0existing", reason }] } });
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
        ["advisory", urnByName(compliantStack(), component), `${componentSubject}: exemption not needed, VPC vpc-0existing in ${other} complies (reason given: ${reason}).`],
      ]);
    });

    it("points out an exemption of a component whose discovered VPCs all have flow logs as not needed", async () => {
      const reason = "VPC is being decommissioned (ticket NET-42)";
      const { diagnostics } = await runStackPolicy(policy, compliantStack(), { [policy.name]: { exemptions: [{ type: regionalFlowLogsType, name: component, reason }] } });
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
        ["advisory", `${componentSubject}: exemption not needed, the resource complies (reason given: ${reason}).`],
      ]);
    });

    it("cites the control id of the configured CIS version", async () => {
      const stack = withResource(compliantStack(), existingFlowLog, null);
      const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { cisVersion: "7.0.0" } });
      assert.deepStrictEqual(diagnostics.map(detail), [missing("vpc-0existing").replace(control, "[CIS 7.0.0 4.7, Security Hub EC2.6]")]);
    });

    describe("in preview", () => {
      const cannotVerify = (vpcId: string, why: string) => `${componentSubject}: cannot verify the VPC flow log for VPC ${vpcId} in ${other} during preview (${why}); the update re-checks it.`;

      it("notes, without a mandatory violation, a discovered VPC whose only candidate flow log has an unknown vpcId", async () => {
        const stack = withResource(compliantStack(), existingFlowLog, { vpcId: unknownValue.string });
        const { diagnostics } = await runStackPolicy(policy, stack);
        assert.deepStrictEqual(triple(diagnostics), [
          ["advisory", urnByName(stack, component), cannotVerify("vpc-0existing", `which VPC FlowLog "${existingFlowLog}" is on: string value at .vpcId can't be known during preview`)],
        ]);
      });

      it("takes the provider's region when the flow log's region output is unknown", async () => {
        const stack = withResource(compliantStack(), existingFlowLog, { region: unknownValue.string });
        assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
        const elsewhere = movedTo(compliantStack(), home).map((r) => (r.name === existingFlowLog ? { ...r, props: { ...r.props, region: unknownValue.string } } : r));
        assert.deepStrictEqual(triple((await runStackPolicy(policy, elsewhere)).diagnostics), [
          ["mandatory", urnByName(elsewhere, component), missing("vpc-0existing")],
        ]);
      });

      it("notes a flow log on the discovered VPC id whose region is unknown and has no explicit provider", async () => {
        const stack = withResource(compliantStack(), existingFlowLog, { region: unknownValue.string }).map((r) =>
          r.name === existingFlowLog ? { type: r.type, name: r.name, urn: r.urn, parent: r.parent, props: r.props } : r,
        );
        assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [
          ["advisory", urnByName(stack, component), cannotVerify("vpc-0existing", `the region of FlowLog "${existingFlowLog}": string value at .region can't be known during preview`)],
        ]);
      });

      it("reports the discovered VPC when the flow log's unknown vpcId is computed from a VPC the stack creates now", async () => {
        let stack = withResource(compliantStack(), existingFlowLog, { vpcId: unknownValue.string });
        stack = withRelations(stack, existingFlowLog, { propertyDependencies: { vpcId: [urnByName(stack, "app-vpc")] } });
        assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [["mandatory", urnByName(stack, component), missing("vpc-0existing")]]);
      });

      it("notes a component whose discoveredVpcIds are unknown", async () => {
        const stack = discovered(unknownValue.array);
        assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [
          [
            "advisory",
            urnByName(stack, component),
            `${componentSubject}: cannot verify the VPC flow log for the VPCs the program discovered in ${other} during preview (whose VPC it is: Array value at .discoveredVpcIds can't be known during preview); the update re-checks it.`,
          ],
        ]);
      });
    });

    it("leaves a component without the discovered-VPC outputs (an older program) to the audit, as an advisory note", async () => {
      const stack = withResource(compliantStack(), component, { region: undefined, discoveredVpcIds: undefined });
      assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [
        [
          "advisory",
          urnByName(stack, component),
          `${componentSubject}: cannot verify the VPC flow log for the VPCs the program discovered in its region from this stack (it publishes no region output; npm run audit checks its VPCs).`,
        ],
      ]);
    });
  });

  describe("VPCs shared into the account through AWS RAM (RegionalFlowLogs output sharedVpcIds)", () => {
    const component = `flow-logs-${other}`;
    const componentSubject = `${regionalFlowLogsType} "${component}" ${control}`;
    const existingFlowLog = `flow-logs-${other}-vpc-0existing`;
    const oneSharedNote = (vpcId: string) =>
      `${componentSubject}: cannot verify the VPC flow log for VPC ${vpcId} in ${other} from this stack (shared into this account by another account (AWS RAM): only its owner can create its flow log; ${citation}).`;
    const onSharedVpc = (flowLogName: string, vpcId: string) =>
      `aws:ec2/flowLog:FlowLog "${flowLogName}" ${control}: the flow log is on VPC ${vpcId}, which another account shares into this account (AWS RAM); ` +
      `only the VPC's owner can create its flow logs, so AWS refuses this one (${citation}). Fix: remove this aws.ec2.FlowLog; the account that owns the VPC creates its flow log.`;
    const withShared = (sharedVpcIds: unknown, discoveredVpcIds: unknown = ["vpc-0existing"]) =>
      withResource(compliantStack(), component, { discoveredVpcIds, sharedVpcIds });
    /** A flow log of the stack on `vpcId` in the component's region, shaped like the program's. */
    const flowLogOn = (stack: readonly StackResourceInput[], vpcId: string): StackResourceInput[] => {
      const model = stack.find((r) => r.name === existingFlowLog);
      assert.ok(model);
      return [...stack, { ...model, name: `flow-logs-${other}-${vpcId}`, urn: undefined, props: { ...model.props, vpcId } }];
    };
    const triple = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]);

    it("passes with one advisory note against the region's component that leaves the shared VPC to its owner, citing the VPC UG", async () => {
      const stack = withShared(["vpc-0shared"]);
      const outcome = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(triple(outcome.diagnostics), [["advisory", urnByName(stack, component), oneSharedNote("vpc-0shared")]]);
      assert.deepStrictEqual(outcome.notApplicable, []);
    });

    it("gives each shared VPC of a region its own note (one notJudgedHere verdict, one note), sorted by VPC id", async () => {
      const stack = withShared(["vpc-0sharedb", "vpc-0shareda"]);
      assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [
        ["advisory", urnByName(stack, component), oneSharedNote("vpc-0shareda")],
        ["advisory", urnByName(stack, component), oneSharedNote("vpc-0sharedb")],
      ]);
    });

    it("never reports a shared VPC as missing a flow log, even when it is also listed among the discovered ones", async () => {
      const stack = withShared(["vpc-0shared"], ["vpc-0existing", "vpc-0shared"]);
      assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [["advisory", urnByName(stack, component), oneSharedNote("vpc-0shared")]]);
    });

    it("still reports an owned VPC of the same region that lost its flow log, beside the note", async () => {
      const stack = withResource(withShared(["vpc-0shared"]), existingFlowLog, null);
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, d.urn]), [
        ["mandatory", urnByName(stack, component)],
        ["advisory", urnByName(stack, component)],
      ]);
    });

    it("gives the note alone for a region where the account owns no VPC, also in a stack with nothing else to check", async () => {
      const stack = withResource(withShared(["vpc-0shared"], []), existingFlowLog, null);
      assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [["advisory", urnByName(stack, component), oneSharedNote("vpc-0shared")]]);
      const alone = stack.filter((r) => r.type === regionalFlowLogsType || r.type === "pulumi:providers:aws");
      const outcome = await runStackPolicy(policy, alone);
      assert.deepStrictEqual(triple(outcome.diagnostics), [["advisory", urnByName(alone, component), oneSharedNote("vpc-0shared")]]);
      assert.deepStrictEqual(outcome.notApplicable, []);
    });

    it("reports a flow log of the stack on a shared VPC as mandatory, against that flow log (AWS refuses it for a participant), instead of the note", async () => {
      const stack = flowLogOn(withShared(["vpc-0shared"]), "vpc-0shared");
      assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [
        ["mandatory", urnByName(stack, `flow-logs-${other}-vpc-0shared`), onSharedVpc(`flow-logs-${other}-vpc-0shared`, "vpc-0shared")],
      ]);
    });

    it("does not take a flow log on the same VPC id in another region for one on the shared VPC", async () => {
      const stack = flowLogOn(withShared(["vpc-0shared"]), "vpc-0shared").map((r) =>
        r.name === `flow-logs-${other}-vpc-0shared` ? { ...r, props: { ...r.props, region: home }, provider: { name: `aws-${home}`, region: home } } : r,
      );
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    });

    it("keeps the note unchanged when the component is exempted, and points that exemption out as not needed", async () => {
      const stack = withShared(["vpc-0shared"]);
      const reason = "Network account owns these VPCs (ticket NET-7)";
      const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { exemptions: [{ type: regionalFlowLogsType, name: component, reason }] } });
      assert.deepStrictEqual(triple(diagnostics), [
        ["advisory", urnByName(stack, component), oneSharedNote("vpc-0shared")],
        ["advisory", urnByName(stack, component), `${componentSubject}: exemption not needed, the resource complies (reason given: ${reason}).`],
      ]);
    });

    it("does not let an exemption of the component cover a flow log on a shared VPC; an exemption of that flow log makes it advisory", async () => {
      const stack = flowLogOn(withShared(["vpc-0shared"]), "vpc-0shared");
      const reason = "Network account owns these VPCs (ticket NET-7)";
      const byComponent = await runStackPolicy(policy, stack, { [policy.name]: { exemptions: [{ type: regionalFlowLogsType, name: component, reason }] } });
      assert.ok(byComponent.diagnostics.some((d) => d.enforcementLevel === "mandatory" && d.urn === urnByName(stack, `flow-logs-${other}-vpc-0shared`)));
      const byFlowLog = await runStackPolicy(policy, stack, { [policy.name]: { exemptions: [{ type: "aws:ec2/flowLog:FlowLog", name: `flow-logs-${other}-vpc-0shared`, reason }] } });
      assert.deepStrictEqual(triple(byFlowLog.diagnostics), [
        ["advisory", urnByName(stack, `flow-logs-${other}-vpc-0shared`), `exempted (reason: ${reason}): ${onSharedVpc(`flow-logs-${other}-vpc-0shared`, "vpc-0shared")}`],
      ]);
    });

    it("judges a component without a sharedVpcIds output (written by an older program) as knowing no shared VPC", async () => {
      const stack = withResource(compliantStack(), component, { sharedVpcIds: undefined });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
      const missingFlowLog = withResource(stack, existingFlowLog, null);
      assert.deepStrictEqual((await runStackPolicy(policy, missingFlowLog)).diagnostics.map((d) => d.enforcementLevel), ["mandatory"]);
    });

    it("leaves a component whose sharedVpcIds is not a list of VPC ids to the audit, as an advisory note", async () => {
      const stack = withShared("vpc-0shared");
      assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [
        [
          "advisory",
          urnByName(stack, component),
          `${componentSubject}: cannot verify the VPC flow log for the VPCs the program discovered in ${other} from this stack (its sharedVpcIds output is not a list of VPC ids; npm run audit checks its VPCs).`,
        ],
      ]);
    });

    describe("in preview", () => {
      it("notes, without a violation, a component whose sharedVpcIds are unknown (which discovered VPCs are owned is undecided)", async () => {
        const stack = withResource(withShared(unknownValue.array), existingFlowLog, null);
        assert.deepStrictEqual(triple((await runStackPolicy(policy, stack)).diagnostics), [
          [
            "advisory",
            urnByName(stack, component),
            `${componentSubject}: cannot verify the VPC flow log for the VPCs the program discovered in ${other} during preview (whose VPC it is: Array value at .sharedVpcIds can't be known during preview); the update re-checks it.`,
          ],
        ]);
      });

      it("notes a shared VPC whose region holds a flow log of unknown vpcId (it may be on it), and decides it through the vpcId property dependency", async () => {
        const name = `flow-logs-${other}-vpc-0shared`;
        const unknownVpcId = withResource(flowLogOn(withShared(["vpc-0shared"]), "vpc-0shared"), name, { vpcId: unknownValue.string });
        assert.deepStrictEqual(triple((await runStackPolicy(policy, unknownVpcId)).diagnostics), [
          [
            "advisory",
            urnByName(unknownVpcId, component),
            `${componentSubject}: cannot verify the VPC flow log for VPC vpc-0shared in ${other} during preview (whether a flow log is declared on this shared VPC: which VPC FlowLog "${name}" is on: string value at .vpcId can't be known during preview); the update re-checks it.`,
          ],
        ]);
        const createdVpc = withRelations(unknownVpcId, name, { propertyDependencies: { vpcId: [urnByName(unknownVpcId, "app-vpc")] } });
        assert.deepStrictEqual(triple((await runStackPolicy(policy, createdVpc)).diagnostics), [["advisory", urnByName(createdVpc, component), oneSharedNote("vpc-0shared")]]);
      });
    });
  });

  describe("in preview, where a created VPC's id is unknown", () => {
    const previewStack = () => {
      let stack = withResource(compliantStack(), "app-vpc", { arn: unknownValue.string });
      stack = withResource(stack, flowLog, { vpcId: unknownValue.string });
      return stack;
    };

    it("notes, without property dependencies, that it cannot verify (advisory)", async () => {
      const { diagnostics } = await runStackPolicy(policy, previewStack());
      assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    });

    it("links the flow log to its VPC through the vpcId property dependency", async () => {
      const stack = withRelations(previewStack(), flowLog, { propertyDependencies: { vpcId: [urnByName(previewStack(), "app-vpc")] } });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
    });

    it("reports the VPC when the only flow log depends on another VPC", async () => {
      const stack: StackResourceInput[] = [
        ...previewStack(),
        { type: "aws:ec2/vpc:Vpc", name: "other-vpc", props: { arn: unknownValue.string, region: "us-east-1" } },
      ];
      const linked = withRelations(stack, flowLog, { propertyDependencies: { vpcId: [urnByName(stack, "other-vpc")] } });
      const { diagnostics } = await runStackPolicy(policy, linked);
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [["mandatory", noFlowLog()]]);
    });

    it("notes an unknown traffic type as advisory", async () => {
      const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), flowLog, { trafficType: unknownValue.string }));
      assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    });
  });

  it("reports an exempted VPC as an advisory note", async () => {
    const stack = withResource(compliantStack(), flowLog, null);
    const config = { [policy.name]: { exemptions: [{ type: "aws:ec2/vpc:Vpc", name: "app-vpc", reason: "isolated test VPC without ENIs" }] } };
    const { diagnostics } = await runStackPolicy(policy, stack, config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `exempted (reason: isolated test VPC without ENIs): ${noFlowLog()}`],
    ]);
  });

  it("exempts a created VPC by its id (resource) as the audit names it, also when a flow log's gap is reported on the flow log", async () => {
    const reason = "isolated test VPC without ENIs";
    const config = { [policy.name]: { exemptions: [{ resource: "vpc-0app", reason }] } };
    const missingLog = await runStackPolicy(policy, withResource(compliantStack(), flowLog, null), config);
    assert.deepStrictEqual(missingLog.diagnostics.map((d) => [d.enforcementLevel, d.message]), [["advisory", `exempted (reason: ${reason}): ${noFlowLog()}`]]);
    const acceptOnly = await runStackPolicy(policy, withResource(compliantStack(), flowLog, { trafficType: "ACCEPT" }), config);
    assert.deepStrictEqual(acceptOnly.diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(acceptOnly.diagnostics[0].message, /^exempted \(reason: isolated test VPC without ENIs\): aws:ec2\/vpc:Vpc "app-vpc" .*captures ACCEPT traffic/);
  });

  it("points out a resource exemption that names nothing the policy judges, saying only the audit can apply it to a resource outside the stack", async () => {
    const config = { [policy.name]: { exemptions: [{ resource: "vpc-0outside", reason: "created by the network team's stack" }] } };
    const { diagnostics } = await runStackPolicy(policy, compliantStack(), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
      [
        "advisory",
        undefined,
        `stack ${control}: the exemption of resource vpc-0outside matches nothing this policy judges in this stack (reason given: created by the network team's stack); if it names a resource outside the stack, only npm run audit applies it; else fix or remove it.`,
      ],
    ]);
  });

  it("points out a resource exemption naming another kind of resource of the stack (a bucket name under the VPC policy) as matching nothing", async () => {
    const config = { [policy.name]: { exemptions: [{ resource: "baseline-trail-bucket-0123456", reason: "wrong policy for this bucket" }] } };
    const { diagnostics } = await runStackPolicy(policy, compliantStack(), config);
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /the exemption of resource baseline-trail-bucket-0123456 matches nothing this policy judges in this stack/);
  });

  it("points out an exemption that matches no resource of the stack (a typo or a removed resource)", async () => {
    const config = { [policy.name]: { exemptions: [{ type: "aws:ec2/vpc:Vpc", name: "app-vcp", reason: "isolated test VPC without ENIs" }] } };
    const { diagnostics } = await runStackPolicy(policy, compliantStack(), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
      [
        "advisory",
        undefined,
        `stack ${control}: the exemption of aws:ec2/vpc:Vpc "app-vcp" matches no resource of this stack (reason given: isolated test VPC without ENIs); fix its type and name or urn, or remove it.`,
      ],
    ]);
  });

  it("points out an exemption of a compliant VPC as not needed", async () => {
    const config = { [policy.name]: { exemptions: [{ urn: urnByName(compliantStack(), "app-vpc"), reason: "isolated test VPC without ENIs" }] } };
    const { diagnostics } = await runStackPolicy(policy, compliantStack(), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `aws:ec2/vpc:Vpc "app-vpc" ${control}: exemption not needed, the resource complies (reason given: isolated test VPC without ENIs).`],
    ]);
  });
});
