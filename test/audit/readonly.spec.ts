/**
 * The audit is read-only, and the README's minimal IAM policy is exactly what it calls: every command the
 * audit sends (across all checks, with --regions all, CIS 1.4.0, which has every control, and --export-inventory,
 * which adds iam:ListRoles) is a Describe/Get/List call, and maps to an action of the documented policy, and every
 * documented action is used.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { fixedClock } from "../../clock";
import { runAudit } from "../../audit/audit";
import { NOW, compliantAccount, installFake } from "./fakeAccount";

/** IAM action names that differ from the API operation name. */
const IAM_ACTION: Readonly<Record<string, string>> = {
  "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
  // Service Authorization Reference, Amazon S3: ListBuckets is authorized by s3:ListAllMyBuckets, and S3 Control's
  // GetPublicAccessBlock (the account-level block) by s3:GetAccountPublicAccessBlock.
  "s3:ListBuckets": "s3:ListAllMyBuckets",
  "s3control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
};

function documentedActions(): string[] {
  const readme = fs.readFileSync(path.resolve(__dirname, "../../audit/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Minimal read-only IAM policy"));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!json) {
    throw new Error("audit/README.md has no IAM policy JSON block after '## Minimal read-only IAM policy'");
  }
  const policy = JSON.parse(json) as { Statement: { Effect: string; Action: string[]; Resource: string }[] };
  assert.equal(policy.Statement.length, 1);
  assert.equal(policy.Statement[0].Effect, "Allow");
  return [...policy.Statement[0].Action].sort();
}

describe("audit read-only calls and the documented IAM policy", () => {
  it("sends only Describe/Get/List calls, each allowed by the README policy, and the policy asks for nothing unused", async () => {
    const { mocks, clients, restore } = installFake(compliantAccount());
    try {
      await runAudit({ clients, cisVersion: "1.4.0", regions: "all", clock: fixedClock(NOW), collectInventory: true });
      const used = new Set<string>();
      for (const [service, mock] of Object.entries(mocks)) {
        for (const call of mock.calls()) {
          const operation = (call.args[0] as object).constructor.name.replace(/Command$/, "");
          assert.match(operation, /^(Describe|Get|List)/, `${service}:${operation} is not a read-only call`);
          const action = `${service}:${operation}`;
          used.add(IAM_ACTION[action] ?? action);
        }
      }
      // GetCallerIdentity needs no permission (README says so).
      used.delete("sts:GetCallerIdentity");
      assert.ok(used.has("iam:ListRoles"), "the inventory's role listing was exercised");
      assert.deepEqual([...used].sort(), documentedActions());
    } finally {
      restore();
    }
  });
});
