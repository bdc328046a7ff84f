/**
 * The organization audit's session policy (audit/org/readOnlyPolicy.ts) allows exactly the actions of audit/README.md's
 * minimal read-only policy, which test/audit/readonly.spec.ts holds to the calls the audit makes: so a member session
 * can make every call of the audit and nothing more.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { AUDIT_READ_ONLY_ACTIONS, readOnlySessionPolicy } from "../../../audit/org/readOnlyPolicy";

describe("audit/org read-only session policy", () => {
  it("allows exactly the README's minimal read-only actions, within AssumeRole's 2,048 characters", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../../audit/README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Minimal read-only IAM policy"));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? "{}";
    const documented = (JSON.parse(json) as { Statement: { Action: string[] }[] }).Statement[0].Action;
    assert.deepEqual([...AUDIT_READ_ONLY_ACTIONS].sort(), [...documented].sort());
    const policy = JSON.parse(readOnlySessionPolicy()) as { Statement: { Effect: string; Action: string[] }[] };
    assert.deepEqual(policy.Statement.map((s) => s.Effect), ["Allow"]);
    assert.ok(readOnlySessionPolicy().length <= 2048);
  });
});
