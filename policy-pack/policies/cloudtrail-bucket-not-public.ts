/**
 * CIS 1.2.0 2.3 / 1.4.0 3.3 (Security Hub CloudTrail.6; dropped from CIS 3.0.0 on, where the S3 section's block
 * public access control covers it): the bucket a trail delivers to is not publicly accessible.
 *
 * A stack policy (outputs) around the domain rule: all four public access block settings on, at bucket or account
 * level per setting (an aws.s3.AccountPublicAccessBlock of the stack counts, S10); no ACL grant to AllUsers or
 * AuthenticatedUsers, canned ACLs included (S13); no bucket policy statement allowing "*", even under a condition such
 * as aws:PrincipalOrgID (stricter than Security Hub and Prowler, S11/S12); a policy that is not valid JSON fails (S14).
 * The remediation (level `remediate`) runs on every aws.s3.BucketPublicAccessBlock of the stack, because a resource
 * remediation cannot see which bucket a trail uses: it turns all four settings on unless the block is exempted.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, remediateResourceOfType } from "@pulumi/policy";
import { PUBLIC_ACCESS_BLOCK_SETTINGS } from "../domain/bucketAccess";
import { rules } from "../domain/rules";
import { defaultRuleOptions } from "../domain/rules/rule";
import { fromStack } from "../fromStack";
import { factOf, rawCopy } from "../fromStack/known";
import { ExemptionIndex, readConfig } from "./config";
import { policyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "cloudtrail-bucket-not-public";

/** Both a stack policy (validation) and a resource policy (remediation of public access blocks). */
export const cloudtrailBucketNotPublic: StackValidationPolicy & ResourceValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "critical",
    description: "The S3 bucket a CloudTrail trail delivers to must not be publicly accessible.",
    remediationSteps:
      "Give the trail bucket an aws.s3.BucketPublicAccessBlock with all four settings true, no public ACL, and a bucket policy without Allow statements for Principal \"*\".",
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, rules[name].evaluate(state, defaultRuleOptions), {
      verifies: "that the trail bucket is not public",
      resources: args.resources,
    });
  },
  remediateResource: remediateResourceOfType(aws.s3.BucketPublicAccessBlock, (block, args) => {
    if (new ExemptionIndex(readConfig(name, args.getConfig()).exemptions).for(args)) {
      return undefined;
    }
    const off = PUBLIC_ACCESS_BLOCK_SETTINGS.filter((setting) => {
      const value = factOf(() => block[setting] as unknown);
      return value.kind === "known" && value.value !== true;
    });
    return off.length > 0 ? { ...rawCopy(block), ...Object.fromEntries(off.map((s) => [s, true])) } : undefined;
  }),
};
