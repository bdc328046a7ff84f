/**
 * "Throttling after the SDK's retries": against a local HTTP endpoint that answers KMS with
 * ThrottlingException, the audit's clients retry (the SDK's standard mode; 3 attempts, its default) and only
 * then report an error, which names the attempts; a throttle that clears within the retries is no error.
 */
import { strict as assert } from "assert";
import * as http from "http";
import { createClientFactory } from "../../audit/clients";
import { collectKeys } from "../../audit/collect/kms";
import { attempt, describeFailure } from "../../audit/types";

describe("audit clients under throttling", function () {
  this.timeout(30_000);
  let server: http.Server;
  let endpoint = "";
  let throttleNext = 0;
  let calls = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        calls += 1;
        if (throttleNext > 0) {
          throttleNext -= 1;
          res.writeHead(400, { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "ThrottlingException" });
          res.end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
          return;
        }
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ Keys: [], Truncated: false }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const kms = () =>
    createClientFactory({ endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, region: "us-east-1", maxAttempts: 3 }).client(
      "kms",
      "us-east-1",
    );

  it("retries a throttled call and succeeds when the throttle clears within the SDK's attempts", async () => {
    throttleNext = 2;
    calls = 0;
    const keys = await attempt("kms:ListKeys", "us-east-1", () => collectKeys(kms(), "us-east-1"));
    assert.deepEqual(keys, { ok: true, value: [] });
    assert.equal(calls, 3);
  });

  it("reports an error naming the attempts when throttling outlasts the retries", async () => {
    throttleNext = 100;
    calls = 0;
    const keys = await attempt("kms:ListKeys", "us-east-1", () => collectKeys(kms(), "us-east-1"));
    assert.equal(keys.ok, false);
    assert.equal(calls, 3);
    assert.equal(
      keys.ok ? "" : describeFailure(keys.error),
      "kms:ListKeys in us-east-1 failed: ThrottlingException (HTTP 400, after 3 attempts): Rate exceeded",
    );
  });
});
