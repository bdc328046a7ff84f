/**
 * continuous-coverage-remediation-automatic: in every covered region, cmk-backing-key-rotation-enabled (both modes) and
 * vpc-flow-logs-enabled (configRemediation) each have an aws.cfg.RemediationConfiguration that runs AWS's own runbook
 * automatically as a role of its own, with retry settings that stop a resource the runbook cannot fix.
 *
 * - automatic: true; TargetType SSM_DOCUMENT; TargetId the AWS-owned runbook of coverageFacts.ts (a document of the
 *   account's own could do anything with the role);
 * - AutomationAssumeRole set: "for automatic remediation configuration, the only valid assumeRole field value is
 *   AutomationAssumeRole and you need to provide a value" (PutRemediationConfigurations,
 *   https://docs.aws.amazon.com/config/latest/APIReference/API_PutRemediationConfigurations.html);
 * - maximumAutomaticAttempts and retryAttemptSeconds set explicitly, within RETRY_BOUNDS: "If MaximumAutomaticAttempts
 *   remediation attempts have been made under RetryAttemptSeconds, a remediation exception will be added to the
 *   resource" (RemediationConfiguration, https://docs.aws.amazon.com/config/latest/APIReference/API_RemediationConfiguration.html;
 *   defaults 5 and 60 seconds);
 * - for flow logs, TrafficType ALL or REJECT (the CIS control needs rejected traffic captured) and a destination.
 * Whether the rule itself exists is continuous-coverage-rules-present's; this policy judges the rules that do.
 */
import type { PolicyResource } from "@pulumi/policy";
import {
  AUTOMATION_ASSUME_ROLE_PARAMETER, FLOW_LOG_RUNBOOK, KEY_ROTATION_RULE, KEY_ROTATION_RUNBOOK, ManagedRuleFact, RunbookFact, VPC_FLOW_LOGS_RULE,
} from "../coverageFacts";
import { factOf, plain } from "../fromStack/known";
import type { Finding } from "./report";
import { ContinuousMode, ContinuousStack, managedRulesWithIdentifier, remediationsOf } from "./stack";

/**
 * The project's bounds on the retry settings (a choice, not an AWS limit; AWS does not document when within the window
 * it retries). At least 2 attempts, so a transient failure (IAM propagation right after a deploy, throttling) is retried;
 * at most 10, so a resource the runbook cannot fix (a key with imported material) ends in a remediation exception rather
 * than a stream of billed automation runs. A window of at least an hour, the shortest periodic evaluation, so the
 * attempts can span more than one evaluation; at most 7 days, so an exception still marks a resource that keeps failing.
 */
export const RETRY_BOUNDS = { minAttempts: 2, maxAttempts: 10, minWindowSeconds: 3600, maxWindowSeconds: 7 * 24 * 3600 } as const;

/** The rules a mode remediates, with the runbook and the resource type Config passes it. */
export function remediatedRulesFor(mode: ContinuousMode): { rule: ManagedRuleFact; runbook: RunbookFact }[] {
  const keys = { rule: KEY_ROTATION_RULE, runbook: KEY_ROTATION_RUNBOOK };
  return mode === "configRemediation" ? [{ rule: VPC_FLOW_LOGS_RULE, runbook: FLOW_LOG_RUNBOOK }, keys] : [keys];
}

/** A parameter value that is not known yet (preview: a role ARN, a log group ARN). */
export const NOT_KNOWN_YET = Symbol("not known yet");

/**
 * The remediation's parameters by name (static value, "RESOURCE_ID", or NOT_KNOWN_YET), read one at a time so that an
 * ARN unknown in a preview leaves the other parameters judged; undefined when the list itself is not known.
 */
export function parametersOf(remediation: PolicyResource): Map<string, unknown> | undefined {
  const count = factOf(() => (remediation.props.parameters as unknown[] | undefined)?.length ?? 0);
  if (count.kind !== "known") {
    return undefined;
  }
  const parameters = new Map<string, unknown>();
  for (let i = 0; i < count.value; i++) {
    const at = (key: string) => factOf(() => plain((remediation.props.parameters as Record<string, unknown>[])[i][key]) as unknown);
    const name = at("name");
    if (name.kind !== "known") {
      return undefined;
    }
    const value = at("staticValue");
    const resourceValue = at("resourceValue");
    parameters.set(String(name.value), value.kind !== "known" ? NOT_KNOWN_YET : value.value ?? (resourceValue.kind === "known" ? resourceValue.value : NOT_KNOWN_YET));
  }
  return parameters;
}

