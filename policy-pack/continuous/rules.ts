/**
 * continuous-coverage-rules-present: in every covered region, each AWS Config managed rule the region's mode deploys
 * (coverageFacts.ts managedRulesFor: the detection rules of the logging controls, cmk-backing-key-rotation-enabled, and
 * vpc-flow-logs-enabled in configRemediation) is an aws.cfg.Rule of the stack with owner AWS and the rule's identifier,
 * and sets the input parameters the project chose (readWriteType ALL, expectedDeliveryWindowAge 24): a rule with a
 * laxer parameter would report green what the pack and the audit fail.
 */
import type { PolicyResource } from "@pulumi/policy";
import { ManagedRuleFact, managedRuleAvailableIn, managedRulesFor } from "../coverageFacts";
import { factOf } from "../fromStack/known";
import type { Finding } from "./report";
import { ContinuousStack, managedRulesWithIdentifier, ruleSource } from "./stack";

const FIX = "deploy the program's RegionalDetectionRules and RegionalRemediation in the region (`pulumi up`), or set continuousCoverage: off";

function parameterProblem(rule: PolicyResource, fact: ManagedRuleFact, region: string): Finding | undefined {
  const wanted = Object.entries(fact.parameters);
  if (wanted.length === 0) {
    return undefined;
  }
  const raw = factOf(() => rule.props.inputParameters as unknown);
  if (raw.kind !== "known") {
    return { on: rule, problem: `the input parameters of ${fact.name} in ${region} are not known yet`, undecided: true };
  }
  let given: Record<string, unknown> = {};
  try {
    given = typeof raw.value === "string" ? JSON.parse(raw.value) as Record<string, unknown> : {};
  } catch {
    given = {};
  }
  const wrong = wanted.filter(([k, v]) => String(given[k]) !== v);
  return wrong.length === 0 ? undefined : {
    on: rule,
    problem: `the AWS Config rule ${fact.name} in ${region} must set ${wrong.map(([k, v]) => `${k}=${v}`).join(", ")} (got ${typeof raw.value === "string" ? raw.value : "none"}; ${fact.source})`,
    fix: `set inputParameters ${JSON.stringify(fact.parameters)}`,
  };
}

export function checkRulesPresent(stack: ContinuousStack): Finding[] {
  const findings: Finding[] = stack.undecided.map((u) => ({ on: u.anchor, problem: `${u.why} (${u.region})`, undecided: true }));
  for (const { region, mode, anchor } of stack.regions) {
    const undecidedRules = stack.rulesIn(region).filter((r) => ruleSource(r).kind !== "known");
    for (const fact of managedRulesFor(mode).filter((f) => managedRuleAvailableIn(f, region))) {
      const rules = managedRulesWithIdentifier(stack, region, fact.identifier);
      if (rules.length === 0) {
        findings.push(undecidedRules.length > 0
          ? { on: anchor, problem: `whether ${region} has the AWS Config rule ${fact.name}: the source of ${undecidedRules.map((r) => r.name).join(", ")} is not known yet`, undecided: true }
          : {
            on: anchor,
            problem: `continuousCoverage ${mode} in ${region} lacks the AWS Config managed rule ${fact.name} (owner AWS, identifier ${fact.identifier}; ${fact.source}), so the region's ${fact.controls.join(", ")} goes unwatched between deploys`,
            fix: FIX,
          });
        continue;
      }
      const problems = rules.map((r) => parameterProblem(r, fact, region));
      if (problems.some((p) => p === undefined)) {
        continue;
      }
      findings.push(...problems.filter((p): p is Finding => p !== undefined));
    }
  }
  return findings;
}
