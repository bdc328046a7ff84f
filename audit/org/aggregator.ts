/**
 * `--from-aggregator NAME`: the organization's compliance as an AWS Config aggregator reports it, instead of visiting
 * the accounts. Two read-only calls of the aggregator's account and region:
 *
 * - DescribeAggregateComplianceByConfigRules: per rule, account and region, the rule's compliance (COMPLIANT,
 *   NON_COMPLIANT, INSUFFICIENT_DATA); it "does not display rules that do not have compliance results"
 *   (https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeAggregateComplianceByConfigRules.html,
 *   AggregateComplianceByConfigRule: ConfigRuleName, Compliance, AccountId, AwsRegion,
 *   https://docs.aws.amazon.com/config/latest/APIReference/API_AggregateComplianceByConfigRule.html);
 * - GetAggregateComplianceDetailsByConfigRule (ConfigurationAggregatorName, ConfigRuleName, AccountId and AwsRegion
 *   required; Limit at most 100): each evaluated resource, its ResourceType and ResourceId under
 *   EvaluationResultIdentifier.EvaluationResultQualifier, and its ComplianceType, which for this call is only
 *   COMPLIANT or NON_COMPLIANT
 *   (https://docs.aws.amazon.com/config/latest/APIReference/API_GetAggregateComplianceDetailsByConfigRule.html,
 *   https://docs.aws.amazon.com/config/latest/APIReference/API_AggregateEvaluationResult.html).
 *
 * A rule counts for a control when its name holds the name of one of the managed rules of policy-pack/coverageFacts.ts,
 * bounded by hyphens or the ends: `cis-logging-baseline-vpc-flow-logs-enabled` (this project's continuous coverage),
 * `vpc-flow-logs-enabled-conformance-pack-x1y2`, `OrgConfigRule-vpc-flow-logs-enabled-a1b2`. Controls no managed rule
 * reports (AWS Config itself, S3 data events) are not judged from the aggregator, and a note says so.
 *
 * Never a pass without evidence: INSUFFICIENT_DATA, a details call that fails, and an account or control the aggregator
 * has no result for are `error` findings.
 */
import {
  AggregateComplianceByConfigRule, AggregateEvaluationResult, ConfigServiceClient, DescribeAggregateComplianceByConfigRulesCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
} from "@aws-sdk/client-config-service";
import { CisVersion, PolicyName, controlFor, controlId } from "../../policy-pack/controls";
import { DETECTION_RULES, KEY_ROTATION_RULE, ManagedRuleFact, VPC_FLOW_LOGS_RULE } from "../../policy-pack/coverageFacts";
import { AccountCoverage, AuditAbort, AuditResult, RegionSelection, byFindingOrder, identity } from "../audit";
import { checksFor } from "../checks";
import type { ClientFactory } from "../clients";
import { mapLimit } from "../concurrency";
import { Finding, attempt, describeFailure } from "../types";
import { OrganizationAccount, isAuditable, organizationAccounts, skippedAccounts } from "./accounts";

/** The managed rules whose results stand for a control of the catalog. */
export const AGGREGATOR_RULES: readonly ManagedRuleFact[] = [VPC_FLOW_LOGS_RULE, KEY_ROTATION_RULE, ...DETECTION_RULES];

/** The managed rule a deployed rule's name stands for, if any (hyphen-bounded, so no rule matches inside another). */
export function managedRuleOf(configRuleName: string): ManagedRuleFact | undefined {
  return AGGREGATOR_RULES.find((rule) => new RegExp(`(^|-)${rule.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(-|$)`).test(configRuleName));
}

/** The controls of the CIS version an aggregator can judge: those a managed rule of AGGREGATOR_RULES reports. */
export function aggregatorPolicies(cisVersion: CisVersion): PolicyName[] {
  return checksFor(cisVersion).filter((c) => AGGREGATOR_RULES.some((r) => r.controls.includes(c.policy))).map((c) => c.policy);
}

/** A rule's compliance in one account and region, as DescribeAggregateComplianceByConfigRules lists it. */
interface RuleCompliance {
  readonly ruleName: string;
  readonly policy: PolicyName;
  readonly account: string;
  readonly region: string;
  readonly compliance: string;
}

