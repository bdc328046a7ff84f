/**
 * Timing for the bench: runs are repeated after a warm-up and summarised by their median (what a user typically
 * waits) and their best (the least disturbed by other work on the machine: the bench runs on shared hosts).
 */
import { performance } from "perf_hooks";

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

/** `fn` timed `runs` times after one untimed warm-up (module loading and JIT compilation are no part of the cost). */
export async function measure(runs: number, fn: () => Promise<void> | void): Promise<Timing> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const start = now();
    await fn();
    times.push(now() - start);
  }
  return timing(times);
}
