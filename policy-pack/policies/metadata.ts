/** The metadata every policy of the pack carries, derived from the control catalog so names and ids cannot drift. */
import type { EnforcementLevel, Policy, Severity } from "@pulumi/policy";
import { PolicyName, cisVersions, controlFor } from "../controls";
import { configSchema, defaultCisVersion } from "./config";

export function policyMetadata(
  name: PolicyName,
  options: { enforcementLevel: EnforcementLevel; severity: Severity; description: string; remediationSteps: string },
): Policy & { name: PolicyName } {
  const control = controlFor(name);
  const firstVersion = cisVersions.find((v) => control.cis[v] !== null) ?? defaultCisVersion;
  return {
    name,
    description: options.description,
    displayName: control.title,
    enforcementLevel: options.enforcementLevel,
    severity: options.severity,
    configSchema,
    remediationSteps: options.remediationSteps,
    framework: {
      name: "CIS AWS Foundations Benchmark",
      version: firstVersion,
      reference: String(control.cis[firstVersion]),
      specification: control.title,
    },
    tags: ["cis-aws-foundations", "logging"],
  };
}
