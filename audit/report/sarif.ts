/**
 * SARIF 2.1.0: one rule per selected control (id = policy name, CIS id and Security Hub control in the
 * properties), one result per finding. fail → kind "fail", level "error"; pass → kind "pass"; error → kind
 * "open" (not determined), level "warning", and the invocation is marked unsuccessful. Findings are cloud
 * resources, so they carry logical locations (region/resource), not files.
 */
import { controlFor } from "../../policy-pack/controls";
import type { Report } from "./model";

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
    kind: f.status === "pass" ? "pass" : f.status === "fail" ? "fail" : "open",
    level: f.status === "pass" ? "none" : f.status === "fail" ? "error" : "warning",
    message: { text: f.status === "pass" ? f.message : `${f.message}. Fix: ${f.remediation}` },
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
