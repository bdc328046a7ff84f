/**
 * The bench's latency proxy stands for AWS's network: it forwards an answer's end-to-end headers only (RFC 9110
 * §7.6.1), so moto's `Connection: close` does not make the audit open a new connection per request.
 */
import { strict as assert } from "assert";
import { endToEnd } from "../../bench/latencyProxy";

describe("bench latency proxy", () => {
  it("drops the hop-by-hop headers of an answer and those its Connection header names, and keeps the rest", () => {
    assert.deepEqual(
      endToEnd({
        connection: "close, x-hop", "keep-alive": "timeout=5", "transfer-encoding": "chunked", "x-hop": "1",
        "content-type": "text/xml", "content-length": "12", "x-amzn-requestid": "r-1",
      }),
      { "content-type": "text/xml", "content-length": "12", "x-amzn-requestid": "r-1" },
    );
  });
});
