/**
 * `npm run demo -- --org [--format markdown ...]`: the organization audit without an AWS account. On the moto that
 * demo.ts started, it seeds an organization whose management account is moto's default account (123456789012, the
 * account the demo's credentials reach): the management account and the member "payments" as the baseline leaves them,
 * the member "legacy" as an account looks before remediation, and the member "sandbox" whose audit role was deleted.
 * It then runs `npm run audit -- --org` (each member through OrganizationAccountAccessRole, as in a real organization)
 * and writes the posture report with its accounts × controls grid.
 *
 * moto's stand-ins are the single-account demo's, plus one: moto's AssumeRole hands out credentials for any role, so the
 * caller's STS client requires the role to exist (audit/org/seedOrganization.ts requireAssumableRole).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliIo, main } from "./cli";
import { createClientFactory } from "./clients";
import { MotoServer, motoClientOptions } from "./moto";
import { DEFAULT_ORG_ROLE } from "./org/assumeRole";
import { deleteRole, requireAssumableRole, seedOrganization } from "./org/seedOrganization";
import { main as report } from "./posture/cli";
import { SAMPLE_REGIONS, seedCompliant, seedNonCompliant } from "./seed";

/** moto's default account: the one the demo's static credentials act as, without an account header. */
export const DEMO_MANAGEMENT_ACCOUNT = "123456789012";

export interface OrganizationDemo {
  /** The audit's exit code (2: the sandbox account's controls could not be judged). */
  readonly code: number;
  readonly accounts: { readonly payments: string; readonly legacy: string; readonly sandbox: string };
  /** The posture report of the run. */
  readonly html: string;
}

export async function demoOrganization(moto: MotoServer, args: readonly string[], io: Pick<CliIo, "stdout" | "stderr">): Promise<OrganizationDemo> {
  const clientsFor = (accountId: string) => createClientFactory(motoClientOptions(moto.endpoint, accountId));
  const org = await seedOrganization(clientsFor(DEMO_MANAGEMENT_ACCOUNT), DEMO_MANAGEMENT_ACCOUNT, ["payments", "legacy", "sandbox"], DEFAULT_ORG_ROLE);
  const [payments, legacy, sandbox] = org.members.map((m) => m.accountId);
  await seedCompliant(clientsFor(DEMO_MANAGEMENT_ACCOUNT), DEMO_MANAGEMENT_ACCOUNT);
  await seedCompliant(clientsFor(payments), payments);
  await seedNonCompliant(clientsFor(legacy), legacy);
  await deleteRole(clientsFor(sandbox), DEFAULT_ORG_ROLE);
  io.stderr.write(
    `demo: seeded the organization of ${DEMO_MANAGEMENT_ACCOUNT} in ${SAMPLE_REGIONS.join(", ")}: payments ${payments} and the management ` +
    `account as the baseline leaves them, legacy ${legacy} before remediation, sandbox ${sandbox} without its ${DEFAULT_ORG_ROLE}; auditing it:\n\n`,
  );
  const regionArgs = args.some((a) => a === "--regions" || a.startsWith("--regions=")) ? [] : ["--regions", SAMPLE_REGIONS.join(",")];
  const output = fs.mkdtempSync(path.join(os.tmpdir(), "cis-logging-demo-org-"));
  const runs = path.join(output, "runs");
  const caller = motoClientOptions(moto.endpoint);
  const clientOptions = { ...caller, decorate: { ...caller.decorate, sts: requireAssumableRole(moto.endpoint) } };
  const code = await main(["--org", ...regionArgs, ...args, "--out", runs], { stdout: io.stdout, stderr: io.stderr, clientOptions });
  io.stderr.write(`\ndemo: the organization audit exited with ${code} (0 nothing fails or errs, 1 a control fails, 2 a check could not be judged)\n`);
  const html = path.join(output, "posture.html");
  report([runs, "--html", html], { stdout: io.stderr, stderr: io.stderr });
  io.stderr.write(`demo: open the posture report of the organization: ${html}\n`);
  return { code, accounts: { payments, legacy, sandbox }, html };
}
