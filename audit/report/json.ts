/** JSON on stdout; the schema is documented in audit/README.md. */
import type { Report } from "./model";

export function renderJson(report: Report): string {
  const doc = {
    account: report.account,
    cisVersion: report.cisVersion,
    regions: report.regions,
    findings: report.findings.map((f) => ({
      control: f.control,
      policy: f.policy,
      status: f.status,
      region: f.region,
      resource: f.resource,
      message: f.message,
      remediation: f.remediation,
      ...(f.exemption ? { exemption: f.exemption } : {}),
      ...(f.awsConfigDisagrees ? { awsConfigDisagrees: f.awsConfigDisagrees } : {}),
    })),
    summary: report.summary,
    notes: report.notes,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
