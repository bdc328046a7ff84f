/**
 * The mock AWS account's answers to the program's invokes (data sources), computed from the Inventory.
 * An invoke not modelled here throws, so the program (and the test) fails loudly instead of reading
 * made-up data. MockAccount (offline/mockAccount.ts) records each invoke and then asks answerInvoke.
 */
import type * as aws from "@pulumi/aws";
import { Inventory, enabledRegions } from "./inventory";
import { State } from "./mockState";

/**
 * The invoke's result, or a throw with the error AWS (or the mock, for what it does not model) would give.
 * `region` is the invoke's effective region; `rejectInvokesIn` lists regions whose invokes fail as AWS
 * fails a version 1 STS token in an opt-in region (MockAccountOptions.rejectInvokesIn).
 */
export function answerInvoke(
  account: Inventory, token: string, inputs: State, region: string | undefined, rejectInvokesIn?: readonly string[],
): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity": {
      const result: aws.GetCallerIdentityResult = {
        accountId: account.accountId, arn: `arn:${account.partition}:iam::${account.accountId}:user/planner`,
        id: account.accountId, userId: "AIDAPLANNER",
      };
      return { ...result };
    }
    case "aws:index/getPartition:getPartition": {
      const result: aws.GetPartitionResult = {
        partition: account.partition, dnsSuffix: "amazonaws.com", id: account.partition, reverseDnsPrefix: "com.amazonaws",
      };
      return { ...result };
    }
    case "aws:index/getRegions:getRegions": {
      const filters = (inputs.filters as { name: string; values: string[] }[] | undefined) ?? [];
      let names = inputs.allRegions ? Object.keys(account.regions).sort() : enabledRegions(account);
      for (const filter of filters) {
        if (filter.name !== "opt-in-status") {
          throw new Error(`mock getRegions: filter '${filter.name}' is not modelled`);
        }
        names = names.filter((n) => filter.values.includes(account.regions[n].optInStatus));
      }
      const result: aws.GetRegionsResult = { names, id: account.partition, allRegions: inputs.allRegions as boolean | undefined };
      return { ...result };
    }
    case "aws:ec2/getVpcs:getVpcs": {
      if (!region) {
        throw new Error("mock getVpcs: called without a region or an explicit provider (the default provider is not allowed)");
      }
      const entry = account.regions[region];
      if (!entry || entry.optInStatus === "not-opted-in") {
        throw new Error(`mock getVpcs: region ${region} is not enabled for account ${account.accountId}`);
      }
      if (rejectInvokesIn?.includes(region)) {
        throw new Error("InvalidClientTokenId: The security token included in the request is invalid");
      }
      // DescribeVpcs lists owned and shared-in VPCs; the owner-id filter keeps those of the given owners.
      let vpcs = [...entry.vpcIds.map((vpcId) => ({ vpcId, ownerId: account.accountId })), ...(entry.sharedVpcs ?? [])];
      for (const filter of (inputs.filters as { name: string; values: string[] }[] | undefined) ?? []) {
        if (filter.name !== "owner-id") {
          throw new Error(`mock getVpcs: filter '${filter.name}' is not modelled`);
        }
        vpcs = vpcs.filter((v) => filter.values.includes(v.ownerId));
      }
      const result: aws.ec2.GetVpcsResult = { ids: vpcs.map((v) => v.vpcId), id: region, region, tags: {} };
      return { ...result };
    }
    case "aws:iam/getRoles:getRoles": {
      if (inputs.nameRegex !== undefined) {
        throw new Error("mock getRoles: nameRegex is not modelled");
      }
      // ListRoles PathPrefix: roles whose path starts with the prefix (IAM API reference, ListRoles).
      const prefix = (inputs.pathPrefix as string | undefined) ?? "/";
      const matching = (account.iamRoleArns ?? []).filter((arn) => `/${arn.split(":role/")[1]}`.startsWith(prefix)).sort();
      const result: aws.iam.GetRolesResult = {
        arns: matching, names: matching.map((arn) => arn.split("/").pop() as string), id: account.accountId, pathPrefix: prefix,
      };
      return { ...result };
    }
    case "aws:organizations/getOrganization:getOrganization": {
      const org = account.organization;
      if (!org) {
        // What Organizations answers an account outside any organization.
        throw new Error("AWSOrganizationsNotInUseException: Your account is not a member of an organization.");
      }
      const p = account.partition;
      const arnOf = (id: string): string => `arn:${p}:organizations::${org.managementAccountId}:account/${org.id}/${id}`;
      const accounts = org.accountIds.map((id) => ({ id, arn: arnOf(id), email: `${id}@example.com`, name: `account-${id}`, status: "ACTIVE", joinedMethod: "CREATED", joinedTimestamp: "2026-01-01T00:00:00Z", state: "ACTIVE" }));
      const result: aws.organizations.GetOrganizationResult = {
        id: org.id,
        arn: `arn:${p}:organizations::${org.managementAccountId}:organization/${org.id}`,
        masterAccountId: org.managementAccountId,
        masterAccountArn: arnOf(org.managementAccountId),
        masterAccountEmail: `${org.managementAccountId}@example.com`,
        masterAccountName: "management",
        featureSet: "ALL",
        accounts,
        nonMasterAccounts: accounts.filter((a) => a.id !== org.managementAccountId),
        awsServiceAccessPrincipals: [...org.serviceAccessPrincipals],
        enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
        roots: [{ id: org.rootId, arn: `arn:${p}:organizations::${org.managementAccountId}:root/${org.id}/${org.rootId}`, name: "Root", policyTypes: [] }],
      };
      return { ...result };
    }
    case "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts": {
      const org = account.organization;
      const parentId = String(inputs.parentId);
      const ids = org?.accountsByOrganizationalUnit?.[parentId];
      if (!org || !ids) {
        throw new Error(`ParentNotFoundException: ${parentId} is no organizational unit of the organization.`);
      }
      const accounts = ids.map((id) => ({ id, arn: `arn:${account.partition}:organizations::${org.managementAccountId}:account/${org.id}/${id}`, email: `${id}@example.com`, name: `account-${id}`, status: "ACTIVE", joinedMethod: "CREATED", joinedTimestamp: "2026-01-01T00:00:00Z", state: "ACTIVE" }));
      const result: aws.organizations.GetOrganizationalUnitDescendantAccountsResult = { id: parentId, parentId, accounts };
      return { ...result };
    }
    default:
      throw new Error(`unmocked invoke ${token} (${JSON.stringify(inputs)}): add it to offline/mockInvokes.ts`);
  }
}
