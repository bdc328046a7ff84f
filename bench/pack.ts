/**
 * The policy pack on generated stacks, run the way the policy server runs it (test/policy-pack/harness.ts: props behind
 * the SDK's unknownCheckingProxy, a new resources array for every stack policy, resource policies on every resource's
 * inputs). Each run times the whole pack and, within it, each policy.
 */
import type { Policy, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../policy-pack/policies";
import { fiftyExemptions, generatedStack } from "../test/policy-pack/generatedStack";
import { Diagnostic, PackConfig, ResourceInput, StackResourceInput, isStackPolicy, runPack } from "../test/policy-pack/harness";
import { Timing, collectGarbage, collectedBetween, now, timing } from "./measure";

export type Mode = "update" | "preview";
export const MODES: readonly Mode[] = ["update", "preview"];

export const POLICY_NAMES: readonly string[] = policies.map((p) => p.name);

export interface PackResult {
  readonly size: number;
  readonly resources: number;
  readonly mode: Mode;
  readonly whole: Timing;
  /** By policy name, in pack order. */
  readonly byPolicy: ReadonlyMap<string, Timing>;
  /** Garbage collection within each run of the whole pack. */
  readonly collecting: Timing;
  /** The same runs with every policy doing nothing: the server's work of handing them the resources. */
  readonly serverOnly?: Timing;
  /** Diagnostics of one run (all advisory: exemption notes, and "cannot verify during preview" notes). */
  readonly advisories: number;
}

interface PackCase {
  readonly pack: readonly Policy[];
  readonly stack: readonly StackResourceInput[];
  /** The same resources as a resource policy sees them: inputs, no relations. */
  readonly inputs: readonly ResourceInput[];
  /** Fifty exemptions on every policy, as in the scaling test: matching them is part of the cost. */
  readonly config: PackConfig;
}

function packCase(pack: readonly Policy[], stack: readonly StackResourceInput[]): PackCase {
  const exemptions = fiftyExemptions(stack);
  const inputs = stack.map(({ type, name, urn, props, provider }): ResourceInput => ({ type, name, props, ...(urn ? { urn } : {}), ...(provider ? { provider } : {}) }));
  return { pack, stack, inputs, config: Object.fromEntries(pack.map((p) => [p.name, { exemptions }])) };
}

/**
 * The policy with its validations doing nothing. What the server does around them stays: a typed validation keeps its
 * type (the server then skips other resources without calling it), a stack policy still gets every resource built.
 */
function idle(policy: Policy): Policy {
  const nothing = (validation: ResourceValidation): ResourceValidation =>
    Object.assign((() => undefined) as ResourceValidation, { __pulumiType: (validation as { __pulumiType?: string }).__pulumiType });
  const copy: Record<string, unknown> = { ...policy };
  const validate = (policy as ResourceValidationPolicy).validateResource;
  if (validate) {
    copy.validateResource = Array.isArray(validate) ? validate.map(nothing) : nothing(validate);
  }
  if ((policy as ResourceValidationPolicy).remediateResource) {
    copy.remediateResource = () => undefined;
  }
  if (isStackPolicy(policy)) {
    copy.validateStack = (() => undefined) satisfies StackValidationPolicy["validateStack"];
  }
  return copy as unknown as Policy;
}

interface Run {
  readonly whole: number;
  readonly collecting: number;
  readonly byPolicy: readonly number[];
  readonly diagnostics: readonly Diagnostic[];
}

/** One run of the whole pack, each policy timed on its own: the policy times add up to the whole. */
async function runOnce(c: PackCase): Promise<Run> {
  const byPolicy: number[] = [];
  const diagnostics: Diagnostic[] = [];
  collectGarbage();
  const start = now();
  for (const policy of c.pack) {
    const started = now();
    diagnostics.push(...(await runPack([policy], c.inputs, c.stack, c.config)));
    byPolicy.push(now() - started);
  }
  const end = now();
  return { whole: end - start, collecting: await collectedBetween(start, end), byPolicy, diagnostics };
}

/**
 * A violation would mean the bench measures the formatting of findings (or a broken generator), not the judging of
 * a compliant stack: the bench refuses to report such a number.
 */
function assertCompliant(what: string, run: Run): void {
  const violations = run.diagnostics.filter((d) => d.enforcementLevel !== "advisory");
  if (violations.length > 0) {
    throw new Error(`the generated ${what} is not compliant: ${violations.length} violations, first: ${violations[0].policy}: ${violations[0].message}`);
  }
}

interface SizeCases {
  readonly size: number;
  /** The update, the preview, and the update served to idle policies. */
  readonly cases: readonly [PackCase, PackCase, PackCase];
  readonly recorded: readonly [Run[], Run[], Run[]];
}

function casesOf(size: number): SizeCases {
  const update = generatedStack(size);
  return {
    size,
    cases: [packCase(policies, update), packCase(policies, generatedStack(size, { preview: true })), packCase(policies.map(idle), update)],
    recorded: [[], [], []],
  };
}

function resultsOf({ size, cases, recorded }: SizeCases): PackResult[] {
  const result = (k: 0 | 1, mode: Mode): PackResult => ({
    size,
    resources: cases[k].stack.length,
    mode,
    whole: timing(recorded[k].map((r) => r.whole)),
    collecting: timing(recorded[k].map((r) => r.collecting)),
    byPolicy: new Map(POLICY_NAMES.map((name, p) => [name, timing(recorded[k].map((r) => r.byPolicy[p]))])),
    advisories: recorded[k][0].diagnostics.length,
  });
  return [{ ...result(0, "update"), serverOnly: timing(recorded[2].map((r) => r.whole)) }, result(1, "preview")];
}

/**
 * Stacks of about each size as an update, as a preview, and served to idle policies; one warm-up run each, then
 * `runs` rounds of one run of every case. Rounds rather than one size after the other: the ratios between sizes and
 * modes are what the targets check, and other work on the machine then slows all of a round's runs alike.
 */
export async function benchPack(sizes: readonly number[], runs: number, progress: (line: string) => void): Promise<PackResult[]> {
  const all = sizes.map(casesOf);
  for (const { cases } of all) {
    for (const [k, c] of cases.entries()) {
      assertCompliant(`${k === 1 ? "preview" : "update"} stack of ${c.stack.length} resources`, await runOnce(c));
    }
  }
  for (let i = 0; i < runs; i++) {
    for (const { cases, recorded } of all) {
      for (const [k, c] of cases.entries()) {
        recorded[k].push(await runOnce(c));
      }
    }
    progress(`policy pack: round ${i + 1} of ${runs}`);
  }
  return all.flatMap(resultsOf);
}
