/**
 * The audit against moto in server mode: started on a free loopback port for this suite and stopped after
 * it. Each scenario uses its own moto account (x-moto-account-id), which is cheaper than a reset. moto's
 * gaps (DescribeDeliveryChannelStatus, GetBucketPolicyStatus) are stood in for by audit/moto.ts shims here;
 * the last test runs the CLI without them to show that those gaps become `error`, never `pass`.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { readInventory } from "../../offline/inventory";
import { AuditResult, runAudit } from "../../audit/audit";
import { main } from "../../audit/cli";
import { AuditClients, ClientFactory, ServiceName, createClientFactory } from "../../audit/clients";
import { MOTO_MISSING, MotoServer, motoClientOptions, startMoto } from "../../audit/moto";
import { exitCodeOf, toReport } from "../../audit/report";
import {
  HOME_REGION,
  SAMPLE_REGIONS,
  SeededAccount,
  addIamRoles,
  addTrailWithoutValidation,
  addUnrotatedKey,
  addVpcWithoutFlowLog,
  seedCompliant,
  seedNonCompliant,
} from "../../audit/seed";

/** `policy status region resource`, sorted: the exact shape the assertions compare. */
function rows(result: AuditResult): string[] {
  return result.findings.map((f) => `${f.policy} ${f.status} ${f.region} ${f.resource}`).sort();
}

function notPassing(result: AuditResult): string[] {
  return rows(result).filter((r) => !r.split(" ")[1].startsWith("pass"));
}

function compliantRows(s: SeededAccount): string[] {
  const bucket = `arn:aws:s3:::${s.trailBucket}`;
  const out = [
    `cloudtrail-multi-region-enabled pass ${HOME_REGION} ${s.trailArn}`,
    `cloudtrail-log-file-validation-enabled pass ${HOME_REGION} ${s.trailArn}`,
    `cloudtrail-bucket-not-public pass ${HOME_REGION} ${bucket}`,
    `cloudtrail-cloudwatch-logs-enabled pass ${HOME_REGION} ${s.trailArn}`,
    `config-enabled-all-regions pass global account:${s.accountId}`,
    `cloudtrail-bucket-access-logging-enabled pass ${HOME_REGION} ${bucket}`,
    `cloudtrail-kms-encryption-enabled pass ${HOME_REGION} ${s.trailArn}`,
    `kms-key-rotation-enabled pass ${HOME_REGION} ${s.keyArns[HOME_REGION][0]}`,
    `cloudtrail-s3-data-events-write-enabled pass ${HOME_REGION} ${s.trailArn}`,
    `cloudtrail-s3-data-events-read-enabled pass ${HOME_REGION} ${s.trailArn}`,
  ];
  for (const region of SAMPLE_REGIONS) {
    out.push(`config-enabled-all-regions pass ${region} config:${region}`);
    for (const vpc of s.vpcIds[region]) {
      out.push(`vpc-flow-logs-enabled pass ${region} ${vpc}`);
    }
  }
  return out.sort();
}

/** Runs `body` with exactly these AWS variables and HOME in process.env (every other AWS_ variable removed), then restores it. */
async function withEnvironment(vars: Record<string, string>, body: () => Promise<void>): Promise<void> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) {
    if (key.startsWith("AWS_")) {
      delete process.env[key];
    }
  }
  Object.assign(process.env, vars);
  try {
    await body();
  } finally {
    for (const key of Object.keys(process.env)) {
      if (!(key in saved)) {
        delete process.env[key];
      }
    }
    Object.assign(process.env, saved);
  }
}

describe("audit/moto startMoto", () => {
  it("fails with a clear message when python3 cannot import moto", async () => {
    await assert.rejects(startMoto({ python: "false" }), (err: Error) => err.message.startsWith(MOTO_MISSING));
    await assert.rejects(startMoto({ python: "/nonexistent/python3" }), /moto is not installed for python3.*pip install 'moto\[server\]'/);
  });
});

