import { strict as assert } from "assert";
import { attempt, describeFailure, toFailure } from "../../audit/types";

describe("audit/types failures", () => {
  it("keeps the SDK error name and HTTP status of a service error", () => {
    const err = Object.assign(new Error("User: x is not authorized\nmore"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
    const f = toFailure("kms:ListKeys", "eu-north-1", err);
    assert.deepEqual(f, { call: "kms:ListKeys", region: "eu-north-1", code: "AccessDeniedException", httpStatus: 400, message: "User: x is not authorized" });
    assert.equal(describeFailure(f), "kms:ListKeys in eu-north-1 failed: AccessDeniedException (HTTP 400): User: x is not authorized");
  });

  it("names a network error by its code (ECONNREFUSED), which has no HTTP status", () => {
    const err = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    assert.deepEqual(toFailure("ec2:DescribeVpcs", "us-east-1", err), {
      call: "ec2:DescribeVpcs",
      region: "us-east-1",
      code: "ECONNREFUSED",
      message: "connect ECONNREFUSED 127.0.0.1:9",
    });
  });

  it("captures a rejection as a failed Result and a value as an ok Result", async () => {
    assert.deepEqual(await attempt("s3:GetBucketAcl", "us-east-1", async () => 7), { ok: true, value: 7 });
    const r = await attempt("s3:GetBucketAcl", "us-east-1", async () => {
      throw Object.assign(new Error("Slow Down"), { name: "SlowDown", $metadata: { httpStatusCode: 503 } });
    });
    assert.equal(r.ok, false);
    assert.equal(r.ok ? "" : r.error.code, "SlowDown");
  });
});
