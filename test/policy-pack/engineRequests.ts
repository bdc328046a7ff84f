/**
 * The policy server of @pulumi/policy 1.21 as the engine drives it: its own RPC handlers (server.js
 * makeAnalyzeRpcFun, makeAnalyzeStackRpcFun, makeRemediateRpcFun), called with the protobuf requests the engine sends
 * (analyzer.proto AnalyzeRequest, one per resource; AnalyzeStackRequest, one per stack), without starting the gRPC
 * server. test/policy-pack/engine.spec.ts proves the unit harness against it; `npm run bench` times the pack through it.
 */
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Policy } from "@pulumi/policy";
import { Diagnostic, ProviderInput, ResourceInput, StackResourceInput, urnOf } from "./harness";

export type Handler = (call: { request: unknown }, callback: (error: unknown, response: unknown) => void) => Promise<void>;
type HandlerFactory = (packName: string, packVersion: string, packLevel: string, policies: readonly Policy[]) => Handler;

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const server = require("@pulumi/policy/server") as { makeAnalyzeRpcFun: HandlerFactory; makeAnalyzeStackRpcFun: HandlerFactory; makeRemediateRpcFun: HandlerFactory };

export const PACK = ["cis-logging-baseline", "0.1.0", "advisory"] as const;

export const levels: Record<number, Diagnostic["enforcementLevel"]> = {
  [analyzerproto.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerproto.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerproto.EnforcementLevel.REMEDIATE]: "remediate",
  [analyzerproto.EnforcementLevel.DISABLED]: "disabled",
};

export function options(): analyzerproto.AnalyzerResourceOptions {
  return new analyzerproto.AnalyzerResourceOptions().setProtect(false);
}

/** Calls a handler as grpc-js would, with the request already decoded. */
export function call<T>(handler: Handler, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    void handler({ request }, (error, response) => (error ? reject(error as Error) : resolve(response as T)));
  });
}

export function diagnosticsOf(response: analyzerproto.AnalyzeResponse): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => {
    const diagnostic: Diagnostic = { policy: d.getPolicyname(), message: d.getMessage(), enforcementLevel: levels[d.getEnforcementlevel()] };
    return d.getUrn() ? { ...diagnostic, urn: d.getUrn() } : diagnostic;
  });
}

function providerOf(provider: ProviderInput): analyzerproto.AnalyzerProviderResource {
  const type = "pulumi:providers:aws";
  return new analyzerproto.AnalyzerProviderResource()
    .setType(type)
    .setName(provider.name)
    .setUrn(urnOf(type, provider.name))
    .setProperties(Struct.fromJavaScript({ region: provider.region }));
}

/** The request of the Analyze and Remediate RPCs for one resource: its inputs, its parent in the options. */
export function analyzeRequest(resource: ResourceInput & { readonly parent?: string }): analyzerproto.AnalyzeRequest {
  const request = new analyzerproto.AnalyzeRequest()
    .setType(resource.type)
    .setName(resource.name)
    .setUrn(resource.urn ?? urnOf(resource.type, resource.name))
    .setProperties(Struct.fromJavaScript(resource.props as Record<string, never>))
    .setOptions(resource.parent ? options().setParent(resource.parent) : options());
  return resource.provider ? request.setProvider(providerOf(resource.provider)) : request;
}

/** The request of the AnalyzeStack RPC: every resource with its outputs, parent, dependencies and provider. */
export function analyzeStackRequest(inputs: readonly StackResourceInput[]): analyzerproto.AnalyzeStackRequest {
  const resources = inputs.map((input) => {
    const resource = new analyzerproto.AnalyzerResource()
      .setType(input.type)
      .setName(input.name)
      .setUrn(input.urn ?? urnOf(input.type, input.name))
      .setProperties(Struct.fromJavaScript(input.props as Record<string, never>))
      .setOptions(input.parent ? options().setParent(input.parent) : options())
      .setDependenciesList([...(input.dependencies ?? [])]);
    for (const [key, urns] of Object.entries(input.propertyDependencies ?? {})) {
      resource.getPropertydependenciesMap().set(key, new analyzerproto.AnalyzerPropertyDependencies().setUrnsList([...urns]));
    }
    if (input.parent) {
      resource.setParent(input.parent);
    }
    return input.provider ? resource.setProvider(providerOf(input.provider)) : resource;
  });
  return new analyzerproto.AnalyzeStackRequest().setResourcesList(resources);
}
