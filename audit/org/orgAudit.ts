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
import { OrganizationAccount, isAuditable, organizationAccounts, skippedAccounts } from "./accounts";
import { aggregatorPolicies, readAggregator } from "./aggregator";
import { AssumeRoleOptions, assumeRole, assumedRoleProvider, roleArnFor } from "./assumeRole";
import { compareWithAggregator, describeDisagreement } from "./compare";

/**
 * Accounts audited at the same time: the default and the most `--concurrency` allows with --org.
 *
 * What more accounts at a time cost AWS: each member account's calls are signed with its own role session and count
 * against that account's own request quotas (EC2, for one, "throttles EC2 API requests for each AWS account on a
 * per-Region basis", https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html), so the number of
 * accounts at a time puts no more pressure on any one account: each still sees 4 regions at a time. What the accounts
 * share is the caller's account: one organizations:ListAccounts listing, and one sts:AssumeRole per account, throttled
 * per calling account ("Request quotas for AWS STS",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-sts; the AssumeRole
 * rate is not in the AWS material this was checked against, so no rate is assumed: a throttle is retried with back-off,
 * assumeRole.ts). N accounts at a time start with a burst of N AssumeRole calls.
 *
 * What they cost here: the audit runs on one thread, about 60 ms of CPU per account (4 regions), while an account's
 * ~10 sequential round trips take about 1 s at 100 ms each (bench/organization.ts). 8, the former default, left a
 * 100-account organization waiting in 13 sequences of ~1 s. At 32 the CPU is mostly busy, with a burst of 32. The
 * accounts still come in turns, though: the last ones start late and their round trips, slowed by the others' CPU,
 * end the audit. 128, the most, audits an organization of up to 128 accounts in one turn (the bench: 101 accounts in
 * about the audit's CPU time), at the price of a burst of 128 AssumeRole calls.
 */
export const ACCOUNT_CONCURRENCY = { default: 32, max: 128 } as const;

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
  /** Accounts audited at the same time. Default ACCOUNT_CONCURRENCY.default. */
  readonly accountConcurrency?: number;
  readonly clock?: Clock;
  readonly strict?: readonly "securityHub"[];
  /** The external ID, retries and back-off of each AssumeRole. */
  readonly assumeRole?: AssumeRoleOptions;
  /**
   * `--compare-aggregator NAME`: also read this AWS Config aggregator (in the caller's account and default region) and
   * say where its evaluation and the visit disagree. The findings stay the visit's.
   */
  readonly compareAggregator?: string;
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
  const runs = await mapLimit(auditable, options.accountConcurrency ?? ACCOUNT_CONCURRENCY.default, async (account): Promise<AccountRun> => {
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
  const regions = [...new Set(runs.flatMap((r) => r.coverage.regions))].sort();
  const findings = runs.flatMap((r) => r.findings).sort(byFindingOrder);
  let organization: OrganizationScope = { source: "accounts", accounts: coverage, role: options.roleName };
  const notes = [...skipped.notes];
  if (options.compareAggregator !== undefined) {
    const aggregator = options.compareAggregator;
    const audited = auditable.filter((a) => coverage.some((c) => c.accountId === a.accountId && c.outcome === "audited"));
    const reading = await readAggregator({
      config: clients.client("config", home), aggregator, home, partition, cisVersion, regions: options.regions, accounts: audited,
    });
    const disagreements = compareWithAggregator(findings, reading.findings, audited.map((a) => a.accountId), aggregatorPolicies(cisVersion));
    organization = { ...organization, aggregator, disagreements };
    notes.push(
      disagreements.length === 0
        ? `AWS Config aggregator ${aggregator} agrees with the audit on every control both judge.`
        : `AWS Config aggregator ${aggregator} and the audit disagree on ${disagreements.length} (account, control) pair(s): ` +
          `${disagreements.map(describeDisagreement).join("; ")}.`,
      ...reading.notes,
    );
  }
  return { accountId: callerAccount, partition, cisVersion, regions, findings, organization, notes };
}
