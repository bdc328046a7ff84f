import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedRuleFact } from "../policy-pack/coverageFacts";
import { createManagedRule } from "./managedRules";
import { RegionPlacement } from "./placement";

export interface RegionalDetectionRulesArgs {
  /** The region and its explicit provider. */
  readonly placement: RegionPlacement;
  /** The managed rules to create (policy-pack/coverageFacts.ts DETECTION_RULES; their availability is checked before). */
  readonly rules: readonly ManagedRuleFact[];
  /** The region's recorder, started (RegionalConfig.recorderStatus): a rule evaluates what it records. */
  readonly configReady: readonly pulumi.Resource[];
}

/**
 * The AWS Config managed rules that report, between deploys, the logging controls no remediation keeps green: the
 * multi-region trail, log file validation, CloudWatch Logs integration, trail encryption, and the trail bucket's access
 * logging and public access (issue 10 item 3). Deployed in every covered region: each region's rules evaluate the trails
 * AWS Config sees there, so a trail created in another region is judged too. AWS does not document whether these
 * periodic rules also evaluate a multi-region trail from its non-home regions; at most that is one evaluation per trail,
 * region and day. AWS Config itself has no managed rule (coverageFacts.ts CONFIG_ITSELF_HAS_NO_MANAGED_RULE).
 */
export class RegionalDetectionRules extends pulumi.ComponentResource {
  /** The rules by AWS's rule name. */
  readonly rules: Readonly<Record<string, aws.cfg.Rule>>;

  constructor(name: string, args: RegionalDetectionRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:coverage:RegionalDetectionRules", name, {}, opts);
    const rules: Record<string, aws.cfg.Rule> = {};
    for (const rule of args.rules) {
      rules[rule.name] = createManagedRule(`${name}-${rule.name}`, args.placement, rule, { parent: this, configReady: args.configReady });
    }
    this.rules = rules;
    this.registerOutputs({
      region: args.placement.region,
      configRuleNames: Object.values(rules).map((r) => r.name),
    });
  }
}
