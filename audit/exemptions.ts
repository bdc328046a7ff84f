/**
 * The policy pack's config file (`pulumi --policy-pack-config FILE`), read by the audit (`--policy-config FILE`), so
 * one list of accepted exceptions serves both tools (control-model.md §2.8). Each policy's entry is validated by the
 * pack's own readConfig; its exemptions are matched, through the pack's ExemptionIndex, by `resource` against each
 * finding's resource and its aliases (a bucket ARN also answers to the bucket name, a key ARN to the key id).
 * `urn` and `type` + `name` name Pulumi resources, which only the pack sees: they are listed once in a note.
 * An exempted finding keeps its status and carries the reason; only fails and errors are exempted (as in the pack,
 * where an exemption mutes a violation or a "cannot verify" note). Exemption hygiene works as in the pack: one that
 * only met complying findings is "not needed", one that met no finding is pointed out.
 */
import * as fs from "fs";
import { findNodeAtLocation, parseTree } from "jsonc-parser";
import { continuousControls } from "../policy-pack/continuous/catalog";
import { PolicyName, controlId, controls } from "../policy-pack/controls";
import { organizationControls } from "../policy-pack/orgControls";
import {
  Exemption, ExemptionIndex, PolicyConfigError, describeExemptionTarget, identityAliases, isExpired, readConfig,
} from "../policy-pack/policies/config";
import type { AuditResult } from "./audit";
import type { Finding } from "./types";

/** The exemptions of a policy config file, by policy (policies without exemptions are left out). */
export interface PolicyConfig {
  readonly file: string;
  readonly exemptions: ReadonlyMap<PolicyName, readonly Exemption[]>;
}

/** A policy config file the audit cannot use: not JSON, an unknown policy name, an invalid entry. */
export class PolicyConfigFileError extends Error {
  override readonly name = "PolicyConfigFileError";
}

/** Pulumi's key for settings of every policy (`"all": "mandatory"`); it holds no exemptions. */
const ALL = "all";
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];
const POLICIES: ReadonlyMap<string, PolicyName> = new Map(controls.map((c) => [c.policy, c.policy]));
/** The pack's continuous-coverage policies judge stack resources only: their entries are validated, never applied here. */
const PACK_ONLY: ReadonlySet<string> = new Set(continuousControls.map((c) => c.policy));
/**
 * The pack's organization-mode policies (issue 12): valid keys of the same file, which the account audit does not
 * judge, so their settings are accepted and not applied here.
 */
const ORGANIZATION_POLICIES: ReadonlySet<string> = new Set(organizationControls.map((c) => c.policy));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses and validates a policy config file's text with the pack's rules; throws PolicyConfigFileError naming the key. */
export function parsePolicyConfig(file: string, text: string): PolicyConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PolicyConfigFileError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(raw)) {
    throw new PolicyConfigFileError(`${file} must be a JSON object whose keys are policy names`);
  }
  const unknownKeys = Object.keys(raw).filter((key) => key !== ALL && !POLICIES.has(key) && !PACK_ONLY.has(key) && !ORGANIZATION_POLICIES.has(key));
  if (unknownKeys.length > 0) {
    throw new PolicyConfigFileError(
      `${file}: ${unknownKeys.map((k) => JSON.stringify(k)).join(", ")} ${unknownKeys.length === 1 ? "is not a policy" : "are not policies"} of the pack; expected "${ALL}" or one of ${[...POLICIES.keys(), ...PACK_ONLY, ...ORGANIZATION_POLICIES].join(", ")}`,
    );
  }
  const exemptions = new Map<PolicyName, readonly Exemption[]>();
  for (const [key, entry] of Object.entries(raw)) {
    // A level alone ("advisory") or an object with one: a typo would make Pulumi reject the file, so the audit does too.
    const level = typeof entry === "string" ? entry : isRecord(entry) ? entry.enforcementLevel : undefined;
    if (!(typeof entry === "string" || isRecord(entry)) || (level !== undefined && !LEVELS.includes(String(level)))) {
      throw new PolicyConfigFileError(`${file}: "${key}" must be an enforcement level (${LEVELS.join(", ")}) or an object whose enforcementLevel is one`);
    }
    const policy = POLICIES.get(key);
    if ((policy === undefined && !PACK_ONLY.has(key)) || !isRecord(entry)) {
      continue;
    }
    try {
      const config = readConfig(key, entry);
      if (policy !== undefined && config.exemptions.length > 0) {
        exemptions.set(policy, config.exemptions);
      }
    } catch (err) {
      throw err instanceof PolicyConfigError ? new PolicyConfigFileError(`${file}${lineOf(text, key, err.message)}: ${err.message}`) : err;
    }
  }
  return { file, exemptions };
}

