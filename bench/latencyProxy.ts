/**
 * An artificial round trip in front of a local moto: every request waits `delayMs` before it is answered, as if AWS
 * were that far away. Loopback only; stopped by the bench.
 *
 * moto is one Python process: on the bench's machines it answers about 90 requests a second, so an organization of
 * 100 accounts (over 4,000 requests) would measure moto's CPU, which AWS does not share, not what the audit's
 * concurrency buys. So the proxy records moto's answers during the warm-up run (`live`) and, once set to `replay`,
 * answers a request it has seen with moto's recorded answer after the same round trip; a request it has not seen goes
 * to moto. A request is the same when its caller (the access key id and the x-moto-account-id header, i.e. moto's
 * account), service, region, method, host, path and body are: the signature and its date are left out.
 *
 * The proxy stands for the network and AWS, so it runs in its own process (forkLatencyProxy): its work is not the
 * audit's, and must not be counted in the audit's time on a machine with few CPUs.
 */
import { fork } from "child_process";
import * as http from "http";

export type ProxyMode = "live" | "replay";

export interface LatencyProxy {
  readonly endpoint: string;
  /** Requests received so far, and how many of them went to moto. */
  readonly requests: () => { readonly total: number; readonly live: number };
  setMode(mode: ProxyMode): void;
  stop(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** `AKID/region/service` of a SigV4 Authorization header (Credential=AKID/date/region/service/aws4_request). */
function callerScope(authorization: string | undefined): string {
  const credential = /Credential=([^,]+)/.exec(authorization ?? "")?.[1] ?? "";
  const [akid, , region, service] = credential.split("/");
  return `${akid}/${region}/${service}`;
}

/**
 * The answer's headers without the hop-by-hop ones (RFC 9110 §7.6.1: a proxy must not forward Connection and the
 * headers it names, nor Keep-Alive, Transfer-Encoding and the like). moto's server answers `Connection: close` to every
 * request; forwarded, it made the audit open a new connection for each of its requests, a cost AWS, whose endpoints
 * keep connections open, does not impose (the SDK keeps them alive by default: "Reuse connections with keep-alive in
 * Node.js", https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-reusing-connections.html; that AWS's
 * endpoints keep them open is not documented there, only assumed from it). Node sets its own framing headers.
 */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

export function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const named = new Set(String(headers.connection ?? "").split(",").map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)));
}

export function startLatencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const recorded = new Map<string, Answer>();
  let mode: ProxyMode = "live";
  let total = 0;
  let live = 0;

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<Answer> => new Promise((resolve, reject) => {
    live += 1;
    const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (c: Buffer) => chunks.push(c));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on("error", reject);
    });
    out.once("error", reject);
    out.end(body);
  });

  const server = http.createServer((req, res) => {
    total += 1;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const key = [callerScope(req.headers.authorization), req.headers["x-moto-account-id"] ?? "", req.method, req.headers.host, req.url, body.toString("base64")].join("|");
      setTimeout(() => {
        const known = mode === "replay" ? recorded.get(key) : undefined;
        const answer = known ? Promise.resolve(known) : forward(req, body).then((a) => {
          recorded.set(key, a);
          return a;
        });
        answer.then(
          (a) => {
            res.writeHead(a.status, endToEnd(a.headers));
            res.end(a.body);
          },
          (err: unknown) => {
            res.writeHead(502);
            res.end(String(err));
          },
        );
      }, delayMs);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        requests: () => ({ total, live }),
        setMode: (m) => {
          mode = m;
        },
        stop: () => new Promise<void>((done) => {
          agent.destroy();
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

type ToChild = { readonly kind: "mode"; readonly mode: ProxyMode } | { readonly kind: "count" } | { readonly kind: "stop" };
type FromChild =
  | { readonly kind: "ready"; readonly endpoint: string }
  | { readonly kind: "count"; readonly total: number; readonly live: number }
  | { readonly kind: "done" };

/** The proxy in a child process (this file, run by node with ts-node), driven over IPC. */
export async function forkLatencyProxy(target: string, delayMs: number): Promise<{
  readonly endpoint: string;
  requests(): Promise<{ readonly total: number; readonly live: number }>;
  setMode(mode: ProxyMode): void;
  stop(): Promise<void>;
}> {
  const child = fork(__filename, [target, String(delayMs)], { execArgv: ["-r", "ts-node/register/transpile-only"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <K extends FromChild["kind"]>(kind: K) => new Promise<Extract<FromChild, { kind: K }>>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the latency proxy exited (${String(code)})`));
    const onMessage = (m: FromChild) => {
      if (m.kind === kind) {
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(m as Extract<FromChild, { kind: K }>);
      }
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
  const send = (m: ToChild) => child.send(m);
  const { endpoint } = await next("ready");
  return {
    endpoint,
    requests: async () => {
      const answer = next("count");
      send({ kind: "count" });
      const { total, live } = await answer;
      return { total, live };
    },
    setMode: (mode) => send({ kind: "mode", mode }),
    stop: async () => {
      const done = next("done").catch(() => undefined);
      send({ kind: "stop" });
      await done;
      child.disconnect();
    },
  };
}

if (require.main === module && process.send) {
  const [target, delay] = process.argv.slice(2);
  const reply = (m: FromChild) => process.send?.(m);
  startLatencyProxy(target, Number(delay)).then((proxy) => {
    process.on("message", (m: ToChild) => {
      if (m.kind === "mode") {
        proxy.setMode(m.mode);
      } else if (m.kind === "count") {
        reply({ kind: "count", ...proxy.requests() });
      } else {
        void proxy.stop().then(() => reply({ kind: "done" }));
      }
    });
    reply({ kind: "ready", endpoint: proxy.endpoint });
  }, (err: unknown) => {
    process.stderr.write(`latency proxy: ${String(err)}\n`);
    process.exitCode = 2;
  });
}
