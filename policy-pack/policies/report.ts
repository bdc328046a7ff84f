/**
 * The one place where the domain's verdicts become diagnostics (control-model.md §2.7):
 * - pass: nothing (a compliant stack is silent); notApplicable: nothing;
 * - fail: a violation at the policy's level on `gap.at ?? subject`: `<type> "<name>" [CIS <ver> <id>, Security Hub X]:
 *   <problem>. Fix: <remedy.pulumi>.`;
 * - unknown: an advisory "cannot verify … during preview" note;
 * - notJudgedHere: an advisory "cannot verify … from this stack (…)" note, never turned into an exemption;
 * - an exempted finding: an advisory note quoting the reason; an exemption of a complying resource, or of none of the
 *   stack's resources (or, for `resource`, of nothing the policy judged), is pointed out.
 * reportViolation of @pulumi/policy 1.21 (server.js makeReportViolationFun) also accepts an object {message, urn,
 * enforcementLevel}; the .d.ts types only the string form. The object form is how notes are reported as advisory under
 * the policy they belong to, whatever its own level (test/policy-pack/engine.spec.ts runs the SDK's own handlers).
 */
import type { ReportViolation } from "@pulumi/policy";
import { CisVersion, cisVersions, controlFor } from "../controls";
import { remedyFor } from "../domain/remedies";
import type { GapCode } from "../domain/remedies";
import type { Gap, Ref, Verdict } from "../domain/verdict";
import type { AwsRule } from "../awsFacts";
import type { Resource, Subject, SubjectLookup } from "../fromStack";
import { Exemption, ExemptionIndex, describeExemptionTarget, readConfig } from "./config";
import { AnyPolicyName, isOrganizationPolicy, organizationControlFor } from "../orgControls";

/**
 * "CIS 1.2.0 2.2, Security Hub CloudTrail.4", or the nearest version's id when the selected version lacks it. An
 * organization policy cites the CIS controls it carries to the member accounts: "organization mode: CIS 1.2.0 2.5".
 */
export function controlReference(policy: AnyPolicyName, version: CisVersion): string {
  if (isOrganizationPolicy(policy)) {
    const ids = organizationControlFor(policy).basis.map((p) => controlFor(p).cis[version]).filter((id): id is string => id !== null);
    return ids.length > 0 ? `organization mode: CIS ${version} ${ids.join(", ")}` : "organization mode";
  }
  const control = controlFor(policy);
  const id = control.cis[version];
  const securityHub = control.securityHub ? `, Security Hub ${control.securityHub}` : "";
  if (id !== null) {
    return `CIS ${version} ${id}${securityHub}`;
  }
  const nearest = cisVersions.find((v) => control.cis[v] !== null);
  const elsewhere = nearest ? `; CIS ${nearest} ${String(control.cis[nearest])}` : "";
  return `not in CIS ${version}${elsewhere}${securityHub}`;
}

export function describeResource(resource: Resource | undefined): string {
  return resource ? `${resource.type} "${resource.name}"` : "stack";
}

export interface ReportOptions {
  /** What the policy checks, for the "cannot verify …" notes: "log file validation", "the VPC's flow log". */
  readonly verifies: string;
  /** Opens a violation of an account-wide control that lands on one candidate: "no trail of the stack qualifies". */
  readonly lead?: string;
  /** AWS rules a violation quotes after the problem, by gap code (the AWS Config DG on global IAM types). */
  readonly citations?: Partial<Record<GapCode, AwsRule>>;
  /** The rule a "not judged here" note cites, if any (the VPC UG on shared VPCs). */
  readonly citeWhenNotJudged?: (verdict: Verdict<AnyPolicyName>) => AwsRule | undefined;
  /** Stack policies: the stack's resources, so that an exemption matching none of them is pointed out. */
  readonly resources?: readonly Resource[];
}

export function reportAdvisory(report: ReportViolation, message: string, urn?: string): void {
  const diagnostic = urn ? { message, urn, enforcementLevel: "advisory" as const } : { message, enforcementLevel: "advisory" as const };
  (report as unknown as (d: typeof diagnostic) => void)(diagnostic);
}

