import * as assert from "assert";
import { cloudtrailBucketAccessLoggingEnabled as policy } from "../../../policy-pack/policies/cloudtrail-bucket-access-logging-enabled";
import { compliantStack, urnByName, withRelations, withResource } from "../fixtures";
import { detail, runStackPolicy, unknownValue } from "../harness";

const subject = 'aws:s3/bucket:Bucket "baseline-trail-bucket" [CIS 1.2.0 2.6, Security Hub CloudTrail.7]';
const noLogging = `${subject}: server access logging is off. Fix: add an aws.s3.BucketLogging to another bucket (the access-log bucket).`;
const selfLogging = `${subject}: access logs are delivered into the bucket itself. Fix: log to another bucket, not into the trail bucket itself.`;

describe("policy cloudtrail-bucket-access-logging-enabled", () => {
  it("passes the compliant stack (BucketLogging from the trail bucket to the access-log bucket)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  it("does not ask the access-log bucket (not a trail bucket) for logging of its own", async () => {
    const { diagnostics } = await runStackPolicy(policy, compliantStack());
    assert.ok(!diagnostics.some((d) => d.message.includes("baseline-access-logs")));
  });

  it("reports the trail bucket when its BucketLogging is removed", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-logging", null);
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [["mandatory", urnByName(stack, "baseline-trail-bucket"), noLogging]]);
  });

  it("does not count a BucketLogging of another bucket", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-logging", { bucket: "some-other-bucket" });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [noLogging]);
  });

  it("does not count a resource of another type with bucket and targetBucket props", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-logging", null);
    stack.push({ type: "aws:s3/bucketAcl:BucketAcl", name: "lookalike", props: { bucket: "baseline-trail-bucket-0123456", targetBucket: "baseline-access-logs-0123456" } });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [noLogging]);
  });

  it("reports logging into the trail bucket itself", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-logging", { targetBucket: "baseline-trail-bucket-0123456" });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [selfLogging]);
  });

  it("follows the trail to its bucket: a trail delivering to the access-log bucket makes that bucket the one to check", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { s3BucketName: "baseline-access-logs-0123456" });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map(detail), [noLogging.replace("baseline-trail-bucket", "baseline-access-logs")]);
  });

  it("accepts the deprecated inline logging of the bucket", async () => {
    let stack = withResource(compliantStack(), "baseline-trail-bucket-logging", null);
    stack = withResource(stack, "baseline-trail-bucket", { logging: { targetBucket: "baseline-access-logs-0123456", targetPrefix: "trail/" } });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
  });

  it("uses the 6.0.0 id when configured", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-logging", null);
    const { diagnostics } = await runStackPolicy(policy, stack, { [policy.name]: { cisVersion: "6.0.0" } });
    assert.deepStrictEqual(diagnostics.map(detail), [noLogging.replace("CIS 1.2.0 2.6", "CIS 6.0.0 4.4")]);
  });

  it("says nothing about a stack without a trail (not applicable: the multi-region control reports the missing trail once)", async () => {
    const outcome = await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", null));
    assert.deepStrictEqual(outcome, { diagnostics: [], notApplicable: [] });
  });

  it("notes a trail bucket outside the stack as out of scope (advisory), in preview and update alike", async () => {
    const stack = withResource(compliantStack(), "baseline-trail", { s3BucketName: "central-log-archive" });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
      [
        "advisory",
        'aws:cloudtrail/trail:Trail "baseline-trail" [CIS 1.2.0 2.6, Security Hub CloudTrail.7]: cannot verify server access logging of the trail bucket from this stack (its bucket "central-log-archive" is not a resource of this stack; npm run audit checks it).',
      ],
    ]);
  });

  describe("in preview, with unknown bucket names", () => {
    const unknownNames = () => {
      let stack = withResource(compliantStack(), "baseline-trail-bucket-logging", { bucket: unknownValue.string, targetBucket: unknownValue.string });
      stack = withResource(stack, "baseline-trail", { s3BucketName: unknownValue.string });
      return stack;
    };

    it("notes, without property dependencies, that it cannot verify (advisory, not mandatory)", async () => {
      const { diagnostics } = await runStackPolicy(policy, unknownNames());
      assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    });

    it("links trail, bucket and BucketLogging through the engine's property dependencies and passes", async () => {
      let stack = unknownNames();
      const bucketUrn = urnByName(stack, "baseline-trail-bucket");
      stack = withRelations(stack, "baseline-trail", { propertyDependencies: { s3BucketName: [bucketUrn] } });
      stack = withRelations(stack, "baseline-trail-bucket-logging", {
        propertyDependencies: { bucket: [bucketUrn], targetBucket: [urnByName(stack, "baseline-access-logs")] },
      });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
    });

    it("reports a BucketLogging whose dependencies show it targets the trail bucket itself", async () => {
      let stack = unknownNames();
      const bucketUrn = urnByName(stack, "baseline-trail-bucket");
      stack = withRelations(stack, "baseline-trail", { propertyDependencies: { s3BucketName: [bucketUrn] } });
      stack = withRelations(stack, "baseline-trail-bucket-logging", { propertyDependencies: { bucket: [bucketUrn], targetBucket: [bucketUrn] } });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [selfLogging]);
    });

    it("reports a missing BucketLogging once dependencies show the trail's bucket", async () => {
      let stack = withResource(unknownNames(), "baseline-trail-bucket-logging", null);
      stack = withRelations(stack, "baseline-trail", { propertyDependencies: { s3BucketName: [urnByName(stack, "baseline-trail-bucket")] } });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [noLogging]);
    });
  });

  it("reports an exempted trail bucket as an advisory note", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-logging", null);
    const config = { [policy.name]: { exemptions: [{ type: "aws:s3/bucket:Bucket", name: "baseline-trail-bucket", reason: "object-level data events log every access" }] } };
    const { diagnostics } = await runStackPolicy(policy, stack, config);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [["advisory", `exempted (reason: object-level data events log every access): ${noLogging}`]]);
  });

  it("exempts the trail bucket by its bucket name or its ARN (resource), as the audit names it", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-logging", null);
    for (const resource of ["baseline-trail-bucket-0123456", "arn:aws:s3:::baseline-trail-bucket-0123456"]) {
      const config = { [policy.name]: { exemptions: [{ resource, reason: "object-level data events log every access" }] } };
      const { diagnostics } = await runStackPolicy(policy, stack, config);
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, d.message]), [
        ["advisory", urnByName(stack, "baseline-trail-bucket"), `exempted (reason: object-level data events log every access): ${noLogging}`],
      ], resource);
    }
  });

  it("does not let an exemption of the access-log bucket's name match the trail bucket, and points it out as matching nothing", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-logging", null);
    const config = { [policy.name]: { exemptions: [{ resource: "baseline-access-logs-0123456", reason: "object-level data events log every access" }] } };
    const { diagnostics } = await runStackPolicy(policy, stack, config);
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory", "mandatory"]);
    assert.match(diagnostics[0].message, /the exemption of resource baseline-access-logs-0123456 matches nothing this policy judges in this stack/);
  });
});
