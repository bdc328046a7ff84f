/** The metadata every policy of the pack carries, derived from the control catalog so names and ids cannot drift. */
import type { EnforcementLevel, Policy, Severity } from "@pulumi/policy";
import { PolicyName, cisVersions, controlFor } from "../controls";
import { OrganizationPolicyName, organizationControlFor } from "../orgControls";
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

/**
 * The metadata of an organization-mode policy (orgControls.ts): its framework reference is the CIS controls it carries
 * to the member accounts, in the first CIS version that has one of them.
 */
export function organizationPolicyMetadata(
  name: OrganizationPolicyName,
  options: { enforcementLevel: EnforcementLevel; severity: Severity; description: string; remediationSteps: string },
): Policy & { name: OrganizationPolicyName } {
  const control = organizationControlFor(name);
  const firstVersion = cisVersions.find((v) => control.basis.some((p) => controlFor(p).cis[v] !== null)) ?? defaultCisVersion;
  const ids = control.basis.map((p) => controlFor(p).cis[firstVersion]).filter((id): id is string => id !== null);
  return {
    name,
    description: options.description,
    displayName: control.title,
    enforcementLevel: options.enforcementLevel,
    severity: options.severity,
    configSchema,
    remediationSteps: options.remediationSteps,
    framework: { name: "CIS AWS Foundations Benchmark", version: firstVersion, reference: ids.join(", "), specification: control.title },
    tags: ["cis-aws-foundations", "logging", "organization"],
  };
}
