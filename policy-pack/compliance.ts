/**
 * Renders COMPLIANCE.md (repository root) from the control catalog and the pack's policies, so the document cannot
 * drift from the code: test/policy-pack/compliance.spec.ts fails when the committed file differs from the render.
 * Regenerate with `npx ts-node --transpile-only policy-pack/compliance.ts > COMPLIANCE.md`.
 */
import type { Policy } from "@pulumi/policy";
import { PolicyName, cisVersions, controls } from "./controls";
import {
  CONFIG_ITSELF_HAS_NO_MANAGED_RULE, ContinuousCoverageMode, DETECTION_RULES, EvaluationFrequency, FLOW_LOG_RUNBOOK, KEY_ROTATION_RULE,
  KEY_ROTATION_RUNBOOK, VPC_FLOW_LOGS_RULE,
} from "./coverageFacts";
import { continuousControls } from "./continuous/catalog";
import { RETRY_BOUNDS } from "./continuous/remediation";
import { organizationControls } from "./orgControls";
import { policies } from "./policies";

/**
 * What the policy can and cannot see in a stack, per control: a preview only knows the stack's own resources, so
 * the account audit (`npm run audit`) covers the rest. Typed by PolicyName, so a new policy cannot miss its entry.
 */
export const packScope: Readonly<Record<PolicyName, string>> = {
  "cloudtrail-multi-region-enabled":
    "Some trail of the stack qualifies: multi-region, global service events, logging, and one selector recording every read and write management event with no excluded event source (a ReadOnly plus a WriteOnly selector fails, as in Security Hub). A trail managed elsewhere (an organization trail) is not seen: lower the level in that stack's pack config.",
  "cloudtrail-log-file-validation-enabled": "Every trail of the stack (inputs).",
  "cloudtrail-bucket-not-public":
    "The buckets of the stack that its trails deliver to. An aws.s3.AccountPublicAccessBlock of the stack counts per setting; an Allow to \"*\" fails even under a condition such as aws:PrincipalOrgID (stricter than Security Hub and Prowler). A bucket outside the stack is an advisory note.",
  "cloudtrail-cloudwatch-logs-enabled": "Every trail of the stack (inputs): configuration only; whether it delivers is the audit's.",
  "config-enabled-all-regions":
    "The regions of the stack's aws providers and regional resources; regions the stack does not touch are the audit's. A recorder without recordingGroup records all supported types (provider default). Global IAM types: a working recorder in one or several regions that can record them (policy-pack/awsFacts.ts); a flag on in a region AWS Config launched after February 2022 is a violation.",
  "cloudtrail-bucket-access-logging-enabled": "The buckets of the stack that its trails deliver to; a bucket outside the stack is an advisory out-of-scope note.",
  "cloudtrail-kms-encryption-enabled": "Every trail of the stack (inputs).",
  "kms-key-rotation-enabled":
    "Every aws.kms.Key, ExternalKey and replica key of the stack; asymmetric, HMAC, disabled, custom-key-store and imported-material keys are not applicable (the last two are FAIL in Prowler); a replica shares its primary's rotation.",
  "vpc-flow-logs-enabled":
    "VPCs the stack creates, and the pre-existing VPCs the program discovered at its last run (RegionalFlowLogs outputs), need one flow log in their region that captures rejected traffic and has a destination. A VPC shared into the account is its owner's (an advisory note each), and a flow log on one is a violation. A VPC created outside Pulumi after the last run is the audit's.",
  "cloudtrail-s3-data-events-write-enabled": "Some logging multi-region trail of the stack records S3 write data events on all buckets (arn:<partition>:s3, or an advanced selector excluding only the trail buckets).",
  "cloudtrail-s3-data-events-read-enabled": "Some logging multi-region trail of the stack records S3 read data events on all buckets (arn:<partition>:s3, or an advanced selector excluding only the trail buckets).",
};

/**
 * Where this project's verdict differs from Security Hub's or Prowler's, and why (control-model.md §3). The rule of
 * thumb: green here must mean green there, so the project is stricter, never laxer; a note says so on the finding.
 */
