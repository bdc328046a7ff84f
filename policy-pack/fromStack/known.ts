/**
 * Values that are not known during `pulumi preview`. The engine hands policies proxies that throw the SDK's
 * UnknownValueError on reading a value computed by the update (@pulumi/policy 1.21 proxy.js, pulumi.md §2.5). Here
 * such a read becomes a Fact: `unknown` with the SDK's message, or `computed` when the value is an ARN or id taken
 * from another resource's output (it will be set; only AWS knows to what).
 */
import * as policySdk from "@pulumi/policy";
import { Fact, computed, known, mapFact, unknown } from "../domain/fact";

// The typings of @pulumi/policy 1.21 do not declare the class (proxy.d.ts is empty), so it is typed here;
// test/policy-pack/fromStack/known.spec.ts checks that a read through the SDK's own proxy is recognised.
type UnknownValueErrorClass = new (...args: never[]) => Error;
const sdkRuntime = policySdk as unknown as { UnknownValueError: UnknownValueErrorClass };

/**
 * Whether `error` is the SDK's UnknownValueError. Also recognised by its class name, because the proxy may come
 * from another copy of @pulumi/policy than this module's: the pack has its own node_modules (installed by the CLI
 * or `npm ci` in policy-pack/), while the repository's tests hand it proxies made by the root copy.
 */
export function isUnknownValueError(error: unknown): boolean {
  return error instanceof sdkRuntime.UnknownValueError || (error instanceof Error && error.constructor.name === "UnknownValueError");
}

/** Evaluates `read`; an unknown value anywhere in it yields `unknown(<the SDK's message>)` instead of an exception. */
export function factOf<T>(read: () => T): Fact<T> {
  try {
    return known(read());
  } catch (error) {
    if (isUnknownValueError(error)) {
      return unknown((error as Error).message);
    }
    throw error;
  }
}

/** Why a fact is not a known value, in words. */
export function whyNotKnown(fact: Fact<unknown>): string {
  switch (fact.kind) {
    case "known":
      return "known";
    case "computed":
      return `set by ${fact.by}`;
    default:
      return fact.why;
  }
}

/** Several reasons in one line, for a note: the first three and how many more (a preview may have thousands). */
export function summarize(reasons: readonly string[]): string {
  return reasons.length <= 3 ? reasons.join("; ") : `${reasons.slice(0, 3).join("; ")}; and ${reasons.length - 3} more`;
}

/**
 * A deep copy of a proxied value. Reading every element through the proxy makes an unknown anywhere inside throw
 * now (inside factOf) rather than later, in code that does not expect it.
 */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.keys(value).map((k) => [k, plain((value as Record<string, unknown>)[k])]));
  }
  return value;
}

type Props = Readonly<Record<string, unknown>>;

/** The shape of the engine's unknown sentinels (proxy.js): a UUID string, for every type of value. */
const SENTINEL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const maybeSentinel = (value: string): boolean => value.length === 36 && SENTINEL.test(value);

/** Whether a value as the engine sent it holds no string shaped like an unknown sentinel, however deep. */
function surelyKnown(value: unknown): boolean {
  if (typeof value === "string") {
    return !maybeSentinel(value);
  }
  if (Array.isArray(value)) {
    return value.every(surelyKnown);
  }
  return typeof value !== "object" || value === null || Object.values(value).every(surelyKnown);
}

/**
 * A prop as the engine sent it, read past the SDK's proxy: the proxy traps `get` only, so an own data property's
 * descriptor holds the raw value (an unknown is its sentinel string). `undefined` when the prop is absent; `missing`
 * when it is not an own data property (only the proxied read tells what it is).
 */
function rawProp(props: object, key: string): { readonly value: unknown } | "missing" {
  const descriptor = Object.getOwnPropertyDescriptor(props, key);
  if (descriptor === undefined) {
    return key in props ? "missing" : { value: undefined };
  }
  return "value" in descriptor ? { value: descriptor.value } : "missing";
}

/**
 * A top-level prop as a fact, at the cost of a property read when it is known. Reading through the SDK's proxy
 * allocates on every read and throws (capturing a stack) on every unknown, and fromStack reads a few props of every
 * resource for every stack policy. A value with no sentinel-shaped string in it is known as it is; anything else is
 * read through the proxy as before, so an unknown gets the SDK's own message.
 */
export function propFact(props: object, key: string): Fact<unknown> {
  const raw = rawProp(props, key);
  return raw !== "missing" && surelyKnown(raw.value) ? known(raw.value) : factOf(() => plain((props as Props)[key]));
}

/**
 * A string prop as the engine sent it, not read through the proxy, for a caller that ignores every string not of the
 * shape it looks for: an unknown value is then its sentinel string, which has no such shape (it is no ARN).
 */
export function rawString(props: object, key: string): string | undefined {
  const raw = rawProp(props, key);
  return raw !== "missing" && typeof raw.value === "string" ? raw.value : undefined;
}

/** A boolean prop with the provider default for an absent value. */
export function flagFact(props: Props, key: string, defaultValue: boolean): Fact<boolean> {
  return mapFact(propFact(props, key), (value) => (value === undefined || value === null ? defaultValue : value === true));
}

/** A string prop: the string, or null when absent or empty. */
export function stringFact(props: Props, key: string): Fact<string | null> {
  return mapFact(propFact(props, key), (value) => (typeof value === "string" && value.length > 0 ? value : null));
}

/**
 * An ARN or id that names another resource (kmsKeyId, cloudWatchLogsRoleArn, logDestination): unknown during a
 * preview means another resource's output, so it counts as set (control-model.md S19). `sources` are the URNs the
 * engine recorded for the prop (empty for a resource policy, which sees no dependencies).
 */
export function referenceFact(props: Props, key: string, sources: readonly string[] = []): Fact<string | null> {
  const value = stringFact(props, key);
  return value.kind === "unknown" ? computed(sources.length > 0 ? `the output of ${sources.join(", ")}` : "another resource's output") : value;
}

/** A shallow copy of proxied props that keeps unknown values as they are (for remediations). */
export function rawCopy(props: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(props)) {
    // getOwnPropertyDescriptor is not trapped by the SDK's proxy, so unknown sentinels are copied, not thrown.
    copy[key] = Object.getOwnPropertyDescriptor(props, key)?.value;
  }
  return copy;
}
