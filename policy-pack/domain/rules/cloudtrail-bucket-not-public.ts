/**
 * CIS 1.2.0 2.3 / Security Hub CloudTrail.6: the bucket each trail delivers to is not public. All four public
 * access block settings on (bucket or account level, per setting), no ACL grant to AllUsers or AuthenticatedUsers,
 * no policy statement allowing "*" (stricter than the checkers: see domain/bucketAccess.ts), and S3's own policy
 * status not public. A bucket of another account (an organization trail's log archive) is not judged here.
 */
import { missingBlockSettings, publicAllowStatements, reliesOnAccountBlock } from "../bucketAccess";
import type { AccountState, Bucket } from "../state";
import { Judgement, Note, Ref, Verdict, expect, gap, ok, setAside, undecided, verdictOf } from "../verdict";
import type { Rule } from "./rule";
import { trailBuckets, undecidedBucketVerdicts, unlistedTrails } from "./trails";
import type { PolicyName } from "../../controls";

export const bucketRef = (name: string, bucket: Bucket | undefined, trailNames: readonly string[]): Ref => ({
  kind: "bucket", ref: bucket?.ref ?? `bucket:${name}`, label: `bucket ${name} (trail ${trailNames.join(", ")})`,
  ...(bucket?.region ? { region: bucket.region } : {}),
});

/** The bucket, or why it is not judged here: another account's, or outside what this adapter sees. */
export function judgeableBucket(policy: PolicyName, state: AccountState, name: string, trailNames: readonly string[]): Bucket | Verdict {
  const bucket = state.buckets.get(name);
  const subject = bucketRef(name, bucket, trailNames);
  if (!bucket) {
    return setAside(policy, subject, "notJudgedHere", "the bucket is not visible from here");
  }
  const owned = bucket.inThisAccount;
  if (owned.kind === "known" && !owned.value) {
    return setAside(policy, subject, "notJudgedHere", "the bucket belongs to another account (e.g. an organization trail's log archive); judge it there");
  }
  if (owned.kind === "notVisible") {
    return setAside(policy, subject, "notJudgedHere", `${owned.why}; npm run audit checks it`);
  }
  if (owned.kind === "unknown") {
    return { ...verdictOf(policy, subject, [undecided(`whether the bucket belongs to this account: ${owned.why}`)]) };
  }
  return bucket;
}

function blockJudgement(bucket: Bucket, state: AccountState): Judgement {
  const b = bucket.publicAccessBlock;
  const a = state.accountPublicAccessBlock;
  if (b.kind === "unknown") {
    return undecided(b.why);
  }
  const bucketBlock = b.kind === "known" ? b.value : null;
  const accountBlock = a.kind === "known" ? a.value : null;
  const missing = missingBlockSettings(bucketBlock, accountBlock);
  if (missing.length === 0) {
    const notes: Note[] = reliesOnAccountBlock(bucketBlock, accountBlock)
      ? [{ basis: "project", text: "relies on the account-level public access block for some settings" }]
      : [];
    return ok(notes);
  }
  if (a.kind === "unknown") {
    return undecided(`the bucket-level block lacks ${missing.join(", ")}, and the account-level block could not be read: ${a.why}`);
  }
  return gap("bucket.publicAccessBlock", `public access is not fully blocked: ${missing.join(", ")} off at bucket and account level`);
}

function policyJudgements(bucket: Bucket): Judgement[] {
  const judgements: Judgement[] = [];
  const p = bucket.policy;
  if (p.kind === "unknown") {
    judgements.push(undecided(p.why));
  } else if (p.kind === "known" && p.value !== null) {
    if (p.value.kind === "invalid") {
      judgements.push(gap("bucket.invalidPolicy", `the bucket policy is not a valid policy document (${p.value.problem})`));
    } else {
      const open = publicAllowStatements(p.value.statements);
      if (open.length > 0) {
        judgements.push(gap("bucket.publicPolicy", `the bucket policy allows "*"${open.some((s) => s.condition) ? " (a condition narrows it, but CIS asks for named principals)" : ""}`));
      }
    }
  }
  judgements.push(expect(bucket.policyStatusPublic, (v) => v !== true, "bucket.publicPolicy", "S3 evaluates the bucket policy as public (GetBucketPolicyStatus)"));
  return judgements;
}

/**
 * The verdicts of a per-trail-bucket control: for each bucket the account's trails deliver to, `judge` on the bucket
 * when this account's and visible, else why it is not judged here; plus the trails whose bucket is undecided and the
 * regions whose trails could not be listed.
 */
export function judgeTrailBuckets(policy: PolicyName, state: AccountState, judge: (bucket: Bucket, name: string) => Judgement[]): Verdict[] {
  const { byBucket, undecided: unnamed } = trailBuckets(state);
  const verdicts: Verdict[] = [...unlistedTrails(policy, state), ...undecidedBucketVerdicts(policy, unnamed)];
  for (const [name, trails] of byBucket) {
    const trailNames = trails.map((t) => t.name);
    const bucket = judgeableBucket(policy, state, name, trailNames);
    verdicts.push("inThisAccount" in bucket ? verdictOf(policy, bucketRef(name, bucket, trailNames), judge(bucket, name)) : bucket);
  }
  return verdicts;
}

export const cloudtrailBucketNotPublic: Rule = {
  policy: "cloudtrail-bucket-not-public",
  evaluate(state) {
    return judgeTrailBuckets(this.policy, state, (bucket) => [
      blockJudgement(bucket, state),
      expect(bucket.publicGrants, (g) => g.length === 0, "bucket.publicAcl",
        (g) => `the ACL grants ${g.map((x) => `${x.permission} to ${x.grantee}`).join(", ")}`),
      ...policyJudgements(bucket),
    ]);
  },
};
