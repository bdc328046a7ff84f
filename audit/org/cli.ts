/**
 * The organization flags of `npm run audit` (`--org`, `--org-role`, `--external-id`, `--from-aggregator`,
 * `--compare-aggregator`) and the run they select; audit/cli.ts parses the rest and prints the report.
 */
import type { AuditResult } from "../audit";
import type { CliIo, CliOptions } from "../cli";
import { createClientFactory, sharedAgents } from "../clients";
import { UsageError } from "../usage";
import { runAggregatorAudit } from "./aggregator";
import { DEFAULT_ORG_ROLE, isExternalId, isRoleName } from "./assumeRole";
import { runOrganizationAudit } from "./orgAudit";

export interface OrgCliOptions {
  readonly role: string;
  readonly externalId?: string;
  readonly fromAggregator?: string;
  readonly compareAggregator?: string;
}

/** The organization flags: each needs --org, an aggregator is read or compared, not both. */
export function parseOrgArgs(v: { org?: boolean; "org-role"?: string; "external-id"?: string; "from-aggregator"?: string; "compare-aggregator"?: string }): OrgCliOptions | undefined {
  const dependent = (["org-role", "external-id", "from-aggregator", "compare-aggregator"] as const).filter((k) => v[k] !== undefined);
  if (!v.org) {
    if (dependent.length > 0) {
      throw new UsageError(`[--${dependent[0]}] is ${JSON.stringify(v[dependent[0]])}; it applies only with --org`);
    }
    return undefined;
  }
  const role = v["org-role"] ?? DEFAULT_ORG_ROLE;
  if (!isRoleName(role)) {
    throw new UsageError(`[--org-role] is ${JSON.stringify(role)}; expected an IAM role name (letters, digits and +=,.@_-, at most 64), optionally after a path such as audit/`);
  }
  const externalId = v["external-id"];
  if (externalId !== undefined && !isExternalId(externalId)) {
    throw new UsageError(`[--external-id] is ${JSON.stringify(externalId)}; expected 2 to 1224 letters, digits or +=,.@:/-_ (sts:AssumeRole ExternalId)`);
  }
  // An aggregator name: "[\w\-]+", 1 to 256 characters (PutConfigurationAggregator ConfigurationAggregatorName,
  // https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationAggregator.html).
  const aggregatorName = /^[\w-]{1,256}$/;
  for (const key of ["from-aggregator", "compare-aggregator"] as const) {
    const name = v[key];
    if (name !== undefined && !aggregatorName.test(name)) {
      throw new UsageError(`[--${key}] is ${JSON.stringify(name)}; expected an AWS Config aggregator name (letters, digits, _ and -, at most 256)`);
    }
  }
  const fromAggregator = v["from-aggregator"];
  const compareAggregator = v["compare-aggregator"];
  if (fromAggregator !== undefined && compareAggregator !== undefined) {
    throw new UsageError(`[--compare-aggregator] is ${JSON.stringify(compareAggregator)}; it compares a visit with an aggregator and cannot be used with --from-aggregator`);
  }
  return {
    role, ...(externalId !== undefined ? { externalId } : {}),
    ...(fromAggregator !== undefined ? { fromAggregator } : {}), ...(compareAggregator !== undefined ? { compareAggregator } : {}),
  };
}

/**
 * `--org`: the organization audit (visit, or the aggregator). Each member account's clients are the caller's options
 * with the member's assumed-role credentials and without the caller's extra headers (a test's x-moto-account-id would
 * otherwise override the account the credentials belong to). Every account's clients send through the same connection
 * pools (clients.ts sharedAgents: a connection carries no identity; each request is signed with its own account's
 * credentials), so the audit does not open new connections for each account.
 */
export function runOrg(options: CliOptions, org: OrgCliOptions, io: CliIo, progress: boolean): Promise<AuditResult> {
  const agents = io.clientOptions?.agents ?? sharedAgents();
  const clients = createClientFactory({ ...io.clientOptions, agents });
  if (org.fromAggregator !== undefined) {
    return runAggregatorAudit({ clients, aggregator: org.fromAggregator, cisVersion: options.cisVersion, regions: options.regions });
  }
  const { headers: _callerHeaders, ...memberOptions } = { ...io.clientOptions, agents };
  void _callerHeaders;
  return runOrganizationAudit({
    clients,
    clientsWith: (credentials) => createClientFactory({ ...memberOptions, credentials }),
    cisVersion: options.cisVersion,
    regions: options.regions,
    roleName: org.role,
    accountConcurrency: options.concurrency,
    ...(org.externalId !== undefined ? { assumeRole: { externalId: org.externalId } } : {}),
    ...(org.compareAggregator !== undefined ? { compareAggregator: org.compareAggregator } : {}),
    ...(io.clock ? { clock: io.clock } : {}),
    ...(progress
      ? {
          onAccountDone: (p) =>
            io.stderr.write(
              `[${p.done}/${p.total}] account ${p.account.accountId} ${p.account.outcome === "audited" ? "audited" : "NOT AUDITED"} in ${p.ms} ms\n`,
            ),
        }
      : {}),
  });
}

