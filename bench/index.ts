/**
 * `npm run bench`: the policy pack on generated stacks of 1,000, 10,000 and 30,000 resources, as an update and as a
 * preview, and the audit's judging on accounts of 200 and 2,000 VPCs per region; prints the times and the ratios
 * between sizes, then checks the targets (targets.ts) and exits 1 when one is missed. A command, not a test: the
 * numbers depend on the machine, so no test asserts them (test/policy-pack/scale.spec.ts guards the ratio loosely).
 *
 * It ends with the organization audit (organization.ts, issue 12): 10 and 100 member accounts against moto behind an
 * artificial round trip; it needs python3 with moto, and is reported as skipped without it.
 *
 *   npm run bench                 5 timed runs per case (3 for the organization audit, whose runs take seconds)
 *   npm run bench -- --runs 9     more runs, steadier medians
 *   npm run bench -- --only organization [--org-concurrency 64]    one part only (args.ts)
 */
import * as os from "os";
import { parseBenchArgs } from "./args";
import { benchAudit } from "./audit";
import { exposesGc } from "./measure";
import { benchPack } from "./pack";
import { auditTable, packTable } from "./table";
import { Check, checkTargets } from "./targets";
import { benchOrganization, organizationReport } from "./organization";

const PACK_SIZES = [1_000, 10_000, 30_000] as const;
const AUDIT_VPCS_PER_REGION = [200, 2_000] as const;

const progress = (line: string): void => void process.stderr.write(`${line}\n`);
const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" ");

async function main(): Promise<void> {
  const { runs, parts, orgConcurrency } = parseBenchArgs(process.argv.slice(2));
  const cpus = os.cpus();
  console.log(`node ${process.version}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? "unknown"}), load average ${load()}, --expose-gc ${exposesGc ? "on" : "off (run through npm run bench)"}`);
  console.log(`times in ms: median of ${runs} runs after a warm-up run, [best]; ratios of medians`);
  console.log("the pack runs through @pulumi/policy's own RPC handlers, from the engine's requests as protobuf bytes;");
  console.log("\"the server's own work\": the same runs with every policy doing nothing (Remediate and Analyze on every resource, the stack rebuilt for each stack policy)\n");

  const checks: Check[] = [];
  if (parts.has("pack")) {
    const pack = await benchPack(PACK_SIZES, runs, progress);
    console.log(`${packTable(pack)}\n`);
    checks.push(...checkTargets(pack));
  }
  if (parts.has("audit")) {
    console.log(`${auditTable(await benchAudit(AUDIT_VPCS_PER_REGION, runs, progress))}\n`);
  }
  if (parts.has("organization")) {
    try {
      // Its runs take seconds: 3 unless --only organization asks for more.
      const orgRuns = parts.size === 1 ? runs : Math.min(runs, 3);
      const organization = organizationReport(await benchOrganization(orgRuns, progress, orgConcurrency));
      console.log(`${organization.lines.join("\n")}\n`);
      checks.push({ ok: organization.ok, line: organization.check });
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("moto is not installed"))) {
        throw error;
      }
      console.log(`organization audit: skipped, ${error.message}\n`);
    }
  }
  console.log("targets (on medians):");
  for (const c of checks) {
    console.log(`  ${c.ok ? "ok    " : "MISSED"}  ${c.line}`);
  }
  console.log(`load average at the end ${load()}`);
  const missed = checks.filter((c) => !c.ok);
  if (missed.length > 0) {
    console.log(`bench: ${missed.length} of ${checks.length} targets missed`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 2;
});
