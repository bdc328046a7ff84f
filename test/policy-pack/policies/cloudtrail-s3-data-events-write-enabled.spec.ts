import * as assert from "assert";
import { cloudtrailS3DataEventsWriteEnabled as policy } from "../../../policy-pack/policies/cloudtrail-s3-data-events-write-enabled";
import { compliantStack, withResource } from "../fixtures";
import { detail, runStackPolicy, unknownValue } from "../harness";

const fix =
  'Fix: set on a multi-region trail an event selector {readWriteType: "All" or "WriteOnly", dataResources: [{type: "AWS::S3::Object", values: ["arn:aws:s3"]}]} (or an advanced selector eventCategory Data, resources.type AWS::S3::Object).';
const subject = 'aws:cloudtrail/trail:Trail "baseline-trail" [not in CIS 1.2.0; CIS 1.4.0 3.10, Security Hub S3.22]';
const management = { readWriteType: "All", includeManagementEvents: true };
const data = (readWriteType: string, values = ["arn:aws:s3"]) => ({
  readWriteType,
  includeManagementEvents: false,
  dataResources: [{ type: "AWS::S3::Object", values }],
});

describe("policy cloudtrail-s3-data-events-write-enabled", () => {
  it("passes the compliant stack (a data selector All on arn:aws:s3)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("passes a WriteOnly selector on arn:aws:s3:::", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { eventSelectors: [management, data("WriteOnly", ["arn:aws:s3:::"])] });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
  });

  it("is advisory by default and reports a trail that records only read data events, with the 1.4.0 id when 1.2.0 lacks the control", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { eventSelectors: [management, data("ReadOnly")] });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
      ["advisory", `${subject}: no multi-region trail of the stack records S3 object-level write events; this one: it records no S3 object-level write events for all buckets. ${fix}`],
    ]);
  });

  it("reports a selector limited to one bucket", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { eventSelectors: [management, data("All", ["arn:aws:s3:::one-bucket/"])] });
    assert.strictEqual((await runStackPolicy(policy, stack)).diagnostics.length, 1);
  });

  it("reports data events on a single-region trail, with the 5.0.0 id when configured", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: false });
    const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { cisVersion: "5.0.0", enforcementLevel: "mandatory" } });
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
      [
        "mandatory",
        `aws:cloudtrail/trail:Trail "baseline-trail" [CIS 5.0.0 3.8, Security Hub S3.22]: no multi-region trail of the stack records S3 object-level write events; this one: it is not multi-region (isMultiRegionTrail). ${fix}`,
      ],
    ]);
  });

  it("accepts an advanced selector for S3 object data events and rejects one narrowed to a bucket", async () => {
    const advanced = (extra: object[]) => ({
      eventSelectors: undefined,
      advancedEventSelectors: [
        { name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        { name: "s3", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, ...extra] },
      ],
    });
    assert.deepStrictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", advanced([])))).diagnostics, []);
    const narrowed = advanced([{ field: "resources.ARN", startsWiths: ["arn:aws:s3:::one-bucket/"] }]);
    assert.strictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", narrowed))).diagnostics.length, 1);
    const readOnly = advanced([{ field: "readOnly", equals: ["true"] }]);
    assert.strictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", readOnly))).diagnostics.length, 1);
  });

  it("does not count a resource of another type that carries trail-like selectors", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", null);
    stack.push({ type: "aws:cloudtrail/eventDataStore:EventDataStore", name: "lookalike", props: { isMultiRegionTrail: true, eventSelectors: [data("All")] } });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => d.urn), [undefined]);
  });

  it("reports the stack when it has no trail", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", null));
    assert.deepStrictEqual(diagnostics.map((d) => [d.urn, detail(d)]), [
      [undefined, `stack [not in CIS 1.2.0; CIS 1.4.0 3.10, Security Hub S3.22]: the stack has no CloudTrail trail recording S3 object-level write events. ${fix}`],
    ]);
  });

  it("reports unknown event selectors as an advisory note, never mandatory", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { eventSelectors: unknownValue.array }), {
      [policy.name]: { enforcementLevel: "mandatory" },
    });
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /cannot verify whether this trail records S3 write data events during preview/);
  });
});
