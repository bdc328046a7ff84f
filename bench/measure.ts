/**
 * Timing for the bench: runs are summarised by their median (what a user typically waits) and their best (the least
 * disturbed by other work on the machine: the bench runs on shared hosts), and the time V8 spent collecting garbage
 * within each run is measured apart, since it is what grows faster than the work on large inputs.
 */
import { PerformanceEntry, PerformanceObserver, performance } from "perf_hooks";

/**
 * V8's full collection when node runs with --expose-gc (`npm run bench` does). Each run starts from a collected heap,
 * so a run does not also pay for the garbage of the one before; without the flag runs simply start where they are.
 */
const gc = (globalThis as { gc?: () => void }).gc;
export const exposesGc = typeof gc === "function";

export function collectGarbage(): void {
  gc?.();
}

export const now = (): number => performance.now();

let pauses: PerformanceEntry[] = [];
new PerformanceObserver((list) => void pauses.push(...list.getEntries())).observe({ entryTypes: ["gc"] });

/** The garbage collection pauses between two times; node reports them on a later turn of the event loop. */
export async function collectedBetween(start: number, end: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const within = pauses.filter((p) => p.startTime >= start && p.startTime < end).reduce((ms, p) => ms + p.duration, 0);
  pauses = pauses.filter((p) => p.startTime >= end);
  return within;
}

export interface Timing {
  readonly median: number;
  readonly best: number;
  readonly runs: readonly number[];
}

export function timing(runs: readonly number[]): Timing {
  if (runs.length === 0) {
    throw new Error("no run to summarise");
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, best: sorted[0], runs };
}
