/**
 * What a least-privilege automation role of this project looks like, as pure checks on its policy documents (no stack
 * access here: roles.ts finds the documents).
 *
 * Trust: only the Systems Manager service principal, only sts:AssumeRole, with both confused-deputy conditions, as AWS
 * recommends for Systems Manager: "We recommend using the aws:SourceArn and aws:SourceAccount global condition context
 * keys ... If you use both global condition context keys and the aws:SourceArn value contains the account ID, the
 * aws:SourceAccount value and the account in the aws:SourceArn value must use the same account ID"
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/cross-service-confused-deputy-prevention.html). The
 * SourceArn of an automation is its execution, `arn:<partition>:ssm:<region>:<account>:automation-execution/*`; the
 * region must be the remediation's.
 *
 * Permissions: inline only (AmazonSSMAutomationRole and other managed policies grant far more than a runbook needs),
 * Allow statements with Action (no NotAction, NotResource), no wildcard in any action, only actions the runbook's page
 * lists under "Required IAM permissions" (coverageFacts.ts RunbookFact.documentedPermissions, plus EXTRA_ACTIONS),
 * `Resource: "*"` only for the actions in RESOURCE_STAR_ONLY, no ARN with a wildcard account except AWS's own runbook
 * definition, and iam:PassRole only under an iam:PassedToService condition.
 */
import type { RunbookFact } from "../coverageFacts";

export interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: string | string[];
  readonly NotAction?: unknown;
  readonly Resource?: string | string[];
  readonly NotResource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** A policy document's statements, from a JSON string or an object; undefined when it is not a policy document. */
export function statementsOf(document: unknown): Statement[] | undefined {
  let value = document;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof value !== "object" || value === null) {
    return undefined;
  }
  const s = (value as { Statement?: unknown }).Statement;
  return (Array.isArray(s) ? s : s === undefined ? [] : [s]) as Statement[];
}

/**
 * Actions granted on `Resource: "*"` that AWS allows on nothing narrower: ec2:DescribeFlowLogs (EC2 Describe actions
 * support no resource-level permissions), logs:CreateLogDelivery / logs:DeleteLogDelivery (the vended-logs permissions,
 * granted "on all resources", e.g. https://docs.aws.amazon.com/verified-access/latest/ug/access-logs-permissions.html),
 * s3:GetAccountPublicAccessBlock (an account-level setting). components/policyDocuments.ts flowLogRemediationPolicy
 * gives the same reasons.
 */
export const RESOURCE_STAR_ONLY: readonly string[] = [
  "ec2:DescribeFlowLogs", "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "s3:GetAccountPublicAccessBlock",
];

/**
 * Beyond a runbook's "Required IAM permissions": AWSSupport-EnableVPCFlowLogs checks that an S3 destination is not
 * public, and its page's sample policy grants s3:GetAccountPublicAccessBlock for it (components/policyDocuments.ts).
 */
export const EXTRA_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  "AWSSupport-EnableVPCFlowLogs": ["s3:GetAccountPublicAccessBlock"],
};

const SSM_PRINCIPAL = /^ssm\.amazonaws\.com(\.cn)?$/;

