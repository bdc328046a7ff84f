/**
 * Stacks for the continuous-coverage policies, taken from the program itself under the mocks (home ap-northeast-1,
 * covered regions ap-northeast-1 and eu-central-1), so that "compliant" means exactly what the program deploys; the
 * tests then change one thing. The engine's view: outputs with parents and property dependencies (stackInputs.ts).
 */
import * as assert from "assert";
import { runProgram } from "../programHarness";
import { setPreviewMode } from "../setup/pulumiMocks";
import type { StackResourceInput } from "./harness";
import { packInputs } from "./packInputs";

export const REGIONS = ["ap-northeast-1", "eu-central-1"] as const;
export const ACCOUNT = "111122223333";
export type Variant = "telemetryRule" | "configRemediation" | "configRemediation-s3" | "off";

const cache = new Map<string, StackResourceInput[]>();

/** The program's stack in a mode (cached: callers get a fresh copy of the list, whose items they must not mutate). */
export async function programStack(variant: Variant, preview = false): Promise<StackResourceInput[]> {
  const key = `${variant}${preview ? "-preview" : ""}`;
  let stack = cache.get(key);
  if (!stack) {
    const mode = variant === "configRemediation-s3" ? "configRemediation" : variant;
    const raw = { continuousCoverage: mode, regions: [...REGIONS], ...(variant === "configRemediation-s3" ? { flowLogs: { destination: "s3" } } : {}) };
    await setPreviewMode(preview);
    try {
      stack = packInputs((await runProgram(raw, { computedUnknown: preview })).resources).outputs;
    } finally {
      await setPreviewMode(false);
    }
    cache.set(key, stack);
  }
  return [...stack];
}

export function find(stack: readonly StackResourceInput[], name: string): StackResourceInput {
  const found = stack.filter((r) => r.name === name);
  assert.strictEqual(found.length, 1, `expected one resource named ${name}`);
  return found[0];
}

export function urnOfName(stack: readonly StackResourceInput[], name: string): string {
  return find(stack, name).urn as string;
}

/** The stack with the named resource's props patched (a key set to undefined is removed), or the resource removed. */
export function change(stack: readonly StackResourceInput[], name: string, patch: Record<string, unknown> | null): StackResourceInput[] {
  const target = find(stack, name);
  if (patch === null) {
    return stack.filter((r) => r !== target);
  }
  const props = { ...target.props, ...patch };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) {
      delete props[k];
    }
  }
  return stack.map((r) => (r === target ? { ...r, props } : r));
}

/** The stack without the resources `drop` picks (at least one). */
export function without(stack: readonly StackResourceInput[], drop: (r: StackResourceInput) => boolean): StackResourceInput[] {
  const kept = stack.filter((r) => !drop(r));
  assert.ok(kept.length < stack.length, "something was removed");
  return kept;
}

/** A JSON policy document prop, edited. */
export function editDocument(stack: readonly StackResourceInput[], name: string, key: string, edit: (doc: { Statement: Record<string, unknown>[] }) => void): StackResourceInput[] {
  const value = find(stack, name).props[key];
  const doc = JSON.parse(String(value)) as { Statement: Record<string, unknown>[] };
  edit(doc);
  return change(stack, name, { [key]: JSON.stringify(doc) });
}
