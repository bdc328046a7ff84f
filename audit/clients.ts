/**
 * SDK client factory. The CLI builds clients from the SDK's standard chain only: region, credentials, profile
 * and endpoint come from AWS_REGION / AWS_PROFILE / ~/.aws/config / AWS_ENDPOINT_URL(_<SERVICE>) / IMDS and so
 * on, exactly as the AWS CLI resolves them. The options below exist for tests and the demo (a local moto and
 * its account header); nothing in the CLI passes an endpoint or credentials.
 */
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import * as http from "http";
import * as https from "https";

export interface AuditClients {
  readonly sts: STSClient;
  readonly ec2: EC2Client;
  readonly cloudtrail: CloudTrailClient;
  readonly config: ConfigServiceClient;
  readonly kms: KMSClient;
  readonly s3: S3Client;
  /** S3 Control, for the account-level public access block (asked once, in the account-wide region). */
  readonly s3control: S3ControlClient;
  /**
   * IAM is a global service: ask for it with the account-wide region (`defaultRegion()`), so the audit makes one
   * IAM client. The SDK signs for and sends to the partition's single IAM endpoint whatever region of that
   * partition it is given (iam.amazonaws.com for `aws`, iam.us-gov.amazonaws.com for `aws-us-gov`; AWS General
   * Reference, "AWS Identity and Access Management endpoints and quotas",
   * https://docs.aws.amazon.com/general/latest/gr/iam-service.html).
   */
  readonly iam: IAMClient;
  /**
   * AWS Organizations (the organization audit's ListAccounts), like IAM a global service with one endpoint per
   * partition: ask for it with the account-wide region ("AWS Organizations endpoints and quotas",
   * https://docs.aws.amazon.com/general/latest/gr/ao.html).
   */
  readonly organizations: OrganizationsClient;
}
export type ServiceName = keyof AuditClients;

export interface ClientFactory {
  /** The client of a service in a region (one instance per service and region, reused). */
  client<K extends ServiceName>(service: K, region: string): AuditClients[K];
  /** The region for account-wide calls (STS, DescribeRegions, IAM): the configured region, else us-east-1. */
  defaultRegion(): Promise<string>;
}

export interface ClientFactoryOptions {
  /** Test/demo only: an endpoint such as a local moto. The CLI leaves it to AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** Test/demo only: another endpoint for some services (S3 Control puts the account id in front of the host). */
  readonly endpoints?: { readonly [K in ServiceName]?: string };
  /**
   * Static credentials (tests and the demo), or a provider: the organization audit gives each member account's
   * clients the provider of the role it assumed there (audit/org/assumeRole.ts). The CLI otherwise leaves credentials
   * to the SDK's provider chain.
   */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | AwsCredentialIdentityProvider;
  /** Headers added to every request (moto's x-moto-account-id selects the caller's account). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Attempts per call including retries; default: the SDK's (AWS_MAX_ATTEMPTS, else 3, standard mode). */
  readonly maxAttempts?: number;
  /** Socket timeout of one attempt, so an endpoint that never answers becomes an error. Default 20 s. */
  readonly requestTimeoutMs?: number;
  /** Connection timeout of one attempt. Default 5 s. */
  readonly connectionTimeoutMs?: number;
  /** Test/demo only: the region for account-wide calls. The CLI resolves it from AWS_REGION or the profile. */
  readonly region?: string;
  /**
   * The connection pools the clients send through. Default: one pair per factory, shared by its clients. The
   * organization audit passes one pair to the caller's factory and every member account's (`sharedAgents()`).
   */
  readonly agents?: HttpAgents;
  /** Hooks run on each new client (tests and the demo use them to stand in for APIs moto lacks). */
  readonly decorate?: { readonly [K in ServiceName]?: (client: AuditClients[K]) => void };
}

/** Node's connection pools, one for http: endpoints (a local moto) and one for https: (AWS). */
export interface HttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/**
 * Keep-alive pools for many clients. Without them each SDK client makes its own pool (keep-alive, at most 50 sockets
 * a host; "Reuse connections with keep-alive in Node.js",
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-reusing-connections.html), so an account's
 * ~20 clients each open, and for AWS TLS-handshake, their own connections, and an organization audit does so again for
 * every account: measured locally, a new TLS connection costs the client about 4 ms of CPU (README, Performance).
 * Sharing pools across accounts is safe: a connection carries no identity, every request is signed on its own (SigV4,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html). No socket limit: the audit's own bounds
 * (accounts × regions × a few calls each) bound the connections, as the per-client pools did. Idle sockets are
 * unreferenced by Node's agent, so they never keep the process alive.
 */
export function sharedAgents(): HttpAgents {
  return { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
}

interface HeaderArgs {
  request: unknown;
}

function withHeaders<C extends { middlewareStack: { add: (mw: never, opts: { step: "build"; name: string }) => void } }>(
  client: C,
  headers: Readonly<Record<string, string>>,
): void {
  const middleware = (next: (args: HeaderArgs) => Promise<unknown>) => async (args: HeaderArgs) => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) {
      Object.assign(request.headers, headers);
    }
    return next(args);
  };
  client.middlewareStack.add(middleware as never, { step: "build", name: "auditExtraHeaders" });
}

export function createClientFactory(options: ClientFactoryOptions = {}): ClientFactory {
  const cache = new Map<string, AuditClients[ServiceName]>();
  const agents = options.agents ?? sharedAgents();
  const base = (region: string, service: ServiceName) => ({
    region,
    ...((options.endpoints?.[service] ?? options.endpoint) === undefined ? {} : { endpoint: options.endpoints?.[service] ?? options.endpoint }),
    ...(options.credentials === undefined
      ? {}
      : { credentials: typeof options.credentials === "function" ? options.credentials : { ...options.credentials } }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? 20_000,
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      // Without this the handler only warns when requestTimeout passes, and a silent endpoint hangs the audit.
      throwOnRequestTimeout: true,
      httpAgent: agents.http,
      httpsAgent: agents.https,
    },
  });
  const build = (service: ServiceName, region: string): AuditClients[ServiceName] => {
    const config = base(region, service);
    switch (service) {
      case "sts":
        return new STSClient(config);
      case "ec2":
        return new EC2Client(config);
      case "cloudtrail":
        return new CloudTrailClient(config);
      case "config":
        return new ConfigServiceClient(config);
      case "kms":
        return new KMSClient(config);
      case "iam":
        return new IAMClient(config);
      case "s3control":
        return new S3ControlClient(config);
      case "organizations":
        return new OrganizationsClient(config);
      case "s3":
        // A trail bucket may live in any region: follow S3's region redirects instead of failing with 301.
        return new S3Client({ ...config, followRegionRedirects: true });
    }
  };
  return {
    client<K extends ServiceName>(service: K, region: string): AuditClients[K] {
      const key = `${service}/${region}`;
      let client = cache.get(key) as AuditClients[K] | undefined;
      if (!client) {
        client = build(service, region) as AuditClients[K];
        if (options.headers && Object.keys(options.headers).length > 0) {
          withHeaders(client, options.headers);
        }
        const hook = options.decorate?.[service] as ((c: AuditClients[K]) => void) | undefined;
        hook?.(client);
        cache.set(key, client);
      }
      return client;
    },
    async defaultRegion(): Promise<string> {
      if (options.region !== undefined) {
        return options.region;
      }
      try {
        // Without a region the SDK resolves AWS_REGION, then the profile's region; it throws if neither is set.
        return await new STSClient({}).config.region();
      } catch {
        return "us-east-1";
      }
    },
  };
}
