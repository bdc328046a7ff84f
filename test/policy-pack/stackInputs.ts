/**
 * What the engine hands the pack for the program's registrations under the mocks (the same translation as
 * test/policy-pack/program.spec.ts): inputs for resource policies, outputs with relations for stack policies, unknowns
 * as the engine's sentinels, `id` among a custom resource's outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "../../offline/mockAccount";
import { ResourceInput, StackResourceInput, unknownValue } from "./harness";

function engineValue(value: unknown): unknown {
  if (pulumi.isUnknown(value)) {
    return unknownValue.string;
  }
  if (Array.isArray(value)) {
    return value.map(engineValue);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, engineValue(v)]));
  }
  return value;
}

function providerOf(recorded: RecordedResource): StackResourceInput["provider"] {
  if (!recorded.provider || !recorded.providerRegion) {
    return undefined;
  }
  const parts = recorded.provider.split("::");
  return { name: parts[parts.length - 2], region: recorded.providerRegion };
}

export function packInputs(resources: readonly RecordedResource[]): { inputs: ResourceInput[]; outputs: StackResourceInput[] } {
  const inputs: ResourceInput[] = [];
  const outputs: StackResourceInput[] = [];
  for (const r of resources) {
    const provider = providerOf(r);
    const identity = { type: r.type, name: r.name, ...(r.urn ? { urn: r.urn } : {}), ...(provider ? { provider } : {}) };
    inputs.push({ ...identity, props: engineValue(r.inputs) as Record<string, unknown> });
    const state = r.custom && r.id !== undefined ? { ...r.state, id: r.id } : { ...r.state };
    outputs.push({
      ...identity,
      props: engineValue(state) as Record<string, unknown>,
      ...(r.parent ? { parent: r.parent } : {}),
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
    });
  }
  return { inputs, outputs };
}
