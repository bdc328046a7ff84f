/**
 * IAM facts for `--export-inventory` only: the roles the Pulumi program looks up before it registers anything
 * (discovery.ts), so that `npm run plan -- --inventory FILE` takes the same decisions offline as `pulumi up`
 * would against the account: adopt or create AWSServiceRoleForConfig, and refuse to deploy when another stack
 * of the program owns roles in the account. No check needs IAM.
 */
import { IAMClient, paginateListRoles } from "@aws-sdk/client-iam";
import { BASELINE_ROLE_PATH_ROOT } from "../../components/naming";

/**
 * The IAM path AWS gives AWS Config's service-linked role (AWS Config DG, "Using Service-Linked Roles for AWS
 * Config", https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles.html). The same
 * value as discovery.ts's CONFIG_SERVICE_LINKED_ROLE_PATH (a test pins the two), repeated here because importing
 * discovery.ts would load @pulumi/aws into the audit CLI (about a second per run) for one string.
 */
export const CONFIG_SERVICE_LINKED_ROLE_PATH = "/aws-service-role/config.amazonaws.com/";

/** The path prefixes the program lists roles under, in the order it asks for them. */
export const INVENTORY_ROLE_PATH_PREFIXES: readonly string[] = [CONFIG_SERVICE_LINKED_ROLE_PATH, BASELINE_ROLE_PATH_ROOT];

/**
 * ARNs of the roles whose path starts with `pathPrefix`, every page. ListRoles filters by path prefix on the
 * server ("If there are none, the operation returns an empty list") and pages with Marker/IsTruncated: "IAM might
 * return fewer results, even when there are more results available" (IAM API reference, ListRoles,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html), so only IsTruncated false ends the list.
 */
export async function listRoleArns(client: IAMClient, pathPrefix: string): Promise<string[]> {
  const arns: string[] = [];
  for await (const page of paginateListRoles({ client }, { PathPrefix: pathPrefix })) {
    for (const role of page.Roles ?? []) {
      if (!role.Arn) {
        throw new Error(`ListRoles (PathPrefix ${pathPrefix}) returned a role without Arn`);
      }
      arns.push(role.Arn);
    }
  }
  return arns.sort();
}
