import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { continuousControls } from "../../policy-pack/continuous/catalog";
import { controls } from "../../policy-pack/controls";
import { organizationControls } from "../../policy-pack/orgControls";
import { policies } from "../../policy-pack/policies";
import { configSchema } from "../../policy-pack/policies/config";
import { isResourcePolicy, isStackPolicy } from "./harness";

const root = path.resolve(__dirname, "../..");
const packDir = path.join(root, "policy-pack");

/** The pack's membership and default levels, pinned: a change here is a reviewed decision (see policy-pack/README.md). */
const expected: [string, string, string][] = [
  ["cloudtrail-multi-region-enabled", "mandatory", "stack"],
  ["cloudtrail-log-file-validation-enabled", "mandatory", "resource"],
  ["cloudtrail-bucket-not-public", "mandatory", "stack+remediation"],
  ["cloudtrail-cloudwatch-logs-enabled", "advisory", "resource"],
  ["config-enabled-all-regions", "mandatory", "stack"],
  ["cloudtrail-bucket-access-logging-enabled", "mandatory", "stack"],
  ["cloudtrail-kms-encryption-enabled", "mandatory", "resource"],
  ["kms-key-rotation-enabled", "mandatory", "resource"],
  ["vpc-flow-logs-enabled", "mandatory", "stack"],
  ["cloudtrail-s3-data-events-write-enabled", "advisory", "stack"],
  ["cloudtrail-s3-data-events-read-enabled", "advisory", "stack"],
  ["continuous-coverage-rules-present", "mandatory", "stack"],
  ["continuous-coverage-remediation-automatic", "mandatory", "stack"],
  ["continuous-coverage-automation-role-least-privilege", "mandatory", "stack"],
  ["organization-trail-enabled", "mandatory", "stack"],
  ["organization-config-stackset-enabled", "mandatory", "stack"],
  ["organization-config-aggregator-all-regions", "mandatory", "stack"],
  ["organization-trail-no-duplicate-account-trail", "advisory", "stack"],
];

