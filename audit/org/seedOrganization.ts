/**
 * A fake organization in moto for the organization audit's tests, `npm run bench` and demos: CreateOrganization from
 * the management account, CreateAccount per member (moto creates the member's role, trusting the management account,
 * as Organizations does: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html),
 * and the stand-in for the AssumeRole check moto does not make (requireAssumableRole).
 */
import { CloseAccountCommand, CreateAccountCommand, CreateOrganizationCommand } from "@aws-sdk/client-organizations";
import { DeleteRoleCommand, GetRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommandInput, GetCallerIdentityCommand, STSClient, ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/client-sts";
import type { InitializeMiddleware } from "@smithy/types";
import { ClientFactory, createClientFactory } from "../clients";
import { motoClientOptions } from "../moto";

export interface SeededOrganization {
  readonly management: string;
  /** The member accounts moto created, in creation order, with their names. */
  readonly members: readonly { readonly accountId: string; readonly name: string }[];
}

/** Creates the organization (all features) with `members` member accounts, each with the role `roleName`. */
export async function seedOrganization(
  management: ClientFactory, managementId: string, memberNames: readonly string[], roleName: string,
): Promise<SeededOrganization> {
  const org = management.client("organizations", "us-east-1");
  await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const members: { accountId: string; name: string }[] = [];
  for (const name of memberNames) {
    // moto completes CreateAccount at once (State SUCCEEDED); AWS creates accounts asynchronously
    // (DescribeCreateAccountStatus, https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html).
    const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com`, RoleName: roleName }));
    const accountId = created.CreateAccountStatus?.AccountId;
    if (!accountId) {
      throw new Error(`moto's CreateAccount of ${name} returned no AccountId`);
    }
    members.push({ accountId, name });
  }
  return { management: managementId, members };
}

/** Closes a member account: moto moves it to SUSPENDED at once (AWS passes through PENDING_CLOSURE). */
export async function closeAccount(management: ClientFactory, accountId: string): Promise<void> {
  await management.client("organizations", "us-east-1").send(new CloseAccountCommand({ AccountId: accountId }));
}

/** Deletes a member's role, as when someone removed it or the account was invited without it. */
export async function deleteRole(member: ClientFactory, roleName: string): Promise<void> {
  await member.client("iam", "us-east-1").send(new DeleteRoleCommand({ RoleName: roleName.split("/").pop() }));
}

interface TrustStatement {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly Principal?: { readonly AWS?: string | readonly string[] };
}

function trusts(document: string, caller: string): boolean {
  const doc = JSON.parse(decodeURIComponent(document)) as { Statement?: TrustStatement | readonly TrustStatement[] };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement as TrustStatement] : [];
  return statements.some((s) => {
    const actions = typeof s.Action === "string" ? [s.Action] : s.Action ?? [];
    const principals: readonly string[] = typeof s.Principal?.AWS === "string" ? [s.Principal.AWS] : s.Principal?.AWS ?? [];
    return s.Effect === "Allow" && actions.includes("sts:AssumeRole") &&
      principals.some((p) => p === caller || p === `arn:aws:iam::${caller}:root` || p.startsWith(`arn:aws:iam::${caller}:`));
  });
}

/**
 * moto's AssumeRole hands out credentials for any role ARN, existing or not ("Note that the role does not need to
 * exist", moto/sts/models.py). Stand-in, on the caller's STS client of tests and the bench only: the role must exist
 * in its account and its trust policy must allow sts:AssumeRole to the caller's account, else the call fails with
 * AccessDenied (HTTP 403), the error AWS gives in both cases ("User: ... is not authorized to perform:
 * sts:AssumeRole on resource: ..."; AWS does not document an error that tells a missing role from a distrusting one).
 */
export function requireAssumableRole(endpoint: string): (client: STSClient) => void {
  return (client) => {
    let caller: Promise<string> | undefined;
    const middleware: InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
      if (context.commandName !== "AssumeRoleCommand") {
        return next(args);
      }
      caller ??= client.send(new GetCallerIdentityCommand({})).then((who) => who.Account ?? "");
      const callerId = await caller;
      const roleArn = (args.input as AssumeRoleCommandInput).RoleArn ?? "";
      const [, , , , account, resource] = roleArn.split(":");
      const iam = createClientFactory(motoClientOptions(endpoint, account, false)).client("iam", "us-east-1");
      const role = await iam.send(new GetRoleCommand({ RoleName: (resource ?? "").split("/").pop() })).catch(() => undefined);
      if (!role?.Role?.AssumeRolePolicyDocument || !trusts(role.Role.AssumeRolePolicyDocument, callerId)) {
        throw Object.assign(
          new Error(`User: arn:aws:iam::${callerId}:user/moto is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`),
          { name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 } },
        );
      }
      return next(args);
    };
    client.middlewareStack.add(middleware, { step: "initialize", name: "motoGapAssumeRoleChecksRole" });
  };
}