export const checkerDifferences: readonly { readonly policy: PolicyName; readonly decision: string }[] = [
  { policy: "cloudtrail-multi-region-enabled", decision: "Excluded management event sources fail (Security Hub CloudTrail.1 fails them; Prowler passes). Read and write management events must come from one selector. An advanced management selector may filter on nothing but eventCategory." },
  { policy: "cloudtrail-bucket-not-public", decision: "Stricter than both: an Allow to \"*\" fails even when a condition (aws:PrincipalOrgID, aws:SourceArn) narrows it, and so do NotPrincipal and any account's root; a grant to AuthenticatedUsers fails (Prowler checks AllUsers only). The account-level public access block counts, per setting, as S3 applies it. A bucket of another account (an organization trail's log archive) is not judged here: exit 0, judge it in its own account." },
  { policy: "cloudtrail-cloudwatch-logs-enabled", decision: "As Prowler, and stricter than Security Hub CloudTrail.5 (configuration only): the last delivery must be at most 24 hours old; a trail that never delivered is pending (error) for its first 24 hours of logging, then fails. A delivery error beside a fresh delivery is a note." },
  { policy: "config-enabled-all-regions", decision: "Stricter than both: Pending is not recording (undecided, failing after 24 hours), a channel needs an SNS topic and deliveries that do not fail, a region with only a service-linked recorder fails (with a note: Security Hub passes it). Global IAM types in several regions pass (Config.1 needs them in every region without cross-region aggregation). A recorder role other than AWSServiceRoleForConfig is a note (Config.1 fails it by default), a fail under strict securityHub." },
  { policy: "cloudtrail-bucket-access-logging-enabled", decision: "Stricter than both: access logs delivered into the trail bucket itself fail." },
  { policy: "kms-key-rotation-enabled", decision: "Keys with imported key material or in a custom key store cannot rotate automatically: not applicable, but named with a note because Prowler reports them as FAIL." },
  { policy: "vpc-flow-logs-enabled", decision: "One good flow log (ALL or REJECT, ACTIVE, delivering) per VPC passes; ALL carries a note (Security Hub EC2.6 names REJECT; AWS does not document whether it accepts ALL). A VPC shared in by another account is not judged here (its owner's; Prowler fails it in the participant account)." },
  { policy: "cloudtrail-s3-data-events-write-enabled", decision: "Stricter than Prowler: the trail must be multi-region and logging. Only arn:<p>:s3 and arn:<p>:s3::: count as all buckets (arn:aws:s3:::*/* is not documented as such). An advanced selector may exclude only the account's own trail buckets (AWS's recommendation; a note says Security Hub's acceptance is undocumented)." },
  { policy: "cloudtrail-s3-data-events-read-enabled", decision: "As for write events." },
];

/** Settings of the baseline that general-purpose scanners flag, each with the AWS statement that requires it. */
export const scannerExceptions: readonly { readonly what: string; readonly why: string }[] = [
  {
    what: "CloudTrail's CloudWatch Logs role has no aws:SourceAccount / aws:SourceArn condition in its trust policy.",
    why: "The CloudTrail User Guide (\"Role policy document for CloudTrail to use CloudWatch Logs for monitoring\", " +
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html) says: " +
      "\"Confused deputy prevention is not applicable to the role policy for CloudWatch Logs monitoring. The role policy doesn't support " +
      "the use of aws:SourceArn and aws:SourceAccount.\" With them, CreateTrail fails with InvalidCloudWatchLogsRoleArnException. " +
      "The role may only create streams and put events in the trail's own log group. Scanners: Prowler iam_role_cross_service_confused_deputy_prevention.",
  },
  {
    what: "The access-log bucket uses SSE-S3 and has no server access logging of its own.",
    why: "S3 server access logging cannot deliver to a bucket with SSE-KMS default encryption (S3 UG, \"Enabling Amazon S3 server access logging\"), " +
      "and logging the log bucket into itself would loop. Scanners: Security Hub S3.9 and S3.17.",
  },
  {
    what: "The AWS Config SNS topics are not encrypted.",
    why: "\"AWS Config does not support encrypted Amazon SNS topics\" (AWS Config DG, \"Permissions for the Amazon SNS Topic\"). Scanners: Security Hub SNS.1.",
  },
];

const EVERY: Readonly<Record<EvaluationFrequency, string>> = {
  One_Hour: "hourly", Three_Hours: "every 3 hours", Six_Hours: "every 6 hours", Twelve_Hours: "every 12 hours", TwentyFour_Hours: "daily",
};

/**
 * What a continuous-coverage mode adds for a control between two deploys (README "Continuous coverage"): a mechanism
 * that keeps it green, one that only reports it, or nothing. Derived from coverageFacts.ts, so it cannot drift from what
 * the program deploys.
 */
