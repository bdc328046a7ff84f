/**
 * `npm run demo [-- --format markdown --cis 5.0.0 ...]`: starts moto on a free loopback port, seeds the
 * non-compliant sample account, and runs the audit CLI against it, so a newcomer sees a report without an
 * AWS account. The endpoint and credentials reach the audit through the SDK's standard chain
 * (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...), as they would for a real account; only the stand-ins for the
 * APIs moto lacks are added (README, "moto gaps"). Then it deploys the baseline's settings into the same account (as
 * `pulumi up` would), audits again, and ends by writing the posture report of both runs: the failing checks fall.
 * With `--org`, the same for an organization of four accounts (demoOrganization.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "./cli";
import { main as report } from "./posture/cli";
import { createClientFactory } from "./clients";
import { demoOrganization } from "./demoOrganization";
import { motoClientOptions, motoGapShims, routeS3ControlTo, startMoto } from "./moto";
import { SAMPLE_REGIONS, seedCompliant, seedNonCompliant } from "./seed";

async function demo(): Promise<number> {
  process.stderr.write("demo: starting moto (python3 -m moto.server) on a free 127.0.0.1 port...\n");
  const moto = await startMoto();
  try {
    process.env.AWS_ENDPOINT_URL = moto.endpoint;
    process.env.AWS_ACCESS_KEY_ID = "testing";
    process.env.AWS_SECRET_ACCESS_KEY = "testing";
    process.env.AWS_REGION = "us-east-1";
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    const argv = process.argv.slice(2);
    if (argv.includes("--org")) {
      await demoOrganization(moto, argv.filter((a) => a !== "--org"), { stdout: process.stdout, stderr: process.stderr });
      return 0;
    }
    const seeded = await seedNonCompliant(createClientFactory(motoClientOptions(moto.endpoint)), "123456789012");
    process.stderr.write(
      `demo: seeded account ${seeded.accountId} in ${SAMPLE_REGIONS.join(", ")} as it looks before remediation; auditing it:\n\n`,
    );
    const args = process.argv.slice(2);
    const regionArgs = args.some((a) => a === "--regions" || a.startsWith("--regions=")) ? [] : ["--regions", SAMPLE_REGIONS.join(",")];
    const output = fs.mkdtempSync(path.join(os.tmpdir(), "cis-logging-demo-"));
    const runs = path.join(output, "runs");
    // S3 Control is addressed as <account>.<host>, which is no valid URL with an IP address (audit/moto.ts).
    const clientOptions = {
      maxAttempts: 1,
      endpoints: { s3control: moto.endpoint.replace("127.0.0.1", "localhost") },
      decorate: { ...motoGapShims, s3control: routeS3ControlTo("127.0.0.1") },
    };
    const code = await main([...regionArgs, ...args, "--out", runs], { stdout: process.stdout, stderr: process.stderr, clientOptions });
    process.stderr.write(`\ndemo: the audit exited with ${code} (0 nothing fails or errs, 1 a control fails, 2 a check could not be judged)\n`);

    process.stderr.write("demo: deploying the baseline's settings into the same account (what `pulumi up` does) and auditing again...\n");
    await seedCompliant(createClientFactory(motoClientOptions(moto.endpoint)), seeded.accountId);
    const quiet = { write: () => true };
    const after = await main([...regionArgs, "--format", "json", "--out", runs], { stdout: quiet, stderr: quiet, clientOptions });
    const html = path.join(output, "posture.html");
    report([runs, "--html", html], { stdout: process.stderr, stderr: process.stderr });
    process.stderr.write(`demo: after remediation the audit exits with ${after}; open the posture report of both runs: ${html}\n`);
    return 0;
  } finally {
    await moto.stop();
  }
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
