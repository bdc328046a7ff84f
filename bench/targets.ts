/**
 * The targets of issue 9 ("Linear cost everywhere"), checked on the medians: the whole pack judges 10,000 resources
 * in under a second; ten times the resources cost at most twelve times the time (so N times the resources at most
 * 1.2 N times, between any two sizes); a preview, with its unknown values, costs at most twice an update. They are the
 * pack's: the audit's judging is shown beside them, with no target of its own. Each line also says what the best runs
 * give, since other work on a shared machine can slow the median of a few runs.
 */
import type { Timing } from "./measure";
import type { Mode, PackResult } from "./pack";
import { count, ms, ratio } from "./table";

export const TARGETS = {
  /** The whole pack on this many resources (an update)... */
  wholePackSize: 10_000,
  /** ...takes less than this, in ms. */
  wholePackMs: 1_000,
  /** Time ratio allowed per resource ratio: 12× the time for 10× the resources. */
  growth: 1.2,
  /** A preview's time over an update's, same stack. */
  previewOverUpdate: 2,
} as const;

export interface Check {
  readonly ok: boolean;
  readonly line: string;
}

type Pick = (t: Timing) => number;
const median: Pick = (t) => t.median;
const best: Pick = (t) => t.best;

/** A target checked on the medians, with the best runs' figure beside it. */
function check(holds: (found: number) => boolean, found: (pick: Pick) => number, show: (n: number) => string, what: string, limit: string): Check {
  const onMedian = found(median);
  const onBest = found(best);
  return { ok: holds(onMedian), line: `${what}: ${show(onMedian)} (${limit}; best runs ${show(onBest)}${holds(onBest) ? "" : ", missed too"})` };
}

export function checkTargets(pack: readonly PackResult[]): Check[] {
  const checks: Check[] = [];
  const of = (mode: Mode) => pack.filter((r) => r.mode === mode).sort((a, b) => a.resources - b.resources);
  const target = of("update").find((r) => r.size === TARGETS.wholePackSize);
  if (target) {
    const whole = check((found) => found < TARGETS.wholePackMs, (pick) => pick(target.whole), (n) => `${ms(n)} ms`,
      `whole pack, update of ${count(target.resources)} resources`, `under ${count(TARGETS.wholePackMs)} ms`);
    // What no rule can win back: the policy server's own work (bench/pack.ts), measured with idle policies.
    const server = target.serverOnly ? `; the policy server's own work, with idle policies, is ${ms(target.serverOnly.median)} ms of it` : "";
    checks.push({ ...whole, line: `${whole.line}${server}` });
  }
  for (const mode of ["update", "preview"] as const) {
    const results = of(mode);
    for (let i = 1; i < results.length; i++) {
      const [a, b] = [results[i - 1], results[i]];
      const allowed = TARGETS.growth * (b.resources / a.resources);
      checks.push(check((found) => found <= allowed, (pick) => pick(b.whole) / pick(a.whole), (n) => `${ratio(n)}×`,
        `whole pack, ${mode}, ${count(a.resources)} → ${count(b.resources)} resources`, `at most ${ratio(allowed)}×`));
    }
  }
  for (const update of of("update")) {
    const preview = of("preview").find((r) => r.size === update.size);
    if (preview) {
      checks.push(check((found) => found <= TARGETS.previewOverUpdate, (pick) => pick(preview.whole) / pick(update.whole), (n) => `${ratio(n)}×`,
        `preview over update, ${count(update.resources)} resources`, `at most ${ratio(TARGETS.previewOverUpdate)}×`));
    }
  }
  return checks;
}
