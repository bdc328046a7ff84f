/**
 * When a trail bucket counts as public (CIS 2.3 / Security Hub CloudTrail.6): its effective public access block,
 * its ACL, and its policy. Project posture, stricter than Security Hub and Prowler: an Allow to "*" fails even when a
 * condition (aws:PrincipalOrgID, aws:SourceArn) restricts it, because an audit-log bucket should name its principals
 * and a "*" is one condition edit away from public (CIS's own audit looks for "*" principals).
 */
import type { PolicyStatement, PublicAccessBlock } from "./state";

export const PUBLIC_ACCESS_BLOCK_SETTINGS = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"] as const;

/**
 * Per setting, the bucket's or the account's block (S3 applies the more restrictive of the two: S3 UG "Blocking
 * public access to your Amazon S3 storage"). Returns the settings that are on in neither.
 */
export function missingBlockSettings(bucket: PublicAccessBlock | null, account: PublicAccessBlock | null): string[] {
  return PUBLIC_ACCESS_BLOCK_SETTINGS.filter((s) => !(bucket?.[s] === true || account?.[s] === true));
}

/** Whether the account-level block is what completes the effective block. */
export function reliesOnAccountBlock(bucket: PublicAccessBlock | null, account: PublicAccessBlock | null): boolean {
  return PUBLIC_ACCESS_BLOCK_SETTINGS.some((s) => bucket?.[s] !== true && account?.[s] === true);
}

const isWildcard = (value: unknown): boolean => value === "*" || (Array.isArray(value) && value.includes("*"));

/** An AWS principal value that means "anyone": "*", or any account's root (`arn:aws:iam::*:root`). */
function anyone(value: unknown): boolean {
  const list = Array.isArray(value) ? value : [value];
  return list.some((v) => v === "*" || (typeof v === "string" && /^arn:[^:]+:iam::\*:root$/.test(v)));
}

/** Allow statements that grant access to the public: Principal "*" (in any form) or any NotPrincipal. */
export function publicAllowStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  return statements.filter((s) => {
    if (s.effect !== "Allow") {
      return false;
    }
    if (s.notPrincipal !== undefined) {
      return true;
    }
    const p = s.principal;
    if (isWildcard(p)) {
      return true;
    }
    if (typeof p === "object" && p !== null) {
      const record = p as Record<string, unknown>;
      return anyone(record.AWS) || isWildcard(record.CanonicalUser);
    }
    return false;
  });
}
