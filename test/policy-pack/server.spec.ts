/**
 * Starts the pack as the Pulumi CLI does: `policy-pack/index.ts` in its own process with policy-pack/ as the
 * working directory, so the PolicyPack reads policy-pack/package.json and serves gRPC on the port it prints. Then
 * it talks to it as the engine would: GetAnalyzerInfo, Configure (the real path of --policy-pack-config), Analyze.
 * The child is killed by its pid when the suite ends; mocha itself never imports index.ts.
 */
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { policies } from "../../policy-pack/policies";
import { keyInputs, patched } from "./fixtures";
import { urnOf } from "./harness";

const packDir = path.resolve(__dirname, "../../policy-pack");

function startPack(): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), "index.ts"], {
      cwd: packDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`the pack printed no port within 45 s; stderr: ${stderr}`)), 45_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^(\d+)\s*$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the pack exited with ${String(code)} before serving; stderr: ${stderr}`));
    });
  });
}

function unary<Req, Res>(method: (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    method(request, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

function keyRequest(props: Record<string, unknown>): analyzerproto.AnalyzeRequest {
  return new analyzerproto.AnalyzeRequest()
    .setType("aws:kms/key:Key")
    .setName("baseline-key")
    .setUrn(urnOf("aws:kms/key:Key", "baseline-key"))
    .setProperties(Struct.fromJavaScript(props as Record<string, never>))
    .setOptions(new analyzerproto.AnalyzerResourceOptions());
}

function configureRequest(policy: string, level: analyzerproto.EnforcementLevel, properties: Record<string, unknown>): analyzerproto.ConfigureAnalyzerRequest {
  const request = new analyzerproto.ConfigureAnalyzerRequest();
  const config = new analyzerproto.PolicyConfig().setEnforcementlevel(level).setProperties(Struct.fromJavaScript(properties as Record<string, never>));
  request.getPolicyconfigMap().set(policy, config);
  return request;
}

describe("policy pack served as the CLI runs it (policy-pack/index.ts in a child process)", function () {
  this.timeout(60_000);
  let child: ChildProcess | undefined;
  let client: AnalyzerClient;

  before(async () => {
    const started = await startPack();
    child = started.child;
    client = new AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    if (child?.pid !== undefined && child.exitCode === null) {
      process.kill(child.pid, "SIGTERM");
    }
  });

  it("describes itself: name, version from policy-pack/package.json, the 11 policies with levels and config schemas", async () => {
    const info = await unary<Empty, analyzerproto.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
    assert.strictEqual(info.getName(), "cis-logging-baseline");
    assert.strictEqual(info.getVersion(), "0.1.0");
    assert.strictEqual(info.getSupportsconfig(), true);
    assert.deepStrictEqual(
      info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel(), p.getConfigschema() !== undefined]),
      policies.map((p) => [p.name, p.enforcementLevel === "mandatory" ? analyzerproto.EnforcementLevel.MANDATORY : analyzerproto.EnforcementLevel.ADVISORY, true]),
    );
  });

  it("reports a key without rotation as mandatory", async () => {
    const response = await unary<analyzerproto.AnalyzeRequest, analyzerproto.AnalyzeResponse>(client.analyze.bind(client), keyRequest(patched(keyInputs, { enableKeyRotation: false })));
    assert.deepStrictEqual(response.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel()]), [["kms-key-rotation-enabled", analyzerproto.EnforcementLevel.MANDATORY]]);
  });

  it("takes an exemption through Configure and reports the finding as an advisory note", async () => {
    await unary(client.configure.bind(client), configureRequest("kms-key-rotation-enabled", analyzerproto.EnforcementLevel.MANDATORY, {
      cisVersion: "5.0.0",
      exemptions: [{ type: "aws:kms/key:Key", name: "baseline-key", reason: "rotated by the HSM runbook" }],
    }));
    const response = await unary<analyzerproto.AnalyzeRequest, analyzerproto.AnalyzeResponse>(client.analyze.bind(client), keyRequest(patched(keyInputs, { enableKeyRotation: false })));
    assert.deepStrictEqual(response.getDiagnosticsList().map((d) => [d.getEnforcementlevel(), d.getMessage()]), [
      [
        analyzerproto.EnforcementLevel.ADVISORY,
        'exempted (reason: rotated by the HSM runbook): aws:kms/key:Key "baseline-key" [CIS 5.0.0 3.6, Security Hub KMS.4]: automatic key rotation is off. Fix: set enableKeyRotation: true.',
      ],
    ]);
  });

  it("fails the analysis with a clear message when an exemption has no reason", async () => {
    await unary(client.configure.bind(client), configureRequest("kms-key-rotation-enabled", analyzerproto.EnforcementLevel.MANDATORY, {
      exemptions: [{ type: "aws:kms/key:Key", name: "baseline-key" }],
    }));
    await assert.rejects(
      unary(client.analyze.bind(client), keyRequest(keyInputs)),
      (error: Error) => /policy-pack config for 'kms-key-rotation-enabled': exemptions\[0\] needs a written reason of at least 10 characters/.test(error.message),
    );
  });
});
