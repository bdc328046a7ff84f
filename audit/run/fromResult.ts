/** An audit result as a saved run document (the one source every other format can render from). */
import { controlFor, controlId } from "../../policy-pack/controls";
import type { AuditResult } from "../audit";
import { RunDocument, RunFinding, RunOrganization, catalogFacts, summarize } from "./document";

export interface RunMeta {
  readonly toolVersion: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
}

export function toRunDocument(result: AuditResult, meta: RunMeta): RunDocument {
  const org = result.organization;
  const findings = result.findings.map((f): RunFinding => ({
    ...(org ? { account: f.account ?? result.accountId } : {}),
    policy: f.policy,
    ...catalogFacts(f.policy),
    control: controlId(f.policy, result.cisVersion) ?? "",
    region: f.region,
    resource: f.resource,
    status: f.status,
    reason: f.message,
    remedy: controlFor(f.policy).fixedBy,
    ...(f.exemption ? { exemption: f.exemption } : {}),
    ...(f.awsConfigDisagrees ? { awsConfigDisagrees: f.awsConfigDisagrees.map((d) => ({ ...d, regions: [...d.regions] })) } : {}),
  }));
  const organization: RunOrganization | undefined = org && {
    source: org.source, ...(org.role ? { role: org.role } : {}), ...(org.aggregator ? { aggregator: org.aggregator } : {}),
    accounts: org.accounts.map((a) => ({
      account: a.accountId, ...(a.name ? { name: a.name } : {}), state: a.state, outcome: a.outcome, regions: [...a.regions],
      ...(a.reason ? { reason: a.reason } : {}),
    })),
    ...(org.disagreements ? { disagreements: org.disagreements.map((d) => ({ ...d })) } : {}),
  };
  return {
    // A single account's run stays version 1, readable by tools that know only that version.
    schemaVersion: organization ? 2 : 1,
    tool: { name: "cis-logging-baseline", version: meta.toolVersion },
    account: result.accountId,
    partition: result.partition,
    cisVersion: result.cisVersion,
    regions: [...result.regions],
    startedAt: meta.startedAt.toISOString(),
    endedAt: meta.endedAt.toISOString(),
    findings,
    summary: summarize(findings),
    ...(result.policyConfig !== undefined ? { policyConfig: result.policyConfig } : {}),
    ...(result.notes !== undefined && result.notes.length > 0 ? { notes: [...result.notes] } : {}),
    ...(organization ? { organization } : {}),
  };
}
