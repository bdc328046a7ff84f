/**
 * Who am I (STS) and which regions (EC2 DescribeRegions, enabled ones only): a failure here stops the audit before
 * any region is judged. Split from audit.ts; audit.ts re-exports everything here.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { ClientFactory } from "./clients";
import { RegionInfo, describeRegions } from "./collect/ec2";
import { attempt, describeFailure } from "./types";

export type RegionSelection = "all" | readonly string[];

/** A failure that stops the audit before any region is judged (identity or region discovery). */
export class AuditAbort extends Error {
  override readonly name = "AuditAbort";
}

function partitionOf(arn: string): string {
  const partition = arn.split(":")[1];
  if (!partition) {
    throw new AuditAbort(`sts:GetCallerIdentity returned an unexpected Arn ${JSON.stringify(arn)}`);
  }
  return partition;
}

export async function identity(clients: ClientFactory, region: string): Promise<{ accountId: string; partition: string }> {
  const who = await attempt("sts:GetCallerIdentity", region, () => clients.client("sts", region).send(new GetCallerIdentityCommand({})));
  if (!who.ok) {
    throw new AuditAbort(`cannot identify the account: ${describeFailure(who.error)}`);
  }
  if (!who.value.Account || !who.value.Arn) {
    throw new AuditAbort("sts:GetCallerIdentity returned no Account or Arn");
  }
  return { accountId: who.value.Account, partition: partitionOf(who.value.Arn) };
}

/** The regions to audit, with the opt-in status DescribeRegions reports for each. */
export async function resolveRegions(clients: ClientFactory, region: string, selection: RegionSelection): Promise<RegionInfo[]> {
  const known = await attempt("ec2:DescribeRegions", region, () => describeRegions(clients.client("ec2", region)));
  if (!known.ok) {
    throw new AuditAbort(`cannot list the account's regions: ${describeFailure(known.error)}`);
  }
  if (selection === "all") {
    return known.value.filter((r) => r.optInStatus !== "not-opted-in");
  }
  const byName = new Map(known.value.map((r) => [r.name, r]));
  const unknown = selection.filter((r) => !byName.has(r));
  if (unknown.length > 0) {
    throw new AuditAbort(`unknown region(s) ${unknown.join(", ")}; DescribeRegions lists ${known.value.map((r) => r.name).join(", ")}`);
  }
  return [...new Set(selection)].sort().map((r) => byName.get(r) as RegionInfo);
}
