/**
 * A fact about the account as one adapter sees it. The policy pack sees a Pulumi stack (desired state, values
 * computed at apply time, nothing at runtime); the audit sees AWS's answers (actual state, API calls that may fail).
 * Rules never ask where a fact came from, only what is known about it:
 * - `known`: the value;
 * - `computed`: set, to a value only AWS will know (an ARN output of another resource during preview): present,
 *   but its content cannot be judged;
 * - `unknown`: could not be found out (a failed API call, a value unknown during preview);
 * - `notVisible`: this adapter cannot see it at all (runtime state seen from a stack; a resource outside the stack).
 */
export type Fact<T> =
  | { readonly kind: "known"; readonly value: T }
  | { readonly kind: "computed"; readonly by: string }
  | { readonly kind: "unknown"; readonly why: string }
  | { readonly kind: "notVisible"; readonly why: string };

export const known = <T>(value: T): Fact<T> => ({ kind: "known", value });
export const computed = <T = never>(by: string): Fact<T> => ({ kind: "computed", by });
export const unknown = <T = never>(why: string): Fact<T> => ({ kind: "unknown", why });
export const notVisible = <T = never>(why: string): Fact<T> => ({ kind: "notVisible", why });

/** The value of a known fact, or `otherwise`. */
export function valueOr<T, U>(fact: Fact<T>, otherwise: U): T | U {
  return fact.kind === "known" ? fact.value : otherwise;
}

/** Applies `fn` to a known value; other kinds pass through unchanged. */
export function mapFact<T, U>(fact: Fact<T>, fn: (value: T) => U): Fact<U> {
  return fact.kind === "known" ? known(fn(fact.value)) : fact;
}
