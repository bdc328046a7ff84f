/**
 * Runs policies the way the policy server of @pulumi/policy 1.21 does (server.js makeAnalyzeRpcFun,
 * makeAnalyzeStackRpcFun, makeRemediateRpcFun), without starting it:
 * - the effective level is config[policy].enforcementLevel || policy.enforcementLevel || the pack's "advisory";
 *   `disabled` skips the policy, `remediate` reports violations as mandatory;
 * - props (and provider props) are wrapped in the SDK's unknownCheckingProxy, so an unknown value throws as in a
 *   preview; an UnknownValueError that escapes a policy becomes the server's advisory "can't run policy" note;
 * - isType/asType really compare the resource type with the class's type token; notApplicable throws and is
 *   recorded; getConfig returns exactly the configured properties without enforcementLevel (no schema defaults);
 * - reportViolation accepts a message (prefixed with the description, like the server) or the object form;
 * - stack resources get parent, dependencies and propertyDependencies resolved against the same list.
 * test/policy-pack/engine.spec.ts checks this harness against the SDK's own handlers.
 */
import * as policySdk from "@pulumi/policy";
import type {
  EnforcementLevel,
  Policy,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** The sentinels the engine uses for unknown values (pulumi.md §2.5; checked against proxy.js in engine.spec.ts). */
export const unknownValue = {
  string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  boolean: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
} as const;

const sdk = policySdk as unknown as {
  unknownCheckingProxy<T extends object>(value: T): T;
  UnknownValueError: new (...args: never[]) => Error;
};

export type PolicyConfigEntry = { enforcementLevel?: EnforcementLevel } & Record<string, unknown>;
export type PackConfig = Record<string, PolicyConfigEntry | undefined>;

export interface Diagnostic {
  readonly policy: string;
  readonly message: string;
  readonly urn?: string;
  readonly enforcementLevel: EnforcementLevel;
}

export interface Outcome {
  readonly diagnostics: Diagnostic[];
  readonly notApplicable: string[];
}

export const project = "cis-logging-baseline";
export const stack = "test";

/** A URN as the engine builds it: the parent type chain joined with `$`. */
export function urnOf(type: string, name: string, parentTypes: readonly string[] = []): string {
  return `urn:pulumi:${stack}::${project}::${[...parentTypes, type].join("$")}::${name}`;
}

class NotApplicableError extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "Policy does not apply");
  }
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

type ResourceClass = { new (...rest: never[]): unknown };

