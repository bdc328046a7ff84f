/**
 * What AWS Config itself says about the managed rules `continuousCoverage` deploys (issue 10 item 3), in one region:
 * which of the stack's rules exist there, and each rule's evaluation results. Read-only, paginated:
 * - DescribeComplianceByConfigRule ("Indicates whether the specified AWS Config rules are compliant", NextToken;
 *   https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeComplianceByConfigRule.html) without rule names:
 *   naming a rule that does not exist fails the whole call with NoSuchConfigRuleException, and a region without the
 *   stack's rules (continuousCoverage off, or a region the stack does not cover) is the common case;
 * - GetComplianceDetailsByConfigRule per rule that has an evaluation ("Returns the evaluation results for the
 *   specified AWS Config rule", ComplianceTypes, Limit up to 100, NextToken;
 *   https://docs.aws.amazon.com/config/latest/APIReference/API_GetComplianceDetailsByConfigRule.html), compliant and
 *   noncompliant results both: a disagreement can go either way.
 */
import {
  ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  EvaluationResult,
  GetComplianceDetailsByConfigRuleCommand,
} from "@aws-sdk/client-config-service";

/** One evaluation result, flattened. */
export interface RuleEvaluation {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly compliance: "COMPLIANT" | "NON_COMPLIANT";
}

/** The stack's rules found in the region (by rule name), each with its evaluation results. */
export type RegionRuleEvaluations = ReadonlyMap<string, readonly RuleEvaluation[]>;

function flatten(results: readonly EvaluationResult[]): RuleEvaluation[] {
  return results.flatMap((r) => {
    const q = r.EvaluationResultIdentifier?.EvaluationResultQualifier;
    const compliance = r.ComplianceType;
    return q?.ResourceType && q.ResourceId && (compliance === "COMPLIANT" || compliance === "NON_COMPLIANT")
      ? [{ resourceType: q.ResourceType, resourceId: q.ResourceId, compliance }]
      : [];
  });
}

/** The evaluations of those of `ruleNames` that exist in the client's region. Throws what the SDK throws. */
export async function collectRuleEvaluations(client: ConfigServiceClient, ruleNames: readonly string[]): Promise<RegionRuleEvaluations> {
  const wanted = new Set(ruleNames);
  const present: { name: string; evaluated: boolean }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new DescribeComplianceByConfigRuleCommand({ ...(token ? { NextToken: token } : {}) }));
    for (const c of page?.ComplianceByConfigRules ?? []) {
      if (c.ConfigRuleName && wanted.has(c.ConfigRuleName)) {
        const type = c.Compliance?.ComplianceType;
        present.push({ name: c.ConfigRuleName, evaluated: type === "COMPLIANT" || type === "NON_COMPLIANT" });
      }
    }
    token = page?.NextToken;
  } while (token);
  const evaluations = new Map<string, RuleEvaluation[]>();
  for (const rule of present.sort((a, b) => a.name.localeCompare(b.name))) {
    const results: EvaluationResult[] = [];
    let next: string | undefined;
    if (rule.evaluated) {
      do {
        const page = await client.send(new GetComplianceDetailsByConfigRuleCommand({
          ConfigRuleName: rule.name, ComplianceTypes: ["COMPLIANT", "NON_COMPLIANT"], Limit: 100, ...(next ? { NextToken: next } : {}),
        }));
        results.push(...(page?.EvaluationResults ?? []));
        next = page?.NextToken;
      } while (next);
    }
    evaluations.set(rule.name, flatten(results));
  }
  return evaluations;
}
