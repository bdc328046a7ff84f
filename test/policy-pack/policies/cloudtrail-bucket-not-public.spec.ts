import * as assert from "assert";
import { cloudtrailBucketNotPublic as policy } from "../../../policy-pack/policies/cloudtrail-bucket-not-public";
import { bucketType, compliantStack, trailBucketPolicy, urnByName, withRelations, withResource } from "../fixtures";
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

  const bucket = 'aws:s3/bucket:Bucket "baseline-trail-bucket"';
  const blockFix = "Fix: add an aws.s3.BucketPublicAccessBlock with all four settings true.";
  const policyFix = 'Fix: name account or service principals instead of "*" in the bucket policy.';
  const aclFix = "Fix: drop the public grant; set aws.s3.BucketOwnershipControls objectOwnership: BucketOwnerEnforced.";

  for (const setting of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
    it(`reports the trail bucket when its public access block has ${setting} false`, async () => {
      const stack = withResource(compliantStack(), blockName, { [setting]: false });
      const { diagnostics } = await runStackPolicy(policy, stack);
      assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn, detail(d)]), [
        ["mandatory", urnByName(stack, "baseline-trail-bucket"), `${bucket} ${control}: public access is not fully blocked: ${setting} off at bucket and account level. ${blockFix}`],
      ]);
    });
  }

  it("reports a trail bucket without a public access block", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), blockName, null));
    assert.deepStrictEqual(diagnostics.map(detail), [
      `${bucket} ${control}: public access is not fully blocked: blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets off at bucket and account level. ${blockFix}`,
    ]);
  });

  it("counts an aws.s3.AccountPublicAccessBlock of the stack per setting (S10: S3 applies the more restrictive of the two levels)", async () => {
    const account = (settings: Record<string, boolean>) => ({
      type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
      name: "account-block",
      props: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...settings },
    });
    const noBucketBlock = withResource(compliantStack(), blockName, null);
    assert.deepStrictEqual((await runStackPolicy(policy, [...noBucketBlock, account({})])).diagnostics, []);
    const partial = withResource(compliantStack(), blockName, { blockPublicPolicy: false, restrictPublicBuckets: false });
    assert.deepStrictEqual((await runStackPolicy(policy, [...partial, account({ restrictPublicBuckets: false })])).diagnostics.map(detail), [
      `${bucket} ${control}: public access is not fully blocked: restrictPublicBuckets off at bucket and account level. ${blockFix}`,
    ]);
  });

  it("does not count a resource of another type that carries the four settings (ownership controls are not a block)", async () => {
    const stack = withResource(compliantStack(), blockName, null);
    stack.push({
      type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      name: "lookalike",
      props: { bucket: "baseline-trail-bucket-0123456", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    });
    assert.match(detail((await runStackPolicy(policy, stack)).diagnostics[0]), /public access is not fully blocked: blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets off/);
  });

  it("does not count the access-log bucket's public access block for the trail bucket", async () => {
    const stack = withResource(compliantStack(), blockName, { bucket: "baseline-access-logs-0123456" });
    assert.strictEqual((await runStackPolicy(policy, stack)).diagnostics.length, 1);
  });

  it("reports a bucket policy that Allows Principal *, against the bucket", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-policy", { policy: withPolicyStatements([publicStatement]) });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.urn, detail(d)]), [[urnByName(stack, "baseline-trail-bucket"), `${bucket} ${control}: the bucket policy allows "*". ${policyFix}`]]);
  });

  it("reports an Allow to \"*\" narrowed by aws:PrincipalOrgID (S11: stricter than Security Hub and Prowler, saying so)", async () => {
    const orgOnly = { ...publicStatement, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } };
    const stack = withResource(compliantStack(), "baseline-trail-bucket-policy", { policy: withPolicyStatements([orgOnly]) });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [
      `${bucket} ${control}: the bucket policy allows "*" (a condition narrows it, but CIS asks for named principals). ${policyFix}`,
    ]);
  });

  it("reports an Allow to {AWS: [\"*\"]} given as an object policy, and any account's root (S12)", async () => {
    for (const principal of [{ AWS: ["*"] }, { AWS: "arn:aws:iam::*:root" }]) {
      const document = { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: principal, Action: "s3:ListBucket", Resource: "*" } };
      const stack = withResource(compliantStack(), "baseline-trail-bucket-policy", { policy: document });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [`${bucket} ${control}: the bucket policy allows "*". ${policyFix}`], JSON.stringify(principal));
    }
  });

  it("reports a bucket policy that is not JSON, naming the resource that holds it", async () => {
    const stack = withResource(compliantStack(), "baseline-trail-bucket-policy", { policy: "{not json" });
    assert.match(detail((await runStackPolicy(policy, stack)).diagnostics[0]), /: the bucket policy is not a valid policy document \(BucketPolicy "baseline-trail-bucket-policy": .*JSON.*\)\. Fix: make the bucket policy valid JSON\.$/);
  });

  it("reports public canned ACLs and grants to the public groups on BucketAcls of the trail bucket, once each", async () => {
    const stack = [
      ...compliantStack(),
      { type: "aws:s3/bucketAcl:BucketAcl", name: "trail-acl", props: { bucket: "baseline-trail-bucket-0123456", acl: "public-read" } },
      {
        type: "aws:s3/bucketAcl:BucketAcl",
        name: "trail-grants",
        props: {
          bucket: "baseline-trail-bucket-0123456",
          accessControlPolicy: { owner: { id: "owner" }, grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }, { permission: "WRITE", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" } }] },
        },
      },
    ];
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map(detail), [`${bucket} ${control}: the ACL grants READ to AllUsers, WRITE to AuthenticatedUsers. ${aclFix}`]);
  });

  it("expands the deprecated inline canned ACL of the bucket, authenticated-read included (S13)", async () => {
    for (const [acl, grants] of [["public-read-write", "READ to AllUsers, WRITE to AllUsers"], ["authenticated-read", "READ to AuthenticatedUsers"]]) {
      const stack = withResource(compliantStack(), "baseline-trail-bucket", { acl });
      assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map(detail), [`${bucket} ${control}: the ACL grants ${grants}. ${aclFix}`], acl);
    }
    assert.deepStrictEqual((await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail-bucket", { acl: "log-delivery-write" }))).diagnostics, []);
  });

  it("ignores a public bucket that no trail delivers to", async () => {
    const stack = [...compliantStack(), { type: "aws:s3/bucketAcl:BucketAcl", name: "site-acl", props: { bucket: "public-website", acl: "public-read" } }];
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics, []);
  });

  it("says nothing about a stack without a trail (not applicable: the multi-region control reports the missing trail once)", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy, withResource(compliantStack(), "baseline-trail", null)), { diagnostics: [], notApplicable: [] });
  });

  it("says the control is not in CIS 5.0.0 when that version is selected", async () => {
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), blockName, { ignorePublicAcls: false }), { [policy.name]: { cisVersion: "5.0.0" } });
    assert.match(detail(diagnostics[0]), /\[not in CIS 5\.0\.0; CIS 1\.2\.0 2\.3, Security Hub CloudTrail\.6\]/);
  });

  it("notes unknown public access block settings and an unknown policy in one advisory note, naming both", async () => {
    let stack = withResource(compliantStack(), blockName, { blockPublicPolicy: unknownValue.boolean });
    stack = withResource(stack, "baseline-trail-bucket-policy", { policy: unknownValue.string });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.message]), [
      [
        "advisory",
        `${bucket} ${control}: cannot verify that the trail bucket is not public during preview (BucketPublicAccessBlock "${blockName}": boolean value at .blockPublicPolicy can't be known during preview; BucketPolicy "baseline-trail-bucket-policy": string value at .policy can't be known during preview); the update re-checks it.`,
      ],
    ]);
  });

  it("still reports a setting proven off beside one that is unknown (a proven gap fails whatever else is unknown)", async () => {
    const stack = withResource(compliantStack(), blockName, { blockPublicPolicy: unknownValue.boolean, restrictPublicBuckets: false });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => [d.enforcementLevel, detail(d)]), [
      ["mandatory", `${bucket} ${control}: public access is not fully blocked: restrictPublicBuckets off at bucket and account level. ${blockFix}`],
    ]);
  });

  it("links the block to the bucket through property dependencies when the bucket name is unknown", async () => {
    let stack = withResource(compliantStack(), blockName, { bucket: unknownValue.string, restrictPublicBuckets: false });
    stack = withRelations(stack, blockName, { propertyDependencies: { bucket: [urnByName(stack, "baseline-trail-bucket")] } });
    const { diagnostics } = await runStackPolicy(policy, stack);
    assert.deepStrictEqual(diagnostics.map((d) => [d.enforcementLevel, d.urn]), [["mandatory", urnByName(stack, "baseline-trail-bucket")]]);
  });

  it("notes, without a violation, a block whose bucket is unknown and has no dependency (it may be the trail bucket's)", async () => {
    const stack = withResource(compliantStack(), blockName, { bucket: unknownValue.string });
    assert.deepStrictEqual((await runStackPolicy(policy, stack)).diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
  });

  it("reports an exempted trail bucket as an advisory note quoting the reason", async () => {
    const config = { [policy.name]: { exemptions: [{ type: bucketType, name: "baseline-trail-bucket", reason: "account-level public access block applies" }] } };
    const { diagnostics } = await runStackPolicy(policy, withResource(compliantStack(), blockName, { blockPublicAcls: false }), config);
    assert.deepStrictEqual(diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    assert.match(diagnostics[0].message, /^exempted \(reason: account-level public access block applies\): aws:s3\/bucket:Bucket "baseline-trail-bucket"/);
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
