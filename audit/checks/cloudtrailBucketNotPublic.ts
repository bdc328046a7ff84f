/**
 * CIS 2.3 / 3.3 (dropped in 3.0.0): the trail bucket is not publicly accessible. Judged per bucket from the
 * bucket-level public access block (all four settings expected, as the AuditBucket component sets them),
 * the ACL (no grant to AllUsers or AuthenticatedUsers) and the policy status (IsPublic false, or no policy).
 * A known public setting fails the bucket even when another call failed; otherwise a failed call is an error.
 */
import type { Check } from "../data";
import { ApiFailure, Finding, describeFailure } from "../types";
import { trailCoverage } from "./common";
import { trailBuckets } from "./trailBuckets";

const PAB_SETTINGS = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] as const;

export const cloudtrailBucketNotPublic: Check = {
  policy: "cloudtrail-bucket-not-public",
  needs: ["trails", "bucketPublicAccess"],
  evaluate(data) {
    const policy = "cloudtrail-bucket-not-public";
    const findings = trailCoverage(policy, data);
    for (const bucket of trailBuckets(data)) {
      const { publicAccessBlock: pab, publicAclGrants: acl, policyIsPublic } = bucket.facts;
      if (!pab || !acl || !policyIsPublic) {
        throw new Error(`public-access facts were not collected for bucket ${bucket.facts.name}`);
      }
      const reasons: string[] = [];
      const failures: ApiFailure[] = [];
      if (!pab.ok) {
        failures.push(pab.error);
      } else {
        const off = PAB_SETTINGS.filter((k) => pab.value?.[k] !== true);
        if (pab.value === null) {
          reasons.push("no bucket public access block");
        } else if (off.length > 0) {
          reasons.push(`public access block settings off: ${off.join(", ")}`);
        }
      }
      if (!acl.ok) {
        failures.push(acl.error);
      } else if (acl.value.length > 0) {
        reasons.push(`ACL grants ${acl.value.join(", ")}`);
      }
      if (!policyIsPublic.ok) {
        failures.push(policyIsPublic.error);
      } else if (policyIsPublic.value === true) {
        reasons.push("bucket policy is public (PolicyStatus.IsPublic)");
      }
      const base = { policy, region: bucket.region, resource: bucket.arn } as const;
      const trails = `trail bucket of ${bucket.trailNames.join(", ")}`;
      let finding: Finding;
      if (reasons.length > 0) {
        const unknown = failures.length > 0 ? `; also could not read: ${failures.map(describeFailure).join("; ")}` : "";
        finding = { ...base, status: "fail", message: `${trails}: ${reasons.join("; ")}${unknown}` };
      } else if (failures.length > 0) {
        finding = { ...base, status: "error", message: `could not be judged: ${failures.map(describeFailure).join("; ")}` };
      } else {
        const policyText = policyIsPublic.ok && policyIsPublic.value === null ? "no bucket policy" : "a non-public bucket policy";
        finding = { ...base, status: "pass", message: `${trails}: public access fully blocked, no public ACL grant, ${policyText}` };
      }
      findings.push(finding);
    }
    return findings;
  },
};
