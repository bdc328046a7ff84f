/**
 * A local moto server (`python3 -m moto.server`) for the audit's tests and `npm run demo`: started on a free
 * 127.0.0.1 port, stopped by pid. Also the stand-ins for the read APIs moto lacks (see README "moto gaps"; AWS Config
 * rule compliance in motoConfigRules.ts):
 * they are installed only on the clients of tests and the demo, never by the CLI.
 */
import { spawn, spawnSync } from "child_process";
import * as http from "http";
import * as net from "net";
import {
  ConfigServiceClient,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommandOutput,
} from "@aws-sdk/client-config-service";
import { GetBucketPolicyCommand, GetBucketPolicyStatusCommandInput, GetBucketPolicyStatusCommandOutput, S3Client } from "@aws-sdk/client-s3";
import type { FinalizeRequestMiddleware, InitializeMiddleware, MetadataBearer } from "@smithy/types";
import {
  CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommandInput, GetTrailStatusCommandOutput,
} from "@aws-sdk/client-cloudtrail";
import type { ServiceInputTypes as CloudTrailInput, ServiceOutputTypes as CloudTrailOutput } from "@aws-sdk/client-cloudtrail";
import type { S3ControlClient } from "@aws-sdk/client-s3-control";
import type {
  DescribeConfigurationRecorderStatusCommandOutput, ServiceInputTypes as ConfigInput, ServiceOutputTypes as ConfigOutput,
} from "@aws-sdk/client-config-service";
import type { ServiceInputTypes as S3Input, ServiceOutputTypes as S3Output } from "@aws-sdk/client-s3";
import type { ClientFactoryOptions } from "./clients";
import { shimConfigRuleCompliance } from "./motoConfigRules";

export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

export const MOTO_MISSING =
  "moto is not installed for python3: the audit tests and `npm run demo` run `python3 -m moto.server` " +
  "(install it with `pip install 'moto[server]'`)";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port on 127.0.0.1"))));
    });
  });
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.setTimeout(1000, () => req.destroy());
    req.once("error", () => resolve(false));
  });
}

/** Exits 1 naming the first of moto's server packages that is not installed (find_spec reads no module's code). */
const MOTO_PROBE = [
  "import importlib.util, sys",
  "missing = [m for m in ('moto', 'flask', 'flask_cors', 'werkzeug') if importlib.util.find_spec(m) is None]",
  "sys.exit(f'No module named {missing[0]!r}' if missing else 0)",
].join("\n");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts moto on a free loopback port and waits until it answers; throws MOTO_MISSING if moto is absent. */
export async function startMoto(options: { python?: string; timeoutMs?: number } = {}): Promise<MotoServer> {
  const python = options.python ?? "python3";
  // Locates the packages moto's server needs without importing them: importing moto and flask costs about a second of
  // CPU, paid again by the server itself.
  const probe = spawnSync(python, ["-c", MOTO_PROBE], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(`${MOTO_MISSING}; ${probe.error ? probe.error.message : (probe.stderr || "").trim().split("\n").pop() || `${python} exited with ${probe.status}`}`);
  }
  const port = await freePort();
  const child = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    // moto loads its catalogue of default AMIs into every account's EC2 backend of every region on first use (moto
    // settings.py ec2_load_default_amis): about 0.1 s of CPU per account and region, for images nothing here reads.
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: "false" },
  });
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-2000);
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once("exit", () => {
    exited = true;
    resolve();
  }));
  const killOnExit = () => {
    if (!exited) {
      child.kill("SIGKILL");
    }
  };
  process.once("exit", killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await answers(`${endpoint}/moto-api/`))) {
    if (exited || Date.now() > deadline) {
      killOnExit();
      throw new Error(`moto did not start on ${endpoint}${exited ? " (it exited)" : ""}: ${stderrTail.trim().split("\n").slice(-3).join(" | ")}`);
    }
    await sleep(100);
  }
  if (child.pid === undefined) {
    throw new Error("moto started without a pid");
  }
  const pid = child.pid;
  return {
    endpoint,
    port,
    pid,
    async stop() {
      process.removeListener("exit", killOnExit);
      if (exited) {
        return;
      }
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!exited) {
          child.kill("SIGKILL");
        }
      }, 5000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

/**
 * moto answers GetBucketPolicyStatus with an empty PolicyStatus (the call falls through to ListObjects).
 * Stand-in: evaluate the policy moto returns as S3 does for the simple case: public when a statement
 * allows Principal "*" (or AWS "*") without a Condition. NoSuchBucketPolicy passes through unchanged.
 */
export function shimBucketPolicyStatus(client: S3Client): void {
  const middleware: InitializeMiddleware<S3Input, S3Output> = (next, context) => async (args) => {
      if (context.commandName !== "GetBucketPolicyStatusCommand") {
        return next(args);
      }
      const input = args.input as GetBucketPolicyStatusCommandInput;
      const policy = await client.send(new GetBucketPolicyCommand({ Bucket: input.Bucket }));
      const doc = JSON.parse(policy.Policy ?? "{}") as { Statement?: unknown };
      const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as {
        Effect?: string;
        Principal?: unknown;
        Condition?: unknown;
      }[];
      const isPublic = statements.some((s) => {
        const p = s?.Principal as string | { AWS?: unknown } | undefined;
        const star = p === "*" || (typeof p === "object" && p !== null && (p.AWS === "*" || (Array.isArray(p.AWS) && p.AWS.includes("*"))));
        return s?.Effect === "Allow" && star && s.Condition === undefined;
      });
      const output: GetBucketPolicyStatusCommandOutput = { PolicyStatus: { IsPublic: isPublic }, $metadata: { httpStatusCode: 200 } };
      return { output, response: {} };
    };
  client.middlewareStack.add(middleware, { step: "initialize", name: "motoGapGetBucketPolicyStatus" });
}

