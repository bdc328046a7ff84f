/**
 * The audit's judging on generated accounts: fromAws (AuditData → AccountState) and every rule, exactly what
 * runAudit does once the collectors have answered. The API calls are not part of it: their time is the network's.
 */
import { fromAws } from "../audit/fromAws";
import { allChecks } from "../audit/checks";
import { rules } from "../policy-pack/domain/rules";
import { defaultRuleOptions } from "../policy-pack/domain/rules/rule";
import type { Verdict } from "../policy-pack/domain/verdict";
import type { AuditData } from "../audit/data";
import { generatedAuditData } from "./auditData";
import { Timing, measure, timing } from "./measure";

export interface AuditResult {
  readonly vpcsPerRegion: number;
  readonly vpcs: number;
  /** Of one judgement of the account. */
  readonly time: Timing;
  /** Garbage collection within one judgement. */
  readonly collecting: Timing;
  /** Judgements per timed sample. */
  readonly repeat: number;
}

function judge(data: AuditData): Verdict[] {
  const state = fromAws(data);
  return allChecks().flatMap((c) => [...rules[c.policy].evaluate(state, defaultRuleOptions)]);
}

/**
 * Each timed sample judges as many VPCs as the largest account has: a smaller account several times over. A few ms
 * are too short to time on a shared machine, and a judgement that small, started after a full collection, would fit
 * in V8's young generation and leave collecting its garbage to the next sample, which the large one cannot.
 */
export async function benchAudit(vpcsPerRegion: number, runs: number, sampleVpcsPerRegion: number): Promise<AuditResult> {
  const data = generatedAuditData(vpcsPerRegion);
  // The generated account complies: a fail or an unknown would mean the generator, not the judging, is measured.
  const wrong = judge(data).filter((v) => v.status === "fail" || v.status === "unknown");
  if (wrong.length > 0) {
    throw new Error(`the generated account of ${vpcsPerRegion} VPCs per region is not compliant: ${wrong.length} verdicts, first: ${wrong[0].policy} ${wrong[0].status} on ${wrong[0].subject.ref}`);
  }
  const vpcs = data.regional.reduce((n, rd) => n + (rd.network?.ok ? rd.network.value.vpcs.length : 0), 0);
  const repeat = Math.max(1, Math.round(sampleVpcsPerRegion / vpcsPerRegion));
  const sample = await measure(runs, () => {
    for (let i = 0; i < repeat; i++) {
      judge(data);
    }
  });
  const perJudgement = (t: Timing) => timing(t.runs.map((ms) => ms / repeat));
  return { vpcsPerRegion, vpcs, repeat, time: perJudgement(sample.time), collecting: perJudgement(sample.collecting) };
}
