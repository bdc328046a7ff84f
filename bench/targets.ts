/**
 * The targets of issue 9 ("Linear cost everywhere"), checked on the medians: the whole pack judges 10,000 resources
 * in under a second; ten times the resources cost at most twelve times the time (so N times the resources at most
 * 1.2 N times, between any two sizes); a preview, with its unknown values, costs at most twice an update. The audit's
 * judging is held to the same growth.
 */
import type { AuditResult } from "./audit";
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

function growth(what: string, small: { n: number; ms: number }, large: { n: number; ms: number }): Check {
  const allowed = TARGETS.growth * (large.n / small.n);
  const found = large.ms / small.ms;
  return {
    ok: found <= allowed,
    line: `${what} ${count(small.n)} → ${count(large.n)}: ${ratio(found)}× the time for ${ratio(large.n / small.n)}× the size (at most ${ratio(allowed)}×)`,
  };
}

export function checkTargets(pack: readonly PackResult[], audit: readonly AuditResult[]): Check[] {
  const checks: Check[] = [];
  const of = (mode: Mode) => pack.filter((r) => r.mode === mode).sort((a, b) => a.resources - b.resources);
  const target = of("update").find((r) => r.size === TARGETS.wholePackSize);
  if (target) {
    checks.push({
      ok: target.whole.median < TARGETS.wholePackMs,
      line: `whole pack, update of ${count(target.resources)} resources: ${ms(target.whole.median)} ms (under ${count(TARGETS.wholePackMs)} ms)`,
    });
  }
  for (const mode of ["update", "preview"] as const) {
    const results = of(mode);
    for (let i = 1; i < results.length; i++) {
      const [a, b] = [results[i - 1], results[i]];
      checks.push(growth(`whole pack, ${mode},`, { n: a.resources, ms: a.whole.median }, { n: b.resources, ms: b.whole.median }));
    }
  }
  for (const update of of("update")) {
    const preview = of("preview").find((r) => r.size === update.size);
    if (preview) {
      const found = preview.whole.median / update.whole.median;
      checks.push({
        ok: found <= TARGETS.previewOverUpdate,
        line: `preview over update, ${count(update.resources)} resources: ${ratio(found)}× (at most ${ratio(TARGETS.previewOverUpdate)}×)`,
      });
    }
  }
  const sorted = [...audit].sort((a, b) => a.vpcs - b.vpcs);
  for (let i = 1; i < sorted.length; i++) {
    checks.push(growth("audit, VPCs", { n: sorted[i - 1].vpcs, ms: sorted[i - 1].time.median }, { n: sorted[i].vpcs, ms: sorted[i].time.median }));
  }
  return checks;
}