/** What is wrong with an automation role's trust policy (empty: it is least-privilege). */
export function trustProblems(document: unknown, region: string): string[] {
  const statements = statementsOf(document);
  if (!statements) {
    return ["its trust policy is not a policy document"];
  }
  const problems: string[] = [];
  const allows = statements.filter((s) => s.Effect === "Allow");
  if (allows.length === 0) {
    problems.push("its trust policy lets no one assume it (Systems Manager could not run the runbook)");
  }
  for (const s of allows) {
    const where = s.Sid ? `trust statement ${s.Sid}` : "a trust statement";
    const principal = s.Principal as { Service?: unknown } | string | undefined;
    const services = typeof principal === "object" && principal !== null ? list(principal.Service) : [];
    const others = typeof principal === "object" && principal !== null ? Object.keys(principal).filter((k) => k !== "Service") : ["*"];
    if (s.NotPrincipal !== undefined || others.length > 0 || services.length === 0 || !services.every((x) => SSM_PRINCIPAL.test(x))) {
      problems.push(`${where} trusts ${JSON.stringify(s.Principal ?? s.NotPrincipal)}; allowed: only the service principal ssm.amazonaws.com`);
    }
    const actions = list(s.Action);
    if (s.NotAction !== undefined || actions.length === 0 || actions.some((a) => a !== "sts:AssumeRole")) {
      problems.push(`${where} allows ${JSON.stringify(s.Action ?? s.NotAction)}; allowed: sts:AssumeRole`);
    }
    const condition = s.Condition ?? {};
    const sourceAccounts = [...list(condition.StringEquals?.["aws:SourceAccount"])];
    const sourceArns = [...list(condition.ArnLike?.["aws:SourceArn"]), ...list(condition.ArnEquals?.["aws:SourceArn"]), ...list(condition.StringLike?.["aws:SourceArn"]), ...list(condition.StringEquals?.["aws:SourceArn"])];
    const account = sourceAccounts.length === 1 && /^\d{12}$/.test(sourceAccounts[0]) ? sourceAccounts[0] : undefined;
    if (!account) {
      problems.push(`${where} has no StringEquals aws:SourceAccount condition naming this account (confused-deputy prevention)`);
    }
    const expected = (arn: string) => {
      const parts = arn.split(":");
      return parts.length >= 6 && parts[2] === "ssm" && parts[3] === region && (account === undefined || parts[4] === account) &&
        /^\d{12}$/.test(parts[4]) && parts.slice(5).join(":").startsWith("automation-execution/");
    };
    if (sourceArns.length === 0 || !sourceArns.every(expected)) {
      problems.push(`${where} must limit aws:SourceArn to arn:<partition>:ssm:${region}:<this account>:automation-execution/* (got ${sourceArns.length > 0 ? sourceArns.join(", ") : "none"})`);
    }
  }
  return problems;
}

/** What is wrong with one permissions policy of an automation role running `runbook` (empty: least-privilege). */
export function permissionProblems(document: unknown, runbook: RunbookFact, policyName: string): string[] {
  const statements = statementsOf(document);
  if (!statements) {
    return [`${policyName} is not a policy document`];
  }
  const allowed = new Set([...runbook.documentedPermissions, ...(EXTRA_ACTIONS[runbook.documentName] ?? [])]);
  const problems: string[] = [];
  for (const [i, s] of statements.entries()) {
    if (s.Effect !== "Allow") {
      continue;
    }
    const where = `${policyName} statement ${s.Sid ?? String(i)}`;
    if (s.NotAction !== undefined || s.NotResource !== undefined) {
      problems.push(`${where} uses ${s.NotAction !== undefined ? "NotAction" : "NotResource"}, which grants everything else`);
      continue;
    }
    const actions = list(s.Action);
    const resources = list(s.Resource);
    const wildcards = actions.filter((a) => a.includes("*"));
    if (wildcards.length > 0) {
      problems.push(`${where} grants the wildcard action${wildcards.length > 1 ? "s" : ""} ${wildcards.join(", ")}; name each action the runbook needs`);
    }
    const undocumented = actions.filter((a) => !a.includes("*") && !allowed.has(a));
    if (undocumented.length > 0) {
      problems.push(`${where} grants ${undocumented.join(", ")}, which ${runbook.documentName} does not list among its required permissions (${runbook.source})`);
    }
    if (resources.includes("*")) {
      const narrowable = actions.filter((a) => !RESOURCE_STAR_ONLY.includes(a));
      if (narrowable.length > 0) {
        problems.push(`${where} grants ${narrowable.join(", ")} on Resource "*" where AWS allows narrower resources; name this account's resources in the region`);
      }
    }
    const anyAccount = resources.filter((r) => r !== "*" && r.split(":")[4] === "*" && !/:automation-definition\//.test(r));
    if (anyAccount.length > 0) {
      problems.push(`${where} names resources of any account (${anyAccount.join(", ")}); name this account's`);
    }
    if (actions.includes("iam:PassRole") && s.Condition?.StringEquals?.["iam:PassedToService"] === undefined) {
      problems.push(`${where} grants iam:PassRole without an iam:PassedToService condition`);
    }
  }
  return problems;
}
