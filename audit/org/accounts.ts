/**
 * The organization's accounts, as AWS Organizations lists them (ListAccounts, every page), and which of them the audit
 * visits. Only the management account or a delegated administrator may call ListAccounts
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html).
 */
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AccountCoverage, AuditAbort } from "../audit";
import type { ClientFactory } from "../clients";
import { attempt, describeFailure } from "../types";

export interface OrganizationAccount {
  readonly accountId: string;
  readonly name?: string;
  /**
   * The account's State: PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE or CLOSED ("Monitor the state of your
   * AWS accounts", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_account_state.html).
   * The older Status field (ACTIVE, SUSPENDED, PENDING_CLOSURE) is read only when State is absent: AWS retires Status
   * on September 9, 2026 and asks callers to read State.
   */
  readonly state: string;
}

/** ListAccounts, following NextToken until the last page (a page may be empty and still carry a token). */
export async function listOrganizationAccounts(client: OrganizationsClient): Promise<OrganizationAccount[]> {
  const accounts: OrganizationAccount[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListAccountsCommand({ ...(nextToken ? { NextToken: nextToken } : {}) }));
    for (const a of page.Accounts ?? []) {
      if (!a.Id) {
        throw new Error("organizations:ListAccounts returned an account without Id");
      }
      const state = a.State ?? a.Status ?? "UNKNOWN";
      accounts.push({ accountId: a.Id, ...(a.Name ? { name: a.Name } : {}), state: String(state) });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return accounts.sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/**
 * Only ACTIVE accounts can be signed in to: a SUSPENDED or PENDING_CLOSURE account is closed or closing ("you can't
 * use" it and AWS deletes its resources after the post-closure period), a CLOSED one is gone, and a PENDING_ACTIVATION
 * one never completed sign-up (the states page above). Auditing them would only produce errors, so they are skipped
 * with a note instead.
 */
export function isAuditable(account: OrganizationAccount): boolean {
  return account.state === "ACTIVE";
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