describe("audit against moto (server mode)", function () {
  this.timeout(120_000);
  let moto: MotoServer | undefined;

  before(async function () {
    this.timeout(60_000);
    moto = await startMoto();
  });

  after(async () => {
    await moto?.stop();
  });

  const clientsFor = (accountId: string) => {
    if (!moto) {
      throw new Error("moto is not running");
    }
    return createClientFactory(motoClientOptions(moto.endpoint, accountId));
  };
  const audit = (accountId: string, cisVersion: "1.2.0" | "1.4.0" = "1.4.0") =>
    runAudit({ clients: clientsFor(accountId), cisVersion, regions: [...SAMPLE_REGIONS] });

  describe("the account before remediation", () => {
    let s: SeededAccount;
    before(async () => {
      s = await seedNonCompliant(clientsFor("111111111111"), "111111111111");
    });

    it("reports exactly the failing controls and regions (CIS 1.4.0)", async () => {
      const result = await audit(s.accountId);
      const bucket = `arn:aws:s3:::${s.trailBucket}`;
      const expected = [
        "cloudtrail-multi-region-enabled fail global account:111111111111",
        `cloudtrail-log-file-validation-enabled fail us-east-1 ${s.trailArn}`,
        // The bucket has the public access block AWS applies to new buckets, no ACL grant and no policy.
        `cloudtrail-bucket-not-public pass us-east-1 ${bucket}`,
        `cloudtrail-cloudwatch-logs-enabled fail us-east-1 ${s.trailArn}`,
        "config-enabled-all-regions fail ap-northeast-1 config:ap-northeast-1",
        "config-enabled-all-regions fail eu-north-1 config:eu-north-1",
        "config-enabled-all-regions pass us-east-1 config:us-east-1",
        "config-enabled-all-regions pass global account:111111111111",
        `cloudtrail-bucket-access-logging-enabled fail us-east-1 ${bucket}`,
        `cloudtrail-kms-encryption-enabled fail us-east-1 ${s.trailArn}`,
        `kms-key-rotation-enabled fail us-east-1 ${s.keyArns["us-east-1"][0]}`,
        "cloudtrail-s3-data-events-write-enabled fail global account:111111111111",
        "cloudtrail-s3-data-events-read-enabled fail global account:111111111111",
        ...SAMPLE_REGIONS.flatMap((r) => s.vpcIds[r].map((vpc) => `vpc-flow-logs-enabled fail ${r} ${vpc}`)),
      ].sort();
      assert.equal(s.vpcIds["eu-north-1"].length, 2, "the sample has a second VPC in eu-north-1");
      assert.deepEqual(rows(result), expected);
      assert.equal(exitCodeOf(toReport(result).findings), 1);
    });

    it("uses the CIS 1.2.0 ids by default and leaves out the data-event controls 1.2.0 does not have", async () => {
      const report = toReport(await audit(s.accountId, "1.2.0"));
      assert.ok(!report.findings.some((f) => f.policy.startsWith("cloudtrail-s3-data-events")));
      const flowLogIds = new Set(report.findings.filter((f) => f.policy === "vpc-flow-logs-enabled").map((f) => f.control));
      assert.deepEqual([...flowLogIds], ["2.9"]);
      assert.equal(report.findings.find((f) => f.policy === "cloudtrail-multi-region-enabled")?.control, "2.1");
    });

    it("exports the regions, VPC IDs and the program's IAM roles (ListRoles by path prefix) as an inventory that parseInventory reads back", async () => {
      if (!moto) {
        throw new Error("moto is not running");
      }
      const roles = await addIamRoles(clientsFor(s.accountId), "/cis-logging-baseline/organization/cis-logging-baseline/prod/");
      // moto 5.2's CreateServiceLinkedRole puts the role on AWS's path, /aws-service-role/config.amazonaws.com/, but
      // names it AWSServiceRoleForconfig (AWS: AWSServiceRoleForConfig, Config DG "Using Service-Linked Roles for AWS
      // Config"). The audit lists by path, not name, so it exports the role moto made; the name the program matches
      // is tested against the offline mock account (test/components/regionalConfig.spec.ts).
      assert.match(roles.configServiceLinkedRoleArn, /^arn:aws:iam::111111111111:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleFor[Cc]onfig$/);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-inventory-"));
      const file = path.join(dir, "inventory.json");
      try {
        const code = await main(["--regions", SAMPLE_REGIONS.join(","), "--format", "json", "--export-inventory", file], {
          stdout: { write: () => true },
          stderr: { write: () => true },
          clientOptions: motoClientOptions(moto.endpoint, s.accountId),
        });
        assert.equal(code, 1);
        const inventory = readInventory(file);
        assert.deepEqual(inventory, {
          accountId: s.accountId,
          partition: "aws",
          // The role at the root path is left out by ListRoles's PathPrefix on moto's side, as AWS does.
          iamRoleArns: [roles.configServiceLinkedRoleArn, roles.baselineRoleArn].sort(),
          regions: Object.fromEntries(SAMPLE_REGIONS.map((r) => [r, { optInStatus: "opt-in-not-required", vpcIds: s.vpcIds[r], sharedVpcs: [] }])),
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it("passes every check, and nothing else, on the account as the baseline leaves it", async () => {
    const s = await seedCompliant(clientsFor("222222222222"), "222222222222");
    const result = await audit(s.accountId);
    assert.deepEqual(rows(result), compliantRows(s));
    assert.equal(exitCodeOf(toReport(result).findings), 0);
  });

  it("fails only the rotation control for an unrelated key without rotation", async () => {
    const clients = clientsFor("333333333333");
    const s = await seedCompliant(clients, "333333333333");
    const key = await addUnrotatedKey(clients, "ap-northeast-1");
    const result = await audit(s.accountId);
    assert.deepEqual(notPassing(result), [`kms-key-rotation-enabled fail ap-northeast-1 ${key}`]);
    assert.deepEqual(rows(result).filter((r) => r.includes(" pass ")), compliantRows(s));
  });

  it("fails only the flow-log control for a VPC created after the last deployment", async () => {
    const clients = clientsFor("444444444444");
    const s = await seedCompliant(clients, "444444444444");
    const vpc = await addVpcWithoutFlowLog(clients, "eu-north-1");
    const result = await audit(s.accountId);
    assert.deepEqual(notPassing(result), [`vpc-flow-logs-enabled fail eu-north-1 ${vpc}`]);
    assert.deepEqual(rows(result).filter((r) => r.includes(" pass ")), compliantRows(s));
  });

  it("fails only the validation control for a second trail without validation", async () => {
    const clients = clientsFor("555555555555");
    const s = await seedCompliant(clients, "555555555555");
    const trail = await addTrailWithoutValidation(clients, s, "eu-north-1");
    const result = await audit(s.accountId);
    assert.deepEqual(notPassing(result), [`cloudtrail-log-file-validation-enabled fail eu-north-1 ${trail}`]);
    // The second trail is judged on its own for the other per-trail controls (it passes them).
    const secondTrailRows = rows(result).filter((r) => r.endsWith(trail));
    assert.deepEqual(secondTrailRows, [
      `cloudtrail-cloudwatch-logs-enabled pass eu-north-1 ${trail}`,
      `cloudtrail-kms-encryption-enabled pass eu-north-1 ${trail}`,
      `cloudtrail-log-file-validation-enabled fail eu-north-1 ${trail}`,
    ]);
  });

  it("gives error findings, never pass, for a region whose endpoint does not answer, and completes the others", async () => {
    if (!moto) {
      throw new Error("moto is not running");
    }
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      // Accept the connection and never answer.
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const address = silent.address();
      const port = typeof address === "object" && address ? address.port : 0;
      const accountId = "666666666666";
      const good = clientsFor(accountId);
      const s = await seedCompliant(good, accountId);
      const dead = createClientFactory({
        ...motoClientOptions(`http://127.0.0.1:${port}`, accountId),
        requestTimeoutMs: 300,
        connectionTimeoutMs: 300,
      });
      const clients: ClientFactory = {
        client<K extends ServiceName>(service: K, region: string): AuditClients[K] {
          return (region === "eu-north-1" ? dead : good).client(service, region);
        },
        defaultRegion: () => good.defaultRegion(),
      };
      const started = Date.now();
      const result = await runAudit({ clients, cisVersion: "1.4.0", regions: [...SAMPLE_REGIONS] });
      assert.ok(Date.now() - started < 15_000, "the silent endpoint was given up on");
      assert.deepEqual(notPassing(result), [
        "cloudtrail-bucket-access-logging-enabled error eu-north-1 cloudtrail:eu-north-1",
        "cloudtrail-bucket-not-public error eu-north-1 cloudtrail:eu-north-1",
        "cloudtrail-cloudwatch-logs-enabled error eu-north-1 cloudtrail:eu-north-1",
        "cloudtrail-kms-encryption-enabled error eu-north-1 cloudtrail:eu-north-1",
        "cloudtrail-log-file-validation-enabled error eu-north-1 cloudtrail:eu-north-1",
        "config-enabled-all-regions error eu-north-1 config:eu-north-1",
        "kms-key-rotation-enabled error eu-north-1 kms:eu-north-1",
        "vpc-flow-logs-enabled error eu-north-1 ec2:eu-north-1",
      ]);
      // Every finding of the other regions and every account-wide verdict still passes.
      const expectedPasses = compliantRows(s).filter((r) => !r.includes(" eu-north-1 "));
      assert.deepEqual(rows(result).filter((r) => r.includes(" pass ")), expectedPasses);
      assert.match(result.findings.find((f) => f.resource === "ec2:eu-north-1")?.message ?? "", /ec2:DescribeVpcs in eu-north-1 failed: .*Timeout/i);
      assert.equal(exitCodeOf(toReport(result).findings), 2);
    } finally {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("runs the CLI's main from the SDK's standard chain (environment only), JSON on stdout, and turns moto's unimplemented calls into errors (exit 2)", async function () {
    this.timeout(60_000);
    if (!moto) {
      throw new Error("moto is not running");
    }
    // Default moto account (no header is possible through the environment), seeded before remediation.
    const s = await seedNonCompliant(createClientFactory(motoClientOptions(moto.endpoint)), "123456789012");
    // In this process, with the environment a user's shell would give `npm run audit` (a child process cost seconds of
    // ts-node start-up; the CLI's process wrapper only sets process.exitCode from main's code). No client options: the
    // SDK reads the endpoint, credentials, region and retries from these variables, and HOME holds no ~/.aws.
    const child = { status: 0, stdout: "", stderr: "" };
    await withEnvironment({
      HOME: os.tmpdir(),
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_REGION: "us-east-1",
      AWS_MAX_ATTEMPTS: "1",
    }, async () => {
      // The SDK's own console.error (S3 Control cannot put the account id in front of an IP endpoint) goes where a
      // child's stderr would.
      const consoleError = console.error;
      console.error = (...args: unknown[]) => void (child.stderr += `${args.map(String).join(" ")}\n`);
      try {
        child.status = await main(["--format", "json", "--cis", "1.4.0", "--regions", SAMPLE_REGIONS.join(",")], {
          stdout: { write: (text: string) => (child.stdout += text) },
          stderr: { write: (text: string) => (child.stderr += text) },
        });
      } finally {
        console.error = consoleError;
      }
    });
    assert.equal(child.status, 2, child.stderr);
    const doc = JSON.parse(child.stdout) as {
      account: string;
      cisVersion: string;
      findings: { control: string; policy: string; status: string; region: string; resource: string; message: string }[];
      summary: { pass: number; fail: number; error: number };
    };
    assert.equal(doc.account, "123456789012");
    assert.equal(doc.cisVersion, "1.4.0");
    const errors = doc.findings.filter((f) => f.status === "error").map((f) => `${f.control} ${f.policy} ${f.region} ${f.resource}`).sort();
    assert.deepEqual(errors, [
      `3.3 cloudtrail-bucket-not-public us-east-1 arn:aws:s3:::${s.trailBucket}`,
      // us-east-1 is the only region with a recorder, so whether global types are recorded is unknown too.
      "3.5 config-enabled-all-regions global account:123456789012",
      "3.5 config-enabled-all-regions us-east-1 config:us-east-1",
    ]);
    const configError = doc.findings.find((f) => f.status === "error" && f.policy === "config-enabled-all-regions" && f.region === "us-east-1");
    assert.match(configError?.message ?? "", /config:DescribeDeliveryChannelStatus in us-east-1 failed: .*HTTP 500/);
    const policyError = doc.findings.find((f) => f.status === "error" && f.policy === "cloudtrail-bucket-not-public");
    assert.match(policyError?.message ?? "", /GetBucketPolicyStatus returned no PolicyStatus.IsPublic/);
    assert.equal(doc.summary.error, 3);
    assert.equal(doc.summary.pass + doc.summary.fail + doc.summary.error, doc.findings.length);
  });
});
