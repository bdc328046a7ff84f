/**
 * `--org`: the organization's accounts (Organizations ListAccounts), each audited by the per-account audit (audit.ts)
 * with the credentials of a read-only session in its role, a bounded number of accounts at a time (each audits its
 * regions with its own bound). An account whose role cannot be assumed, or whose identity or regions cannot be read,
 * gets an `error` finding for every control: it is never a pass, and the other accounts complete. Accounts that are not
 * ACTIVE are skipped with a note.
 */
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { CisVersion, controlId } from "../../policy-pack/controls";
import type { Clock } from "../../clock";
import {
  AccountCoverage, AuditAbort, AuditResult, OrganizationScope, RegionSelection, byFindingOrder, identity, runAudit,
} from "../audit";
import { checksFor } from "../checks";
import type { ClientFactory } from "../clients";
import { mapLimit } from "../concurrency";
import { Finding, attempt, describeFailure } from "../types";
import { OrganizationAccount, isAuditable, listOrganizationAccounts } from "./accounts";
import { AssumeRoleOptions, assumeRole, assumedRoleProvider, roleArnFor } from "./assumeRole";

export interface OrganizationAuditOptions {
  /** The clients of the account the audit runs from (the management account or a delegated administrator). */
  readonly clients: ClientFactory;
  /** The clients of a member account, signing with the given credentials (its assumed role). */
  readonly clientsWith: (credentials: AwsCredentialIdentityProvider) => ClientFactory;
  readonly cisVersion: CisVersion;
  readonly regions: RegionSelection;
  /** The role assumed in each member account, a name with an optional path. */
  readonly roleName: string;
  /** Regions audited at the same time within one account. Default 4. */
  readonly concurrency?: number;
  /** Accounts audited at the same time. Default 8. */
  readonly accountConcurrency?: number;
  readonly clock?: Clock;
  readonly strict?: readonly "securityHub"[];
  readonly assumeRole?: AssumeRoleOptions;
  /** Called as each account completes (the CLI prints a progress line on a terminal). */
  readonly onAccountDone?: (progress: AccountProgress) => void;
}

export interface AccountProgress {
  readonly account: AccountCoverage;
  readonly done: number;
  readonly total: number;
  readonly ms: number;
  readonly findings: readonly Finding[];
}

/** The organization's accounts, or AuditAbort: without the list there is nothing to audit. */
export async function organizationAccounts(clients: ClientFactory, home: string): Promise<OrganizationAccount[]> {
  const listed = await attempt("organizations:ListAccounts", home, () => listOrganizationAccounts(clients.client("organizations", home)));
  if (!listed.ok) {
    throw new AuditAbort(`cannot list the organization's accounts (run from the management account or a delegated administrator): ${describeFailure(listed.error)}`);
  }
  return listed.value;
}

/** Accounts left out because they are not ACTIVE, as coverage entries, and the note that says so. */
export function skippedAccounts(accounts: readonly OrganizationAccount[]): { coverage: AccountCoverage[]; notes: string[] } {
  const skipped = accounts.filter((a) => !isAuditable(a));
  const coverage = skipped.map((a): AccountCoverage => ({
    accountId: a.accountId, ...(a.name ? { name: a.name } : {}), state: a.state, outcome: "skipped", regions: [],
    reason: `its state is ${a.state}, not ACTIVE`,
  }));
  const notes = skipped.length === 0 ? [] : [
    `${skipped.length} account(s) not audited because they are not ACTIVE (suspended, closing, closed or never activated): ${skipped.map((a) => `${a.accountId} (${a.state})`).join(", ")}.`,
  ];
  return { coverage, notes };
}

/** One `error` finding per control of the CIS version, for an account that could not be judged at all. */
export function accountErrors(cisVersion: CisVersion, account: OrganizationAccount, reason: string): Finding[] {
  const label = account.name ? `${account.accountId} (${account.name})` : account.accountId;
  return checksFor(cisVersion)
    .filter((c) => controlId(c.policy, cisVersion) !== null)
    .map((c): Finding => ({
      account: account.accountId, policy: c.policy, status: "error", region: "global", resource: `account:${account.accountId}`,
      message: `Account ${label}: could not be judged: ${reason}`,
    }));
}

interface AccountRun {
  readonly coverage: AccountCoverage;
  readonly findings: readonly Finding[];
}

export async function runOrganizationAudit(options: OrganizationAuditOptions): Promise<AuditResult> {
  const { clients, cisVersion } = options;
  const home = await clients.defaultRegion();
  const { accountId: callerAccount, partition } = await identity(clients, home);
  const accounts = await organizationAccounts(clients, home);
  const auditable = accounts.filter(isAuditable);
  const skipped = skippedAccounts(accounts);
  const sts = clients.client("sts", home);

  let done = 0;
  const runs = await mapLimit(auditable, options.accountConcurrency ?? 8, async (account): Promise<AccountRun> => {
    const started = Date.now();
    const run = await auditAccount(account);
    done += 1;
    options.onAccountDone?.({ account: run.coverage, done, total: auditable.length, ms: Date.now() - started, findings: run.findings });
    return run;
  });

  async function auditAccount(account: OrganizationAccount): Promise<AccountRun> {
    const named = { accountId: account.accountId, ...(account.name ? { name: account.name } : {}), state: account.state };
    const notAudited = (reason: string): AccountRun => ({
      coverage: { ...named, outcome: "not-audited", regions: [], reason },
      findings: accountErrors(cisVersion, account, reason),
    });
    let memberClients = clients;
    // The account the audit runs from has no role to assume into itself (Organizations creates
    // OrganizationAccountAccessRole only in the accounts it creates): it is audited with the audit's own credentials.
    if (account.accountId !== callerAccount) {
      const roleArn = roleArnFor(partition, account.accountId, options.roleName);
      const first = await attempt("sts:AssumeRole", home, () => assumeRole(sts, roleArn, options.assumeRole));
      if (!first.ok) {
        return notAudited(`cannot assume ${roleArn}: ${describeFailure(first.error)}`);
      }
      memberClients = options.clientsWith(assumedRoleProvider(first.value, () => assumeRole(sts, roleArn, options.assumeRole)));
    }
    try {
      const result = await runAudit({
        clients: memberClients, cisVersion, regions: options.regions,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.clock ? { clock: options.clock } : {}), ...(options.strict ? { strict: options.strict } : {}),
      });
      if (result.accountId !== account.accountId) {
        // A role ARN in one account whose credentials answer for another would put its findings under the wrong name.
        return notAudited(`the credentials for ${account.accountId} belong to account ${result.accountId}`);
      }
      const findings = result.findings.map((f): Finding => ({ ...f, account: account.accountId }));
      return { coverage: { ...named, outcome: "audited", regions: result.regions }, findings };
    } catch (err) {
      if (err instanceof AuditAbort) {
        return notAudited(err.message);
      }
      throw err;
    }
  }

  const coverage = [...runs.map((r) => r.coverage), ...skipped.coverage].sort((a, b) => a.accountId.localeCompare(b.accountId));
  const organization: OrganizationScope = { source: "accounts", accounts: coverage, role: options.roleName };
  const regions = [...new Set(runs.flatMap((r) => r.coverage.regions))].sort();
  return {
    accountId: callerAccount, partition, cisVersion, regions,
    findings: runs.flatMap((r) => r.findings).sort(byFindingOrder),
    organization, notes: skipped.notes,
  };
}