export function continuousCoverageFor(policy: PolicyName, mode: Exclude<ContinuousCoverageMode, "off">): string {
  if (policy === "vpc-flow-logs-enabled") {
    return mode === "telemetryRule"
      ? "kept: CloudWatch telemetry rule for AWS::EC2::VPC (VPC_FLOW_LOGS to CloudWatch Logs)"
      : `kept: \`${VPC_FLOW_LOGS_RULE.name}\` (${EVERY[VPC_FLOW_LOGS_RULE.evaluationFrequency]}), automatic remediation \`${FLOW_LOG_RUNBOOK.documentName}\``;
  }
  if (KEY_ROTATION_RULE.controls.includes(policy)) {
    return `kept: \`${KEY_ROTATION_RULE.name}\` (${EVERY[KEY_ROTATION_RULE.evaluationFrequency]}), automatic remediation \`${KEY_ROTATION_RUNBOOK.documentName}\``;
  }
  const detecting = DETECTION_RULES.filter((rule) => rule.controls.includes(policy));
  if (detecting.length > 0) {
    return `reported: ${detecting.map((rule) => `\`${rule.name}\` (${EVERY[rule.evaluationFrequency]})`).join(", ")}`;
  }
  if (policy === CONFIG_ITSELF_HAS_NO_MANAGED_RULE.control) {
    return "— (AWS offers no managed rule for AWS Config itself; the audit judges it)";
  }
  return "— (no managed rule deployed; the next `pulumi up` and the audit)";
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function kindOf(policy: Policy): string {
  const p = policy as { validateStack?: unknown; validateResource?: unknown; remediateResource?: unknown };
  const kind = typeof p.validateStack === "function" ? "stack" : "resource";
  return typeof p.remediateResource === "function" ? `${kind}, remediation` : kind;
}

export function renderComplianceMarkdown(): string {
  const lines: string[] = [];
  lines.push("# CIS AWS Foundations Benchmark: logging controls");
  lines.push("");
  lines.push("<!-- Generated from policy-pack/controls.ts and policy-pack/policies.ts by policy-pack/compliance.ts; do not edit. -->");
  lines.push("");
  lines.push(
    "Each control is enforced in `pulumi preview` by one policy of the CrossGuard pack in `policy-pack/` (see policy-pack/README.md) " +
      "and checked in the live account by the audit (`npm run audit`). \"—\" marks a CIS version without the control.",
  );
  lines.push("");
  lines.push(`| Control | Policy | Default level | Kind | ${cisVersions.map((v) => `CIS ${v}`).join(" | ")} | Security Hub |`);
  lines.push(`|---|---|---|---|${cisVersions.map(() => "---").join("|")}|---|`);
  for (const control of controls) {
    const policy = policies.find((p) => p.name === control.policy);
    if (!policy) {
      throw new Error(`catalog entry ${control.policy} has no policy in policy-pack/policies.ts`);
    }
    const ids = cisVersions.map((v) => control.cis[v] ?? "—");
    lines.push(
      `| ${cell(control.title)} | \`${control.policy}\` | ${policy.enforcementLevel ?? "advisory"} | ${kindOf(policy)} | ${ids.join(" | ")} | ${control.securityHub ?? "—"} |`,
    );
  }
  lines.push("");
  lines.push("## What satisfies each control, and what fixes it");
  lines.push("");
  for (const control of controls) {
    lines.push(...controlDetail(control, `- What the pack sees: ${packScope[control.policy]}`));
  }
  lines.push(...organizationSection());
  lines.push("## Between deploys: `continuousCoverage`");
  lines.push("");
  lines.push(
    "With `continuousCoverage: telemetryRule` or `configRemediation` the program adds, in every covered region, AWS mechanisms that keep a control " +
      "green or report it between two deploys (README \"Continuous coverage\"; rules, runbooks and regional availability with their AWS pages in " +
      "policy-pack/coverageFacts.ts). With `off`, the next `pulumi up` and the audit do.",
  );
  lines.push("");
  lines.push("| Control | Policy | `telemetryRule` | `configRemediation` |");
  lines.push("|---|---|---|---|");
  for (const control of controls) {
    lines.push(`| ${cell(control.title)} | \`${control.policy}\` | ${cell(continuousCoverageFor(control.policy, "telemetryRule"))} | ${cell(continuousCoverageFor(control.policy, "configRemediation"))} |`);
  }
  lines.push("");
  lines.push(...renderContinuousPolicies());
  lines.push("## Where this project differs from Security Hub and Prowler");
  lines.push("");
  lines.push("The pack and the audit judge with the same rules (policy-pack/domain); where the checkers disagree, the project takes the stricter reading, so that green here is green there. The finding says so in a note.");
  lines.push("");
  for (const d of checkerDifferences) {
    lines.push(`- \`${d.policy}\`: ${d.decision}`);
  }
  lines.push("");
  lines.push("## Documented exceptions for scanners");
  lines.push("");
  lines.push("What the baseline deploys on purpose that a general-purpose scanner may flag, and why; record them as accepted exceptions there.");
  lines.push("");
  for (const exception of scannerExceptions) {
    lines.push(`- **${exception.what}** ${exception.why}`);
  }
  lines.push("");
  return lines.join("\n");
}

