/**
 * The member account's credentials: sts:AssumeRole on `arn:<partition>:iam::<account>:role/<name>`, from the
 * credentials the audit runs with (the management account or a delegated administrator), with the audit's read-only
 * session policy. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 *
 * Retries: the STS client retries throttling with the SDK's standard mode (3 attempts, exponential back-off with
 * jitter). An organization audit asks for every account's role in a burst, and STS throttles AssumeRole per calling
 * account ("Request quotas for AWS STS", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-sts):
 * so a throttle, or a 5xx answer, that outlasts the SDK's attempts is tried again here, a few rounds with a longer
 * back-off. AccessDenied and the other client errors are final: the role is missing or does not trust the caller.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { readOnlySessionPolicy } from "./readOnlyPolicy";

/**
 * OrganizationAccountAccessRole: Organizations creates it in every account it creates, trusting the management
 * account, with AdministratorAccess; an account invited into the organization has it only if someone created it
 * ("Accessing member accounts in your organization",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html). The audit's session in
 * it is read-only through the session policy (readOnlyPolicy.ts); a dedicated read-only role (`--org-role`) is better.
 */
export const DEFAULT_ORG_ROLE = "OrganizationAccountAccessRole";

/**
 * The session name the member accounts' CloudTrail logs show for the audit's calls
 * (`assumed-role/<role>/cis-logging-audit`): "[\w+=,.@-]*", 2 to 64 characters (AssumeRole RoleSessionName).
 */
export const AUDIT_SESSION_NAME = "cis-logging-audit";

/** A role name, optionally under a path (`audit/CisLoggingAudit`): IAM's role name and path characters. */
const ROLE_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

export function isRoleName(name: string): boolean {
  return ROLE_NAME.test(name);
}

export function roleArnFor(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** SDK error names of a throttled call (the SDK's own list, @smithy/service-error-classification). */
const THROTTLING = new Set([
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
  "RequestLimitExceeded", "RequestThrottled", "SlowDown",
]);

function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) {
    return false;
  }
  const e = err as Error & { $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e.$metadata?.httpStatusCode;
  return THROTTLING.has(e.name) || (status !== undefined && status >= 500) || e.$retryable !== undefined;
}

/**
 * AssumeRole's ExternalId: "[\w+=,.@:\/-]*", 2 to 1,224 characters. A role whose trust policy requires sts:ExternalId
 * can only be assumed with it ("How to use an external ID when granting access to your AWS resources to a third party",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html).
 */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

export function isExternalId(id: string): boolean {
  return EXTERNAL_ID.test(id);
}

export interface AssumeRoleOptions {
  /** Sent as ExternalId when the member roles' trust policies require one (`--external-id`). */
  readonly externalId?: string;
  /** Rounds of AssumeRole on top of the SDK's own attempts, for throttling and 5xx answers. Default 4. */
  readonly rounds?: number;
  /** Back-off before round n (1-based): full jitter over min(cap, base × 2^n). Defaults 1 s and 20 s. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Tests: the wait between rounds and the random source of the jitter. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Tests: the clock that decides when cached credentials are refreshed (default Date.now). */
  readonly now?: () => number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One AssumeRole, retried on throttling and 5xx answers after the SDK's own attempts; throws the last error. */
export async function assumeRole(sts: STSClient, roleArn: string, options: AssumeRoleOptions = {}): Promise<AwsCredentialIdentity> {
  const rounds = options.rounds ?? 4;
  const base = options.baseDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 20_000;
  const random = options.random ?? Math.random;
  for (let round = 1; ; round++) {
    try {
      const answer = await sts.send(new AssumeRoleCommand({
        RoleArn: roleArn, RoleSessionName: AUDIT_SESSION_NAME, Policy: readOnlySessionPolicy(),
        ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
      }));
      const c = answer.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw Object.assign(new Error(`sts:AssumeRole of ${roleArn} returned no credentials`), { name: "InvalidAnswer" });
      }
      return {
        accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}),
      };
    } catch (err) {
      if (round >= rounds || !isTransient(err)) {
        throw err;
      }
      await (options.sleep ?? sleepFor)(Math.floor(random() * Math.min(cap, base * 2 ** round)));
    }
  }
}

/** Credentials closer than this to their expiration are refreshed (the SDK's own memoizers use 5 minutes too). */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * A provider for every client of one member account: the first credentials are the ones the audit obtained before
 * visiting the account, shared by all its clients (one AssumeRole per account, not per client), and assumed again
 * when they come within 5 minutes of expiring, so an audit longer than the session (1 hour by default) goes on.
 */
export function assumedRoleProvider(
  first: AwsCredentialIdentity, refresh: () => Promise<AwsCredentialIdentity>, now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> = Promise.resolve(first);
  let expiration = first.expiration?.getTime();
  return async () => {
    if (expiration !== undefined && expiration - now() < REFRESH_BEFORE_MS) {
      expiration = undefined;
      current = refresh().then(
        (c) => {
          expiration = c.expiration?.getTime();
          return c;
        },
        (err: unknown) => {
          // The next call tries again instead of failing forever on one throttled refresh.
          expiration = 0;
          throw err;
        },
      );
    }
    return current;
  };
}
