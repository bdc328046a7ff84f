/**
 * CIS 1.2.0 2.3 / 1.4.0 3.3 (Security Hub CloudTrail.6; dropped from CIS 3.0.0 on, where the S3 section's block
 * public access control covers it): the bucket a trail delivers to is not publicly accessible.
 *
 * A stack policy (outputs) over each trail bucket of the stack (found as in the access-logging policy):
 * - an aws.s3.BucketPublicAccessBlock for it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and
 *   restrictPublicBuckets all true;
 * - no public canned ACL or grant to the AllUsers / AuthenticatedUsers groups (aws.s3.BucketAcl, or the deprecated
 *   inline `acl` of the bucket);
 * - no bucket policy statement that Allows Principal "*" (or {AWS: "*"}). A Deny to "*" (such as the
 *   aws:SecureTransport=false statement) restricts access and is not public.
 * The remediation (level `remediate`) runs on every aws.s3.BucketPublicAccessBlock of the stack, because a resource
 * remediation cannot see which bucket a trail uses: it turns all four settings on unless the block is exempted.
 * Unknown in preview: settings that are unknown give an advisory "cannot verify" note, never a violation.
 */
import * as aws from "@pulumi/aws";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, remediateResourceOfType } from "@pulumi/policy";
import {
  Findings,
  Subject,
  bucketKeys,
  checkTrailBuckets,
  exemptionFor,
  known,
  linkOf,
  ofType,
  policyMetadata,
  rawCopy,
  readConfig,
  stringProp,
  subjectOf,
  types,
} from "./common";

const name = "cloudtrail-bucket-not-public";

export const publicAccessBlockSettings = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

const publicCannedAcls = ["public-read", "public-read-write", "authenticated-read"];
const publicGroupUris = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

/** The statements of a bucket policy that Allow everyone; the policy may be a JSON string or an object. */
export function publicAllowStatements(policy: unknown): { sids: string[]; parseError?: string } {
  let document: unknown = policy;
  if (typeof policy === "string") {
    try {
      document = JSON.parse(policy) as unknown;
    } catch (error) {
      return { sids: [], parseError: (error as Error).message };
    }
  }
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(statements) ? (statements as unknown[]) : statements ? [statements] : [];
  const sids: string[] = [];
  list.forEach((statement, index) => {
    const s = statement as { Effect?: unknown; Principal?: unknown; Sid?: unknown };
    if (s.Effect !== "Allow") {
      return;
    }
    const principal = s.Principal;
    const awsPrincipal = (principal as { AWS?: unknown } | undefined)?.AWS;
    const awsList = Array.isArray(awsPrincipal) ? (awsPrincipal as unknown[]) : [awsPrincipal];
    if (principal === "*" || awsList.includes("*")) {
      sids.push(typeof s.Sid === "string" ? s.Sid : `#${index}`);
    }
  });
  return { sids };
}

function aclIsPublic(acl: PolicyResource): boolean {
  const canned = stringProp(acl, "acl");
  if (canned.known && canned.value !== undefined && publicCannedAcls.includes(canned.value)) {
    return true;
  }
  const grants = known(() => {
    const policy = acl.props.accessControlPolicy as { grants?: { grantee?: { uri?: unknown } }[] } | undefined;
    return (policy?.grants ?? []).map((g) => g.grantee?.uri);
  });
  return grants.known && grants.value.some((uri) => typeof uri === "string" && publicGroupUris.includes(uri));
}

