/**
 * Orchestration: who am I (STS), which regions (EC2 DescribeRegions, enabled ones only), then per region,
 * concurrently with a bound, the read-only calls the selected checks need. A failure stays inside the fact
 * it concerns, so a region that errs yields `error` findings for its checks while the others complete.
 * Only when the inventory is asked for (`--export-inventory`) does the audit also list IAM roles.
 *
 * Each concern has its module: identity.ts (account and regions), collectAccount.ts (the per-region calls),
 * inventory.ts (the `--export-inventory` data), result.ts (what the audit returns). Their exports stay
 * available from here, so importers of this module need not know the split.
 */
import { Clock, systemClock } from "../clock";
import type { CisVersion } from "../policy-pack/controls";
import { rules } from "../policy-pack/domain/rules";
import { compareWithAwsConfig, readRuleEvaluations } from "./awsConfigOpinion";
import { checksFor } from "./checks";
import { toFindings } from "./checks/findings";
import { fromAws } from "./fromAws";
import type { ClientFactory } from "./clients";
import { RegionProgress, collectAccount, needsOf } from "./collectAccount";
import type { AuditData } from "./data";
import { RegionSelection, identity, resolveRegions } from "./identity";
import { inventoryOf, listInventoryRoles } from "./inventory";
import { AuditResult, byFindingOrder } from "./result";

export type { RegionProgress } from "./collectAccount";
export { AuditAbort, identity, resolveRegions } from "./identity";
export type { RegionSelection } from "./identity";
export { byFindingOrder } from "./result";
export type { AccountCoverage, AccountOutcome, AuditResult, Disagreement, InventoryOutcome, OrganizationScope } from "./result";

export interface AuditOptions {
  readonly clients: ClientFactory;
  readonly cisVersion: CisVersion;
  /** "all": every region enabled for the account; else exactly these regions. */
  readonly regions: RegionSelection;
  /** Regions audited at the same time. Default 4. */
  readonly concurrency?: number;
  /** Called when a region's calls have completed (the CLI prints a progress line on a terminal). */
  readonly onRegionDone?: (progress: RegionProgress) => void;
  /** Checkers whose stricter reading turns a note into a fail (e.g. Security Hub Config.1's service-linked role). */
  readonly strict?: readonly "securityHub"[];
  /** Where "now" comes from for freshness decisions (default: the system clock). */
  readonly clock?: Clock;
  /**
   * Also collect the inventory `npm run plan -- --inventory` reads (`--export-inventory`): every region's VPCs and
   * the IAM roles the program looks up (iam:ListRoles). No check needs IAM, so without this the audit makes no IAM call.
   */
  readonly collectInventory?: boolean;
}

export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const { clients, cisVersion } = options;
  const concurrency = options.concurrency ?? 4;
  const now = (options.clock ?? systemClock)();
  const home = await clients.defaultRegion();
  const { accountId, partition } = await identity(clients, home);
  const regionInfos = await resolveRegions(clients, home, options.regions);
  const regions = regionInfos.map((r) => r.name);
  const needs = needsOf(cisVersion);
  if (options.collectInventory) {
    // The inventory needs every region's VPCs even if no selected check did.
    needs.add("network");
  }
  // Started now, awaited after the regions: the role listing runs beside the regional calls. attempt() never rejects.
  const roleListings = options.collectInventory ? listInventoryRoles(clients, home) : undefined;

  const facts = await collectAccount({ clients, home, accountId, regions, needs, concurrency, ...(options.onRegionDone ? { onRegionDone: options.onRegionDone } : {}) });
  const { regional, trails } = facts;

  const data: AuditData = {
    accountId, partition, regions, regional, trails, trailListingFailures: facts.trailListingFailures, trailDetails: facts.trailDetails,
    buckets: facts.buckets, now,
    ...(facts.ownedBuckets ? { ownedBuckets: facts.ownedBuckets } : {}),
    ...(facts.accountPublicAccessBlock ? { accountPublicAccessBlock: facts.accountPublicAccessBlock } : {}),
  };
  // One state for every check: the rules of policy-pack/domain judge it, as the policy pack judges a stack.
  const state = fromAws(data);
  const ruleOptions = { strict: options.strict ?? [] };
  const findings = checksFor(cisVersion)
    .flatMap((c) => toFindings(rules[c.policy].evaluate(state, ruleOptions)))
    .sort(byFindingOrder);

  // AWS Config's own evaluation of the continuousCoverage rules, where the stack deployed them: a detail on the findings.
  const opinions = compareWithAwsConfig(findings, await readRuleEvaluations(clients, regions, concurrency), { accountId, trails });

  const inventory = roleListings ? inventoryOf(accountId, partition, regionInfos, regional, await roleListings) : undefined;
  return {
    accountId, partition, cisVersion, regions, findings: opinions.findings, ...(inventory ? { inventory } : {}),
    ...(opinions.notes.length > 0 ? { notes: opinions.notes } : {}),
  };
}
