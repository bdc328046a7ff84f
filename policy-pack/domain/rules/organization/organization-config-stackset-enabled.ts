/**
 * Organization mode: AWS Config in every member account and every region of the stack through a service-managed
 * StackSet (CIS 2.5 for each member). Automatic deployment makes StackSets follow the organization: "If set to true,
 * StackSets automatically deploys additional stack instances to AWS Organizations accounts that are added to a target
 * organization or organizational unit (OU) in the specified Regions" (CloudFormation API, AutoDeployment,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_AutoDeployment.html). "In the specified
 * Regions": a region without a stack instance gets no recorder in any account, so the instances must cover every
 * region of the stack, and target OUs (or the root), which is what automatic deployment follows.
 * The management account is not among the targets ("StackSets doesn't deploy stack instances to the organization
 * management account", @pulumi/aws StackSetInstance deploymentTargets, after the CloudFormation UG): its recorders are
 * the stack's own, judged by config-enabled-all-regions as in a single-account stack.
 * retainStacksOnAccountRemoval is the stack's choice and not judged: a retained stack "can't be reassociated" with the
 * StackSet (StackSetInstance retainStack), so retention trades kept recorders for a refused second one on return.
 */
import type { ConfigStackSet } from "../../state";
import { Judgement, Ref, Verdict, expect, gap, undecided, verdictOf } from "../../verdict";
import { accountRef } from "../trails";
import { OrganizationRule, oneQualifies, organizationMode } from "./mode";
import type { OrganizationPolicyName } from "../../../orgControls";

const stackSetRef = (s: ConfigStackSet): Ref => ({ kind: "stackSet", ref: s.ref, label: `StackSet ${s.name}` });

function judgeStackSet(s: ConfigStackSet, regions: readonly string[]): Judgement[] {
  const judgements: Judgement[] = [
    s.createsChannel ? { kind: "ok" } : gap("org.stackSet.noChannel", "its template creates an AWS::Config::ConfigurationRecorder but no AWS::Config::DeliveryChannel, so the recorders deliver nothing"),
    expect(s.autoDeployment, (v) => v, "org.stackSet.autoDeployment", "automatic deployment is off, so accounts that join the organization get no recorder"),
  ];
  const covered = new Set<string>();
  const pendingRegions: string[] = [];
  for (const instance of s.instances) {
    if (instance.region.kind === "known") {
      covered.add(instance.region.value);
    } else if (instance.region.kind === "unknown") {
      pendingRegions.push(`the region of ${instance.label}: ${instance.region.why}`);
    }
    judgements.push(expect(instance.organizationalUnits, (ous) => ous.length > 0, "org.stackSet.targets",
      `${instance.label} targets no organizational unit (deploymentTargets.organizationalUnitIds), so automatic deployment does not follow new accounts`));
  }
  const missing = regions.filter((r) => !covered.has(r));
  if (missing.length > 0) {
    if (pendingRegions.length > 0 || s.unlinkedInstances !== undefined) {
      judgements.push(...pendingRegions.map(undecided), ...(s.unlinkedInstances !== undefined ? [undecided(s.unlinkedInstances)] : []));
    } else {
      judgements.push(gap("org.stackSet.regions", s.instances.length === 0
        ? "it has no stack instance, so no member account records anything"
        : `it has no stack instance in ${missing.join(", ")}, so no member account records there`));
    }
  }
  return judgements;
}

export const organizationConfigStackSetEnabled: OrganizationRule = {
  policy: "organization-config-stackset-enabled",
  evaluate(state) {
    const mode = organizationMode(this.policy, state);
    if ("verdicts" in mode) {
      return mode.verdicts;
    }
    const { configStackSets, undecidedStackSets } = mode.organization;
    if (configStackSets.length === 0) {
      return [verdictOf(this.policy, accountRef(state), undecidedStackSets.length > 0
        ? undecidedStackSets.map(undecided)
        : [gap("org.stackSet.none", `the stack is in organization mode (${mode.evidence.join(", ")}) but no service-managed StackSet creates the AWS Config recorder, so member accounts record nothing`)])];
    }
    const verdicts: Verdict<OrganizationPolicyName>[] = configStackSets.map((s) => verdictOf(this.policy, stackSetRef(s), judgeStackSet(s, state.scope.regions)));
    // One complete StackSet is enough: the recorder is one per account and region, so a second would collide.
    return oneQualifies(verdicts);
  },
};
