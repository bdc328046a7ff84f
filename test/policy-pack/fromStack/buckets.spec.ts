import * as assert from "assert";
import { known, notVisible, unknown } from "../../../policy-pack/domain/fact";
import type { Bucket } from "../../../policy-pack/domain/state";
import { fromStack } from "../../../policy-pack/fromStack";
import { StackResourceInput, stackResources, unknownValue, urnOf } from "../harness";

const bucketType = "aws:s3/bucket:Bucket";
const ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const trailBucket: StackResourceInput = { type: bucketType, name: "trail-bucket", props: { bucket: "trail-1", id: "trail-bucket-id", region: "us-east-1" } };
const trail = (props: Record<string, unknown> = {}, extra: Partial<StackResourceInput> = {}): StackResourceInput =>
  ({ type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: "trail-1", ...props }, ...extra });
const attached = (type: string, name: string, props: Record<string, unknown>, extra: Partial<StackResourceInput> = {}): StackResourceInput =>
  ({ type, name, props: { bucket: "trail-1", ...props }, ...extra });
const block = (props: Record<string, unknown> = {}, name = "pab") => attached("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name, { ...ALL, ...props });

function bucketOf(resources: StackResourceInput[], key = "trail-1"): Bucket {
  const bucket = fromStack(stackResources(resources)).state.buckets.get(key);
  assert.ok(bucket, `bucket ${key}`);
  return bucket;
}

describe("fromStack/buckets.ts", () => {
  describe("links", () => {
    it("links a trail to its bucket by the bucket's name or id output, keyed by the name", () => {
      for (const s3BucketName of ["trail-1", "trail-bucket-id"]) {
        const { state } = fromStack(stackResources([trailBucket, trail({ s3BucketName })]));
        assert.deepStrictEqual(state.trails[0].bucketName, known("trail-1"), s3BucketName);
        assert.deepStrictEqual([...state.buckets.keys()], ["trail-1"]);
      }
    });

    it("links through the engine's property dependency while names are unknown, keying the bucket by its URN", () => {
      const unnamed = { ...trailBucket, props: { bucket: unknownValue.string, region: "us-east-1" } };
      const { state } = fromStack(stackResources([unnamed, trail({ s3BucketName: unknownValue.string }, { propertyDependencies: { s3BucketName: [urnOf(bucketType, "trail-bucket")] } })]));
      assert.deepStrictEqual(state.trails[0].bucketName, known(urnOf(bucketType, "trail-bucket")));
      assert.ok(state.buckets.has(urnOf(bucketType, "trail-bucket")));
    });

    it("leaves the bucket unknown when the name is unknown and the engine recorded no source", () => {
      const { state } = fromStack(stackResources([trailBucket, trail({ s3BucketName: unknownValue.string })]));
      assert.deepStrictEqual(state.trails[0].bucketName, unknown("string value at .s3BucketName can't be known during preview"));
      assert.strictEqual(state.buckets.size, 0);
    });

    it("marks a bucket that is no resource of the stack as not visible, reported on the trail that names it", () => {
      const { state, subjects } = fromStack(stackResources([trail({ s3BucketName: "central-archive" })]));
      const bucket = state.buckets.get("central-archive");
      assert.deepStrictEqual(bucket?.inThisAccount, notVisible('its bucket "central-archive" is not a resource of this stack'));
      assert.strictEqual(subjects.get("bucket:central-archive")?.resource?.urn, urnOf("aws:cloudtrail/trail:Trail", "t"));
    });

    it("builds only trail buckets: an attachment of another bucket is not counted", () => {
      const other = { ...trailBucket, name: "site", props: { bucket: "site", region: "us-east-1" } };
      const { state } = fromStack(stackResources([trailBucket, other, trail(), block({ bucket: "site" }, "site-pab"), block({ blockPublicAcls: false })]));
      assert.deepStrictEqual([...state.buckets.keys()], ["trail-1"]);
      assert.deepStrictEqual(state.buckets.get("trail-1")?.publicAccessBlock, known({ ...ALL, blockPublicAcls: false }));
    });
  });

  describe("public access blocks (S10)", () => {
    it("is null without a block, and takes a setting as on only if every block of the bucket has it on", () => {
      assert.deepStrictEqual(bucketOf([trailBucket, trail()]).publicAccessBlock, known(null));
      assert.deepStrictEqual(bucketOf([trailBucket, trail(), block(), block({ restrictPublicBuckets: false }, "pab-2")]).publicAccessBlock, known({ ...ALL, restrictPublicBuckets: false }));
    });

    it("keeps a setting proven off beside an unknown one, and is unknown when nothing is proven off", () => {
      assert.deepStrictEqual(bucketOf([trailBucket, trail(), block({ blockPublicPolicy: unknownValue.boolean, ignorePublicAcls: false })]).publicAccessBlock, known({ ...ALL, ignorePublicAcls: false }));
      assert.deepStrictEqual(
        bucketOf([trailBucket, trail(), block({ blockPublicPolicy: unknownValue.boolean })]).publicAccessBlock,
        unknown('BucketPublicAccessBlock "pab": boolean value at .blockPublicPolicy can\'t be known during preview'),
      );
    });

    it("is unknown while a block's bucket cannot be told (it may be this one's)", () => {
      assert.strictEqual(bucketOf([trailBucket, trail(), block({ bucket: unknownValue.string })]).publicAccessBlock.kind, "unknown");
    });

    it("reads an aws.s3.AccountPublicAccessBlock of the stack; without one the account level is not visible from here", () => {
      const account = { type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", name: "account", props: { ...ALL, restrictPublicBuckets: false } };
      assert.deepStrictEqual(fromStack(stackResources([trailBucket, trail(), account])).state.accountPublicAccessBlock, known({ ...ALL, restrictPublicBuckets: false }));
      assert.strictEqual(fromStack(stackResources([trailBucket, trail()])).state.accountPublicAccessBlock.kind, "notVisible");
    });
  });

  describe("ACLs (S13)", () => {
    it("expands canned ACLs of BucketAcl, BucketAclV2 and the bucket's inline acl into grants to the public groups, each grant once", () => {
      const b = bucketOf([
        { ...trailBucket, props: { ...trailBucket.props, acl: "authenticated-read" } }, trail(),
        attached("aws:s3/bucketAcl:BucketAcl", "acl", { acl: "public-read-write" }),
        attached("aws:s3/bucketAclV2:BucketAclV2", "acl-v2", { accessControlPolicy: { grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }] } }),
      ]);
      assert.deepStrictEqual(b.publicGrants, known([
        { grantee: "AuthenticatedUsers", permission: "READ" }, { grantee: "AllUsers", permission: "READ" }, { grantee: "AllUsers", permission: "WRITE" },
      ]));
    });

    it("grants nothing public for private and log-delivery-write ACLs", () => {
      const b = bucketOf([trailBucket, trail(), attached("aws:s3/bucketAcl:BucketAcl", "acl", { acl: "log-delivery-write" })]);
      assert.deepStrictEqual(b.publicGrants, known([]));
    });
  });

  describe("policies (S11, S14)", () => {
    const statement = (s: object) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });

    it("reads a BucketPolicy's JSON and the inline policy (a string or an object) as one document", () => {
      const b = bucketOf([
        { ...trailBucket, props: { ...trailBucket.props, policy: { Statement: { Effect: "Deny", Principal: "*" } } } }, trail(),
        attached("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: statement({ Effect: "Allow", Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }) }),
      ]);
      assert.deepStrictEqual(b.policy, known({
        kind: "document",
        statements: [{ effect: "Deny", principal: "*" }, { effect: "Allow", principal: "*", condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }],
      }));
    });

    it("reports invalid JSON as an invalid policy naming its resource; no policy at all is null", () => {
      const b = bucketOf([trailBucket, trail(), attached("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: "{oops" })]);
      assert.strictEqual(b.policy.kind === "known" && b.policy.value?.kind, "invalid");
      assert.match(b.policy.kind === "known" && b.policy.value?.kind === "invalid" ? b.policy.value.problem : "", /^BucketPolicy "policy": /);
      assert.deepStrictEqual(bucketOf([trailBucket, trail()]).policy, known(null));
    });

    it("keeps a proven public statement beside an unknown document, and is unknown otherwise", () => {
      const open = attached("aws:s3/bucketPolicy:BucketPolicy", "open", { policy: statement({ Effect: "Allow", Principal: { AWS: "*" } }) });
      const pending = attached("aws:s3/bucketPolicy:BucketPolicy", "pending", { policy: unknownValue.string });
      assert.strictEqual(bucketOf([trailBucket, trail(), open, pending]).policy.kind, "known");
      assert.deepStrictEqual(bucketOf([trailBucket, trail(), pending]).policy, unknown('BucketPolicy "pending": string value at .policy can\'t be known during preview'));
    });
  });

  describe("access logging (S29)", () => {
    const logging = (props: Record<string, unknown>, extra: Partial<StackResourceInput> = {}) => attached("aws:s3/bucketLogging:BucketLogging", "logging", props, extra);
    const logs: StackResourceInput = { type: bucketType, name: "logs", props: { bucket: "logs-1", region: "us-east-1" } };

    it("names another bucket as the target by value, by the engine's dependency, or by an output computed from a non-bucket", () => {
      assert.deepStrictEqual(bucketOf([trailBucket, logs, trail(), logging({ targetBucket: "logs-1" })]).logging, known({ targetBucket: "logs-1" }));
      const viaDependency = logging({ targetBucket: unknownValue.string }, { propertyDependencies: { targetBucket: [urnOf(bucketType, "logs")] } });
      assert.deepStrictEqual(bucketOf([trailBucket, logs, trail(), viaDependency]).logging, known({ targetBucket: "logs-1" }));
      const computedName = logging({ targetBucket: unknownValue.string }, { propertyDependencies: { targetBucket: [urnOf("random:index/randomPet:RandomPet", "pet")] } });
      assert.deepStrictEqual(bucketOf([trailBucket, { type: "random:index/randomPet:RandomPet", name: "pet", props: {} }, trail(), computedName]).logging,
        known({ targetBucket: `(set by ${urnOf("random:index/randomPet:RandomPet", "pet")})` }));
    });

    it("recognises logging into the bucket itself by its name or its id, also inline", () => {
      for (const targetBucket of ["trail-1", "trail-bucket-id"]) {
        assert.deepStrictEqual(bucketOf([trailBucket, trail(), logging({ targetBucket })]).logging, known({ targetBucket: "trail-1" }), targetBucket);
      }
      const inline = { ...trailBucket, props: { ...trailBucket.props, logging: { targetBucket: "trail-bucket-id" } } };
      assert.deepStrictEqual(bucketOf([inline, trail()]).logging, known({ targetBucket: "trail-1" }));
    });

    it("is null without logging, and unknown while a target or a logging's bucket cannot be told", () => {
      assert.deepStrictEqual(bucketOf([trailBucket, trail()]).logging, known(null));
      assert.strictEqual(bucketOf([trailBucket, trail(), logging({ targetBucket: unknownValue.string })]).logging.kind, "unknown");
      assert.strictEqual(bucketOf([trailBucket, trail(), logging({ bucket: unknownValue.string, targetBucket: "logs-1" })]).logging.kind, "unknown");
    });
  });
});
