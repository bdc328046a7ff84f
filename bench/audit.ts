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
import { Timing, collectGarbage, collectedBetween, now, timing } from "./measure";

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

interface Account {
  readonly vpcsPerRegion: number;
  readonly data: AuditData;
  readonly repeat: number;
  readonly times: number[];
  readonly collecting: number[];
}

function accountOf(vpcsPerRegion: number, sampleVpcsPerRegion: number): Account {
  const data = generatedAuditData(vpcsPerRegion);
  // The generated account complies: a fail or an unknown would mean the generator, not the judging, is measured.
  const wrong = judge(data).filter((v) => v.status === "fail" || v.status === "unknown");
  if (wrong.length > 0) {
    throw new Error(`the generated account of ${vpcsPerRegion} VPCs per region is not compliant: ${wrong.length} verdicts, first: ${wrong[0].policy} ${wrong[0].status} on ${wrong[0].subject.ref}`);
  }
  return { vpcsPerRegion, data, repeat: Math.max(1, Math.round(sampleVpcsPerRegion / vpcsPerRegion)), times: [], collecting: [] };
}

/**
 * Each timed sample judges as many VPCs as the largest account has: a smaller account several times over. A few ms
 * are too short to time on a shared machine, and a judgement that small, started after a full collection, would fit
 * in V8's young generation and leave collecting its garbage to the next sample, which the large one cannot. The
 * accounts take turns, one sample each per round, as the pack's stacks do.
 */
export async function benchAudit(vpcsPerRegion: readonly number[], runs: number, progress: (line: string) => void): Promise<AuditResult[]> {
  const largest = Math.max(...vpcsPerRegion);
  const accounts = vpcsPerRegion.map((v) => accountOf(v, largest));
  for (let i = 0; i < runs; i++) {
    for (const a of accounts) {
      collectGarbage();
      const start = now();
      for (let k = 0; k < a.repeat; k++) {
        judge(a.data);
      }
      const end = now();
      a.times.push((end - start) / a.repeat);
      a.collecting.push((await collectedBetween(start, end)) / a.repeat);
    }
    progress(`audit: round ${i + 1} of ${runs}`);
  }
  return accounts.map((a) => ({
    vpcsPerRegion: a.vpcsPerRegion,
    vpcs: a.data.regional.reduce((n, rd) => n + (rd.network?.ok ? rd.network.value.vpcs.length : 0), 0),
    time: timing(a.times),
    collecting: timing(a.collecting),
    repeat: a.repeat,
  }));
}
