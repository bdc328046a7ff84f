/**
 * The policy pack on generated stacks, run through @pulumi/policy 1.21's own RPC handlers (server.js
 * makeRemediateRpcFun, makeAnalyzeRpcFun, makeAnalyzeStackRpcFun) as the engine drives them: for each resource, a
 * Remediate call then an Analyze call (pulumi/pulumi pkg/resource/deploy/step_generator.go runs remediations in a
 * first pass, then analysis, whether or not a policy remediates), each decoded from its protobuf bytes; then the
 * stack's AnalyzeStackRequest, decoded and handed to every stack policy (the server deserializes every resource's
 * properties again for each of them, and skips a policy whose type mark no resource has). The resource pass, the
 * stack request's decoding and each stack policy are timed apart and add up to the whole; garbage is collected before
 * each run only, so a part's time includes collecting what the parts before it left, in pack order.
 * The unit harness (test/policy-pack/harness.ts) builds the same arguments from plain objects at a quarter (Node 20)
 * to a seventh (Node 22) of the server's cost, so the bench does not use it: its figures are what the policy process
 * spends, gRPC transport apart.
 */
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { Policy, ReportViolation, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../policy-pack/policies";
import { PACK, Handler, analyzeRequest, analyzeStackRequest, call, diagnosticsOf, server } from "../test/policy-pack/engineRequests";
import { fiftyExemptions, generatedStack } from "../test/policy-pack/generatedStack";
import { Diagnostic, StackResourceInput, isStackPolicy } from "../test/policy-pack/harness";
import { Timing, collectGarbage, collectedBetween, now, timing } from "./measure";

export type Mode = "update" | "preview";
export const MODES: readonly Mode[] = ["update", "preview"];

export const STACK_POLICY_NAMES: readonly string[] = policies.filter(isStackPolicy).map((p) => p.name);
/** The policies that validate resources (cloudtrail-bucket-not-public is a stack policy with a resource remediation). */
export const RESOURCE_POLICY_NAMES: readonly string[] = policies.filter((p) => (p as ResourceValidationPolicy).validateResource !== undefined).map((p) => p.name);

export interface PackResult {
  readonly size: number;
  readonly resources: number;
  readonly mode: Mode;
  readonly whole: Timing;
  /** For every resource, its Remediate and its Analyze request decoded and answered (every resource policy runs). */
  readonly resourcePass: Timing;
  /** Decoding the AnalyzeStackRequest (once per run, shared by every stack policy). */
  readonly stackDecoding: Timing;
  /** By stack policy name, in pack order. */
  readonly byStackPolicy: ReadonlyMap<string, Timing>;
  /** Garbage collection within each run of the whole pack. */
  readonly collecting: Timing;
  /** The same runs with every policy doing nothing: the server's work of handing them the resources. */
  readonly serverOnly?: Timing;
  /** Diagnostics of one run (all advisory: exemption notes, and "cannot verify during preview" notes). */
  readonly advisories: number;
}

export interface PackCase {
  readonly resources: number;
  /** One AnalyzeStack handler per stack policy, in pack order: each is timed on its own. */
  readonly stackHandlers: readonly Handler[];
  /** The Remediate and Analyze handlers holding every policy, as the engine asks once per resource for all of them. */
  readonly remediateHandler: Handler;
  readonly analyzeHandler: Handler;
  /** The engine's requests as bytes on the wire. */
  readonly stackRequest: Uint8Array;
  readonly resourceRequests: readonly Uint8Array[];
}

/**
 * The policy reading `config` from getConfig. The handlers learn config only through the Configure RPC, which they
 * do not export; setting the server's own args.getConfig keeps every other argument as the server built it.
 */
function configured(policy: Policy, config: Record<string, unknown>): Policy {
  const getConfig = <T extends object>(): T => config as T;
  const copy: Record<string, unknown> = { ...policy };
  const validate = (policy as ResourceValidationPolicy).validateResource;
  const withConfig = (validation: ResourceValidation): ResourceValidation =>
    markedAs(validation, (args: ResourceValidationArgs, report: ReportViolation) => validation(Object.assign(args, { getConfig }), report));
  if (validate) {
    copy.validateResource = Array.isArray(validate) ? validate.map(withConfig) : withConfig(validate);
  }
  if (isStackPolicy(policy)) {
    copy.validateStack = markedAs(policy.validateStack, ((args: StackValidationArgs, report: ReportViolation) =>
      policy.validateStack(Object.assign(args, { getConfig }), report)) satisfies StackValidationPolicy["validateStack"]);
  }
  return copy as unknown as Policy;
}

/**
 * `replacement` with the type mark `original` carries (validateResourceOfType, policies/serverHints.ts
 * onlyWhenStackHolds), so the server skips for the wrapped policy exactly what it skips for the policy itself.
 */
function markedAs<F extends object>(original: unknown, replacement: F): F {
  return Object.assign(replacement, { __pulumiType: (original as { __pulumiType?: string }).__pulumiType });
}

export function packCase(pack: readonly Policy[], stack: readonly StackResourceInput[]): PackCase {
  // Fifty exemptions on every policy, as in the scaling test: matching them is part of the cost.
  const config = { exemptions: fiftyExemptions(stack) };
  const withConfig = pack.map((policy) => configured(policy, config));
  return {
    resources: stack.length,
    stackHandlers: withConfig.filter(isStackPolicy).map((policy) => server.makeAnalyzeStackRpcFun(...PACK, [policy])),
    remediateHandler: server.makeRemediateRpcFun(...PACK, withConfig),
    analyzeHandler: server.makeAnalyzeRpcFun(...PACK, withConfig),
    stackRequest: analyzeStackRequest(stack).serializeBinary(),
    resourceRequests: stack.map(({ type, name, urn, props, provider, parent }) => analyzeRequest({ type, name, props, urn, provider, parent }).serializeBinary()),
  };
}

/**
 * The policy with its validations doing nothing. What the server does around them stays: a typed validation keeps its
 * type (the server then skips other resources without calling it), a stack policy still gets every resource built
 * unless its type mark lets the server skip it.
 */
export function idle(policy: Policy): Policy {
  const nothing = (validation: ResourceValidation): ResourceValidation => markedAs(validation, (() => undefined) as ResourceValidation);
  const copy: Record<string, unknown> = { ...policy };
  const validate = (policy as ResourceValidationPolicy).validateResource;
  if (validate) {
    copy.validateResource = Array.isArray(validate) ? validate.map(nothing) : nothing(validate);
  }
  if ((policy as ResourceValidationPolicy).remediateResource) {
    copy.remediateResource = () => undefined;
  }
  if (isStackPolicy(policy)) {
    copy.validateStack = markedAs(policy.validateStack, (() => undefined) satisfies StackValidationPolicy["validateStack"]);
  }
  return copy as unknown as Policy;
}

export interface Run {
  readonly whole: number;
  readonly resourcePass: number;
  readonly stackDecoding: number;
  readonly collecting: number;
  /** Each stack policy, in pack order (a skipped one costs the server's type check only). */
  readonly stackPolicies: readonly number[];
  /** The stack policies the server reported not applicable (skipped by their type mark, or by themselves). */
  readonly notApplicable: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** One run of the whole pack, in the engine's order: every resource (Remediate, Analyze), then the stack. */
export async function runOnce(c: PackCase): Promise<Run> {
  const diagnostics: Diagnostic[] = [];
  const notApplicable: string[] = [];
  collectGarbage();
  const start = now();
  for (const bytes of c.resourceRequests) {
    await call(c.remediateHandler, analyzerproto.AnalyzeRequest.deserializeBinary(bytes));
    diagnostics.push(...diagnosticsOf(await call(c.analyzeHandler, analyzerproto.AnalyzeRequest.deserializeBinary(bytes))));
  }
  const resourcesDone = now();
  const stackRequest = analyzerproto.AnalyzeStackRequest.deserializeBinary(c.stackRequest);
  const decoded = now();
  const stackPolicies: number[] = [];
  for (const handler of c.stackHandlers) {
    const started = now();
    const response = await call<analyzerproto.AnalyzeResponse>(handler, stackRequest);
    stackPolicies.push(now() - started);
    diagnostics.push(...diagnosticsOf(response));
    notApplicable.push(...response.getNotApplicableList().map((n) => n.getPolicyName()));
  }
  const end = now();
  return {
    whole: end - start,
    resourcePass: resourcesDone - start,
    stackDecoding: decoded - resourcesDone,
    stackPolicies,
    notApplicable,
    collecting: await collectedBetween(start, end),
    diagnostics,
  };
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
    resources: cases[k].resources,
    mode,
    whole: timing(recorded[k].map((r) => r.whole)),
    resourcePass: timing(recorded[k].map((r) => r.resourcePass)),
    stackDecoding: timing(recorded[k].map((r) => r.stackDecoding)),
    collecting: timing(recorded[k].map((r) => r.collecting)),
    byStackPolicy: new Map(STACK_POLICY_NAMES.map((name, p) => [name, timing(recorded[k].map((r) => r.stackPolicies[p]))])),
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
      assertCompliant(`${k === 1 ? "preview" : "update"} stack of ${c.resources} resources`, await runOnce(c));
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
