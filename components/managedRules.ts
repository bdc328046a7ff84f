/**
 * One AWS Config managed rule in one region, as the continuous-coverage components create it: owner AWS, the source
 * identifier from policy-pack/coverageFacts.ts, the stack's rule name (naming.ts) and the evaluation frequency the facts
 * give it (every rule of this project is periodic: coverageFacts.ts `trigger`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedRuleFact } from "../policy-pack/coverageFacts";
import { configRuleName } from "./naming";
import { RegionPlacement } from "./placement";

/**
 * The rule's arguments. Its input parameters, where the project sets any, are a JSON object of strings, as AWS Config
 * passes them to the rule (ConfigRule InputParameters, "A string, in JSON format").
 */
export function managedRuleArgs(placement: RegionPlacement, rule: ManagedRuleFact): aws.cfg.RuleArgs {
  const args: aws.cfg.RuleArgs = placement.regional<aws.cfg.RuleArgs>({
    name: configRuleName(rule.name),
    description: `CIS logging baseline: AWS managed rule ${rule.name}`,
    source: { owner: "AWS", sourceIdentifier: rule.identifier },
    maximumExecutionFrequency: rule.evaluationFrequency,
    ...(Object.keys(rule.parameters).length > 0 ? { inputParameters: JSON.stringify(rule.parameters) } : {}),
  });
  return args;
}

/**
 * Creates the rule after the region's recorder runs: "Config Rule requires an existing Configuration Recorder to be
 * present" (@pulumi/aws aws.cfg.Rule), and a rule evaluates what the recorder records. Its name is fixed, so a
 * replacement deletes the old rule first (PutConfigRule would otherwise update the live one, which the replacement's
 * "delete original" would then remove).
 */
export function createManagedRule(
  name: string, placement: RegionPlacement, rule: ManagedRuleFact,
  opts: { parent: pulumi.Resource; configReady: readonly pulumi.Resource[] },
): aws.cfg.Rule {
  return new aws.cfg.Rule(name, managedRuleArgs(placement, rule), {
    parent: opts.parent,
    provider: placement.provider,
    deleteBeforeReplace: true,
    dependsOn: [...opts.configReady],
  });
}
