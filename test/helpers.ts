import * as pulumi from "@pulumi/pulumi";
// waitForRPCs is exported by the SDK's settings module (marked internal): it resolves once every pending
// resource registration has reached the mock monitor, so assertions see all of them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/** Resolves an Output's value (update mode: every value is known). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => { resolve(value); return value; }));
}

/** Resolves an Output's value, or "unknown" if it is not known before `ms` (preview mode). */
export function promiseOrUnknown<T>(output: pulumi.Output<T>, ms = 500): Promise<T | "unknown"> {
  return Promise.race([promiseOf(output), new Promise<"unknown">((resolve) => setTimeout(() => resolve("unknown"), ms))]);
}

/** Waits until every resource the program registered has reached the mocks. */
export async function settle(): Promise<void> {
  await settings.waitForRPCs();
}
