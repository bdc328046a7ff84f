/**
 * The one place time comes from: see policy-pack/clock.ts, where it lives so that the policy pack (installed and run
 * from policy-pack/ alone) reads the same clock as the program and the audit.
 */
export type { Clock } from "./policy-pack/clock";
export { fixedClock, systemClock } from "./policy-pack/clock";
