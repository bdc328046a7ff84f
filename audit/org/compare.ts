/**
 * `--org --compare-aggregator NAME`: where AWS Config's evaluation (the organization aggregator) and this audit's
 * visit of the accounts reach different verdicts. The two name resources differently for some controls (Config's
 * detection rules judge the account, the visit judges each trail), so they meet per (account, control): the worst
 * verdict on each side, and for a fail on both sides the failing resources, compared where both name them alike (VPC
 * ids, bucket and key ARNs; see aggregator.ts resourceName).
 *
 * Only verdicts are compared: a side that could not judge (error) or has no result is not a disagreement, it is
 * already reported as an error finding (visit) or a note (aggregator). Typical causes of a real disagreement: the
 * rule's last periodic evaluation is older than the change (Config evaluates periodic rules every 1 to 24 hours), the
 * managed rule reads a setting differently from the CIS control (e.g. multi-region-cloudtrail-enabled accepts a trail
 * without log file validation), or a region where the rule is not deployed.
 */
import type { Disagreement } from "../audit";
import type { PolicyName } from "../../policy-pack/controls";
import type { Finding, Status } from "../types";

type Verdict = Status | "none";

const RANK: Readonly<Record<Verdict, number>> = { error: 0, fail: 1, "not-judged": 2, pass: 3, none: 4 };

function index(findings: readonly Finding[]): Map<string, Finding[]> {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.account ?? ""}/${f.policy}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  return byKey;
}

function worst(findings: readonly Finding[]): Verdict {
  return findings.reduce<Verdict>((w, f) => (RANK[f.status] < RANK[w] ? f.status : w), "none");
}

const failing = (findings: readonly Finding[]) => new Set(findings.filter((f) => f.status === "fail").map((f) => f.resource));

function list(resources: readonly string[]): string {
  const shown = resources.slice(0, 5).join(", ");
  return resources.length > 5 ? `${shown} and ${resources.length - 5} more` : shown;
}

/**
 * The disagreements between the visit's findings and the aggregator's, for the controls the aggregator judges
 * (`policies`), over the visited accounts. Sorted by account, then policy.
 */
export function compareWithAggregator(
  visited: readonly Finding[],
  fromAggregator: readonly Finding[],
  accounts: readonly string[],
  policies: readonly PolicyName[],
): Disagreement[] {
  const ours = index(visited);
  const theirs = index(fromAggregator);
  const out: Disagreement[] = [];
  for (const account of [...accounts].sort()) {
    for (const policy of policies) {
      const mine = ours.get(`${account}/${policy}`) ?? [];
      const aws = theirs.get(`${account}/${policy}`) ?? [];
      const v = worst(mine);
      const a = worst(aws);
      const judged = (s: Verdict) => s === "pass" || s === "fail";
      if (!judged(v) || !judged(a)) {
        continue;
      }
      if (v !== a) {
        const failed = [...(v === "fail" ? failing(mine) : failing(aws))].sort();
        out.push({
          account, policy, visited: v, aggregator: a,
          detail: v === "fail"
            ? `the audit finds ${list(failed)} failing; the aggregator's rules report every evaluated resource COMPLIANT`
            : `the aggregator reports ${list(failed)} NON_COMPLIANT; the audit finds every resource compliant`,
        });
        continue;
      }
      if (v === "fail") {
        // Both fail: compare the failing resources both sides name alike (the others cannot be matched).
        const mineFailing = failing(mine);
        const awsFailing = failing(aws);
        const mineNamed = new Set(mine.map((f) => f.resource));
        const awsNamed = new Set(aws.map((f) => f.resource));
        const comparable = (r: string) => mineNamed.has(r) && awsNamed.has(r);
        const onlyMine = [...mineFailing].filter((r) => !awsFailing.has(r) && comparable(r)).sort();
        const onlyAws = [...awsFailing].filter((r) => !mineFailing.has(r) && comparable(r)).sort();
        if (onlyMine.length > 0 || onlyAws.length > 0) {
          out.push({
            account, policy, visited: v, aggregator: a,
            detail: [
              ...(onlyMine.length > 0 ? [`only the audit finds ${list(onlyMine)} failing`] : []),
              ...(onlyAws.length > 0 ? [`only the aggregator reports ${list(onlyAws)} NON_COMPLIANT`] : []),
            ].join("; "),
          });
        }
      }
    }
  }
  return out;
}

/** One line per disagreement, for the table and Markdown reports and the run's notes. */
export function describeDisagreement(d: Disagreement): string {
  return `account ${d.account}, ${d.policy}: audit ${d.visited.toUpperCase()}, aggregator ${d.aggregator.toUpperCase()}: ${d.detail}`;
}
