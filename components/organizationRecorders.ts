import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ORGANIZATION_STACK_SET_NAME } from "./naming";
import { RegionPlacement } from "./placement";

/** CallAs of a StackSet the management account or a delegated administrator manages (CreateStackSet CallAs). */
export type StackSetCaller = "SELF" | "DELEGATED_ADMIN";

export interface OrganizationRecordersArgs {
  /** The home region of the stack's account: the StackSet and its instances are administered there. */
  readonly placement: RegionPlacement;
  readonly callAs: StackSetCaller;
  /** The template (configTemplate.ts), as JSON. */
  readonly templateBody: pulumi.Input<string>;
  /** The regions to deploy in: one stack instance resource each, whatever the number of accounts. */
  readonly regions: readonly string[];
  /** Organizational unit or root IDs the StackSet targets (their child OUs included). */
  readonly targets: readonly string[];
  /** Member accounts left alone (they have their own recorder): accountFilterType DIFFERENCE. */
  readonly excludeAccounts: readonly string[];
  readonly retainStacksOnAccountRemoval: boolean;
  /** What the stack instances need first: the bucket policy and key the template's channel names. */
  readonly ready: readonly pulumi.Resource[];
}

/**
 * AWS Config in every member account and every covered region through one service-managed StackSet with automatic
 * deployment: "StackSets automatically deploys additional stack instances to AWS Organizations accounts that are added to a
 * target organization or organizational unit (OU) in the specified Regions"; with RetainStacksOnAccountRemoval "stack
 * resources are retained when an account is removed from a target organization or OU" (CloudFormation API reference,
 * AutoDeployment, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_AutoDeployment.html). A region
 * is covered once it has a stack instance: a region enabled later gets one from the next `pulumi up`.
 * StackSets never deploy to the management account ("StackSets doesn't deploy stack instances to the organization's
 * management account, even if the management account is in your organization or in an OU", same page): program code
 * gives it its own recorders.
 *
 * - managedExecution active: StackSets queues the per-region CreateStackInstances operations this stack starts at once
 *   instead of failing them with OperationInProgressException (CloudFormation API reference, ManagedExecution).
 * - Operation preferences: every account of a region at once (MaxConcurrentPercentage 100, SOFT_FAILURE_TOLERANCE keeps
 *   concurrency independent of the tolerance) and no failure tolerated, so a failing account fails the `pulumi up` instead
 *   of being left behind quietly (CloudFormation API reference, StackSetOperationPreferences).
 */
export class OrganizationRecorders extends pulumi.ComponentResource {
  readonly stackSet: aws.cloudformation.StackSet;
  readonly instances: aws.cloudformation.StackSetInstance[];

  constructor(name: string, args: OrganizationRecordersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:organization:OrganizationRecorders", name, {}, opts);
    const p = args.placement;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: p.provider };

    this.stackSet = new aws.cloudformation.StackSet(`${name}-stack-set`, p.regional<aws.cloudformation.StackSetArgs>({
      name: ORGANIZATION_STACK_SET_NAME,
      description: "CIS logging baseline: AWS Config recorder and delivery channel in every member account and covered region",
      permissionModel: "SERVICE_MANAGED",
      callAs: args.callAs,
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: args.retainStacksOnAccountRemoval },
      // The template creates an IAM role (without a custom name): CAPABILITY_IAM.
      capabilities: ["CAPABILITY_IAM"],
      managedExecution: { active: true },
      templateBody: args.templateBody,
    }), { ...child, deleteBeforeReplace: true });

    // The account filter applies to these instances' operations; automatic deployment to accounts that join a targeted OU
    // later ignores account-level filters (CloudFormation UG "Enable or disable automatic deployments",
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html), so a
    // new account with its own recorder must sit outside the targets (README "Organization").
    const filter = args.excludeAccounts.length > 0 ? { accountFilterType: "DIFFERENCE", accounts: [...args.excludeAccounts] } : {};
    this.instances = args.regions.map((region) => new aws.cloudformation.StackSetInstance(`${name}-${region}`,
      p.regional<aws.cloudformation.StackSetInstanceArgs>({
        stackSetName: this.stackSet.name,
        stackSetInstanceRegion: region,
        callAs: args.callAs,
        deploymentTargets: { organizationalUnitIds: [...args.targets], ...filter },
        // pulumi destroy keeps the member stacks (and their recorders) too, as audit data is kept everywhere else.
        retainStack: args.retainStacksOnAccountRemoval,
        operationPreferences: { concurrencyMode: "SOFT_FAILURE_TOLERANCE", maxConcurrentPercentage: 100, failureToleranceCount: 0 },
      }), { ...child, dependsOn: [...args.ready] }));

    this.registerOutputs({ stackSetName: this.stackSet.name, regions: args.regions });
  }
}
