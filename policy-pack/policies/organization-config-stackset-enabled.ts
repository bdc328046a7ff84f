/**
 * Organization mode (issue 12): AWS Config records in every member account and every region of the stack through a
 * service-managed StackSet (CIS 2.5 for each member): permissionModel SERVICE_MANAGED, a template that creates the
 * recorder and its delivery channel, automatic deployment on (accounts that join get the recorder), and stack
 * instances that target organizational units in every region of the stack ("the regions of its aws providers and
 * regional resources", as for config-enabled-all-regions). StackSets skip the management account, whose recorders are
 * the stack's own and stay judged by config-enabled-all-regions.
 *
 * A stack policy around the domain rule. Findings land on the StackSet; not applicable to a single-account stack.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { organizationRules } from "../domain/rules/organization";
import { fromStack } from "../fromStack";
import { organizationPolicyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "organization-config-stackset-enabled";

export const organizationConfigStackSetEnabled: StackValidationPolicy = {
  ...organizationPolicyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description:
      "An organization stack must deploy the AWS Config recorder and delivery channel to member accounts through a service-managed StackSet with automatic deployment and a stack instance targeting organizational units in every region of the stack.",
    remediationSteps:
      "Create an aws.cloudformation.StackSet with permissionModel SERVICE_MANAGED, autoDeployment { enabled: true } and a template with AWS::Config::ConfigurationRecorder and AWS::Config::DeliveryChannel, and one aws.cloudformation.StackSetInstance per region (stackSetInstanceRegion) with deploymentTargets.organizationalUnitIds set to the root or the OUs.",
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, organizationRules[name].evaluate(state), {
      verifies: "the StackSet of AWS Config recorders",
      resources: args.resources,
    });
  },
};
