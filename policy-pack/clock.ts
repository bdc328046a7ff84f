/**
 * The one place time comes from (the repository's clock.ts re-exports it). Every decision that depends on the current time (CloudWatch Logs delivery
 * freshness, Config delivery age, key dates) takes a `Clock` argument; only entry points (the audit CLI, the demo)
 * pass `systemClock`. Tests pass `fixedClock(...)` and build their fixtures relative to it, so no verdict depends on
 * the day the suite runs.
 */
export type Clock = () => Date;

/** The machine's clock: for entry points only. */
export const systemClock: Clock = () => new Date();

/** A clock stopped at `at`: for tests and for replaying a saved run. */
export function fixedClock(at: Date): Clock {
  const ms = at.getTime();
  return () => new Date(ms);
}

let packClock: Clock = systemClock;

/** The clock the policy pack reads (exemption expiry): the system clock, unless a test fixed it. */
export function packNow(): Date {
  return packClock();
}

/** Tests only: fix the pack's clock; returns a function that restores the previous one. */
export function setPackClock(clock: Clock): () => void {
  const previous = packClock;
  packClock = clock;
  return () => {
    packClock = previous;
  };
}
