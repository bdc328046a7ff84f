/**
 * Facts about a trail's S3 bucket. "Not found" answers are answers, not errors:
 * NoSuchPublicAccessBlockConfiguration means no bucket-level block is set, NoSuchBucketPolicy means the
 * bucket has no policy. Every other failure (AccessDenied on a bucket of another account, NoSuchBucket,
 * throttling) stays an error.
 */
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import {
  GetBucketAclCommand,
  GetBucketPolicyCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  PublicAccessBlockConfiguration,
  ListBucketsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Result, attempt, isErrorNamed } from "../types";

export interface BucketLogging {
  readonly targetBucket: string;
  readonly targetPrefix: string;
}

export interface BucketFacts {
  readonly name: string;
  readonly region: Result<string>;
  /** null: the bucket has no public access block configuration. */
  readonly publicAccessBlock?: Result<PublicAccessBlockConfiguration | null>;
  /** ACL grants to everyone or to any authenticated AWS user, as `<group>:<permission>`. */
  readonly publicAclGrants?: Result<readonly string[]>;
  /** IsPublic of the bucket policy; null: the bucket has no policy. */
  readonly policyIsPublic?: Result<boolean | null>;
  /** The bucket policy document as S3 returns it; null: the bucket has no policy. */
  readonly policy?: Result<string | null>;
  /** null: server access logging is off. */
  readonly logging?: Result<BucketLogging | null>;
}

export interface BucketQuestions {
  readonly publicAccess: boolean;
  readonly logging: boolean;
}

const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
};

/** GetBucketLocation's answer as a region name: empty means us-east-1, the legacy "EU" means eu-west-1. */
export function regionOfLocation(location: string | undefined | null): string {
  if (!location) {
    return "us-east-1";
  }
  return location === "EU" ? "eu-west-1" : location;
}

export async function collectBucket(
  clientIn: (region: string) => S3Client,
  defaultRegion: string,
  name: string,
  ask: BucketQuestions,
): Promise<BucketFacts> {
  const region = await attempt("s3:GetBucketLocation", defaultRegion, async () =>
    regionOfLocation((await clientIn(defaultRegion).send(new GetBucketLocationCommand({ Bucket: name }))).LocationConstraint),
  );
  const where = region.ok ? region.value : defaultRegion;
  const client = clientIn(where);
  const [publicAccessBlock, publicAclGrants, policyIsPublic, policy, logging] = await Promise.all([
    ask.publicAccess
      ? attempt("s3:GetPublicAccessBlock", where, async () => {
          try {
            const answer = await client.send(new GetPublicAccessBlockCommand({ Bucket: name }));
            return answer.PublicAccessBlockConfiguration ?? null;
          } catch (err) {
            if (isErrorNamed(err, "NoSuchPublicAccessBlockConfiguration")) {
              return null;
            }
            throw err;
          }
        })
      : undefined,
    ask.publicAccess
      ? attempt("s3:GetBucketAcl", where, async () => {
          const acl = await client.send(new GetBucketAclCommand({ Bucket: name }));
          return (acl.Grants ?? [])
            .filter((g) => g.Grantee?.URI !== undefined && PUBLIC_GROUPS[g.Grantee.URI] !== undefined)
            .map((g) => `${PUBLIC_GROUPS[g.Grantee?.URI ?? ""]}:${g.Permission ?? "?"}`)
            .sort();
        })
      : undefined,
    ask.publicAccess
      ? attempt("s3:GetBucketPolicyStatus", where, async () => {
          try {
            const answer = await client.send(new GetBucketPolicyStatusCommand({ Bucket: name }));
            const isPublic = answer.PolicyStatus?.IsPublic;
            if (typeof isPublic !== "boolean") {
              // Real S3 always answers IsPublic; anything else is not an answer to judge from.
              throw new Error("GetBucketPolicyStatus returned no PolicyStatus.IsPublic");
            }
            return isPublic;
          } catch (err) {
            if (isErrorNamed(err, "NoSuchBucketPolicy")) {
              return null;
            }
            throw err;
          }
        })
      : undefined,
    ask.publicAccess
      ? attempt("s3:GetBucketPolicy", where, async () => {
          try {
            return (await client.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy ?? null;
          } catch (err) {
            if (isErrorNamed(err, "NoSuchBucketPolicy")) {
              return null;
            }
            throw err;
          }
        })
      : undefined,
    ask.logging
      ? attempt("s3:GetBucketLogging", where, async () => {
          const answer = await client.send(new GetBucketLoggingCommand({ Bucket: name }));
          const enabled = answer.LoggingEnabled;
          return enabled?.TargetBucket ? { targetBucket: enabled.TargetBucket, targetPrefix: enabled.TargetPrefix ?? "" } : null;
        })
      : undefined,
  ]);
  return {
    name,
    region,
    ...(publicAccessBlock ? { publicAccessBlock } : {}),
    ...(publicAclGrants ? { publicAclGrants } : {}),
    ...(policyIsPublic ? { policyIsPublic } : {}),
    ...(policy ? { policy } : {}),
    ...(logging ? { logging } : {}),
  };
}

/**
 * The names of the buckets this account owns (ListBuckets lists the caller's own buckets only): a trail bucket that
 * is not among them belongs to another account, e.g. an organization trail's log archive, and is judged there.
 */
export async function listOwnedBuckets(client: S3Client): Promise<ReadonlySet<string>> {
  const names = new Set<string>();
  let token: string | undefined;
  do {
    const page = await client.send(new ListBucketsCommand({ ...(token ? { ContinuationToken: token } : {}) }));
    for (const b of page.Buckets ?? []) {
      if (b.Name) {
        names.add(b.Name);
      }
    }
    token = page.ContinuationToken;
  } while (token);
  return names;
}

/**
 * The account-level S3 public access block (S3 Control GetPublicAccessBlock), or null when the account has none
 * (NoSuchPublicAccessBlockConfiguration). S3 applies, per setting, the more restrictive of the account's and the
 * bucket's block (S3 UG "Blocking public access to your Amazon S3 storage").
 */
export async function getAccountPublicAccessBlock(client: S3ControlClient, accountId: string): Promise<PublicAccessBlockConfiguration | null> {
  try {
    return (await client.send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId }))).PublicAccessBlockConfiguration ?? null;
  } catch (err) {
    if (isErrorNamed(err, "NoSuchPublicAccessBlockConfiguration")) {
      return null;
    }
    throw err;
  }
}
