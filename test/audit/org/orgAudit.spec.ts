/**
 * The organization audit's orchestration with fake clients, no network and no timers: the account concurrency bound
 * (held open by gates the test releases one at a time, so nothing depends on timing), AssumeRole's request (session
 * policy, external ID) and its retries with back-off (an injected sleep records the waits), and the accounts whose
 * session answers for another account.
 */
import { strict as assert } from "assert";
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, AssumeRoleCommandInput, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import type { AuditClients, ClientFactory, ServiceName } from "../../../audit/clients";
import { runOrganizationAudit } from "../../../audit/org/orgAudit";
import { assumeRole } from "../../../audit/org/assumeRole";
import { AUDIT_READ_ONLY_ACTIONS } from "../../../audit/org/readOnlyPolicy";

const MANAGEMENT = "100000000001";
const member = (i: number) => String(200000000000 + i);

/** A caller factory: Organizations lists `n` members (two pages), STS answers for the management account. */
function callerFactory(n: number, stsSetup?: (sts: ReturnType<typeof mockClient>) => void): { clients: ClientFactory; sts: ReturnType<typeof mockClient> } {
  const organizations = new OrganizationsClient({ region: "us-east-1" });
  const stsClient = new STSClient({ region: "us-east-1" });
  const orgMock = mockClient(organizations);
  const ids = Array.from({ length: n }, (_, i) => member(i));
  orgMock.on(ListAccountsCommand, {}).resolves({
    Accounts: ids.slice(0, Math.ceil(n / 2)).map((Id) => ({ Id, Name: `m-${Id}`, State: "ACTIVE" })), NextToken: "page-2",
  });
  orgMock.on(ListAccountsCommand, { NextToken: "page-2" }).resolves({
    Accounts: ids.slice(Math.ceil(n / 2)).map((Id) => ({ Id, Name: `m-${Id}`, State: "ACTIVE" })),
  });
  const sts = mockClient(stsClient);
  sts.on(GetCallerIdentityCommand).resolves({ Account: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:user/auditor` });
  sts.on(AssumeRoleCommand).callsFake((input: AssumeRoleCommandInput) => ({
    Credentials: { AccessKeyId: `AK-${input.RoleArn?.split(":")[4]}`, SecretAccessKey: "s", SessionToken: "t", Expiration: new Date("2030-01-01T00:00:00Z") },
  }));
  stsSetup?.(sts);
  const byService: Partial<Record<ServiceName, unknown>> = { organizations, sts: stsClient };
  return {
    sts,
    clients: {
      client: <K extends ServiceName>(service: K) => {
        const c = byService[service];
        if (!c) {
          throw new Error(`the caller's ${service} client is not faked`);
        }
        return c as AuditClients[K];
      },
      defaultRegion: () => Promise.resolve("us-east-1"),
    },
  };
}

describe("audit/org runOrganizationAudit", () => {
  it("never has more accounts in flight than the concurrency bound, and audits every account", async () => {
    const { clients } = callerFactory(20);
    const gates: (() => void)[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let started = 0;
    // Each member's first call (its identity) waits for the test to release it, then fails: that ends the account.
    const memberClients = (): ClientFactory => ({
      defaultRegion: () => Promise.resolve("us-east-1"),
      client: <K extends ServiceName>(service: K) => {
        assert.equal(service, "sts");
        return {
          send: () => {
            inFlight += 1;
            started += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            return new Promise((_, reject) => gates.push(() => {
              inFlight -= 1;
              reject(Object.assign(new Error("stop here"), { name: "TestStop" }));
            }));
          },
        } as unknown as AuditClients[K];
      },
    });
    const audit = runOrganizationAudit({
      clients, clientsWith: memberClients, cisVersion: "1.2.0", regions: ["us-east-1"], roleName: "Audit", accountConcurrency: 3,
    });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    for (let released = 0; released < 20; released++) {
      // Let every account that may start do so, then check the bound before releasing one.
      for (let i = 0; i < 50 && gates.length < Math.min(3, 20 - released); i++) {
        await settle();
      }
      assert.equal(gates.length, Math.min(3, 20 - released), `accounts waiting after ${released} released`);
      assert.ok(inFlight <= 3, `${inFlight} accounts in flight`);
      (gates.shift() as () => void)();
    }
    const result = await audit;
    assert.equal(maxInFlight, 3);
    assert.equal(started, 20);
    assert.equal(result.organization?.accounts.length, 20);
    assert.ok(result.organization?.accounts.every((a) => a.outcome === "not-audited" && /cannot identify the account/.test(a.reason ?? "")));
    assert.ok(result.findings.every((f) => f.status === "error"), "an account that could not be judged never passes");
  });

  it("assumes the named role in each member with the read-only session policy and the external ID", async () => {
    const { clients, sts } = callerFactory(2);
    const memberIdentity = (accountId: string): ClientFactory => ({
      defaultRegion: () => Promise.resolve("us-east-1"),
      client: () => { throw Object.assign(new Error(`stop after the role of ${accountId}`), { name: "TestStop" }); },
    });
    await runOrganizationAudit({
      clients, clientsWith: () => memberIdentity("x"), cisVersion: "1.2.0", regions: ["us-east-1"], roleName: "audit/CisLoggingAudit",
      assumeRole: { externalId: "org-audit-2026" },
    }).catch(() => undefined);
    const calls = sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input);
    assert.deepEqual(calls.map((c) => c.RoleArn).sort(), [0, 1].map((i) => `arn:aws:iam::${member(i)}:role/audit/CisLoggingAudit`));
    for (const c of calls) {
      assert.equal(c.ExternalId, "org-audit-2026");
      assert.equal(c.RoleSessionName, "cis-logging-audit");
      const policy = JSON.parse(c.Policy ?? "{}") as { Statement: { Effect: string; Action: string[] }[] };
      assert.deepEqual(policy.Statement.map((s) => [s.Effect, s.Action]), [["Allow", [...AUDIT_READ_ONLY_ACTIONS]]]);
      assert.ok((c.Policy ?? "").length <= 2048, "AssumeRole's limit for an inline session policy");
    }
  });

  it("reports a member whose session answers for another account as not audited, never under the wrong account", async () => {
    const { clients } = callerFactory(1);
    const wrong: ClientFactory = {
      defaultRegion: () => Promise.resolve("us-east-1"),
      client: <K extends ServiceName>(service: K) => {
        if (service === "sts") {
          return { send: () => Promise.resolve({ Account: "999999999999", Arn: "arn:aws:sts::999999999999:assumed-role/x/y" }) } as unknown as AuditClients[K];
        }
        return { send: () => Promise.resolve({ Regions: [{ RegionName: "us-east-1", OptInStatus: "opt-in-not-required" }] }) } as unknown as AuditClients[K];
      },
    };
    const result = await runOrganizationAudit({ clients, clientsWith: () => wrong, cisVersion: "1.2.0", regions: ["us-east-1"], roleName: "Audit" });
    const [account] = result.organization?.accounts ?? [];
    assert.equal(account.outcome, "not-audited");
    assert.equal(account.reason, `the credentials for ${member(0)} belong to account 999999999999`);
    assert.ok(result.findings.every((f) => f.account === member(0) && f.status === "error"));
  });
});