/**
 * ":<line>" of the exemption an error names (`exemptions[3]`), or of the policy's key: a person fixes a file by line.
 * The JSON is parsed once more with positions (jsonc-parser, the parser of VS Code's JSON support).
 */
function lineOf(text: string, policy: string, message: string): string {
  const index = /exemptions\[(\d+)\]/.exec(message)?.[1];
  const root = parseTree(text);
  const node = root && (findNodeAtLocation(root, index !== undefined ? [policy, "exemptions", Number(index)] : [policy]) ?? findNodeAtLocation(root, [policy]));
  return node ? `:${text.slice(0, node.offset).split("\n").length}` : "";
}

export function readPolicyConfigFile(file: string): PolicyConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new PolicyConfigFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parsePolicyConfig(file, text);
}

/** A finding an exemption may mute: one that asks this account to act (a fail, or a check that could not be judged). */
const needsAction = (f: Finding): boolean => f.status === "fail" || f.status === "error";

/**
 * The audit's result with the config's exemptions applied: exempted findings carry `exemption`, and `notes` says which
 * exemptions were not needed, matched nothing, or can only be matched by the policy pack. One pass over the findings
 * and one over the exemptions, each match a Map lookup.
 */
export function applyExemptions(result: AuditResult, config: PolicyConfig, now: Date): AuditResult {
  const indexes = new Map([...config.exemptions].map(([policy, list]) => [policy, new ExemptionIndex(list, null)]));
  const used = new Set<Exemption>();
  const complying = new Map<Exemption, Finding>();
  const findings = result.findings.map((f): Finding => {
    const exemption = indexes.get(f.policy)?.forIdentity(identityAliases(f.resource));
    if (exemption === undefined) {
      return f;
    }
    if (!needsAction(f)) {
      complying.set(exemption, complying.get(exemption) ?? f);
      return f;
    }
    used.add(exemption);
    const expired = isExpired(exemption, now);
    return {
      ...f,
      exemption: {
        reason: exemption.reason, ...(exemption.owner ? { owner: exemption.owner } : {}),
        ...(exemption.expires ? { expires: exemption.expires } : {}), expired,
      },
    };
  });

  const notes: string[] = [];
  const packOnly: string[] = [];
  for (const [policy, index] of indexes) {
    if (controlId(policy, result.cisVersion) === null) {
      notes.push(`${policy}: not audited under CIS ${result.cisVersion}, so its ${index.exemptions.length} exemption(s) in ${config.file} were not applied.`);
      continue;
    }
    index.exemptions.forEach((e, i) => {
      const where = `${policy} exemptions[${i}]`;
      if (e.resource === undefined) {
        packOnly.push(`${where} (${describeExemptionTarget(e)})`);
        return;
      }
      const held = index.indexedAs(e);
      if (used.has(held)) {
        return;
      }
      const met = complying.get(held);
      notes.push(met
        ? `${where}: exemption not needed, ${e.resource} ${met.status === "pass" ? "complies" : "is not this account's to judge"} (reason given: ${e.reason}).`
        : `${where}: the exemption of resource ${e.resource} matches no finding of this audit (reason given: ${e.reason}); fix it, or remove it if the resource is gone.`);
    });
  }
  if (packOnly.length > 0) {
    notes.unshift(`Only the policy pack can match exemptions by urn or by type and name (they name Pulumi resources; the audit sees cloud resources), so these were not applied: ${packOnly.join(", ")}. Add a "resource" exemption to cover the same resource here.`);
  }
  return { ...result, findings, policyConfig: config.file, notes: [...(result.notes ?? []), ...notes] };
}

