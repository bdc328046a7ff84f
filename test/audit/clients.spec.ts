/**
 * The client factory (audit/clients.ts): one client per service and region, reused; all of a factory's clients send
 * through one pair of connection pools; and factories of different accounts that share those pools (the organization
 * audit) still sign every request with their own account's credentials, however their requests interleave. Against a
 * local HTTP endpoint that answers STS GetCallerIdentity with the account of the access key id that signed the request.
 */
import { strict as assert } from "assert";
import * as http from "http";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { createClientFactory, sharedAgents } from "../../audit/clients";

/** `AKID` of a SigV4 Authorization header (Credential=AKID/date/region/service/aws4_request). */
const accessKeyOf = (authorization: string | undefined): string => /Credential=([^/]+)\//.exec(authorization ?? "")?.[1] ?? "";

describe("audit client factory", function () {
  this.timeout(30_000);
  let server: http.Server;
  let endpoint = "";
  let connections = 0;
  const signedBy: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const key = accessKeyOf(req.headers.authorization);
        signedBy.push(key);
        // The account is the access key id's digits: AKIDACCOUNT111111111111 answers for 111111111111.
        const account = key.replace(/^AKIDACCOUNT/, "");
        // A little later for some requests, so concurrent requests of the two accounts finish out of order.
        setTimeout(() => {
          res.writeHead(200, { "content-type": "text/xml" });
          res.end(
            `<GetCallerIdentityResponse><GetCallerIdentityResult><Account>${account}</Account>` +
            `<Arn>arn:aws:sts::${account}:assumed-role/audit/cis-logging-audit</Arn><UserId>x</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>`,
          );
        }, signedBy.length % 3);
      });
    });
    server.on("connection", () => void (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    connections = 0;
    signedBy.length = 0;
  });

  const credentialsOf = (account: string): AwsCredentialIdentity => ({ accessKeyId: `AKIDACCOUNT${account}`, secretAccessKey: `secret-${account}` });

  it("builds one client per service and region and hands the same one out again", () => {
    const clients = createClientFactory({ endpoint, region: "us-east-1", credentials: credentialsOf("111111111111") });
    const ec2 = clients.client("ec2", "us-east-1");
    assert.equal(clients.client("ec2", "us-east-1"), ec2);
    assert.notEqual(clients.client("ec2", "eu-west-1"), ec2);
    assert.notEqual(clients.client("kms", "us-east-1") as unknown, ec2 as unknown);
  });

  it("sends every client of a factory through one connection pool: sequential requests of three clients use one connection", async () => {
    const clients = createClientFactory({ endpoint, region: "us-east-1", credentials: credentialsOf("111111111111") });
    for (const region of ["us-east-1", "eu-west-1", "eu-north-1", "us-east-1"]) {
      await clients.client("sts", region).send(new GetCallerIdentityCommand({}));
    }
    assert.equal(signedBy.length, 4);
    assert.equal(connections, 1);
  });

  it("signs each request with its own account's credentials when two accounts share the pools and their requests interleave", async () => {
    const agents = sharedAgents();
    const accounts = ["111111111111", "222222222222", "333333333333"];
    // Providers as the organization audit gives them (assumeRole.ts assumedRoleProvider): async, one per account.
    const factories = accounts.map((account) => createClientFactory({
      endpoint, region: "us-east-1", agents,
      credentials: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return credentialsOf(account);
      },
    }));
    const answers = await Promise.all(Array.from({ length: 60 }, async (_, i) => {
      const account = accounts[i % accounts.length];
      const clients = factories[i % accounts.length];
      const who = await clients.client("sts", ["us-east-1", "eu-west-1"][i % 2]).send(new GetCallerIdentityCommand({}));
      return { account, answered: who.Account };
    }));
    for (const a of answers) {
      assert.equal(a.answered, a.account, `a request of ${a.account} was signed as ${a.answered}`);
    }
    assert.deepEqual([...new Set(signedBy)].sort(), accounts.map((a) => `AKIDACCOUNT${a}`));
    assert.equal(signedBy.length, 60);
    agents.http.destroy();
  });

  it("reuses the shared pools' connections across accounts: sequential requests of two accounts use one connection", async () => {
    const agents = sharedAgents();
    const a = createClientFactory({ endpoint, region: "us-east-1", agents, credentials: credentialsOf("111111111111") });
    const b = createClientFactory({ endpoint, region: "us-east-1", agents, credentials: credentialsOf("222222222222") });
    const first = await a.client("sts", "us-east-1").send(new GetCallerIdentityCommand({}));
    const second = await b.client("sts", "us-east-1").send(new GetCallerIdentityCommand({}));
    assert.deepEqual([first.Account, second.Account], ["111111111111", "222222222222"]);
    assert.equal(connections, 1);
    agents.http.destroy();
  });
});
