/** `npm run bench` arguments (bench/args.ts): runs, the parts to run, the organization audit's account concurrency. */
import { strict as assert } from "assert";
import { parseBenchArgs } from "../../bench/args";

describe("bench arguments", () => {
  it("runs every part 5 times by default, with the organization audit's own account concurrency", () => {
    const args = parseBenchArgs([]);
    assert.equal(args.runs, 5);
    assert.deepEqual([...args.parts], ["pack", "audit", "organization"]);
    assert.equal(args.orgConcurrency, undefined);
  });

  it("reads --runs, --only (a comma-separated list) and --org-concurrency, with a space or an equals sign", () => {
    const args = parseBenchArgs(["--runs", "3", "--only=organization,pack", "--org-concurrency", "64"]);
    assert.equal(args.runs, 3);
    assert.deepEqual([...args.parts].sort(), ["organization", "pack"]);
    assert.equal(args.orgConcurrency, 64);
    assert.deepEqual([...parseBenchArgs(["--only", "audit"]).parts], ["audit"]);
  });

  it("rejects an unknown part, a bad number, a flag without a value and an unknown flag, naming the flag", () => {
    assert.throws(() => parseBenchArgs(["--only", "org"]), /--only is "org"; expected one or more of pack, audit, organization/);
    assert.throws(() => parseBenchArgs(["--runs", "0"]), /--runs is "0"; expected a whole number from 1 to 1000/);
    assert.throws(() => parseBenchArgs(["--org-concurrency", "129"]), /--org-concurrency is "129"; expected a whole number from 1 to 128/);
    assert.throws(() => parseBenchArgs(["--runs"]), /--runs needs a value/);
    assert.throws(() => parseBenchArgs(["--only", "--runs", "3"]), /--only needs a value/);
    assert.throws(() => parseBenchArgs(["--fast"]), /unknown argument --fast/);
  });
});
