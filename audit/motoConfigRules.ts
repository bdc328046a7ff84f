/**
 * moto 5.2 keeps AWS Config rules (PutConfigRule, DescribeConfigRules) but evaluates nothing: it has no
 * DescribeComplianceByConfigRule nor GetComplianceDetailsByConfigRule (moto/config/responses.py), and PutEvaluations
 * works in TestMode only. Stand-in, installed like the other moto shims on the clients of tests and the demo only:
 * results that a test or the demo records here for a rule moto has (recordRuleEvaluations), answered as AWS Config
 * answers them:
 * - DescribeComplianceByConfigRule: every rule moto lists (DescribeConfigRules, all pages), NON_COMPLIANT when a
 *   recorded result is, COMPLIANT when all are, INSUFFICIENT_DATA when none is recorded (a rule not evaluated yet);
 *   filtered by ConfigRuleNames (a name moto does not have fails with NoSuchConfigRuleException, as on AWS); pages of
 *   PAGE_SIZE with NextToken;
 * - GetComplianceDetailsByConfigRule: the recorded results of a rule moto has (else NoSuchConfigRuleException), filtered
 *   by ComplianceTypes, Limit per page (default 10, as the API reference says) with NextToken.
 * API reference: https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeComplianceByConfigRule.html,
 * https://docs.aws.amazon.com/config/latest/APIReference/API_GetComplianceDetailsByConfigRule.html.
 */
import {
  ConfigServiceClient,
  DescribeComplianceByConfigRuleCommandInput,
  DescribeComplianceByConfigRuleCommandOutput,
  DescribeConfigRulesCommand,
  GetComplianceDetailsByConfigRuleCommandInput,
  GetComplianceDetailsByConfigRuleCommandOutput,
  NoSuchConfigRuleException,
} from "@aws-sdk/client-config-service";
import type { ServiceInputTypes as ConfigInput, ServiceOutputTypes as ConfigOutput } from "@aws-sdk/client-config-service";
import type { InitializeMiddleware } from "@smithy/types";
import type { RuleEvaluation } from "./collect/configRules";

/** Rules per DescribeComplianceByConfigRule page: small, so that a few rules already make the audit page. */
export const PAGE_SIZE = 2;

const recorded = new Map<string, readonly RuleEvaluation[]>();
const key = (accountId: string, region: string, rule: string) => `${accountId}/${region}/${rule}`;

/** Records what AWS Config's evaluation of a rule would report (replaces earlier results of that rule). */
export function recordRuleEvaluations(accountId: string, region: string, rule: string, results: readonly RuleEvaluation[]): void {
  recorded.set(key(accountId, region, rule), [...results]);
}

async function motoRuleNames(client: ConfigServiceClient): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new DescribeConfigRulesCommand({ ...(token ? { NextToken: token } : {}) }));
    names.push(...(page.ConfigRules ?? []).flatMap((r) => (r.ConfigRuleName ? [r.ConfigRuleName] : [])));
    token = page.NextToken;
  } while (token);
  return names.sort();
}

const noSuchRule = (name: string) => new NoSuchConfigRuleException({ message: `The ConfigRule '${name}' provided in the request is invalid.`, $metadata: { httpStatusCode: 400 } });

export function shimConfigRuleCompliance(client: ConfigServiceClient, accountId: string): void {
  const middleware: InitializeMiddleware<ConfigInput, ConfigOutput> = (next, context) => async (args) => {
    if (context.commandName !== "DescribeComplianceByConfigRuleCommand" && context.commandName !== "GetComplianceDetailsByConfigRuleCommand") {
      return next(args);
    }
    const region = await client.config.region();
    const names = await motoRuleNames(client);
    if (context.commandName === "DescribeComplianceByConfigRuleCommand") {
      const input = args.input as DescribeComplianceByConfigRuleCommandInput;
      const missing = (input.ConfigRuleNames ?? []).find((n) => !names.includes(n));
      if (missing) {
        throw noSuchRule(missing);
      }
      const asked = input.ConfigRuleNames?.length ? names.filter((n) => input.ConfigRuleNames?.includes(n)) : names;
      const at = input.NextToken ? Number(input.NextToken) : 0;
      const output: DescribeComplianceByConfigRuleCommandOutput = {
        ComplianceByConfigRules: asked.slice(at, at + PAGE_SIZE).map((name) => {
          const results = recorded.get(key(accountId, region, name));
          const type = !results?.length ? "INSUFFICIENT_DATA" : results.some((r) => r.compliance === "NON_COMPLIANT") ? "NON_COMPLIANT" : "COMPLIANT";
          return { ConfigRuleName: name, Compliance: { ComplianceType: type } };
        }),
        ...(at + PAGE_SIZE < asked.length ? { NextToken: String(at + PAGE_SIZE) } : {}),
        $metadata: { httpStatusCode: 200 },
      };
      return { output, response: {} };
    }
    const input = args.input as GetComplianceDetailsByConfigRuleCommandInput;
    const name = input.ConfigRuleName ?? "";
    if (!names.includes(name)) {
      throw noSuchRule(name);
    }
    const types = input.ComplianceTypes?.length ? input.ComplianceTypes : undefined;
    const results = (recorded.get(key(accountId, region, name)) ?? []).filter((r) => !types || types.includes(r.compliance));
    const limit = input.Limit && input.Limit > 0 ? input.Limit : 10;
    const at = input.NextToken ? Number(input.NextToken) : 0;
    const output: GetComplianceDetailsByConfigRuleCommandOutput = {
      EvaluationResults: results.slice(at, at + limit).map((r) => ({
        EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: name, ResourceType: r.resourceType, ResourceId: r.resourceId } },
        ComplianceType: r.compliance,
      })),
      ...(at + limit < results.length ? { NextToken: String(at + limit) } : {}),
      $metadata: { httpStatusCode: 200 },
    };
    return { output, response: {} };
  };
  client.middlewareStack.add(middleware, { step: "initialize", name: "motoGapConfigRuleCompliance" });
}
