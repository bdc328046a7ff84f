/**
 * What the pack relies on in how @pulumi/policy 1.21's policy server (server.js) runs a policy, to spare it work on a
 * large stack. Both are behaviours of that file, read in its source; the SDK documents neither. If a later SDK drops
 * them, the policies still judge the same, only slower. test/policy-pack/policies/serverHints.spec.ts runs them
 * through the server's own handlers.
 */
import type { ResourceValidationArgs, StackValidationPolicy } from "@pulumi/policy";

type ValidateStack = StackValidationPolicy["validateStack"];

/**
 * A stack validation the server runs only when the stack holds a resource of `type`. Before it rebuilds the stack for
 * a stack policy (every resource's properties deserialized again, about 0.1 s per policy on 10,000 resources: README
 * "Performance"), makeAnalyzeStackRpcFun skips the policy when its validateStack carries a `__pulumiType` and no
 * resource has that type, recording "Policy only applies to resources of type '<type>'" as not applicable. The SDK's
 * validateStackResourcesOfType sets the same mark but also narrows the resources to that type, which a policy reading
 * the whole stack cannot use. Only for a policy that reports nothing at all on a stack without the type.
 */
export function onlyWhenStackHolds(type: string, validate: ValidateStack): ValidateStack {
  return Object.assign((...args: Parameters<ValidateStack>) => validate(...args), { __pulumiType: type });
}

/**
 * args.notApplicable throws the server's NotApplicableError, an Error, so V8 captures up to Error.stackTraceLimit
 * frames of stack when it is built; the server reads only its reason (@pulumi/policy 1.21 server.js: `e.reason` into
 * the response's notApplicable list). An untyped resource policy (kms-key-rotation-enabled) throws it for every
 * resource of a stack that is none of its types: on 10,000 resources the captures were half its time. Same error,
 * same reason, no frames.
 */
export function notApplicable(args: ResourceValidationArgs, reason: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return args.notApplicable(reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