function checkBucket(bucket: PolicyResource, resources: readonly PolicyResource[], findings: Findings): void {
  const subject: Subject = subjectOf(bucket);
  findings.check(subject);
  const relatedTo = (type: string[]) => {
    const candidates = ofType(resources, ...type);
    return {
      linked: candidates.filter((r) => linkOf(r, "bucket", bucket, bucketKeys) === "yes"),
      undecided: candidates.filter((r) => linkOf(r, "bucket", bucket, bucketKeys) === "unknown"),
    };
  };

  // Public access block: all four settings, on some block of this bucket.
  const blocks = relatedTo([types.bucketPublicAccessBlock]);
  if (blocks.linked.length === 0) {
    if (blocks.undecided.length > 0) {
      findings.unverifiable(subject, "which aws.s3.BucketPublicAccessBlock belongs to this trail bucket", "bucket names are not known yet");
    } else {
      findings.violation(
        subject,
        "the trail bucket has no public access block",
        `add an aws.s3.BucketPublicAccessBlock for it with ${publicAccessBlockSettings.join(", ")} all true`,
      );
    }
  }
  for (const block of blocks.linked) {
    const off: string[] = [];
    for (const setting of publicAccessBlockSettings) {
      const value = known(() => block.props[setting] as unknown);
      if (!value.known) {
        findings.unverifiable(subjectOf(block), setting, value.detail);
      } else if (value.value !== true) {
        off.push(setting);
      }
    }
    if (off.length > 0) {
      findings.violation(subjectOf(block), `the trail bucket's public access block leaves ${off.join(", ")} off`, `set ${off.map((s) => `${s}: true`).join(", ")}`);
    }
  }

  // ACLs: a separate BucketAcl, or the deprecated inline acl of the bucket.
  for (const acl of relatedTo([types.bucketAcl, types.bucketAclV2]).linked) {
    if (aclIsPublic(acl)) {
      findings.violation(subjectOf(acl), "the trail bucket's ACL grants public access", 'set acl: "private" and remove grants to AllUsers / AuthenticatedUsers');
    }
  }
  const inlineAcl = stringProp(bucket, "acl");
  if (inlineAcl.known && inlineAcl.value !== undefined && publicCannedAcls.includes(inlineAcl.value)) {
    findings.violation(subject, `the trail bucket has the public canned ACL "${inlineAcl.value}"`, 'set acl: "private" (or remove it and use BucketOwnershipControls BucketOwnerEnforced)');
  }

  // Bucket policies: a separate BucketPolicy, or the deprecated inline policy of the bucket.
  const policies: { subject: Subject; read: () => unknown }[] = relatedTo([types.bucketPolicy]).linked.map((p) => ({
    subject: subjectOf(p),
    read: () => p.props.policy as unknown,
  }));
  policies.push({ subject, read: () => bucket.props.policy as unknown });
  for (const policy of policies) {
    const document = known(policy.read);
    if (!document.known) {
      findings.unverifiable(policy.subject, "the bucket policy", document.detail);
      continue;
    }
    if (document.value === undefined || document.value === null || document.value === "") {
      continue;
    }
    const result = publicAllowStatements(document.value);
    if (result.parseError !== undefined) {
      findings.violation(policy.subject, `the trail bucket's policy is not valid JSON (${result.parseError})`, "set policy to a valid JSON policy document");
    } else if (result.sids.length > 0) {
      findings.violation(
        policy.subject,
        `the trail bucket's policy allows Principal "*" (statements ${result.sids.join(", ")})`,
        "set policy so that Allow statements name service or account principals, never \"*\"",
      );
    }
  }
}

const validateStack: StackValidationPolicy["validateStack"] = (args, report) => {
  const findings = new Findings(name, readConfig(name, args.getConfig()));
  const trails = ofType(args.resources, types.trail);
  if (trails.length === 0) {
    args.notApplicable("the stack has no CloudTrail trail");
  }
  checkTrailBuckets(args.resources, findings, "whether the trail bucket is public", (bucket) => checkBucket(bucket, args.resources, findings));
  findings.flush(report, args.resources);
};

/** Both a stack policy (validation) and a resource policy (remediation of public access blocks). */
export const cloudtrailBucketNotPublic: StackValidationPolicy & ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "critical",
    description: "The S3 bucket a CloudTrail trail delivers to must not be publicly accessible.",
    remediationSteps:
      "Give the trail bucket an aws.s3.BucketPublicAccessBlock with all four settings true, no public ACL, and a bucket policy without Allow statements for Principal \"*\".",
  }),
  validateStack,
  remediateResource: remediateResourceOfType(aws.s3.BucketPublicAccessBlock, (block, args) => {
    const config = readConfig(name, args.getConfig());
    if (exemptionFor(config.exemptions, { type: args.type, name: args.name, urn: args.urn })) {
      return undefined;
    }
    const off = publicAccessBlockSettings.filter((setting) => {
      const value = known(() => block[setting] as unknown);
      return value.known && value.value !== true;
    });
    if (off.length === 0) {
      return undefined;
    }
    const fixed = rawCopy(block);
    for (const setting of off) {
      fixed[setting] = true;
    }
    return fixed;
  }),
};
