import { strict as assert } from "assert";
import { mapLimit } from "../../audit/concurrency";

describe("audit/concurrency mapLimit", () => {
  it("never has more than the limit in flight, runs up to the limit at once, and keeps input order", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      inFlight -= 1;
      return n * 10;
    });
    assert.equal(peak, 3);
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0, 60]);
  });

  it("rejects a limit below 1", async () => {
    await assert.rejects(mapLimit([1], 0, async (n) => n), /\[limit\] must be a positive integer/);
  });
});
