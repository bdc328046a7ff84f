import * as assert from "assert";
import { cloudtrailMultiRegionEnabled as policy } from "../../../policy-pack/policies/cloudtrail-multi-region-enabled";
import { account, compliantStack, trailInputs, withResource } from "../fixtures";
import { detail, runStackPolicy, unknownValue, urnOf } from "../harness";

const trailUrn = urnOf("aws:cloudtrail/trail:Trail", "baseline-trail", ["acme:logging:LoggingBaseline"]);
const prefix =
  'aws:cloudtrail/trail:Trail "baseline-trail" [CIS 1.2.0 2.1, Security Hub CloudTrail.1]: no trail of the stack is a logging multi-region trail recording all management events; baseline-trail: ';
const noTrail = "stack [CIS 1.2.0 2.1, Security Hub CloudTrail.1]: the account has no trail. Fix: deploy the LoggingBaseline trail (components/loggingBaseline.ts) with `pulumi up`.";

function addTrail(name: string, props: Record<string, unknown>) {
  return [...compliantStack(), { type: "aws:cloudtrail/trail:Trail", name, props: { ...trailInputs, ...props } }];
}

describe("policy cloudtrail-multi-region-enabled", () => {
  it("passes the compliant stack", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("passes when one of two trails qualifies (a second, single-region trail is allowed)", async () => {
    const { diagnostics } = await runStackPolicy(policy, addTrail("app-trail", { isMultiRegionTrail: false }));
    assert.deepStrictEqual(diagnostics, []);
  });

  const management = { readWriteType: "All", includeManagementEvents: true };
  for (const [what, patch, problem, fix] of [
    ["single-region", { isMultiRegionTrail: false }, "it is a single-region trail", "set isMultiRegionTrail: true"],
    ["without global service events", { includeGlobalServiceEvents: false }, "it does not include global service events", "set includeGlobalServiceEvents: true"],
    ["not logging", { enableLogging: false }, "it is not logging", "set enableLogging: true"],
    [
      "recording only read management events",
      { eventSelectors: [{ readWriteType: "ReadOnly", includeManagementEvents: true }] },
      "management events are recorded read-only",
      'record read and write management events in one selector (readWriteType: "All")',
    ],
    [
      "recording no management events",
      { eventSelectors: [{ readWriteType: "All", includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }] },
      "no event selector includes management events",
      'add an event selector with readWriteType: "All" and includeManagementEvents: true',
    ],
    [
      "excluding the management events of an event source (S1: Security Hub CloudTrail.1 fails any exclusion)",
      { eventSelectors: [{ ...management, excludeManagementEventSources: ["kms.amazonaws.com"] }] },
      "management events from kms.amazonaws.com are excluded",
      "remove excludeManagementEventSources (Security Hub CloudTrail.1 fails any exclusion)",
    ],
    [
      "recording read and write management events in two selectors (S3: one selector must record both)",
      { eventSelectors: [{ readWriteType: "ReadOnly", includeManagementEvents: true }, { readWriteType: "WriteOnly", includeManagementEvents: true }] },
      "read and write management events come from separate selectors; one selector must record both (readWriteType All)",
      'record read and write management events in one selector (readWriteType: "All")',
    ],
  ] as const) {
    it(`reports the only trail when it is ${what}`, async () => {
      const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", patch));
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [["mandatory", trailUrn, `${prefix}${problem}. Fix: ${fix}.`]]);
    });
  }

  it("lists every gap of a trail in one violation", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: false, enableLogging: false }));
    assert.deepStrictEqual(diagnostics.map(detail), [`${prefix}it is a single-region trail; baseline-trail: it is not logging. Fix: set isMultiRegionTrail: true; set enableLogging: true.`]);
  });

  it("reports every trail with its own gaps when none qualifies", async () => {
    const stack = withResource(addTrail("app-trail", { name: "app-trail", isMultiRegionTrail: false }), "baseline-trail", { enableLogging: false });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.urn, detail(d)]), [
      [trailUrn, `${prefix}it is not logging. Fix: set enableLogging: true.`],
      [urnOf("aws:cloudtrail/trail:Trail", "app-trail"), `${prefix.replace('"baseline-trail"', '"app-trail"').replace(/baseline-trail: $/, "app-trail: ")}it is a single-region trail. Fix: set isMultiRegionTrail: true.`],
    ]);
  });

  it("accepts a trail without selectors (CloudTrail then records all management events)", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { eventSelectors: undefined }));
    assert.deepStrictEqual(diagnostics, []);
  });

  it("accepts an advanced selector on eventCategory Management alone, and rejects one that also filters (S2)", async () => {
    const management = (extra: object[]) => ({
      advancedEventSelectors: [{ name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, ...extra] }],
      eventSelectors: undefined,
    });
    assert.deepStrictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", management([])))).diagnostics, []);
    const fix = 'Fix: make the management selector\'s only field eventCategory Equals ["Management"].';
    for (const [extra, fields] of [
      [{ field: "readOnly", equals: ["true"] }, "readOnly"],
      [{ field: "eventSource", notEquals: ["kms.amazonaws.com"] }, "eventSource"],
    ] as const) {
      const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", management([extra])));
      assert.deepStrictEqual(diagnostics.map(detail), [
        `${prefix}the management-event selector also filters on ${fields}, so not every read and write management event is recorded. ${fix}`,
      ]);
    }
  });

  it("reports the stack when it has no trail at all", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", null));
    assert.deepStrictEqual(diagnostics.map((d) => [d.urn, detail(d)]), [[undefined, noTrail]]);
  });

  it("ignores resources of other types that carry the same props (isType is checked)", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", null);
    stack.push({ type: "aws:cloudtrail/eventDataStore:EventDataStore", name: "lookalike", props: { ...trailInputs } });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map(detail), [noTrail]);
  });

  it("reports an unknown isMultiRegionTrail as an advisory note on the stack when no trail qualifies", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: unknownValue.boolean }));
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
      [
        "advisory",
        undefined,
        "stack [CIS 1.2.0 2.1, Security Hub CloudTrail.1]: cannot verify that a multi-region trail records all management events during preview (baseline-trail: boolean value at .isMultiRegionTrail can't be known during preview); the update re-checks it.",
      ],
    ]);
  });

  it("gives only an advisory note while another trail's deciding setting is unknown: that trail may still qualify", async () => {
    const stack = withResource(addTrail("app-trail", { isMultiRegionTrail: unknownValue.boolean }), "baseline-trail", { enableLogging: false });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
  });

  it("passes when one trail qualifies even though another has unknown settings", async () => {
    const { diagnostics } = await runStackPolicy(policy, addTrail("app-trail", { isMultiRegionTrail: unknownValue.boolean, eventSelectors: unknownValue.array }));
    assert.deepStrictEqual(diagnostics, []);
  });

  it("reports an exempted trail as an advisory note", async () => {
    const config = { [policy.name]: { exemptions: [{ urn: trailUrn, reason: "the organization trail covers this account" }] } };
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: false }), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `exempted (reason: the organization trail covers this account): ${prefix}it is a single-region trail. Fix: set isMultiRegionTrail: true.`],
    ]);
  });

  it("exempts the account-wide verdict by account:<id>, the resource the audit reports it on, also when the stack has no trail", async () => {
    const reason = "the organization trail covers this account";
    const config = { [policy.name]: { exemptions: [{ resource: `account:${account}`, reason }] } };
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: false }), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `exempted (reason: ${reason}): ${prefix}it is a single-region trail. Fix: set isMultiRegionTrail: true.`],
    ]);
    const noTrailStack = withResource(compliantStack(), "baseline-trail", null);
    assert.deepStrictEqual((await runStackPolicy(policy, noTrailStack, config)).diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `exempted (reason: ${reason}): ${noTrail}`],
    ]);
  });

  it("does not let a trail ARN exempt the account-wide fail, as in the audit, and points that exemption out", async () => {
    const trailArn = `arn:aws:cloudtrail:us-east-1:${account}:trail/baseline-trail`;
    const config = { [policy.name]: { exemptions: [{ resource: trailArn, reason: "the organization trail covers this account" }] } };
    const failing = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: false }), config);
    assert.deepStrictEqual(failing.diagnostics.map((d) => d.enforcementLevel), ["advisory", "mandatory"]);
    assert.match(failing.diagnostics[0].message, new RegExp(`the exemption of resource ${trailArn.replace(/[:/]/g, "\\$&")} matches nothing this policy judges in this stack`));
    const passing = await runStackPolicy(policy, compliantStack(), config);
    assert.deepStrictEqual(passing.diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `aws:cloudtrail/trail:Trail "baseline-trail" [CIS 1.2.0 2.1, Security Hub CloudTrail.1]: exemption not needed, the resource complies (reason given: the organization trail covers this account).`],
    ]);
  });
});
