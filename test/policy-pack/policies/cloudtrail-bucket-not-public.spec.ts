import * as assert from "assert";
import { cloudtrailBucketNotPublic as policy } from "../../../policy-pack/policies/cloudtrail-bucket-not-public";
import { compliantStack, trailBucketPolicy, urnByName, withRelations, withResource } from "../fixtures";
import { detail, runRemediation, runResourcePolicy, runStackPolicy, unknownValue } from "../harness";

const control = "[CIS 1.2.0 2.3, Security Hub CloudTrail.6]";
const blockName = "baseline-trail-bucket-public-access-block";
const blockType = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const publicStatement = { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::baseline-trail-bucket-0123456/*" };

function withPolicyStatements(extra: object[]): string {
  const document = JSON.parse(trailBucketPolicy) as { Statement: object[] };
  return JSON.stringify({ ...document, Statement: [...document.Statement, ...extra] });
}

describe("policy cloudtrail-bucket-not-public", () => {
  it("passes the compliant stack, whose bucket policy has a Deny to Principal * (not public)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, compliantStack()), { diagnostics: [], notApplicable: [] });
  });

  for (const setting of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
    it(`reports the public access block when ${setting} is false`, async () => {
      const stack = withResource(compliantStack(), blockName, { [setting]: false });
      const { diagnostics } = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [
        [
          "mandatory",
          urnByName(stack, blockName),
          `${blockType} "${blockName}" ${control}: the trail bucket's public access block leaves ${setting} off. Fix: set ${setting}: true.`,
        ],
      ]);
    });
  }

  it("reports a trail bucket without a public access block", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), blockName, null));
    assert.deepStrictEqual(diagnostics.map(detail), [
      `aws:s3/bucket:Bucket "baseline-trail-bucket" ${control}: the trail bucket has no public access block. Fix: add an aws.s3.BucketPublicAccessBlock for it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.`,
    ]);
  });

  it("does not count a resource of another type that carries the four settings (ownership controls are not a block)", async () => {
    const stack = withResource(compliantStack(), blockName, null);
    stack.push({
      type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      name: "lookalike",
      props: { bucket: "baseline-trail-bucket-0123456", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    });
    assert.match(detail((await runStackPolicy(policy, stack)).diagnostics[0]), /the trail bucket has no public access block/);
  });

  it("does not count the access-log bucket's public access block for the trail bucket", async () => {
    const stack = withResource(compliantStack(), blockName, { bucket: "baseline-access-logs-0123456" });
    assert.strictEqual((await runStackPolicy(policy, stack)).diagnostics.length, 1);
  });

  it("reports a bucket policy that Allows Principal *", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-policy", { policy: withPolicyStatements([publicStatement]) });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map(detail), [
      `aws:s3/bucketPolicy:BucketPolicy "baseline-trail-bucket-policy" ${control}: the trail bucket's policy allows Principal "*" (statements PublicRead). Fix: set policy so that Allow statements name service or account principals, never "*".`,
    ]);
  });

  it("reports an Allow to {AWS: \"*\"} given as an object policy", async () => {
    const document = { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:ListBucket", Resource: "*" } };
    const stack = withResource(compliantStack(), "baseline-trail-bucket-policy", { policy: document });
    assert.match(detail((await runStackPolicy(policy, stack)).diagnostics[0]), /allows Principal "\*" \(statements #0\)/);
  });

  it("reports a bucket policy that is not JSON", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-policy", { policy: "{not json" });
    assert.match(detail((await runStackPolicy(policy, stack)).diagnostics[0]), /the trail bucket's policy is not valid JSON/);
  });

  it("reports a public canned ACL and a grant to AllUsers on a BucketAcl of the trail bucket", async () => {
    const stack = [
      ...compliantStack(),
      { type: "aws:s3/bucketAcl:BucketAcl", name: "trail-acl", props: { bucket: "baseline-trail-bucket-0123456", acl: "public-read" } },
      {
        type: "aws:s3/bucketAcl:BucketAcl",
        name: "trail-grants",
        props: {
          bucket: "baseline-trail-bucket-0123456",
          accessControlPolicy: { owner: { id: "owner" }, grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }] },
        },
      },
    ];
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map(detail), [
      `aws:s3/bucketAcl:BucketAcl "trail-acl" ${control}: the trail bucket's ACL grants public access. Fix: set acl: "private" and remove grants to AllUsers / AuthenticatedUsers.`,
      `aws:s3/bucketAcl:BucketAcl "trail-grants" ${control}: the trail bucket's ACL grants public access. Fix: set acl: "private" and remove grants to AllUsers / AuthenticatedUsers.`,
    ]);
  });

  it("reports the deprecated inline public ACL of the bucket", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket", { acl: "public-read-write" });
    assert.match(detail((await runStackPolicy(policy, stack)).diagnostics[0]), /has the public canned ACL "public-read-write"/);
  });

  it("ignores a public bucket that no trail delivers to", async () => {
    const stack = [...compliantStack(), { type: "aws:s3/bucketAcl:BucketAcl", name: "site-acl", props: { bucket: "public-website", acl: "public-read" } }];
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
  });

  it("is not applicable to a stack without a trail", async () => {
    assert.deepStrictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", null))).notApplicable, ["the stack has no CloudTrail trail"]);
  });

  it("says the control is not in CIS 5.0.0 when that version is selected", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), blockName, { ignorePublicAcls: false }), { [policy.name]: { cisVersion: "5.0.0" } });
    assert.match(detail(diagnostics[0]), /\[not in CIS 5\.0\.0; CIS 1\.2\.0 2\.3, Security Hub CloudTrail\.6\]/);
  });

  it("notes unknown public access block settings and an unknown policy as advisory, not mandatory", async () => {
    let stack = withResource(compliantStack(), blockName, { blockPublicPolicy: unknownValue.boolean });
    stack = withResource(stack, "baseline-trail-bucket-policy", { policy: unknownValue.string });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory", "advisory"]);
  });

  it("links the block to the bucket through property dependencies when the bucket name is unknown", async () => {
    let stack = withResource(compliantStack(), blockName, { bucket: unknownValue.string, restrictPublicBuckets: false });
    stack = withRelations(stack, blockName, { propertyDependencies: { bucket: [urnByName(stack, "baseline-trail-bucket")] } });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn]), [["mandatory", urnByName(stack, blockName)]]);
  });

  it("reports an exempted public access block as an advisory note", async () => {
    const config = { [policy.name]: { exemptions: [{ type: blockType, name: blockName, reason: "account-level public access block applies" }] } };
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), blockName, { blockPublicAcls: false }), config);
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /^exempted \(reason: account-level public access block applies\): /);
  });

  describe("remediation of public access blocks", () => {
    const block = (props: Record<string, unknown>) => ({ type: blockType, name: blockName, props });
    const remediate = { [policy.name]: { enforcementLevel: "remediate" as const } };

    it("turns every setting on at level remediate, keeping the bucket reference (even unknown)", async () => {
      const result = await runRemediation(policy, block({ bucket: unknownValue.string, blockPublicAcls: false, ignorePublicAcls: true }), remediate);
      assert.deepStrictEqual(result.props, {
        bucket: unknownValue.string,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    });

    it("leaves a complete block and an exempted block unchanged", async () => {
      const complete = { bucket: "b", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
      assert.deepStrictEqual(await runRemediation(policy, block(complete), remediate), {});
      const exempted = { [policy.name]: { enforcementLevel: "remediate" as const, exemptions: [{ type: blockType, name: blockName, reason: "website bucket, public by design" }] } };
      assert.deepStrictEqual(await runRemediation(policy, block({ bucket: "b" }), exempted), {});
    });

    it("does not remediate other types", async () => {
      const result = await runRemediation(policy, { type: "aws:s3/bucket:Bucket", name: "b", props: {} }, remediate);
      assert.deepStrictEqual(result, { notApplicable: `Policy only applies to resources of type '${blockType}'` });
    });

    it("has no resource validation (the stack validation decides): Analyze reports it not applicable", async () => {
      const outcome = await runResourcePolicy(policy, block({ bucket: "b" }));
      assert.deepStrictEqual(outcome, { diagnostics: [], notApplicable: ["Policy does not implement validateResource"] });
    });
  });
});
