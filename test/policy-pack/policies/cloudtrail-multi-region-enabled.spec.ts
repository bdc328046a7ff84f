import * as assert from "assert";
import { cloudtrailMultiRegionEnabled as policy } from "../../../policy-pack/policies/cloudtrail-multi-region-enabled";
import { compliantStack, trailInputs, withResource } from "../fixtures";
import { detail, runStackPolicy, unknownValue, urnOf } from "../harness";

const trailUrn = urnOf("aws:cloudtrail/trail:Trail", "baseline-trail", ["acme:logging:LoggingBaseline"]);
const prefix =
  'aws:cloudtrail/trail:Trail "baseline-trail" [CIS 1.2.0 2.1, Security Hub CloudTrail.1]: no trail of the stack is a multi-region trail recording all management events; this one: ';

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

  for (const [what, patch, problem, fix] of [
    ["single-region", { isMultiRegionTrail: false }, "it is not multi-region", "isMultiRegionTrail: true"],
    ["without global service events", { includeGlobalServiceEvents: false }, "it does not record global service events", "includeGlobalServiceEvents: true"],
    ["not logging", { enableLogging: false }, "logging is off", "enableLogging: true"],
    [
      "recording only read management events",
      { eventSelectors: [{ readWriteType: "ReadOnly", includeManagementEvents: true }] },
      "it does not record write management events",
      'an event selector with readWriteType: "All" and includeManagementEvents: true',
    ],
    [
      "recording no management events",
      { eventSelectors: [{ readWriteType: "All", includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }] },
      "it does not record read and write management events",
      'an event selector with readWriteType: "All" and includeManagementEvents: true',
    ],
  ] as const) {
    it(`reports the only trail when it is ${what}`, async () => {
      const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", patch));
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [["mandatory", trailUrn, `${prefix}${problem}. Fix: set ${fix}.`]]);
    });
  }

  it("lists every gap of a trail in one violation", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: false, enableLogging: false }));
    assert.deepStrictEqual(diagnostics.map(detail), [`${prefix}it is not multi-region; logging is off. Fix: set isMultiRegionTrail: true, enableLogging: true.`]);
  });

  it("accepts a trail without selectors (CloudTrail then records all management events)", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { eventSelectors: undefined }));
    assert.deepStrictEqual(diagnostics, []);
  });

  it("accepts advanced selectors for management events and rejects read-only ones", async () => {
    const management = (readOnly?: string) => ({
      advancedEventSelectors: [
        { name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, ...(readOnly ? [{ field: "readOnly", equals: [readOnly] }] : [])] },
      ],
      eventSelectors: undefined,
    });
    assert.deepStrictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", management()))).diagnostics, []);
    const readOnly = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", management("true")));
    assert.deepStrictEqual(readOnly.diagnostics.map(detail), [
      `${prefix}it does not record write management events. Fix: set an event selector with readWriteType: "All" and includeManagementEvents: true.`,
    ]);
  });

  it("reports the stack when it has no trail at all", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", null));
    assert.deepStrictEqual(diagnostics.map((d) => [d.urn, detail(d)]), [
      [undefined, "stack [CIS 1.2.0 2.1, Security Hub CloudTrail.1]: the stack has no CloudTrail trail. Fix: add an aws.cloudtrail.Trail with isMultiRegionTrail: true."],
    ]);
  });

  it("ignores resources of other types that carry the same props (isType is checked)", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", null);
    stack.push({ type: "aws:cloudtrail/eventDataStore:EventDataStore", name: "lookalike", props: { ...trailInputs } });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map(detail), [
      "stack [CIS 1.2.0 2.1, Security Hub CloudTrail.1]: the stack has no CloudTrail trail. Fix: add an aws.cloudtrail.Trail with isMultiRegionTrail: true.",
    ]);
  });

  it("reports an unknown isMultiRegionTrail as an advisory note when no trail qualifies", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: unknownValue.boolean }));
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /cannot verify whether this trail is a multi-region trail recording all management events during preview \(isMultiRegionTrail: boolean value at \.isMultiRegionTrail can't be known during preview\)/);
  });

  it("passes when one trail qualifies even though another has unknown settings", async () => {
    const { diagnostics } = await runStackPolicy(policy, addTrail("app-trail", { isMultiRegionTrail: unknownValue.boolean, eventSelectors: unknownValue.array }));
    assert.deepStrictEqual(diagnostics, []);
  });

  it("reports an exempted trail as an advisory note", async () => {
    const config = { [policy.name]: { exemptions: [{ urn: trailUrn, reason: "the organization trail covers this account" }] } };
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: false }), config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      ["advisory", `exempted (reason: the organization trail covers this account): ${prefix}it is not multi-region. Fix: set isMultiRegionTrail: true.`],
    ]);
  });
});
