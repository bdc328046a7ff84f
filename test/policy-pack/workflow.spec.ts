import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { policies } from "../../policy-pack/policies";
import { readConfig } from "../../policy-pack/policies/config";

const root = path.resolve(__dirname, "../..");

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  "working-directory"?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; needs?: string }>;
}

const workflow = yaml.load(fs.readFileSync(path.join(root, ".github/workflows/pr.yml"), "utf8")) as Workflow;
const levels = ["advisory", "mandatory", "remediate", "disabled"];

/** Checks a --policy-pack-config file as the pack would read it; returns the policies it configures. */
function checkPackConfig(file: string): string[] {
  const config = JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as Record<string, Record<string, unknown>>;
  for (const [name, entry] of Object.entries(config)) {
    assert.ok(policies.some((p) => p.name === name), `${file}: ${name} is not a policy of the pack`);
    const { enforcementLevel, ...rest } = entry;
    assert.ok(enforcementLevel === undefined || levels.includes(String(enforcementLevel)), `${file}: ${name}.enforcementLevel`);
    readConfig(name, rest);
  }
  return Object.keys(config);
}

describe(".github/workflows/pr.yml and the example pack configs", () => {
  it("runs on pull requests: the tests, then a preview with the policy pack and its config", () => {
    assert.ok("pull_request" in workflow.on);
    assert.ok(workflow.jobs.test.steps.some((s) => s.run === "npm test"));
    assert.strictEqual(workflow.jobs.preview.needs, "test");
    const preview = workflow.jobs.preview.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    assert.ok(preview?.with);
    assert.strictEqual(preview.with.command, "preview");
    assert.strictEqual(preview.with.policyPacks, "policy-pack");
    assert.strictEqual(preview.with.policyPackConfigs, "policy-pack/config.example.json");
    assert.ok(workflow.jobs.preview.steps.some((s) => s.run?.startsWith("npm ci") && s["working-directory"] === "policy-pack"));
  });

  it("pins every action to an exact release tag", () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter((s) => s.uses)) {
        assert.match(String(step.uses), /^[\w-]+\/[\w-]+@v\d+\.\d+\.\d+$/);
      }
    }
  });

  it("ships a CI pack config that configures every policy validly", () => {
    assert.deepStrictEqual(checkPackConfig("policy-pack/config.example.json").sort(), policies.map((p) => p.name).sort());
  });

  it("ships an exemption example the pack accepts", () => {
    assert.deepStrictEqual(checkPackConfig("policy-pack/config.exemptions.example.json"), ["cloudtrail-bucket-access-logging-enabled", "vpc-flow-logs-enabled"]);
  });
});
