/**
 * SARIF 2.1.0: one rule per selected control (id = policy name, CIS id and Security Hub control in the
 * properties), one result per finding. fail → kind "fail", level "error"; pass → kind "pass"; error → kind
 * "open" (not determined), level "warning", and the invocation is marked unsuccessful; not-judged → kind
 * "notApplicable", level "none". Findings are cloud resources, so they carry logical locations
 * (region/resource), not files.
 */
import { controlFor } from "../../policy-pack/controls";
import type { Status } from "../types";
import type { Report } from "./model";

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
  const results = report.findings.map((f) => ({
    ruleId: f.policy,
    ruleIndex: policies.indexOf(f.policy),
    kind: SARIF_RESULT[f.status].kind,
    level: SARIF_RESULT[f.status].level,
    // A fix only where this account can act; a not-judged message names the owner who can.
    message: { text: f.status === "fail" || f.status === "error" ? `${f.message}. Fix: ${f.remediation}` : f.message },
    locations: [
      {
        logicalLocations: [
          { fullyQualifiedName: `aws/${report.account}/${f.region}/${f.resource}`, name: f.resource, kind: "resource" },
        ],
      },
    ],
    properties: { status: f.status, cisControl: f.control, region: f.region, resource: f.resource, account: report.account },
  }));
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
        invocations: [{ executionSuccessful: report.summary.error === 0 }],
        results,
        properties: { account: report.account, regions: report.regions, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
