/**
 * The checks of a single-account deployment that run after discovery and before any resource is registered: which
 * regions the stack covers, whether each offers the `continuousCoverage` mode, and what in the account would make
 * `pulumi up` fail. Kept apart from the program that builds the baseline (program.ts, which re-exports everything
 * here); programOrganization.ts runs the same checks.
 */
import {
  BaselineConfig, ConfigError, CONFIG_NAMESPACE, ContinuousCoverageMode, GLOBAL_RESOURCE_TYPE_REGIONS, SUPPORTED_PARTITIONS,
} from "./config";
import { rolePathOf } from "./components/naming";
import type { AccountFacts } from "./discovery";
import { coverageGaps } from "./policy-pack/coverageFacts";

/** A fact about the account that makes the deployment fail; raised before any resource is registered. */
export class PreflightError extends Error {
  override readonly name = "PreflightError";
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

/** Which regions the stack covers: `all` enabled regions or the configured list, less the exclusions. */
export function resolveRegions(config: BaselineConfig, enabled: readonly string[]): string[] {
  const problems: string[] = [];
  let wanted: string[];
  if (config.regions === "all") {
    wanted = [...enabled];
  } else {
    wanted = [...config.regions];
    for (const region of wanted) {
      if (!enabled.includes(region)) {
        problems.push(`${CONFIG_NAMESPACE}:regions lists ${JSON.stringify(region)}; allowed: regions enabled for the account (${[...enabled].sort().join(", ")})`);
      }
    }
  }
  if (!enabled.includes(config.homeRegion)) {
    problems.push(`aws:region is ${JSON.stringify(config.homeRegion)}; allowed: a region enabled for the account (${[...enabled].sort().join(", ")})`);
  }
  const covered = wanted.filter((r) => !config.excludeRegions.includes(r)).sort();
  for (const region of Object.keys(config.awsConfig.adopt)) {
    if (!covered.includes(region)) {
      problems.push(`${CONFIG_NAMESPACE}:awsConfig.adopt has ${JSON.stringify(region)}; allowed: a region the stack covers (${covered.join(", ")})`);
    }
  }
  const global = config.awsConfig.globalResourceTypesRegion;
  if (global === "all-eligible") {
    if (covered.length > 0 && !covered.some((r) => GLOBAL_RESOURCE_TYPE_REGIONS.includes(r))) {
      problems.push(`${CONFIG_NAMESPACE}:awsConfig.globalResourceTypesRegion is "all-eligible"; allowed: only when a covered region can record the global IAM types (none of ${covered.join(", ")} can)`);
    }
  } else if (!covered.includes(global) && problems.length === 0) {
    problems.push(`${CONFIG_NAMESPACE}:awsConfig.globalResourceTypesRegion is ${JSON.stringify(global)}; allowed: a region the stack covers (${covered.join(", ")})`);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return covered;
}

/** The regions whose recorder includes the global IAM resource types. */
export function globalResourceTypeRegions(config: BaselineConfig, covered: readonly string[]): string[] {
  const setting = config.awsConfig.globalResourceTypesRegion;
  return setting === "all-eligible" ? covered.filter((r) => GLOBAL_RESOURCE_TYPE_REGIONS.includes(r)) : [setting];
}

/**
 * Refuses, before anything is registered, a `continuousCoverage` mode in a covered region where AWS does not offer what
 * the mode needs there (policy-pack/coverageFacts.ts, each fact with its page): one line per region, naming the region,
 * the mode, what is missing with its source, and the alternatives.
 */
export function checkContinuousCoverage(mode: ContinuousCoverageMode, regions: readonly string[]): void {
  if (mode === "off") {
    return;
  }
  const problems: string[] = [];
  for (const region of regions) {
    const gaps = coverageGaps(mode, region);
    if (gaps.length === 0) {
      continue;
    }
    const otherModes = (["telemetryRule", "configRemediation"] as const).filter((m) => m !== mode && coverageGaps(m, region).length === 0);
    const alternatives = [...otherModes, "off"].join(" | ");
    problems.push(
      `${CONFIG_NAMESPACE}:continuousCoverage is ${JSON.stringify(mode)}, which ${region} does not offer: ` +
      `${gaps.map((g) => `${g.what} (${g.source})`).join("; ")}. Allowed: ${alternatives}, or leave ${region} out with ${CONFIG_NAMESPACE}:excludeRegions`,
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
}

/**
 * What in the account makes `pulumi up` fail, found before anything is registered:
 * - a partition this program does not support (config.ts SUPPORTED_PARTITIONS);
 * - another stack of this program deployed in the account: AWS Config allows one customer-managed recorder per
 *   region (PutConfigurationRecorder), and a second stack's same-named recorder, channel and topics would be
 *   silently shared, then deleted by the first `pulumi destroy`. Its roles carry its stack in their IAM path;
 * - `awsConfig.role: existing-service-linked` in an account without AWSServiceRoleForConfig.
 */
export function preflight(config: BaselineConfig, facts: AccountFacts, rolePath: string): void {
  const problems: string[] = [];
  if (!SUPPORTED_PARTITIONS.includes(facts.partition)) {
    problems.push(`the account is in the ${facts.partition} partition; supported: ${SUPPORTED_PARTITIONS.join(", ")}`);
  }
  const others = [...new Set(facts.baselineRoleArns.map(rolePathOf).filter((path) => path !== rolePath))].sort();
  if (others.length > 0) {
    problems.push(
      `account ${facts.accountId} already has the CIS logging baseline of another stack (IAM roles under ${others.join(", ")}); ` +
      `this stack's roles would be under ${rolePath}. AWS Config allows one recorder per region, so an account takes one ` +
      "baseline stack: run this stack against another account, or `pulumi destroy` the other stack first " +
      "(after `pulumi stack rename`, destroy under the old name or delete its roles).",
    );
  }
  if (config.awsConfig.role === "existing-service-linked" && !facts.configServiceLinkedRoleArn) {
    problems.push(
      `${CONFIG_NAMESPACE}:awsConfig.role is "existing-service-linked", but account ${facts.accountId} has no AWSServiceRoleForConfig; ` +
      "allowed: service-linked (the stack creates it when it is missing) or dedicated",
    );
  }
  if (problems.length > 0) {
    throw new PreflightError(problems);
  }
}
