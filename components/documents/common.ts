/**
 * What every policy document of the baseline shares: the document shape, its serialization, the ARNs several
 * documents name, and the TLS-only statement every bucket carries.
 */
import type * as aws from "@pulumi/aws";
import { AccountContext } from "../placement";

export type Statement = aws.iam.PolicyStatement;
export type PolicyDocument = aws.iam.PolicyDocument & { Statement: Statement[] };

export const doc = (statements: Statement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

/** Serializes a policy document for a BucketPolicy/KMS/IAM/SNS `policy` input. */
export const toJson = (document: PolicyDocument): string => JSON.stringify(document);

export const trailArn = (ctx: AccountContext, trailName: string): string =>
  `arn:${ctx.partition}:cloudtrail:${ctx.homeRegion}:${ctx.accountId}:trail/${trailName}`;

export const logGroupArn = (ctx: AccountContext, region: string, name: string): string =>
  `arn:${ctx.partition}:logs:${region}:${ctx.accountId}:log-group:${name}`;

export const accountRoot = (ctx: AccountContext): string => `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
export const service = (ctx: Pick<AccountContext, "dnsSuffix">, name: string): string => `${name}.${ctx.dnsSuffix}`;

/** Deny every request that does not use TLS (AWS Security Hub S3.5; S3 UG "Enforce encryption in transit"). */
export function denyInsecureTransport(bucketArn: string): Statement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
