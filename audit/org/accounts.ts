/**
 * The organization's accounts, as AWS Organizations lists them (ListAccounts, every page), and which of them the audit
 * visits. Only the management account or a delegated administrator may call ListAccounts
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html).
 */
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";

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
