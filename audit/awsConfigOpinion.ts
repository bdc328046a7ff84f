/**
 * Where AWS Config's own evaluation disagrees with the audit (issue 10 item 3). With `continuousCoverage` other than
 * `off` the stack runs, in every covered region, the AWS Config managed rules of policy-pack/coverageFacts.ts under the
 * names components/naming.ts gives them. The audit reads their evaluation results (collect/configRules.ts) and, for each
 * of its findings, lists the rules and regions whose verdict on the same resource is the opposite (AWS COMPLIANT where
 * the audit fails, NON_COMPLIANT where it passes), as the finding's `awsConfigDisagrees`. The audit's verdict never
 * changes: it is stricter than the managed rules on purpose (COMPLIANCE.md, "Where this project differs"), and AWS
 * Config's results may be up to a day old (the detection rules are evaluated daily).
 *
 * Which evaluation concerns which finding: AWS::::Account results (multi-region-cloudtrail-enabled) concern every
 * finding of the account-wide control; AWS::EC2::VPC results the VPC's finding; AWS::KMS::Key results (the key id) the
 * key's ARN; AWS::CloudTrail::Trail results the trail's finding, or, for the two trail-bucket rules, the finding of the
 * trail's bucket. AWS does not document whether a trail's ResourceId is its name or its ARN: both are matched.
 */
import { configRuleName } from "../components/naming";
import { DETECTION_RULES, KEY_ROTATION_RULE, ManagedRuleFact, VPC_FLOW_LOGS_RULE } from "../policy-pack/coverageFacts";
import type { ClientFactory } from "./clients";
import type { TrailSummary } from "./collect/cloudtrail";
import { RegionRuleEvaluations, RuleEvaluation, collectRuleEvaluations } from "./collect/configRules";
import { mapLimit } from "./concurrency";
import { AwsConfigDisagreement, Finding, Result, attempt, describeFailure } from "./types";

/** Every managed rule a continuous mode may deploy, under the name the program gives it. */
export const STACK_CONFIG_RULES: readonly { readonly name: string; readonly fact: ManagedRuleFact }[] =
  [VPC_FLOW_LOGS_RULE, KEY_ROTATION_RULE, ...DETECTION_RULES].map((fact) => ({ name: configRuleName(fact.name), fact }));

export interface RegionEvaluations {
  readonly region: string;
  readonly evaluations: Result<RegionRuleEvaluations>;
}

/** Reads, per region, the evaluations of the stack's rules that exist there (a failed read stays a value). */
export function readRuleEvaluations(clients: ClientFactory, regions: readonly string[], concurrency: number): Promise<RegionEvaluations[]> {
  const names = STACK_CONFIG_RULES.map((r) => r.name);
  return mapLimit(regions, concurrency, async (region) => ({
    region,
    evaluations: await attempt("config:DescribeComplianceByConfigRule", region, () => collectRuleEvaluations(clients.client("config", region), names)),
  }));
}

/** The finding resources an evaluation result concerns, for a control. */
function concerns(e: RuleEvaluation, fact: ManagedRuleFact, accountId: string, trails: readonly TrailSummary[]): (resource: string) => boolean {
  switch (e.resourceType) {
    case "AWS::::Account":
      return () => e.resourceId === accountId;
    case "AWS::CloudTrail::Trail": {
      const trailsOf = trails.filter((t) => t.name === e.resourceId || t.arn === e.resourceId);
      const bucketRule = fact.controls.some((c) => c === "cloudtrail-bucket-access-logging-enabled" || c === "cloudtrail-bucket-not-public");
      const resources = new Set(bucketRule
        ? trailsOf.flatMap((t) => (t.s3BucketName ? [t.s3BucketName, `arn:${t.arn.split(":")[1]}:s3:::${t.s3BucketName}`] : []))
        : [e.resourceId, ...trailsOf.map((t) => t.arn)]);
      return (resource) => resources.has(resource);
    }
    default:
      return (resource) => resource === e.resourceId || resource.endsWith(`/${e.resourceId}`);
  }
}

/**
 * The findings with `awsConfigDisagrees` where AWS Config's evaluation is the opposite of the audit's verdict, and a
 * note per region whose evaluations could not be read. Pure: the reads happened in readRuleEvaluations.
 */
export function compareWithAwsConfig(
  findings: readonly Finding[], regional: readonly RegionEvaluations[], context: { accountId: string; trails: readonly TrailSummary[] },
): { findings: Finding[]; notes: string[] } {
  const notes: string[] = [];
  const disagreements = new Map<Finding, Map<string, AwsConfigDisagreement>>();
  for (const { region, evaluations } of regional) {
    if (!evaluations.ok) {
      notes.push(`AWS Config's own evaluation of the stack's rules could not be read in ${region} (${describeFailure(evaluations.error)}); the findings are this audit's alone there.`);
      continue;
    }
    for (const { name, fact } of STACK_CONFIG_RULES) {
      for (const e of evaluations.value.get(name) ?? []) {
        const isAbout = concerns(e, fact, context.accountId, context.trails);
        for (const f of findings) {
          if (!fact.controls.includes(f.policy) || !isAbout(f.resource)) {
            continue;
          }
          const opposite = (f.status === "pass" && e.compliance === "NON_COMPLIANT") || (f.status === "fail" && e.compliance === "COMPLIANT");
          if (!opposite) {
            continue;
          }
          const byRule = disagreements.get(f) ?? new Map<string, AwsConfigDisagreement>();
          const key = `${name} ${e.compliance}`;
          const known = byRule.get(key);
          byRule.set(key, { rule: name, compliance: e.compliance, regions: [...new Set([...(known?.regions ?? []), region])].sort() });
          disagreements.set(f, byRule);
        }
      }
    }
  }
  return {
    findings: findings.map((f) => {
      const d = disagreements.get(f);
      return d ? { ...f, awsConfigDisagrees: [...d.values()].sort((a, b) => a.rule.localeCompare(b.rule)) } : f;
    }),
    notes,
  };
}

/** One line per disagreement, as every report format words it. */
export function describeDisagreement(d: AwsConfigDisagreement): string {
  return `AWS Config's ${d.rule} reports ${d.compliance} in ${d.regions.join(", ")} (this audit's verdict stands)`;
}