/**
 * moto does not implement DescribeDeliveryChannelStatus (HTTP 500). Stand-in: every channel moto lists
 * reports successful deliveries, which is what AWS reports for a working channel.
 */
export function shimDeliveryChannelStatus(client: ConfigServiceClient): void {
  const middleware: InitializeMiddleware<ConfigInput, ConfigOutput> = (next, context) => async (args) => {
      if (context.commandName !== "DescribeDeliveryChannelStatusCommand") {
        return next(args);
      }
      const channels = (await client.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? [];
      const output: DescribeDeliveryChannelStatusCommandOutput = {
        DeliveryChannelsStatus: channels.map((c) => ({
          name: c.name,
          configHistoryDeliveryInfo: { lastStatus: "Success" },
          configSnapshotDeliveryInfo: { lastStatus: "Success" },
          configStreamDeliveryInfo: { lastStatus: c.snsTopicARN ? "Success" : "Not_Applicable" },
        })),
        $metadata: { httpStatusCode: 200 },
      };
      return { output, response: {} };
    };
  client.middlewareStack.add(middleware, { step: "initialize", name: "motoGapDescribeDeliveryChannelStatus" });
}

/**
 * moto never reports LatestCloudWatchLogsDeliveryTime in GetTrailStatus (it delivers nothing to CloudWatch Logs).
 * Stand-in: a trail with a CloudWatch Logs log group reports its LatestDeliveryTime (or, before its first S3
 * delivery, its StartLoggingTime) as the last CloudWatch Logs delivery, as a working trail does within minutes.
 */
export function shimTrailStatus(client: CloudTrailClient): void {
  const middleware: InitializeMiddleware<CloudTrailInput, CloudTrailOutput> = (next, context) => async (args) => {
    const result = await next(args);
    if (context.commandName !== "GetTrailStatusCommand") {
      return result;
    }
    const output = result.output as GetTrailStatusCommandOutput;
    if (output.LatestCloudWatchLogsDeliveryTime || !output.IsLogging) {
      return result;
    }
    const name = (args.input as GetTrailStatusCommandInput).Name;
    const trails = (await client.send(new DescribeTrailsCommand({ trailNameList: name ? [name] : [] }))).trailList ?? [];
    const delivered = output.LatestDeliveryTime ?? output.StartLoggingTime;
    if (trails.some((t) => t.CloudWatchLogsLogGroupArn) && delivered) {
      return { ...result, output: { ...output, LatestCloudWatchLogsDeliveryTime: delivered } };
    }
    return result;
  };
  client.middlewareStack.add(middleware, { step: "initialize", name: "motoGapTrailStatus" });
}

/**
 * Not a gap in what moto answers but in how it is addressed: S3 Control puts the account id in front of the host
 * (`<account>.<endpoint host>`). With an IP address that is no valid URL, so the S3 Control client gets the endpoint
 * under the name `localhost` (motoClientOptions), and this sends each request to moto's own address.
 */
export function routeS3ControlTo(host: string): (client: S3ControlClient) => void {
  return (client) => {
    const middleware: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => async (args) => {
      const request = args.request as { hostname?: string };
      if (typeof request.hostname === "string") {
        request.hostname = host;
      }
      return next(args);
    };
    client.middlewareStack.add(middleware, { step: "finalizeRequest", name: "motoS3ControlHost" });
  };
}

/**
 * moto reports a started recorder as lastStatus PENDING forever (it records nothing). Stand-in: a recording recorder
 * reports SUCCESS, as AWS does once its first configuration items are delivered (the audit treats Pending as "not
 * recording yet").
 */
export function shimRecorderStatus(client: ConfigServiceClient): void {
  const middleware: InitializeMiddleware<ConfigInput, ConfigOutput> = (next, context) => async (args) => {
    const result = await next(args);
    if (context.commandName !== "DescribeConfigurationRecorderStatusCommand") {
      return result;
    }
    const output = result.output as DescribeConfigurationRecorderStatusCommandOutput;
    const statuses = (output.ConfigurationRecordersStatus ?? []).map((s) =>
      (s.recording && s.lastStatus?.toUpperCase() === "PENDING" ? { ...s, lastStatus: "SUCCESS" as const } : s));
    return { ...result, output: { ...output, ConfigurationRecordersStatus: statuses } };
  };
  client.middlewareStack.add(middleware, { step: "initialize", name: "motoGapRecorderStatus" });
}

/** The account moto answers for when a request names none (x-moto-account-id absent). */
export const MOTO_DEFAULT_ACCOUNT = "123456789012";

const configShims = (accountId: string) => (client: ConfigServiceClient): void => {
  shimDeliveryChannelStatus(client);
  shimRecorderStatus(client);
  shimConfigRuleCompliance(client, accountId);
};

export const motoGapShims: NonNullable<ClientFactoryOptions["decorate"]> = {
  s3: shimBucketPolicyStatus,
  config: configShims(MOTO_DEFAULT_ACCOUNT),
  cloudtrail: shimTrailStatus,
};

/** Client options for one moto account (x-moto-account-id), with the gap stand-ins. */
export function motoClientOptions(endpoint: string, accountId?: string, withShims = true): ClientFactoryOptions {
  return {
    endpoint,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    region: "us-east-1",
    ...(accountId ? { headers: { "x-moto-account-id": accountId } } : {}),
    maxAttempts: 1,
    endpoints: { s3control: endpoint.replace(/\/\/[^:/]+/, "//localhost") },
    decorate: {
      ...(withShims ? { ...motoGapShims, config: configShims(accountId ?? MOTO_DEFAULT_ACCOUNT) } : {}),
      s3control: routeS3ControlTo(new URL(endpoint).hostname),
    },
  };
}