/** The module specifiers a TypeScript source imports or requires (static imports, export-from and require calls). */
function importedSpecifiers(source: string): string[] {
  return [...source.matchAll(/\bfrom\s+"([^"]+)"|\bimport\s+"([^"]+)"|\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/**
 * Every file the pack's entry point reaches through relative imports, and every bare specifier (package) it uses.
 * A relative specifier resolves as TypeScript resolves it here: `<path>.ts` or `<path>/index.ts`.
 */
function packImportGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) {
      continue;
    }
    files.add(file);
    for (const specifier of importedSpecifiers(fs.readFileSync(file, "utf8"))) {
      if (!specifier.startsWith(".")) {
        packages.add(specifier);
        continue;
      }
      const base = path.resolve(path.dirname(file), specifier);
      const resolved = [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate));
      assert.ok(resolved, `${path.relative(root, file)} imports ${specifier}, which resolves to no .ts file`);
      pending.push(resolved);
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

function kind(policy: (typeof policies)[number]): string {
  if (isStackPolicy(policy)) {
    return isResourcePolicy(policy) ? "stack+remediation" : "stack";
  }
  return "resource";
}

describe("policy pack", () => {
  it("holds exactly the pinned policies, in catalog order, with their default enforcement levels and kinds", () => {
    assert.deepStrictEqual(policies.map((p) => [p.name, p.enforcementLevel, kind(p)]), expected);
  });

  it("has one catalog entry per policy and one policy per catalog entry (the CIS controls, then the continuous-coverage ones, then organization mode's)", () => {
    assert.deepStrictEqual(policies.map((p) => p.name), [...controls, ...continuousControls, ...organizationControls].map((c) => c.policy));
  });

  const supportFiles = ["config.ts", "exemptionIndex.ts", "metadata.ts", "report.ts", "serverHints.ts"];

  it("has one file per policy under policy-pack/policies/, named after it, and nothing else but config, its exemption index, metadata, report and server hints", () => {
    const files = fs.readdirSync(path.join(packDir, "policies")).sort();
    assert.deepStrictEqual(files, [...policies.map((p) => `${p.name}.ts`), ...supportFiles].sort());
  });

  it("has one spec per policy under test/policy-pack/policies/, and one per support file that has logic of its own", () => {
    const specs = fs.readdirSync(path.join(__dirname, "policies")).filter((f) => f.endsWith(".spec.ts")).sort();
    assert.deepStrictEqual(specs, [...policies.map((p) => `${p.name}.spec.ts`), "config.spec.ts", "report.spec.ts", "serverHints.spec.ts"].sort());
  });

  it("keeps every source file of the pack under ~300 lines", () => {
    const { files } = packImportGraph(path.join(packDir, "index.ts"));
    const long = files.map((f) => [path.relative(root, f), fs.readFileSync(f, "utf8").split("\n").length] as const).filter(([, lines]) => lines > 300);
    assert.deepStrictEqual(long, []);
  });

  it("keeps every policy a thin wrapper (20 to 60 lines) around the domain rule", () => {
    for (const policy of policies) {
      const lines = fs.readFileSync(path.join(packDir, "policies", `${policy.name}.ts`), "utf8").split("\n").length;
      assert.ok(lines >= 20 && lines <= 60, `${policy.name}.ts has ${lines} lines`);
    }
  });

  it("gives every policy a sentence description, a severity, remediation steps, the config schema and CIS framework data (none for the continuous-coverage policies)", () => {
    for (const policy of policies) {
      assert.match(policy.description, /^[A-Z].*\.$/, policy.name);
      assert.ok(policy.severity, policy.name);
      assert.ok(policy.remediationSteps && policy.remediationSteps.length > 20, policy.name);
      assert.strictEqual(policy.configSchema, configSchema, policy.name);
      const control = [...controls, ...organizationControls].find((c) => c.policy === policy.name);
      const continuous = continuousControls.find((c) => c.policy === policy.name);
      assert.strictEqual(policy.displayName, (control ?? continuous)?.title, policy.name);
      // The continuous-coverage policies enforce this project's mechanisms, not a CIS control: no framework claimed.
      assert.strictEqual(policy.framework?.name, control ? "CIS AWS Foundations Benchmark" : undefined, policy.name);
    }
  });

  it("keeps enforcementLevel out of the config schema (the policy server exits if it is there) and names no policy 'all'", () => {
    assert.ok(!("enforcementLevel" in configSchema.properties));
    assert.ok(!(configSchema.required ?? []).includes("enforcementLevel"));
    assert.ok(!policies.some((p) => p.name === "all"));
  });

  it("uses stable kebab-case names", () => {
    for (const policy of policies) {
      assert.match(policy.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("constructs the PolicyPack in index.ts from the exported policies and nothing else", () => {
    const source = fs.readFileSync(path.join(packDir, "index.ts"), "utf8");
    assert.match(source, /import \{ policies \} from "\.\/policies";/);
    assert.strictEqual((source.match(/new PolicyPack\(/g) ?? []).length, 1);
    assert.match(source, /new PolicyPack\("cis-logging-baseline", \{\n {2}policies,/);
  });

  it("ships a package.json with a version and exactly pinned dependencies that match the root's", () => {
    const pack = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as {
      version?: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const rootPackage = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    assert.match(pack.version ?? "", /^\d+\.\d+\.\d+$/);
    const rootVersions = { ...rootPackage.dependencies, ...rootPackage.devDependencies };
    for (const [name, version] of Object.entries({ ...pack.dependencies, ...pack.devDependencies })) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is not pinned exactly`);
      assert.strictEqual(version, rootVersions[name], `${name} differs from the root package.json`);
    }
    const lock = JSON.parse(fs.readFileSync(path.join(packDir, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
    };
    assert.deepStrictEqual(lock.packages[""].dependencies, pack.dependencies);
    assert.strictEqual(lock.packages["node_modules/@pulumi/policy"]?.version, "1.21.0");
  });

  it("imports nothing from outside policy-pack/ and no package but its own dependencies (the CLI installs and runs the directory alone)", () => {
    const { files, packages } = packImportGraph(path.join(packDir, "index.ts"));
    const outside = files.filter((file) => path.relative(packDir, file).startsWith(".."));
    assert.deepStrictEqual(outside.map((file) => path.relative(root, file)), []);
    assert.ok(files.includes(path.join(packDir, "awsFacts.ts")), "the graph reaches awsFacts.ts (the walk follows the policies' imports)");
    const pack = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const undeclared = packages.filter((specifier) => {
      const packageName = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
      return !(packageName in pack.dependencies) && !specifier.startsWith("node:");
    });
    assert.deepStrictEqual(undeclared, []);
  });

  it("ships PulumiPolicy.yaml with the nodejs runtime", () => {
    assert.match(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
  });
});
