/** JSON on stdout; the schema is documented in audit/README.md. */
import type { Report } from "./model";

export function renderJson(report: Report): string {
  const doc = {
    account: report.account,
    cisVersion: report.cisVersion,
    regions: report.regions,
    findings: report.findings.map((f) => ({
      // An organization's findings name their account; a single account's output stays as it was.
      ...(report.organization ? { account: f.account } : {}),
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
    ...(report.organization
      ? {
          accounts: report.accounts.map((a) => ({
            account: a.accountId,
            ...(a.name ? { name: a.name } : {}),
            state: a.state,
            outcome: a.outcome,
            regions: a.regions,
            ...(a.reason ? { reason: a.reason } : {}),
            summary: a.summary,
          })),
          organization: report.organization,
        }
      : {}),
    notes: report.notes,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
