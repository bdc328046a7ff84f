/**
 * What the engine hands the pack for the registrations the mocks recorded (test/setup/pulumiMocks.ts): inputs to
 * resource policies, outputs with relations to stack policies, unknowns as the engine's sentinels. Shared by the specs
 * that run the whole pack on a program (program.spec.ts, programContinuous.spec.ts, organizationProgram.spec.ts,
 * continuousFixture.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource } from "../../offline/mockAccount";
import { ResourceInput, StackResourceInput, unknownValue } from "./harness";

/** The engine hands policies unknowns as sentinel strings; the mocks keep the SDK's unknown marker. */
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

/** What the engine would hand the pack for these registrations: inputs to resource policies, outputs to stack ones. */
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