/** Reports one policy's verdicts; `subjects` says which resource each verdict or gap ref is reported on. */
export function reportVerdicts(
  policy: AnyPolicyName,
  args: { getConfig<T extends object>(): T },
  report: ReportViolation,
  subjects: SubjectLookup,
  verdicts: readonly Verdict<AnyPolicyName>[],
  options: ReportOptions,
): void {
  const config = readConfig(policy, args.getConfig());
  const exemptions = new ExemptionIndex(config.exemptions);
  const reference = controlReference(policy, config.cisVersion);
  const head = (subject: Subject | undefined) => `${describeResource(subject?.resource)} [${reference}]`;
  const about = (subject: Subject | undefined) => (subject?.about ? ` for ${subject.about}` : "");

  // An exemption past its expiry mutes nothing (the finding is reported as it is), and the preview says so once.
  for (const e of exemptions.expired) {
    reportAdvisory(report, `stack [${reference}]: the exemption of ${describeExemptionTarget(e)} expired on ${String(e.expires)}${e.owner ? ` (owner: ${e.owner})` : ""} and no longer mutes (reason given: ${e.reason}); fix the resource or renew the exemption with a later expires.`);
  }
  for (const e of options.resources ? exemptions.unmatched(options.resources, judgedIdentities(verdicts, subjects)) : []) {
    reportAdvisory(report, e.resource !== undefined
      ? `stack [${reference}]: the exemption of resource ${e.resource} matches nothing this policy judges in this stack (reason given: ${e.reason}); if it names a resource outside the stack, only npm run audit applies it; else fix or remove it.`
      : `stack [${reference}]: the exemption of ${describeExemptionTarget(e)} matches no resource of this stack (reason given: ${e.reason}); fix its type and name or urn, or remove it.`);
  }

  // An exemption by urn or type and name matches the resource a diagnostic is reported on; one by resource (cloud
  // identity) matches what the verdict judges (the VPC, the trail bucket, the region, the account), as the audit
  // matches it on its finding of that verdict.
  const exemptionOf = (target: Subject | undefined, judged: Subject | undefined) =>
    (target?.resource ? exemptions.for(target.resource) : undefined) ?? exemptions.forIdentity(judged?.identities);
  const used = new Set<Exemption>();
  const complying = new Map<Exemption, Subject>();
  const finding = (target: Subject | undefined, judged: Subject | undefined, message: string, advisory: boolean) => {
    const resource = target?.resource;
    const exemption = exemptionOf(target, judged);
    if (exemption) {
      used.add(exemption);
      reportAdvisory(report, `exempted (reason: ${exemption.reason}): ${message}`, resource?.urn);
    } else if (advisory) {
      reportAdvisory(report, message, resource?.urn);
    } else if (resource) {
      report(message, resource.urn);
    } else {
      report(message);
    }
  };

  for (const v of verdicts) {
    const subject = subjects.of(v.subject);
    switch (v.status) {
      case "pass":
      case "notJudgedHere": {
        const exemption = exemptions.isEmpty ? undefined : exemptionOf(subject, subject);
        if (exemption && subject && !complying.has(exemption)) {
          complying.set(exemption, subject);
        }
        if (v.status === "notJudgedHere") {
          const rule = options.citeWhenNotJudged?.(v);
          const cite = rule ? `; "${rule.quote}", ${rule.source}` : "";
          reportAdvisory(report, `${head(subject)}: cannot verify ${options.verifies}${about(subject)} from this stack (${String(v.reason)}${cite}).`, subject?.resource?.urn);
        }
        break;
      }
      case "unknown":
        finding(subject, subject, `${head(subject)}: cannot verify ${options.verifies}${about(subject)} during preview (${v.unknowns.join("; ")}); the update re-checks it.`, true);
        break;
      case "fail":
        for (const { at, gaps } of byTarget(v)) {
          const target = subjects.of(at);
          const lead = options.lead && v.subject.kind === "account" && gaps.some((g) => g.at) ? `${options.lead}; ` : "";
          const problems = gaps.map((g) => {
            const rule = options.citations?.[g.code];
            return rule ? `${g.problem} ("${rule.quote}", ${rule.source})` : g.problem;
          }).join("; ");
          const fixes = [...new Set(gaps.map((g) => remedyFor(g.code).pulumi))].join("; ");
          finding(target, subject, `${head(target)}: ${target?.about ? `${target.about}: ` : ""}${lead}${problems}. Fix: ${fixes}.`, false);
        }
        break;
      case "notApplicable":
        break;
    }
  }

  // Pointed out once each: an exemption that only met complying subjects, which happens once the fix is deployed.
  for (const [exemption, subject] of complying) {
    if (!used.has(exemption)) {
      const what = exemption.resource !== undefined && subject.about ? subject.about : "the resource";
      reportAdvisory(report, `${head(subject)}: exemption not needed, ${what} complies (reason given: ${exemption.reason}).`, subject.resource?.urn);
    }
  }
}

/**
 * The cloud identities of what the policy judged (its verdicts' subjects), lazily: what the audit's findings of the
 * policy would name, so a `resource` exemption that meets none of them is pointed out in both tools alike.
 */
function* judgedIdentities(verdicts: readonly Verdict<AnyPolicyName>[], subjects: SubjectLookup): Iterable<string> {
  for (const v of verdicts) {
    yield* subjects.of(v.subject)?.identities ?? [];
  }
}

/** A fail's gaps grouped by the entity to change (`gap.at`, else the verdict's subject), in order of appearance. */
function byTarget(v: Verdict<AnyPolicyName>): { readonly at: Ref; readonly gaps: Gap[] }[] {
  const groups = new Map<string, { readonly at: Ref; readonly gaps: Gap[] }>();
  for (const g of v.gaps) {
    const at = g.at ?? v.subject;
    const group = groups.get(at.ref);
    if (group) {
      group.gaps.push(g);
    } else {
      groups.set(at.ref, { at, gaps: [g] });
    }
  }
  return [...groups.values()];
}
