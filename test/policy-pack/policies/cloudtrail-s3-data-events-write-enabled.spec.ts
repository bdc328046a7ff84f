import * as assert from "assert";
import { cloudtrailS3DataEventsWriteEnabled as policy } from "../../../policy-pack/policies/cloudtrail-s3-data-events-write-enabled";
import { compliantStack, withResource } from "../fixtures";
import { detail, runStackPolicy, unknownValue } from "../harness";

const lead = "no logging multi-region trail of the stack records S3 object-level write events for all buckets; baseline-trail: ";
const fix = "Fix: set cloudTrail.s3DataEvents (an AWS::S3::Object selector on arn:<partition>:s3).";
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
      ["advisory", `${subject}: ${lead}no event selector records S3 object-level write events. ${fix}`],
    ]);
  });

  it("reports a selector limited to one bucket, and arn:aws:s3:::*/*, which CloudTrail does not document as all buckets (S40)", async () => {
    for (const value of ["arn:aws:s3:::one-bucket/", "arn:aws:s3:::*/*"]) {
      const stack = withResource(compliantStack(), "baseline-trail", { eventSelectors: [management, data("All", [value])] });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
        `${subject}: ${lead}S3 write data events are recorded only for ${value}, not all buckets. Fix: select all buckets: values ["arn:<partition>:s3"] (CIS asks for all current and future buckets).`,
      ]);
    }
  });

  it("reports data events on a single-region trail, with the 5.0.0 id when configured", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { isMultiRegionTrail: false });
    const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { cisVersion: "5.0.0", enforcementLevel: "mandatory" } });
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
      [
        "mandatory",
        `aws:cloudtrail/trail:Trail "baseline-trail" [CIS 5.0.0 3.8, Security Hub S3.22]: ${lead}it is a single-region trail. Fix: set isMultiRegionTrail: true.`,
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

  it("accepts readOnly NotEquals true for writes (S43) and resources.ARN StartsWith arn:aws:s3::: (S41); rejects excluding a bucket that is not a trail bucket (S42)", async () => {
    const advanced = (extra: object[]) => ({
      eventSelectors: undefined,
      advancedEventSelectors: [
        { name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        { name: "s3", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, ...extra] },
      ],
    });
    for (const extra of [[{ field: "readOnly", notEquals: ["true"] }], [{ field: "resources.ARN", startsWiths: ["arn:aws:s3:::"] }], [{ field: "resources.ARN", notStartsWiths: ["arn:aws:s3:::baseline-trail-bucket-0123456/"] }]]) {
      assert.deepStrictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", advanced(extra)))).diagnostics, [], JSON.stringify(extra));
    }
    const payroll = advanced([{ field: "resources.ARN", notStartsWiths: ["arn:aws:s3:::payroll/"] }]);
    assert.strictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", payroll))).diagnostics.length, 1);
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
      [undefined, "stack [not in CIS 1.2.0; CIS 1.4.0 3.10, Security Hub S3.22]: the account has no trail. Fix: deploy the LoggingBaseline trail (components/loggingBaseline.ts) with `pulumi up`."],
    ]);
  });

  it("reports unknown event selectors as an advisory note, never mandatory", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", { eventSelectors: unknownValue.array }), {
      [policy.name]: { enforcementLevel: "mandatory" },
    });
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /^stack \[not in CIS 1\.2\.0; CIS 1\.4\.0 3\.10, Security Hub S3\.22\]: cannot verify that a multi-region trail records S3 write data events during preview \(baseline-trail: Array value at \.eventSelectors can't be known during preview\)/);
  });
});
