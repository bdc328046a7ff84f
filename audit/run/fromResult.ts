/** An audit result as a saved run document (the one source every other format can render from). */
import { controlFor, controlId } from "../../policy-pack/controls";
import type { AuditResult } from "../audit";
import { RUN_SCHEMA_VERSION, RunDocument, RunFinding, catalogFacts, summarize } from "./document";

export interface RunMeta {
  readonly toolVersion: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
}

export function toRunDocument(result: AuditResult, meta: RunMeta): RunDocument {
  const findings = result.findings.map((f): RunFinding => ({
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
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
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
  };
}
