/**
 * continuous-coverage-automation-role-least-privilege: the role each required remediation of a covered region runs its
 * runbook as (its AutomationAssumeRole) is a role of the stack whose trust and permissions pass leastPrivilege.ts. The
 * role is found through the parameter's value (the role's ARN) or, while ARNs are unknown (preview), through the
 * engine's property dependencies of `parameters`, among roles that trust Systems Manager.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AUTOMATION_ASSUME_ROLE_PARAMETER, RunbookFact } from "../coverageFacts";
import { factOf, plain } from "../fromStack/known";
import { permissionProblems, trustProblems } from "./leastPrivilege";
import { parametersOf, remediatedRulesFor } from "./remediation";
import type { Finding } from "./report";
import { ContinuousStack, ROLE, ROLE_POLICY, ROLE_POLICY_ATTACHMENT, managedRulesWithIdentifier, remediationsOf } from "./stack";

function knownString(r: PolicyResource, key: string): string | undefined {
  const f = factOf(() => r.props[key] as unknown);
  return f.kind === "known" && typeof f.value === "string" && f.value.length > 0 ? f.value : undefined;
}

/** The stack's role a remediation runs as; undefined with why when it cannot be told (yet). */
function roleOf(stack: ContinuousStack, remediation: PolicyResource): { role?: PolicyResource; why?: string; outside?: string } {
  const parameters = parametersOf(remediation);
  const value = parameters?.get(AUTOMATION_ASSUME_ROLE_PARAMETER);
  const roles = stack.index.ofType(ROLE);
  if (typeof value === "string") {
    const role = roles.find((r) => knownString(r, "arn") === value);
    return role ? { role } : { outside: value };
  }
  const candidates = (remediation.propertyDependencies.parameters ?? []).filter((d) => d.type === ROLE);
  const ssm = candidates.filter((r) => JSON.stringify(factOf(() => plain(r.props.assumeRolePolicy))).includes("ssm."));
  if (candidates.length === 1) {
    return { role: candidates[0] };
  }
  if (ssm.length === 1) {
    return { role: ssm[0] };
  }
  return { why: `which role ${AUTOMATION_ASSUME_ROLE_PARAMETER} names is not known yet` };
}

/** The role's permissions policies: the stack's RolePolicy resources on it and the role's own inline policies. */
function inlinePoliciesOf(stack: ContinuousStack, role: PolicyResource): { on: PolicyResource; name: string; document: ReturnType<typeof factOf> }[] {
  const identities = new Set([knownString(role, "name"), knownString(role, "id")].filter((v): v is string => v !== undefined));
  const attachedTo = (r: PolicyResource) => (r.propertyDependencies.role ?? []).some((d) => d.urn === role.urn) ||
    identities.has(knownString(r, "role") ?? "\u0000");
  const policies = stack.index.ofType(ROLE_POLICY).filter(attachedTo)
    .map((p) => ({ on: p, name: `role policy ${p.name}`, document: factOf(() => plain(p.props.policy)) }));
  const own = factOf(() => plain(role.props.inlinePolicies) as { name?: unknown; policy?: unknown }[] | undefined);
  if (own.kind === "known") {
    for (const p of own.value ?? []) {
      if (p.policy !== undefined && p.policy !== "") {
        policies.push({ on: role, name: `inline policy ${String(p.name)}`, document: { kind: "known", value: p.policy } });
      }
    }
  }
  return policies;
}

function judgeRole(stack: ContinuousStack, role: PolicyResource, runbook: RunbookFact, region: string, what: string): Finding[] {
  const findings: Finding[] = [];
  const fix = "use components/configRemediation.ts RegionalRemediation's role (components/policyDocuments.ts)";
  const trust = factOf(() => plain(role.props.assumeRolePolicy));
  if (trust.kind !== "known") {
    findings.push({ on: role, problem: `the trust policy of the role of ${what} is not known yet`, undecided: true });
  } else {
    const problems = trustProblems(trust.value, region);
    if (problems.length > 0) {
      findings.push({ on: role, problem: `the role of ${what}: ${problems.join("; ")}`, fix });
    }
  }
  const managed = factOf(() => plain(role.props.managedPolicyArns) as unknown);
  const attachments = stack.index.ofType(ROLE_POLICY_ATTACHMENT).filter((a) => (a.propertyDependencies.role ?? []).some((d) => d.urn === role.urn) ||
    [knownString(role, "name"), knownString(role, "id")].includes(knownString(a, "role")));
  const arns = [...(managed.kind === "known" && Array.isArray(managed.value) ? managed.value.map(String) : []),
    ...attachments.map((a) => knownString(a, "policyArn") ?? a.name)];
  if (arns.length > 0) {
    findings.push({
      on: attachments[0] ?? role,
      problem: `the role of ${what} has managed policies attached (${arns.join(", ")}); allowed: only the inline permissions ${runbook.documentName} requires`,
      fix,
    });
  }
  const policies = inlinePoliciesOf(stack, role);
  if (policies.length === 0) {
    findings.push({ on: role, problem: `the role of ${what} has no permissions policy in the stack (the runbook would fail)`, fix });
  }
  for (const p of policies) {
    if (p.document.kind !== "known") {
      findings.push({ on: p.on, problem: `the ${p.name} of the role of ${what} is not known yet`, undecided: true });
      continue;
    }
    const problems = permissionProblems(p.document.value, runbook, p.name);
    if (problems.length > 0) {
      findings.push({ on: p.on, problem: `the role of ${what}: ${problems.join("; ")}`, fix });
    }
  }
  return findings;
}

export function checkAutomationRoles(stack: ContinuousStack): Finding[] {
  const findings: Finding[] = [];
  for (const { region, mode } of stack.regions) {
    for (const { rule, runbook } of remediatedRulesFor(mode)) {
      const rules = managedRulesWithIdentifier(stack, region, rule.identifier);
      for (const remediation of remediationsOf(stack, region, rules)) {
        const what = `${runbook.documentName} (remediation of ${rule.name} in ${region})`;
        const { role, why, outside } = roleOf(stack, remediation);
        if (role) {
          findings.push(...judgeRole(stack, role, runbook, region, what));
        } else if (outside) {
          findings.push({
            on: remediation,
            problem: `${AUTOMATION_ASSUME_ROLE_PARAMETER} of ${what} is ${outside}, a role outside the stack whose privileges the pack cannot judge`,
            fix: "let the stack create the automation role (RegionalRemediation)",
          });
        } else if (why) {
          findings.push({ on: remediation, problem: `${why} (${what})`, undecided: true });
        }
      }
    }
  }
  return findings;
}
