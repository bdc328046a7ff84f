// Mocha configuration. Node 22.6+ can load .ts files itself by stripping types, and mocha tries `import()`
// before `require()`: a spec that imports only built-in modules would then run as an ES module, outside
// ts-node (no __dirname, no TypeScript-only syntax). Turning type stripping off makes every spec go through
// ts-node on Node 22 exactly as on Node 20, where the flag does not exist.
"use strict";

const [major, minor] = process.versions.node.split(".").map(Number);
const nodeStripsTypes = major > 22 || (major === 22 && minor >= 6);

module.exports = {
  require: ["ts-node/register/transpile-only", "test/setup/stackTraces.ts", "test/setup/pulumiMocks.ts"],
  extension: ["ts"],
  spec: ["test/**/*.spec.ts"],
  timeout: 60000,
  reporter: "spec",
  // Two workers, one per core of the CI machine: each spec file runs in a worker process with its own Pulumi
  // mocks (test/setup/pulumiMocks.ts) and, where it needs one, its own moto on a free port (audit/moto.ts).
  parallel: true,
  jobs: 2,
  // A young generation of 64 MB instead of V8's 16: the program tests allocate a promise, an output and a proxy per
  // property, most of them short-lived, and scavenging them took a fifth of their CPU (2.9 s → 1.6 s on
  // test/policy-pack/program.spec.ts, --trace-gc). The workers inherit the flag (mocha forks them with execArgv).
  "node-option": ["max-semi-space-size=64", ...(nodeStripsTypes ? ["no-experimental-strip-types"] : [])],
};
