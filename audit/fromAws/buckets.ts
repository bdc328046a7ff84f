/**
 * Trail buckets as the rules see them: the bucket-level block, the public ACL grants, the policy document (parsed
 * here, judged by the domain), S3's own policy status, logging, and whether the account owns the bucket (ListBuckets).
 */
import type { PublicAccessBlockConfiguration } from "@aws-sdk/client-s3";
import { Fact, known, unknown } from "../../policy-pack/domain/fact";
import type { Bucket, BucketPolicy, PolicyStatement, PublicAccessBlock } from "../../policy-pack/domain/state";
import type { BucketFacts } from "../collect/s3";
import type { AuditData } from "../data";
import { fromResult } from "./facts";

export function publicAccessBlockOf(c: PublicAccessBlockConfiguration | null): PublicAccessBlock | null {
  return c === null ? null : {
    blockPublicAcls: c.BlockPublicAcls === true, ignorePublicAcls: c.IgnorePublicAcls === true,
    blockPublicPolicy: c.BlockPublicPolicy === true, restrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

/** A bucket policy document as S3 returns it: statements with Effect, Principal, NotPrincipal, Condition. */
export function parsePolicy(text: string | null): BucketPolicy | null {
  if (text === null) {
    return null;
  }
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const raw = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
    const statements = raw.map((s): PolicyStatement => {
      const st = s as { Effect?: unknown; Principal?: unknown; NotPrincipal?: unknown; Condition?: unknown };
      return {
        effect: String(st.Effect ?? ""),
        ...(st.Principal !== undefined ? { principal: st.Principal } : {}),
        ...(st.NotPrincipal !== undefined ? { notPrincipal: st.NotPrincipal } : {}),
        ...(st.Condition !== undefined ? { condition: st.Condition as Record<string, unknown> } : {}),
      };
    });
    return { kind: "document", statements };
  } catch (err) {
    return { kind: "invalid", problem: (err as Error).message };
  }
}

function grantsOf(grants: readonly string[]): { grantee: "AllUsers" | "AuthenticatedUsers"; permission: string }[] {
  return grants.map((g) => {
    const [grantee, permission] = g.split(":");
    return { grantee: grantee === "AllUsers" ? "AllUsers" : "AuthenticatedUsers", permission: permission ?? "?" };
  });
}

export function bucketOf(facts: BucketFacts, owned: Fact<ReadonlySet<string>>, partition: string): Bucket {
  const inThisAccount: Fact<boolean> = owned.kind === "known" ? known(owned.value.has(facts.name)) : owned.kind === "unknown" ? unknown(owned.why) : owned;
  return {
    ref: `arn:${partition}:s3:::${facts.name}`,
    name: facts.name,
    ...(facts.region.ok ? { region: facts.region.value } : {}),
    inThisAccount,
    publicAccessBlock: fromResult(facts.publicAccessBlock, publicAccessBlockOf),
    publicGrants: fromResult(facts.publicAclGrants, grantsOf),
    policy: fromResult(facts.policy, parsePolicy),
    policyStatusPublic: fromResult(facts.policyIsPublic),
    logging: fromResult(facts.logging, (l) => (l === null ? null : { targetBucket: l.targetBucket })),
  };
}

export function bucketsOf(data: AuditData): Map<string, Bucket> {
  const owned = fromResult<ReadonlySet<string>>(data.ownedBuckets);
  return new Map([...data.buckets.values()].map((b) => [b.name, bucketOf(b, owned, data.partition)]));
}
