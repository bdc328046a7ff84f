/**
 * Saved runs for the posture report tests, built relative to a fixed start (no test depends on today's date): the
 * failing checks fall run after run, as the blog post this project grew from tells it.
 */
import { cisVersions } from "../../../policy-pack/controls";
import { RunDocument, RunFinding, catalogFacts, summarize } from "../../../audit/run/document";
import { controlFor, controlId } from "../../../policy-pack/controls";

export const START = new Date("2026-01-05T06:00:00Z");
export const ACCOUNT = "111122223333";

export function finding(policy: string, region: string, resource: string, status: RunFinding["status"], extra: Partial<RunFinding> = {}): RunFinding {
  return {
    policy, ...catalogFacts(policy), control: controlId(policy, "1.2.0") ?? "", region, resource, status,
    reason: `${resource}: ${status === "pass" ? "complies" : "has no flow log"}`, remedy: controlFor(policy).fixedBy, ...extra,
  };
}

/** Run `n` (0-based) of a series: `failing` VPCs without flow log out of `regions.length` regions. */
export function run(n: number, regions: readonly string[], failing: number, extra: readonly RunFinding[] = []): RunDocument {
  const started = new Date(START.getTime() + n * 86_400_000);
  const findings: RunFinding[] = [
    finding("cloudtrail-multi-region-enabled", "us-east-1", `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/baseline`, "pass"),
    ...regions.map((r, i) => finding("vpc-flow-logs-enabled", r, `vpc-0${i.toString(16).padStart(15, "0")}`, i < failing ? "fail" : "pass")),
    ...regions.map((r) => finding("config-enabled-all-regions", r, `config:${r}`, "pass")),
    ...extra,
  ];
  return {
    schemaVersion: 1, tool: { name: "cis-logging-baseline", version: "0.1.0" }, account: ACCOUNT, partition: "aws",
    cisVersion: "1.2.0", regions: [...regions], startedAt: started.toISOString(), endedAt: new Date(started.getTime() + 30_000).toISOString(),
    findings, summary: summarize(findings),
  };
}

export const REGIONS = ["eu-north-1", "eu-west-1", "us-east-1"] as const;
void cisVersions;
