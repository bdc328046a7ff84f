/**
 * Runs the program under the mocks set in test/setup/pulumiMocks.ts against an inventory, with a raw
 * configuration as `Pulumi.<stack>.yaml` would give it, and returns what was registered.
 */
import { parseConfig } from "../config";
import { Inventory } from "../offline/inventory";
import { RecordedInvoke, RecordedResource } from "../offline/mockAccount";
import { sampleAccount } from "../offline/sampleAccount";
import { BaselineOutputs, main } from "../program";
import { settle } from "./helpers";
import { mockAccount } from "./setup/pulumiMocks";

/** The stack identity the tests run as (its IAM role path is /cis-logging-baseline/organization/cis-logging-baseline/test/). */
export const TEST_STACK = { organization: "organization", project: "cis-logging-baseline", stack: "test" } as const;

/** Lookups over what a run registered, shared by this harness and the organization one (test/organization/orgHarness.ts). */
export interface RecordedLookups {
  /** Custom resources of a type. */
  ofType(type: string): RecordedResource[];
  /** The one resource of a type and name; fails if there is not exactly one. */
  one(type: string, name: string): RecordedResource;
}

export function recordedLookups(resources: readonly RecordedResource[]): RecordedLookups {
  return {
    ofType: (type) => resources.filter((r) => r.type === type),
    one: (type, name) => {
      const found = resources.filter((r) => r.type === type && r.name === name);
      if (found.length !== 1) {
        throw new Error(`expected exactly one ${type} named ${name}, found ${found.length}`);
      }
      return found[0];
    },
  };
}

export interface ProgramRun extends RecordedLookups {
  readonly outputs: BaselineOutputs;
  readonly resources: RecordedResource[];
  readonly invokes: RecordedInvoke[];
  /** How long `main` took to return: the invokes and the synchronous construction of the components. */
  readonly mainMs: number;
  /** The most invokes in flight at once (only counted with `invokeDelayMs`). */
  readonly peakInvokesInFlight: number;
}

export interface RunOptions {
  readonly account?: Inventory;
  readonly homeRegion?: string;
  readonly invokeDelayMs?: number;
  /** Leave computed attributes out of the mocks' answers (unknown in preview mode). */
  readonly computedUnknown?: boolean;
  /** Regions whose VPC lookups fail as a version 1 STS token fails in an opt-in region. */
  readonly rejectInvokesIn?: readonly string[];
  /** Passed to main: how long recorders wait for a role created in this run (default 0 in tests). */
  readonly iamPropagationDelayMs?: number;
}

export async function runProgram(raw: Record<string, unknown> = {}, options: RunOptions = {}): Promise<ProgramRun> {
  mockAccount.reset(options.account ?? sampleAccount, {
    invokeDelayMs: options.invokeDelayMs, computedUnknown: options.computedUnknown, rejectInvokesIn: options.rejectInvokesIn,
  });
  const config = parseConfig((key) => raw[key], options.homeRegion ?? "ap-northeast-1");
  const started = Date.now();
  const outputs = await main(config, { iamPropagationDelayMs: options.iamPropagationDelayMs ?? 0, stack: TEST_STACK });
  const mainMs = Date.now() - started;
  await settle();
  const resources = [...mockAccount.resources];
  return {
    outputs,
    resources,
    invokes: [...mockAccount.invokes],
    mainMs,
    peakInvokesInFlight: mockAccount.peakInvokesInFlight,
    ...recordedLookups(resources),
  };
}
