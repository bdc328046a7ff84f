/**
 * The saved run as the report every format renders (issue 11: "All other formats render from it"). The CLI saves the
 * run first and renders table, JSON, Markdown and SARIF from that document, so what a reader sees on stdout and what
 * `npm run report -- RUN --format F` renders later from the file are the same; and a run saved by an older version
 * renders with the titles, control ids and remedies it was written with, not today's catalog.
 */
import { controlFor } from "../../policy-pack/controls";
import type { Disagreement } from "../audit";
import { Report, ReportFinding, accountReports } from "../report/model";
import { isMuted } from "../types";
import type { Status } from "../types";
import type { RunDocument } from "./document";

export function reportFromRun(doc: RunDocument): Report {
  const findings = doc.findings.map((f): ReportFinding => ({
    // An organization run's findings name their account (schema version 2); a single account's are the document's.
    account: f.account ?? doc.account,
    // The catalog knows every policy a saved run can name (the schema's reader checked the document); controlFor
    // throws on one it does not know, which is the clear error a hand-edited document deserves.
    policy: controlFor(f.policy).policy,
    status: f.status,
    region: f.region,
    resource: f.resource,
    message: f.reason,
    ...(f.exemption ? { exemption: f.exemption } : {}),
    control: f.control,
    title: f.title,
    remediation: f.remedy,
    securityHub: f.securityHub,
  }));
  const count = (s: Status) => findings.filter((f) => f.status === s).length;
  return {
    account: doc.account,
    partition: doc.partition,
    cisVersion: doc.cisVersion,
    regions: doc.regions,
    findings,
    // The report's summary counts every finding under its status and the muted ones again under `exempted` (the
    // document's summary, for the posture report's headline, leaves muted findings out of their status).
    summary: { pass: count("pass"), fail: count("fail"), error: count("error"), notJudged: count("not-judged"), exempted: findings.filter(isMuted).length },
    ...(doc.policyConfig !== undefined ? { policyConfig: doc.policyConfig } : {}),
    notes: doc.notes ?? [],
    accounts: accountReports(
      doc.organization?.accounts.map((a) => ({
        accountId: a.account, ...(a.name !== undefined ? { name: a.name } : {}), state: a.state, outcome: a.outcome, regions: a.regions,
        ...(a.reason !== undefined ? { reason: a.reason } : {}),
      })) ?? [{ accountId: doc.account, state: "ACTIVE", outcome: "audited", regions: doc.regions }],
      findings,
    ),
    ...(doc.organization ? { organization: organizationOf(doc.organization) } : {}),
  };
}

function organizationOf(org: NonNullable<RunDocument["organization"]>): NonNullable<Report["organization"]> {
  return {
    source: org.source, ...(org.role !== undefined ? { role: org.role } : {}), ...(org.aggregator !== undefined ? { aggregator: org.aggregator } : {}),
    // The schema's enums hold the statuses; the catalog names the policy.
    ...(org.disagreements
      ? { disagreements: org.disagreements.map((d) => ({ ...d, policy: controlFor(d.policy).policy }) as Disagreement) }
      : {}),
  };
}
