import * as assert from "assert";
import { cloudtrailS3DataEventsReadEnabled as policy } from "../../../policy-pack/policies/cloudtrail-s3-data-events-read-enabled";
import { compliantStack, withResource } from "../fixtures";
import { detail, runStackPolicy, unknownValue } from "../harness";

const lead = "no logging multi-region trail of the stack records S3 object-level read events for all buckets; baseline-trail: ";
const fix = "Fix: set cloudTrail.s3DataEvents (an AWS::S3::Object selector on arn:<partition>:s3).";
const management = { readWriteType: "All", includeManagementEvents: true };
const data = (readWriteType: string) => ({ readWriteType, includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] });

describe("policy cloudtrail-s3-data-events-read-enabled", () => {
  it("passes the compliant stack (a data selector All on arn:aws:s3)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("passes a ReadOnly data selector", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { eventSelectors: [management, data("ReadOnly")] });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
  });

  it("reports a trail that records only write data events, with the 1.4.0 id 3.11", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { eventSelectors: [management, data("WriteOnly")] });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
      [
        "advisory",
        `aws:cloudtrail/trail:Trail "baseline-trail" [not in CIS 1.2.0; CIS 1.4.0 3.11, Security Hub S3.23]: ${lead}no event selector records S3 object-level read events. ${fix}`,
      ],
    ]);
  });

  it("reports a trail that logs data events but is not logging, with the 7.0.0 id when configured", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { enableLogging: false }), { [policy.name]: { cisVersion: "7.0.0" } });
    assert.deepStrictEqual(diagnostics.map(detail), [
      `aws:cloudtrail/trail:Trail "baseline-trail" [CIS 7.0.0 4.9, Security Hub S3.23]: ${lead}it is not logging. Fix: set enableLogging: true.`,
    ]);
  });

  it("does not count data events of another resource type (AWS::Lambda::Function)", async () => {
    const lambda = { readWriteType: "All", includeManagementEvents: false, dataResources: [{ type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }] };
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { eventSelectors: [management, lambda] }));
    assert.strictEqual(diagnostics.length, 1);
  });

  it("does not count a resource of another type that carries trail-like selectors", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", null);
    stack.push({ type: "aws:cloudtrail/eventDataStore:EventDataStore", name: "lookalike", props: { isMultiRegionTrail: true, eventSelectors: [data("All")] } });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => d.urn), [undefined]);
  });

  it("reports the stack when it has no trail", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", null));
    assert.deepStrictEqual(diagnostics.map((d) => d.urn), [undefined]);
  });

  it("reports unknown selectors as an advisory note", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { eventSelectors: [management, unknownValue.object] }));
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
  });

  it("reports an exempted trail as an advisory note", async () => {
    const config = { [policy.name]: { enforcementLevel: "mandatory" as const, exemptions: [{ type: "aws:cloudtrail/trail:Trail", name: "baseline-trail", reason: "read events cost too much in this sandbox" }] } };
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { eventSelectors: [management] }), config);
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /^exempted \(reason: read events cost too much in this sandbox\): aws:cloudtrail\/trail:Trail "baseline-trail"/);
  });
});
