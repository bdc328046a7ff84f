/**
 * `npm run demo [-- --format markdown --cis 5.0.0 ...]`: starts moto on a free loopback port, seeds the
 * non-compliant sample account, and runs the audit CLI against it, so a newcomer sees a report without an
 * AWS account. The endpoint and credentials reach the audit through the SDK's standard chain
 * (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...), as they would for a real account; only the stand-ins for the
 * two APIs moto lacks are added (README, "moto gaps").
 */
import { main } from "./cli";
import { createClientFactory } from "./clients";
import { motoClientOptions, motoGapShims, startMoto } from "./moto";
import { SAMPLE_REGIONS, seedNonCompliant } from "./seed";

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
    const seeded = await seedNonCompliant(createClientFactory(motoClientOptions(moto.endpoint)), "123456789012");
    process.stderr.write(
      `demo: seeded account ${seeded.accountId} in ${SAMPLE_REGIONS.join(", ")} as it looks before remediation; auditing it:\n\n`,
    );
    const args = process.argv.slice(2);
    const regionArgs = args.some((a) => a === "--regions" || a.startsWith("--regions=")) ? [] : ["--regions", SAMPLE_REGIONS.join(",")];
    const code = await main([...regionArgs, ...args], {
      stdout: process.stdout,
      stderr: process.stderr,
      clientOptions: { maxAttempts: 1, decorate: motoGapShims },
    });
    process.stderr.write(`\ndemo: the audit exited with ${code} (0 nothing fails or errs, 1 a control fails, 2 a check could not be judged)\n`);
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