async function describeRuleCompliance(config: ConfigServiceClient, aggregator: string): Promise<AggregateComplianceByConfigRule[]> {
  const all: AggregateComplianceByConfigRule[] = [];
  let nextToken: string | undefined;
  do {
    const page = await config.send(new DescribeAggregateComplianceByConfigRulesCommand({
      ConfigurationAggregatorName: aggregator, ...(nextToken ? { NextToken: nextToken } : {}),
    }));
    all.push(...(page.AggregateComplianceByConfigRules ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return all;
}

async function evaluationsOf(config: ConfigServiceClient, aggregator: string, rule: RuleCompliance): Promise<AggregateEvaluationResult[]> {
  const all: AggregateEvaluationResult[] = [];
  let nextToken: string | undefined;
  do {
    const page = await config.send(new GetAggregateComplianceDetailsByConfigRuleCommand({
      ConfigurationAggregatorName: aggregator, ConfigRuleName: rule.ruleName, AccountId: rule.account, AwsRegion: rule.region,
      Limit: 100, ...(nextToken ? { NextToken: nextToken } : {}),
    }));
    all.push(...(page.AggregateEvaluationResults ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return all;
}

/**
 * The evaluated resource under the name the visited audit gives it, so both views meet on one resource: an account
 * (AWS::::Account) as `account:<id>`, a bucket as its ARN, a KMS key as its ARN (Config reports the key id, unique in
 * its account and region); anything else (VPC ids, trails) as Config reports it.
 */
export function resourceName(partition: string, account: string, region: string, type: string | undefined, id: string): string {
  switch (type) {
    case "AWS::::Account":
      return `account:${account}`;
    case "AWS::S3::Bucket":
      return id.startsWith("arn:") ? id : `arn:${partition}:s3:::${id}`;
    case "AWS::KMS::Key":
      return id.startsWith("arn:") ? id : `arn:${partition}:kms:${region}:${account}:key/${id}`;
    default:
      return id;
  }
}

function findingsOf(partition: string, rule: RuleCompliance, evaluations: readonly AggregateEvaluationResult[]): Finding[] {
  return evaluations.flatMap((e): Finding[] => {
    const q = e.EvaluationResultIdentifier?.EvaluationResultQualifier;
    const status = e.ComplianceType === "COMPLIANT" ? "pass" : e.ComplianceType === "NON_COMPLIANT" ? "fail" : undefined;
    if (!status || !q?.ResourceId) {
      // NOT_APPLICABLE (or an answer without a resource) says nothing about a resource this control judges.
      return [];
    }
    const annotation = e.Annotation ? ` (${e.Annotation})` : "";
    return [{
      account: rule.account, policy: rule.policy, status, region: rule.region,
      resource: resourceName(partition, rule.account, rule.region, q.ResourceType, q.ResourceId),
      message: `AWS Config rule ${rule.ruleName} reports ${q.ResourceType ?? "the resource"} ${q.ResourceId} ${e.ComplianceType}${annotation}` +
        (e.ResultRecordedTime ? `, recorded ${e.ResultRecordedTime.toISOString()}` : ""),
    }];
  });
}

export interface AggregatorReading {
  readonly findings: readonly Finding[];
  /** Accounts with at least one result of a mapped rule, by id: the regions they were evaluated in. */
  readonly regionsByAccount: ReadonlyMap<string, readonly string[]>;
  readonly notes: readonly string[];
}

/**
 * Reads the aggregator's compliance for the controls of the CIS version, for the given (ACTIVE) accounts. Results of
 * accounts outside the list (an account that left the organization) and, with a region list, of other regions are
 * left out.
 */
export async function readAggregator(options: {
  readonly config: ConfigServiceClient;
  readonly aggregator: string;
  readonly home: string;
  readonly partition: string;
  readonly cisVersion: CisVersion;
  readonly regions: RegionSelection;
  readonly accounts: readonly OrganizationAccount[];
  readonly concurrency?: number;
}): Promise<AggregatorReading> {
  const { config, aggregator, home, partition, cisVersion } = options;
  const listed = await attempt("config:DescribeAggregateComplianceByConfigRules", home, () => describeRuleCompliance(config, aggregator));
  if (!listed.ok) {
    throw new AuditAbort(`cannot read the compliance of AWS Config aggregator ${aggregator}: ${describeFailure(listed.error)}`);
  }
  const wanted = new Set(checksFor(cisVersion).map((c) => c.policy));
  const accountIds = new Set(options.accounts.map((a) => a.accountId));
  const inRegions = (r: string) => options.regions === "all" || options.regions.includes(r);
  const rules: RuleCompliance[] = listed.value.flatMap((c): RuleCompliance[] => {
    const fact = c.ConfigRuleName ? managedRuleOf(c.ConfigRuleName) : undefined;
    const policy = fact?.controls.find((p) => wanted.has(p));
    if (!c.ConfigRuleName || !policy || !c.AccountId || !c.AwsRegion || !accountIds.has(c.AccountId) || !inRegions(c.AwsRegion)) {
      return [];
    }
    return [{ ruleName: c.ConfigRuleName, policy, account: c.AccountId, region: c.AwsRegion, compliance: c.Compliance?.ComplianceType ?? "INSUFFICIENT_DATA" }];
  });

  const perRule = await mapLimit(rules, options.concurrency ?? 8, async (rule): Promise<Finding[]> => {
    const errorOf = (why: string): Finding[] => [{
      account: rule.account, policy: rule.policy, status: "error", region: rule.region, resource: `config-rule:${rule.ruleName}`,
      message: `AWS Config rule ${rule.ruleName} in ${rule.account} ${rule.region}: could not be judged: ${why}`,
    }];
    if (rule.compliance !== "COMPLIANT" && rule.compliance !== "NON_COMPLIANT") {
      // INSUFFICIENT_DATA: the rule has not evaluated (or its recorder records nothing); NOT_APPLICABLE: nothing in scope.
      return rule.compliance === "NOT_APPLICABLE" ? [] : errorOf(`the aggregator reports ${rule.compliance}`);
    }
    const details = await attempt("config:GetAggregateComplianceDetailsByConfigRule", home, () => evaluationsOf(config, aggregator, rule));
    if (!details.ok) {
      return errorOf(describeFailure(details.error));
    }
    const findings = findingsOf(partition, rule, details.value);
    // A NON_COMPLIANT rule whose details list no non-compliant resource has not shown its evidence: not a pass.
    return findings.length > 0 ? findings : errorOf(`the rule is ${rule.compliance} but GetAggregateComplianceDetailsByConfigRule lists no evaluated resource`);
  });
  const findings = perRule.flat();

  // An account or a control with no result at all: the rule is not deployed there, its recorder is off, or the account
  // is not in the aggregator. That is no pass.
  const covered = new Set(rules.map((r) => `${r.account}/${r.policy}`));
  const judgedPolicies = aggregatorPolicies(cisVersion);
  const judged = checksFor(cisVersion).filter((c) => judgedPolicies.includes(c.policy));
  for (const account of options.accounts) {
    for (const check of judged) {
      if (!covered.has(`${account.accountId}/${check.policy}`)) {
        findings.push({
          account: account.accountId, policy: check.policy, status: "error", region: "global", resource: `account:${account.accountId}`,
          message: `Account ${account.accountId}: could not be judged: the aggregator ${aggregator} has no result of an AWS Config rule for this control ` +
            `(the rule is not deployed in the account, its recorder is off, or the account is not in the aggregator)`,
        });
      }
    }
  }
  const notJudged = checksFor(cisVersion).filter((c) => !judgedPolicies.includes(c.policy));
  const notes = notJudged.length === 0 ? [] : [
    `Not judged from the aggregator ${aggregator}: no AWS Config managed rule reports ${notJudged.map((c) => `${controlId(c.policy, cisVersion)} ${controlFor(c.policy).title}`).join("; ")}. Audit the accounts (--org) for them.`,
  ];
  const regionsByAccount = new Map<string, string[]>();
  for (const r of rules) {
    regionsByAccount.set(r.account, [...new Set([...(regionsByAccount.get(r.account) ?? []), r.region])].sort());
  }
  return { findings, regionsByAccount, notes };
}

/** `--from-aggregator NAME`: the organization's accounts (ListAccounts) judged from the aggregator alone. */
export async function runAggregatorAudit(options: {
  readonly clients: ClientFactory;
  readonly aggregator: string;
  readonly cisVersion: CisVersion;
  readonly regions: RegionSelection;
}): Promise<AuditResult> {
  const { clients, aggregator, cisVersion } = options;
  const home = await clients.defaultRegion();
  const { accountId, partition } = await identity(clients, home);
  const accounts = await organizationAccounts(clients, home);
  const active = accounts.filter(isAuditable);
  const skipped = skippedAccounts(accounts);
  const reading = await readAggregator({
    config: clients.client("config", home), aggregator, home, partition, cisVersion, regions: options.regions, accounts: active,
  });
  const coverage: AccountCoverage[] = [
    ...active.map((a): AccountCoverage => ({
      accountId: a.accountId, ...(a.name ? { name: a.name } : {}), state: a.state, outcome: "audited", regions: reading.regionsByAccount.get(a.accountId) ?? [],
    })),
    ...skipped.coverage,
  ].sort((a, b) => a.accountId.localeCompare(b.accountId));
  return {
    accountId, partition, cisVersion,
    regions: [...new Set([...reading.regionsByAccount.values()].flat())].sort(),
    findings: [...reading.findings].sort(byFindingOrder),
    organization: { source: "aggregator", accounts: coverage, aggregator },
    notes: [...skipped.notes, ...reading.notes],
  };
}