/** The pack's policies on the continuous-coverage mechanisms themselves (policy-pack/continuous/catalog.ts). */
function renderContinuousPolicies(): string[] {
  const lines = [
    "### Enforced by the pack",
    "",
    "Three policies of the pack, not CIS controls, make sure a stack in a continuous mode really has these mechanisms, in every covered region " +
      "(a region with a recorder or a RegionalFlowLogs component). They are silent with `off`. Retry bounds: " +
      `maximumAutomaticAttempts ${RETRY_BOUNDS.minAttempts}-${RETRY_BOUNDS.maxAttempts}, retryAttemptSeconds ${RETRY_BOUNDS.minWindowSeconds}-${RETRY_BOUNDS.maxWindowSeconds} (the project's choice; policy-pack/continuous/remediation.ts).`,
    "",
    "| Policy | Default level | Satisfied by | Fixed by |",
    "|---|---|---|---|",
  ];
  for (const control of continuousControls) {
    const policy = policies.find((p) => p.name === control.policy);
    lines.push(`| \`${control.policy}\` | ${policy?.enforcementLevel ?? "advisory"} | ${cell(control.satisfiedBy)} | ${cell(control.fixedBy)} |`);
  }
  lines.push("");
  return lines;
}

/** Organization mode's policies (orgControls.ts): what each carries to the member accounts, and what satisfies it. */
function organizationSection(): string[] {
  const lines: string[] = [];
  lines.push("## Organization mode");
  lines.push("");
  lines.push(
    "With `mode: organization` the stack drives AWS's organization-wide mechanisms instead of the account's own resources. These policies " +
      "judge them; on a single-account stack (no organization trail, no service-managed StackSet of AWS Config recorders) they are not " +
      "applicable and report nothing. The CIS controls above still judge the stack's own resources: the organization trail like any trail, " +
      "and the management account's recorders, which StackSets do not deploy.",
  );
  lines.push("");
  lines.push("| Policy | Default level | Kind | Carries (CIS 1.4.0) | AWS reference |");
  lines.push("|---|---|---|---|---|");
  for (const control of organizationControls) {
    const policy = policies.find((p) => p.name === control.policy);
    if (!policy) {
      throw new Error(`organization catalog entry ${control.policy} has no policy in policy-pack/policies.ts`);
    }
    const ids = control.basis.map((p) => controls.find((c) => c.policy === p)?.cis["1.4.0"]).filter((id) => id);
    lines.push(`| \`${control.policy}\` | ${policy.enforcementLevel ?? "advisory"} | ${kindOf(policy)} | ${ids.join(", ")} | ${control.source} |`);
  }
  lines.push("");
  for (const control of organizationControls) {
    lines.push(...controlDetail(control));
  }
  return lines;
}

/** One control's section: its policy, what satisfies it, what fixes it, any line of its own, and the remediation. */
function controlDetail(
  control: { readonly policy: string; readonly title: string; readonly satisfiedBy: string; readonly fixedBy: string },
  ...own: string[]
): string[] {
  const policy = policies.find((p) => p.name === control.policy);
  return [
    `### ${control.title}`,
    "",
    `- Policy: \`${control.policy}\`: ${policy?.description ?? ""}`,
    `- Satisfied by: ${control.satisfiedBy}`,
    `- Fixed by: ${control.fixedBy}`,
    ...own,
    ...(policy?.remediationSteps ? [`- Remediation: ${policy.remediationSteps}`] : []),
    "",
  ];
}

if (require.main === module) {
  process.stdout.write(renderComplianceMarkdown());
}
