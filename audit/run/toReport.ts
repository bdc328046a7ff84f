/**
 * The saved run as the report every format renders (issue 11: "All other formats render from it"). The CLI saves the
 * run first and renders table, JSON, Markdown and SARIF from that document, so what a reader sees on stdout and what
 * `npm run report -- RUN --format F` renders later from the file are the same; and a run saved by an older version
 * renders with the titles, control ids and remedies it was written with, not today's catalog.
 */
import { controlFor } from "../../policy-pack/controls";
import type { Report, ReportFinding } from "../report/model";
import { isMuted } from "../types";
import type { Status } from "../types";
import type { RunDocument } from "./document";

export function reportFromRun(doc: RunDocument): Report {
  const findings = doc.findings.map((f): ReportFinding => ({
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
  };
}
