import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { policies } from "../../../policy-pack/policies";
import { computed, known, unknown } from "../../../policy-pack/domain/fact";
import { factOf, propFact, rawCopy, rawString, referenceFact } from "../../../policy-pack/fromStack/known";
import { compliantStack, patched, trail, trailInputs, withResource } from "../fixtures";
import { runResourcePolicy, runStackPolicy, unknownValue } from "../harness";

describe("fromStack/known.ts", () => {
  describe("unknown values", () => {
    it("factOf() turns the SDK's UnknownValueError into an unknown fact and rethrows anything else", () => {
      const props = unknownCheckingProxy({ a: unknownValue.string, b: "x" });
      assert.deepStrictEqual(factOf(() => props.a), unknown("string value at .a can't be known during preview"));
      assert.deepStrictEqual(factOf(() => props.b), known("x"));
      assert.throws(() => factOf(() => { throw new TypeError("boom"); }), TypeError);
    });

    it("referenceFact() counts an unknown ARN as set by another resource, naming the engine's sources when it has them", () => {
      const props = unknownCheckingProxy({ kmsKeyId: unknownValue.string, empty: "" });
      assert.deepStrictEqual(referenceFact(props, "kmsKeyId"), computed("another resource's output"));
      assert.deepStrictEqual(referenceFact(props, "kmsKeyId", ["urn:key"]), computed("the output of urn:key"));
      assert.deepStrictEqual(referenceFact(props, "empty"), known(null));
      assert.deepStrictEqual(referenceFact(props, "absent"), known(null));
    });

    it("recognises an UnknownValueError thrown by another copy of @pulumi/policy (the pack's own node_modules)", () => {
      class UnknownValueError extends Error {}
      assert.deepStrictEqual(factOf(() => { throw new UnknownValueError("string value at .x can't be known during preview"); }), unknown("string value at .x can't be known during preview"));
      class OtherError extends Error {}
      assert.throws(() => factOf(() => { throw new OtherError("boom"); }), OtherError);
    });

    it("rawCopy copies proxied props without reading unknowns through the proxy", () => {
      const raw = { a: unknownValue.boolean, nested: { b: unknownValue.string } };
      assert.deepStrictEqual(rawCopy(unknownCheckingProxy(raw)), raw);
    });

    it("propFact() takes a known prop as it is and reads an unknown one through the proxy, with the SDK's message", () => {
      const props = unknownCheckingProxy({
        a: "x", b: unknownValue.string, nested: { list: [unknownValue.boolean] }, plain: { f: ["y"] },
        // A UUID that is no sentinel: read through the proxy, which knows it.
        uuid: "0f0e0d0c-0b0a-4909-8807-060504030201",
      });
      assert.deepStrictEqual(propFact(props, "a"), known("x"));
      assert.deepStrictEqual(propFact(props, "b"), unknown("string value at .b can't be known during preview"));
      assert.deepStrictEqual(propFact(props, "nested"), unknown("boolean value at .nested.list.0 can't be known during preview"));
      assert.deepStrictEqual(propFact(props, "plain"), known({ f: ["y"] }));
      assert.deepStrictEqual(propFact(props, "uuid"), known("0f0e0d0c-0b0a-4909-8807-060504030201"));
      assert.deepStrictEqual(propFact(props, "absent"), known(undefined));
    });

    it("propFact() and rawString() read a known value without the proxy's get trap (fromStack reads props of every resource)", () => {
      let gets = 0;
      const counted = new Proxy(unknownCheckingProxy({ region: "eu-west-1", arn: unknownValue.string }), {
        get: (target, key) => {
          gets += 1;
          return Reflect.get(target, key) as unknown;
        },
      });
      assert.deepStrictEqual([propFact(counted, "region"), rawString(counted, "region"), rawString(counted, "arn"), gets], [known("eu-west-1"), "eu-west-1", unknownValue.string, 0]);
    });

    it("no policy crashes or reports a mandatory violation on a trail whose every input is unknown", async () => {
      const allUnknown = Object.fromEntries(Object.keys(trailInputs).map((k) => [k, unknownValue.string]));
      for (const policy of policies) {
        const { diagnostics } = await runResourcePolicy(policy, trail(patched(trailInputs, allUnknown)));
        assert.deepStrictEqual(diagnostics.filter((d) => d.enforcementLevel === "mandatory"), [], policy.name);
      }
    });

    it("no policy reports a mandatory violation on the compliant stack with every output of the trail unknown", async () => {
      const allUnknown = Object.fromEntries(Object.keys(trailInputs).map((k) => [k, unknownValue.string]));
      const stack = withResource(compliantStack(), "baseline-trail", allUnknown);
      for (const policy of policies) {
        const { diagnostics } = await runStackPolicy(policy, stack);
        assert.deepStrictEqual(diagnostics.filter((d) => d.enforcementLevel === "mandatory"), [], policy.name);
      }
    });
  });
});
