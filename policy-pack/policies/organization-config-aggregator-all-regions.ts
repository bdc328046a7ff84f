/**
 * Organization mode (issue 12): an AWS Config aggregator of the organization collects every region, existing and
 * future (organizationAggregationSource.allRegions), or at least every region of the stack (a listed set passes with a
 * note: it does not follow regions enabled later). An aggregator of listed accounts does not count.
 *
 * A stack policy around the domain rule. Findings land on the aggregator, or on the stack when there is none; not
 * applicable to a single-account stack.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { organizationRules } from "../domain/rules/organization";
import { fromStack } from "../fromStack";
import { organizationPolicyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "organization-config-aggregator-all-regions";

export const organizationConfigAggregatorAllRegions: StackValidationPolicy = {
  ...organizationPolicyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description:
      "An organization stack must hold an AWS Config aggregator of the organization that collects all regions.",
    remediationSteps:
      "Add an aws.cfg.ConfigurationAggregator with organizationAggregationSource { allRegions: true, roleArn } (a role with the AWSConfigRoleForOrganizations managed policy), in the management account or the AWS Config delegated administrator.",
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, organizationRules[name].evaluate(state), {
      verifies: "the organization aggregator",
      resources: args.resources,
    });
  },
};
