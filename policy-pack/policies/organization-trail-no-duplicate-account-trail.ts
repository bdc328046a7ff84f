/**
 * Organization mode (issue 12), cost: an account trail that records management events beside the organization trail
 * makes CloudTrail deliver a second, billed copy of the account's management events ("The first copy of management
 * events is delivered free of charge. Additional copies of management events are charged", AWS CloudTrail pricing,
 * https://aws.amazon.com/cloudtrail/pricing/). Advisory by default: a duplicate costs money and logs nothing less; a
 * team that keeps an account trail on purpose (another destination) exempts it with the reason.
 *
 * A stack policy around the domain rule. Findings land on the account trail; not applicable to a single-account stack.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { organizationRules } from "../domain/rules/organization";
import { fromStack } from "../fromStack";
import { organizationPolicyMetadata } from "./metadata";
import { reportVerdicts } from "./report";

const name = "organization-trail-no-duplicate-account-trail";

export const organizationTrailNoDuplicateAccountTrail: StackValidationPolicy = {
  ...organizationPolicyMetadata(name, {
    enforcementLevel: "advisory",
    severity: "low",
    description:
      "An organization stack should hold no account trail that records the management events its organization trail already delivers, which CloudTrail bills as a second copy.",
    remediationSteps:
      "Remove the account-level aws.cloudtrail.Trail (the organization trail logs this account too), or keep it for data events only by setting includeManagementEvents: false on its event selectors.",
  }),
  validateStack: (args, report) => {
    const { state, subjects } = fromStack(args.resources);
    reportVerdicts(name, args, report, subjects, organizationRules[name].evaluate(state), {
      verifies: "whether an account trail duplicates the organization trail's management events",
      resources: args.resources,
    });
  },
};