describe("audit/org runOrganizationAudit without the account list", () => {
  it("stops with AuditAbort naming ListAccounts and who may call it, before assuming any role", async () => {
    const { clients, sts } = callerFactory(2);
    mockClient(clients.client("organizations", "us-east-1")).on(ListAccountsCommand).rejects(
      Object.assign(new Error("You don't have permissions to access this resource."), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }),
    );
    await assert.rejects(
      runOrganizationAudit({ clients, clientsWith: () => clients, cisVersion: "1.2.0", regions: ["us-east-1"], roleName: "Audit" }),
      (err: Error) => err.name === "AuditAbort" &&
        /^cannot list the organization's accounts \(run from the management account or a delegated administrator\): organizations:ListAccounts in us-east-1 failed: AccessDeniedException/.test(err.message),
    );
    assert.equal(sts.commandCalls(AssumeRoleCommand).length, 0);
  });
});

describe("audit/org assumeRole retries", () => {
  const throttled = () => Object.assign(new Error("Rate exceeded"), { name: "Throttling", $metadata: { httpStatusCode: 400 } });
  const denied = () => Object.assign(new Error("not authorized"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
  const creds = { Credentials: { AccessKeyId: "AK", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date("2030-01-01T00:00:00Z") } };

  it("retries throttling with exponential back-off and full jitter (injected sleep and random), then succeeds", async () => {
    const client = new STSClient({ region: "us-east-1" });
    const sts = mockClient(client);
    sts.on(AssumeRoleCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves(creds);
    const waits: number[] = [];
    const got = await assumeRole(client, "arn:aws:iam::200000000000:role/Audit", {
      sleep: (ms) => { waits.push(ms); return Promise.resolve(); }, random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000,
    });
    assert.equal(got.accessKeyId, "AK");
    // Round n waits random × min(cap, base × 2^n): 0.5 × 200, then 0.5 × 400.
    assert.deepEqual(waits, [100, 200]);
    assert.equal(sts.commandCalls(AssumeRoleCommand).length, 3);
  });

  it("caps the back-off, gives up after the last round with the throttling error, and never retries AccessDenied", async () => {
    const client = new STSClient({ region: "us-east-1" });
    const sts = mockClient(client);
    sts.on(AssumeRoleCommand).rejects(throttled());
    const waits: number[] = [];
    const sleep = (ms: number) => { waits.push(ms); return Promise.resolve(); };
    await assert.rejects(assumeRole(client, "arn:aws:iam::200000000000:role/Audit", { sleep, random: () => 1, baseDelayMs: 100, maxDelayMs: 500, rounds: 4 }), { name: "Throttling" });
    assert.deepEqual(waits, [200, 400, 500]);
    sts.reset();
    sts.on(AssumeRoleCommand).rejects(denied());
    waits.length = 0;
    await assert.rejects(assumeRole(client, "arn:aws:iam::200000000000:role/Audit", { sleep }), { name: "AccessDenied" });
    assert.deepEqual(waits, []);
    assert.equal(sts.commandCalls(AssumeRoleCommand).length, 1);
  });
});