/** The server's isTypeOf: compare the class's __pulumiType with the resource type (isInstance as fallback). */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
  const cls = resourceClass as { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean };
  if (typeof cls.__pulumiType === "string" && cls.__pulumiType.length > 0) {
    return cls.__pulumiType === type;
  }
  return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function pulumiTypeOf(fn: unknown): string | undefined {
  const t = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

export function effectiveLevel(policy: Policy, config: PackConfig = {}): EnforcementLevel {
  return config[policy.name]?.enforcementLevel || policy.enforcementLevel || "advisory";
}

function configOf(policy: Policy, config: PackConfig): () => Record<string, unknown> {
  return () => {
    const entry = config[policy.name];
    if (!entry) {
      return {};
    }
    const rest: Record<string, unknown> = { ...entry };
    delete rest.enforcementLevel;
    return rest;
  };
}

function makeReport(policy: Policy, level: EnforcementLevel, into: Diagnostic[], fixedUrn?: string): ReportViolation {
  const report = (message: unknown, urn?: string): void => {
    if (typeof message === "object" && message !== null) {
      const info = message as { message?: string; urn?: string; enforcementLevel?: EnforcementLevel };
      into.push({ policy: policy.name, message: info.message ?? policy.description, urn: info.urn ?? fixedUrn, enforcementLevel: info.enforcementLevel ?? level });
    } else {
      const text = message ? `${policy.description}\n${String(message)}` : policy.description;
      into.push({ policy: policy.name, message: text, urn: fixedUrn ?? urn, enforcementLevel: level });
    }
  };
  return report as ReportViolation;
}

function isUnknownValueError(error: unknown): boolean {
  return error instanceof sdk.UnknownValueError;
}

const defaultOptions: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

export interface ProviderInput {
  readonly name: string;
  readonly region: string;
}

function providerResource(provider: ProviderInput | undefined): PolicyProviderResource | undefined {
  if (!provider) {
    return undefined;
  }
  const type = "pulumi:providers:aws";
  return { type, name: provider.name, urn: urnOf(type, provider.name), props: sdk.unknownCheckingProxy({ region: provider.region }) };
}

/** A resource as the engine hands it to a resource policy (inputs). */
export interface ResourceInput {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly urn?: string;
  readonly provider?: ProviderInput;
}

export function resourceArgs(resource: ResourceInput, getConfig: () => Record<string, unknown>): ResourceValidationArgs {
  const props = sdk.unknownCheckingProxy({ ...resource.props });
  const args: ResourceValidationArgs = {
    type: resource.type,
    props,
    urn: resource.urn ?? urnOf(resource.type, resource.name),
    name: resource.name,
    opts: defaultOptions,
    stackTags: new Map<string, string>(),
    isType: (cls: ResourceClass) => isTypeOf(resource.type, cls),
    asType: ((cls: ResourceClass) => (isTypeOf(resource.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: getConfig as ResourceValidationArgs["getConfig"],
    notApplicable: throwNotApplicable,
  } as ResourceValidationArgs;
  const provider = providerResource(resource.provider);
  if (provider) {
    args.provider = provider;
  }
  return args;
}

export function isResourcePolicy(policy: Policy): policy is ResourceValidationPolicy {
  const p = policy as ResourceValidationPolicy;
  return typeof p.validateResource === "function" || Array.isArray(p.validateResource) || typeof p.remediateResource === "function";
}

export function isStackPolicy(policy: Policy): policy is StackValidationPolicy {
  return typeof (policy as StackValidationPolicy).validateStack === "function";
}

/** Runs one resource policy on one resource, as the server's Analyze does. */
export async function runResourcePolicy(policy: Policy, resource: ResourceInput, config: PackConfig = {}): Promise<Outcome> {
  const diagnostics: Diagnostic[] = [];
  const notApplicable: string[] = [];
  let level = effectiveLevel(policy, config);
  if (level === "disabled" || !isResourcePolicy(policy)) {
    return { diagnostics, notApplicable };
  }
  if (!policy.validateResource) {
    return { diagnostics, notApplicable: ["Policy does not implement validateResource"] };
  }
  if (level === "remediate") {
    level = "mandatory";
  }
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  if (validations.length === 1) {
    const type = pulumiTypeOf(validations[0]);
    if (type && type !== resource.type) {
      return { diagnostics, notApplicable: [`Policy only applies to resources of type '${type}'`] };
    }
  }
  const report = makeReport(policy, level, diagnostics, resource.urn ?? urnOf(resource.type, resource.name));
  for (const validation of validations) {
    try {
      await Promise.resolve(validation(resourceArgs(resource, configOf(policy, config)), report));
    } catch (error) {
      if (isUnknownValueError(error)) {
        diagnostics.push({
          policy: policy.name,
          message: `can't run policy '${policy.name}' during preview: ${(error as Error).message}`,
          urn: resource.urn ?? urnOf(resource.type, resource.name),
          enforcementLevel: "advisory",
        });
      } else if (error instanceof NotApplicableError) {
        notApplicable.push(error.reason ?? "Policy does not apply");
      } else {
        throw error;
      }
    }
  }
  return { diagnostics, notApplicable };
}

/** Runs one policy's remediation on one resource, as the server's Remediate does (only at level `remediate`). */
export async function runRemediation(
  policy: Policy,
  resource: ResourceInput,
  config: PackConfig = {},
): Promise<{ props?: Record<string, unknown>; notApplicable?: string; diagnostic?: string }> {
  if (effectiveLevel(policy, config) !== "remediate" || !isResourcePolicy(policy) || !policy.remediateResource) {
    return {};
  }
  const type = pulumiTypeOf(policy.remediateResource);
  if (type && type !== resource.type) {
    return { notApplicable: `Policy only applies to resources of type '${type}'` };
  }
  try {
    const result = await Promise.resolve(policy.remediateResource(resourceArgs(resource, configOf(policy, config))));
    return result ? { props: { ...(result as Record<string, unknown>) } } : {};
  } catch (error) {
    if (isUnknownValueError(error)) {
      return { diagnostic: `can't run remediation '${policy.name}' during preview: ${(error as Error).message}` };
    }
    if (error instanceof NotApplicableError) {
      return { notApplicable: error.reason };
    }
    throw error;
  }
}

/** A resource as the engine hands it to a stack policy (outputs plus relations, by URN). */
export interface StackResourceInput {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly urn?: string;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  readonly provider?: ProviderInput;
}

export function stackResources(inputs: readonly StackResourceInput[]): PolicyResource[] {
  const resources = inputs.map((input) => {
    const props = sdk.unknownCheckingProxy({ ...input.props });
    const resource: PolicyResource = {
      type: input.type,
      props,
      urn: input.urn ?? urnOf(input.type, input.name),
      name: input.name,
      opts: input.parent ? { ...defaultOptions, parent: input.parent } : defaultOptions,
      dependencies: [],
      propertyDependencies: {},
      isType: (cls: ResourceClass) => isTypeOf(input.type, cls),
      asType: ((cls: ResourceClass) => (isTypeOf(input.type, cls) ? props : undefined)) as PolicyResource["asType"],
    } as PolicyResource;
    const provider = providerResource(input.provider);
    if (provider) {
      resource.provider = provider;
    }
    return resource;
  });
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  inputs.forEach((input, index) => {
    const resource = resources[index];
    if (input.parent && byUrn.has(input.parent)) {
      resource.parent = byUrn.get(input.parent);
    }
    resource.dependencies = (input.dependencies ?? []).map((u) => byUrn.get(u)).filter((r): r is PolicyResource => r !== undefined);
    for (const [key, urns] of Object.entries(input.propertyDependencies ?? {})) {
      resource.propertyDependencies[key] = urns.map((u) => byUrn.get(u)).filter((r): r is PolicyResource => r !== undefined);
    }
  });
  return resources;
}

/** Runs one stack policy on a stack, as the server's AnalyzeStack does. */
export async function runStackPolicy(policy: Policy, inputs: readonly StackResourceInput[], config: PackConfig = {}): Promise<Outcome> {
  const diagnostics: Diagnostic[] = [];
  const notApplicable: string[] = [];
  let level = effectiveLevel(policy, config);
  if (level === "disabled" || !isStackPolicy(policy)) {
    return { diagnostics, notApplicable };
  }
  if (level === "remediate") {
    level = "mandatory";
  }
  const type = pulumiTypeOf(policy.validateStack);
  if (type && !inputs.some((r) => r.type === type)) {
    return { diagnostics, notApplicable: [`Policy only applies to resources of type '${type}'`] };
  }
  const args: StackValidationArgs = {
    resources: stackResources(inputs),
    stackTags: new Map<string, string>(),
    getConfig: configOf(policy, config) as StackValidationArgs["getConfig"],
    notApplicable: throwNotApplicable,
  };
  try {
    await Promise.resolve(policy.validateStack(args, makeReport(policy, level, diagnostics)));
  } catch (error) {
    if (isUnknownValueError(error)) {
      diagnostics.push({ policy: policy.name, message: `can't run policy '${policy.name}' during preview: ${(error as Error).message}`, enforcementLevel: "advisory" });
    } else if (error instanceof NotApplicableError) {
      notApplicable.push(error.reason ?? "Policy does not apply");
    } else {
      throw error;
    }
  }
  return { diagnostics, notApplicable };
}

/** Runs a whole pack: every resource policy on every resource (inputs), every stack policy on the stack (outputs). */
export async function runPack(
  pack: readonly Policy[],
  resources: readonly ResourceInput[],
  stackInputs: readonly StackResourceInput[],
  config: PackConfig = {},
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const policy of pack) {
    if (isResourcePolicy(policy)) {
      for (const resource of resources) {
        diagnostics.push(...(await runResourcePolicy(policy, resource, config)).diagnostics);
      }
    }
    if (isStackPolicy(policy)) {
      diagnostics.push(...(await runStackPolicy(policy, stackInputs, config)).diagnostics);
    }
  }
  return diagnostics;
}

export function mandatory(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.enforcementLevel === "mandatory");
}

export function advisory(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.enforcementLevel === "advisory");
}

/** The message a violation carries after the policy description the server prepends. */
export function detail(diagnostic: Diagnostic): string {
  const lines = diagnostic.message.split("\n");
  return lines[lines.length - 1];
}
