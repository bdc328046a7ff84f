/**
 * SARIF 2.1.0: one rule per selected control (id = policy name, CIS id and Security Hub control in the
 * properties), one result per finding. fail → kind "fail", level "error"; pass → kind "pass"; error → kind
 * "open" (not determined), level "warning", and the invocation is marked unsuccessful; not-judged → kind
 * "notApplicable", level "none". Findings are cloud resources, so they carry logical locations
 * (region/resource), not files. With an exemption file (--policy-config), every result states its suppressions and
 * the run's notes become configuration notifications.
 */
import { controlFor } from "../../policy-pack/controls";
import { describeDisagreement } from "../awsConfigOpinion";
import type { Status } from "../types";
import { Report, ReportFinding, exitCodeOf } from "./model";

/**
 * result.kind and result.level per status (SARIF 2.1.0, §3.27.9 and §3.27.10,
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/sarif-v2.1.0-os.html). `notApplicable` is the kind for a rule
 * "not evaluated, because it does not apply to the analysis target": a shared-in VPC is not this account's to
 * flow-log. "If kind has any value other than "fail", then if level is absent, it SHALL default to "none", and if
 * it is present, it SHALL have the value "none"", hence level none for it and for pass. (`error` keeps the
 * documented open/warning pair, which that sentence does not allow; changing it would hide errors from viewers
 * that sort by level only, so it is left to a decision of its own.)
 */
const SARIF_RESULT: Readonly<Record<Status, { readonly kind: string; readonly level: string }>> = {
  pass: { kind: "pass", level: "none" },
  fail: { kind: "fail", level: "error" },
  error: { kind: "open", level: "warning" },
  "not-judged": { kind: "notApplicable", level: "none" },
};

export function renderSarif(report: Report, toolVersion: string): string {
  const policies = [...new Set(report.findings.map((f) => f.policy))];
  const rules = policies.map((policy) => {
    const c = controlFor(policy);
    const id = c.cis[report.cisVersion];
    return {
      id: policy,
      name: policy,
      shortDescription: { text: c.title },
      fullDescription: { text: `CIS AWS Foundations ${report.cisVersion} ${id}: ${c.title}. Satisfied by ${c.satisfiedBy}.` },
      help: { text: `Fixed by ${c.fixedBy}` },
      properties: { cisVersion: report.cisVersion, cisControl: id, securityHubControl: c.securityHub, tags: ["security", "CIS", "logging"] },
    };
  });
  // SARIF 2.1.0 §3.27.23: "The suppressions values for all result objects in theRun SHALL be either all null or all
  // non-null", and an empty array means "not suppressed". So with an exemption file every result gets the array (empty
  // when not exempted); without one, none does: suppression information is then not available. An exemption is
  // kind "external" (§3.35.2: "suppressed in an external, persistent store", the config file), its reason the
  // user-supplied justification (§3.35.6). status (§3.35.3) stays absent: the file records no review state.
  const suppressionsOf = (f: ReportFinding) =>
    report.policyConfig === undefined ? {} : { suppressions: f.exemption && !f.exemption.expired ? [{ kind: "external", justification: f.exemption.reason }] : [] };
  const results = report.findings.map((f) => ({
    ruleId: f.policy,
    ruleIndex: policies.indexOf(f.policy),
    kind: SARIF_RESULT[f.status].kind,
    level: SARIF_RESULT[f.status].level,
    // A fix only where this account can act; a not-judged message names the owner who can.
    message: { text: [f.status === "fail" || f.status === "error" ? `${f.message}. Fix: ${f.remediation}` : f.message, ...(f.awsConfigDisagrees ?? []).map(describeDisagreement)].join(". ") },
    locations: [
      {
        logicalLocations: [
          { fullyQualifiedName: `aws/${f.account}/${f.region}/${f.resource}`, name: f.resource, kind: "resource" },
        ],
      },
    ],
    ...suppressionsOf(f),
    properties: {
      status: f.status, cisControl: f.control, region: f.region, resource: f.resource, account: f.account,
      ...(f.awsConfigDisagrees ? { awsConfigDisagrees: f.awsConfigDisagrees } : {}),
    },
  }));
  // §3.20.14: executionSuccessful says what exit code 2 says, that a check could not be judged; an exempted error
  // was accepted, as it is for the exit code. §3.20.22: notes about the exemption file are configuration notifications.
  const invocation = {
    executionSuccessful: exitCodeOf(report.findings) !== 2,
    ...(report.notes.length > 0 ? { toolConfigurationNotifications: report.notes.map((text) => ({ level: "note", message: { text } })) } : {}),
  };
  const doc = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cis-logging-audit",
            version: toolVersion,
            informationUri: "https://www.cisecurity.org/benchmark/amazon_web_services",
            rules,
          },
        },
        invocations: [invocation],
        results,
        // A property bag (SARIF 2.1.0 §3.8); an organization audit adds one summary per account.
        properties: {
          account: report.account, regions: report.regions, summary: report.summary,
          ...(report.organization
            ? {
                accounts: report.accounts.map((a) => ({
                  account: a.accountId, ...(a.name ? { name: a.name } : {}), outcome: a.outcome, ...(a.reason ? { reason: a.reason } : {}), summary: a.summary,
                })),
                organization: report.organization,
              }
            : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
