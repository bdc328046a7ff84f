// Mocha configuration. Node 22.6+ can load .ts files itself by stripping types, and mocha tries `import()`
// before `require()`: a spec that imports only built-in modules would then run as an ES module, outside
// ts-node (no __dirname, no TypeScript-only syntax). Turning type stripping off makes every spec go through
// ts-node on Node 22 exactly as on Node 20, where the flag does not exist.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- mocha loads this CommonJS file with require() */

const fs = require("fs");
const path = require("path");

const [major, minor] = process.versions.node.split(".").map(Number);
const nodeStripsTypes = major > 22 || (major === 22 && minor >= 6);

/**
 * The spec files that take longest (most of it waiting on moto or on a child process) go first: the two workers take
 * files in list order, so a long file left for the end would run alone while the other worker sits idle. Measured
 * one file at a time (a custom reporter, 2 vCPUs); the rest follow in path order. A file named here that no longer
 * exists fails the run, so the list cannot rot silently.
 */
const longestFirst = [
  "test/audit/moto.spec.ts", // a moto of its own and many seeded accounts
  "test/audit/demo.spec.ts", // npm run demo as a child process, with its own moto
  "test/audit/org/moto.spec.ts",
  "test/audit/awsConfigOpinion.spec.ts",
  "test/offline/plan.spec.ts",
  "test/policy-pack/scale.spec.ts",
  "test/program.spec.ts",
  "test/policy-pack/program.spec.ts",
  "test/audit/posture/browser.spec.ts",
  "test/components/continuousCoverage.spec.ts",
  "test/policy-pack/server.spec.ts",
];

function specFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? specFiles(file) : entry.name.endsWith(".spec.ts") ? [file] : [];
  });
}

function orderedSpecs() {
  const all = specFiles("test").sort();
  for (const file of longestFirst) {
    if (!all.includes(file)) {
      throw new Error(`.mocharc.js: ${file} is listed to run first but does not exist`);
    }
  }
  return [...longestFirst, ...all.filter((file) => !longestFirst.includes(file))];
}

module.exports = {
  require: ["ts-node/register/transpile-only", "test/setup/stackTraces.ts", "test/setup/pulumiMocks.ts"],
  extension: ["ts"],
  spec: orderedSpecs(),
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
