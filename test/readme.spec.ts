/**
 * The root README against the code: its configuration reference names every key the config module reads,
 * and its IAM policy for the audit is the one the audit's own tests pin to the calls it makes.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8");

function jsonAfter(markdown: string, heading: string): unknown {
  const section = markdown.slice(markdown.indexOf(heading));
  const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, `no JSON block after ${heading}`);
  return JSON.parse(block);
}

describe("README", () => {
  it("documents every configuration key the program reads", () => {
    const readme = read("README.md");
    const source = read("config.ts");
    const keys = new Set<string>();
    for (const m of source.matchAll(/key\("([A-Za-z.]+)"\)/g)) {
      keys.add(m[1]);
    }
    for (const m of source.matchAll(/read\("([A-Za-z]+)"\)/g)) {
      keys.add(m[1]);
    }
    const reference = readme.slice(readme.indexOf("## Configuration reference"), readme.indexOf("### Adopting"));
    const undocumented = [...keys].filter((k) => !reference.includes(`\`${k}\``) && !reference.includes(`\`${k}.`)).sort();
    assert.ok(keys.size >= 12, `found only ${keys.size} keys in config.ts`);
    assert.deepEqual(undocumented, []);
  });

  it("shows the same minimal IAM policy for the audit as audit/README.md, which the audit tests pin", () => {
    assert.deepEqual(jsonAfter(read("README.md"), "### Minimal read-only IAM policy"),
      jsonAfter(read("audit/README.md"), "## Minimal read-only IAM policy"));
  });

  it("gives the test command CI runs", () => {
    const readme = read("README.md");
    assert.ok(readme.includes("npm ci\nnpm test"));
    assert.match(read(".ci/run"), /^npm ci --no-audit --no-fund\nnpm test$/m);
  });
});
