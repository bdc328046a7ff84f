/**
 * Organization mode as the rules see it (issue 12): what makes a stack an organization stack, and the AWS mechanisms
 * that fan the controls out to every member account. Pack only for now (fromStack/organization.ts); an adapter that
 * does not fill AccountState.organization gets "not applicable" from every organization rule.
 */
import type { Fact } from "./fact";

export interface OrganizationState {
  /**
   * What declares organization mode (an organization trail, a service-managed StackSet of AWS Config recorders):
   * known([]) for a single-account stack, unknown while a deciding value is not known (preview).
   */
  readonly evidence: Fact<readonly string[]>;
  /** The service-managed StackSets whose template creates an AWS Config recorder. */
  readonly configStackSets: readonly ConfigStackSet[];
  /** Service-managed StackSets whose template is not known yet (preview) or not readable here (templateUrl). */
  readonly undecidedStackSets: readonly string[];
  readonly aggregators: readonly OrganizationAggregator[];
}

export interface ConfigStackSet {
  readonly ref: string;
  readonly name: string;
  /** The template also creates an AWS::Config::DeliveryChannel (a recorder without one records nothing). */
  readonly createsChannel: boolean;
  /** autoDeployment.enabled (absent: false, as CloudFormation's AutoDeployment Enabled). */
  readonly autoDeployment: Fact<boolean>;
  /**
   * callAs (absent: SELF, as CloudFormation's CallAs). DELEGATED_ADMIN: the stack runs in a delegated administrator,
   * a member account whose own recorders come from this StackSet like every member's.
   */
  readonly callAs: Fact<string>;
  readonly instances: readonly StackSetInstance[];
  /** Why some instances of the stack may belong to this StackSet but cannot be linked yet (preview). */
  readonly unlinkedInstances?: string;
}

export interface StackSetInstance {
  readonly ref: string;
  readonly label: string;
  /** The region the instance deploys to (stackSetInstanceRegion, else the provider's region). */
  readonly region: Fact<string>;
  /** deploymentTargets.organizationalUnitIds: what automatic deployment follows. */
  readonly organizationalUnits: Fact<readonly string[]>;
}

export interface OrganizationAggregator {
  readonly ref: string;
  readonly name: string;
  /** organizationAggregationSource, or null when the aggregator aggregates accounts, not the organization. */
  readonly source: Fact<{ readonly allRegions: boolean; readonly regions: readonly string[] } | null>;
}