function problemsOf(m: PolicyResource, rule: ManagedRuleFact, runbook: RunbookFact): { problems: string[]; unknowns: string[] } {
  const problems: string[] = [];
  const unknowns: string[] = [];
  const read = (key: string): unknown => {
    const f = factOf(() => plain(m.props[key]) as unknown);
    if (f.kind !== "known") {
      unknowns.push(key);
      return NOT_KNOWN_YET;
    }
    return f.value;
  };
  const automatic = read("automatic");
  if (automatic !== true && automatic !== NOT_KNOWN_YET) {
    problems.push("automatic is not true (AWS Config would only offer the fix, never run it)");
  }
  const targetType = read("targetType");
  const targetId = read("targetId");
  if (targetType !== NOT_KNOWN_YET && targetId !== NOT_KNOWN_YET && (targetType !== "SSM_DOCUMENT" || targetId !== runbook.documentName)) {
    problems.push(`it must run AWS's runbook ${runbook.documentName} (targetType SSM_DOCUMENT), not ${String(targetType)} ${String(targetId)} (${runbook.source})`);
  }
  const attempts = read("maximumAutomaticAttempts");
  const windowSeconds = read("retryAttemptSeconds");
  const b = RETRY_BOUNDS;
  const outside = (v: unknown, min: number, max: number) => v !== NOT_KNOWN_YET && (typeof v !== "number" || v < min || v > max);
  if (outside(attempts, b.minAttempts, b.maxAttempts)) {
    problems.push(`maximumAutomaticAttempts is ${attempts === undefined ? "unset (AWS default 5)" : String(attempts)}; allowed: ${b.minAttempts} to ${b.maxAttempts}, set explicitly`);
  }
  if (outside(windowSeconds, b.minWindowSeconds, b.maxWindowSeconds)) {
    problems.push(`retryAttemptSeconds is ${windowSeconds === undefined ? "unset (AWS default 60)" : String(windowSeconds)}; allowed: ${b.minWindowSeconds} to ${b.maxWindowSeconds}, set explicitly`);
  }
  const parameters = parametersOf(m);
  if (!parameters) {
    unknowns.push("parameters");
  } else {
    if (!parameters.has(AUTOMATION_ASSUME_ROLE_PARAMETER)) {
      problems.push(`it passes no ${AUTOMATION_ASSUME_ROLE_PARAMETER}, which automatic remediation requires`);
    }
    if (rule === VPC_FLOW_LOGS_RULE) {
      const traffic = parameters.get("TrafficType");
      if (traffic !== undefined && typeof traffic === "string" && !["ALL", "REJECT"].includes(traffic)) {
        problems.push(`TrafficType is ${traffic}; allowed: ALL or REJECT (the control needs rejected traffic captured)`);
      } else if (traffic === undefined) {
        problems.push("it passes no TrafficType; allowed: ALL or REJECT");
      }
      if (!parameters.has("LogDestinationType") || !parameters.has("LogDestinationARN")) {
        problems.push("it passes no LogDestinationType and LogDestinationARN (the runbook would create a log group and a role of its own)");
      }
    }
  }
  return { problems, unknowns };
}

export function checkRemediation(stack: ContinuousStack): Finding[] {
  const findings: Finding[] = [];
  for (const { region, mode, anchor } of stack.regions) {
    for (const { rule, runbook } of remediatedRulesFor(mode)) {
      const rules = managedRulesWithIdentifier(stack, region, rule.identifier);
      if (rules.length === 0) {
        continue;
      }
      const remediations = remediationsOf(stack, region, rules);
      if (remediations.length === 0) {
        findings.push({
          on: rules[0] ?? anchor,
          problem: `the AWS Config rule ${rule.name} in ${region} has no remediation configuration, so what it finds stays red until someone acts (continuousCoverage ${mode} remediates it with ${runbook.documentName})`,
          fix: "deploy the program's RegionalRemediation in the region (`pulumi up`)",
        });
        continue;
      }
      const judged = remediations.map((m) => ({ m, ...problemsOf(m, rule, runbook) }));
      if (judged.some((j) => j.problems.length === 0 && j.unknowns.length === 0)) {
        continue;
      }
      for (const j of judged) {
        if (j.problems.length > 0) {
          findings.push({
            on: j.m,
            problem: `the remediation of ${rule.name} in ${region}: ${j.problems.join("; ")}`,
            fix: "use components/configRemediation.ts RegionalRemediation (automatic, REMEDIATION_RETRY)",
          });
        } else {
          findings.push({ on: j.m, problem: `the remediation of ${rule.name} in ${region}: ${j.unknowns.join(", ")} not known yet`, undecided: true });
        }
      }
    }
  }
  return findings;
}
