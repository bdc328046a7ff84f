/**
 * The JSON output against the schema documented in audit/README.md, so the documentation cannot drift from
 * the code. A small validator for the keywords the schema uses (type, required, properties, items, enum,
 * pattern); it rejects any other keyword so a schema change cannot be silently ignored.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { AuditResult } from "../../../audit/audit";
import { render, toReport } from "../../../audit/report";

type Schema = {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  description?: string;
};

const KNOWN = new Set(["type", "required", "properties", "items", "enum", "pattern", "description"]);

function validate(value: unknown, schema: Schema, where = "$"): string[] {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) {
    throw new Error(`${where}: the test validator does not know ${unknown.join(", ")}`);
  }
  const errors: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) {
    errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.type) {
    const actual = Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : value === null ? "null" : typeof value;
    if (actual !== schema.type) {
      return [...errors, `${where}: ${actual}, expected ${schema.type}`];
    }
  }
  if (schema.pattern && typeof value === "string" && !new RegExp(schema.pattern).test(value)) {
    errors.push(`${where}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (schema.type === "object" && typeof value === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in obj)) {
        errors.push(`${where}: missing ${key}`);
      }
    }
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in obj) {
        errors.push(...validate(obj[key], sub, `${where}.${key}`));
      }
    }
  }
  if (schema.type === "array" && Array.isArray(value) && schema.items) {
    value.forEach((item, i) => errors.push(...validate(item, schema.items as Schema, `${where}[${i}]`)));
  }
  return errors;
}

function readmeSchema(): Schema {
  const readme = fs.readFileSync(path.resolve(__dirname, "../../../audit/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("Schema (JSON Schema 2020-12):"));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!json) {
    throw new Error("audit/README.md has no JSON block after 'Schema (JSON Schema 2020-12):'");
  }
  return JSON.parse(json) as Schema;
}

const result: AuditResult = {
  accountId: "111122223333",
  partition: "aws",
  cisVersion: "1.4.0",
  regions: ["eu-north-1"],
  findings: [
    { policy: "vpc-flow-logs-enabled", status: "fail", region: "eu-north-1", resource: "vpc-0a1b2c3d", message: "VPC has no flow log" },
    { policy: "config-enabled-all-regions", status: "error", region: "global", resource: "account:111122223333", message: "could not be judged" },
    { policy: "vpc-flow-logs-enabled", status: "not-judged", region: "eu-north-1", resource: "vpc-0c0ffee000000001", message: "VPC shared into this account by 444455556666 (AWS RAM)" },
  ],
};

describe("audit JSON output and the README schema", () => {
  it("matches the schema documented in audit/README.md, a not-judged finding and the notJudged count included", () => {
    const doc = JSON.parse(render(toReport(result), "json", "0.1.0")) as { summary: { notJudged: number } };
    assert.deepEqual(validate(doc, readmeSchema()), []);
    assert.equal(doc.summary.notJudged, 1);
  });

  it("matches the schema with an exempted finding, the exempted count and a note", () => {
    const exempted: AuditResult = {
      ...result,
      findings: result.findings.map((f) => (f.status === "fail" ? { ...f, exemption: { reason: "Build sandbox without ENIs (ticket NET-7)", owner: "network", expires: "2027-01-31", expired: false } } : f)),
      policyConfig: "exemptions.json",
      notes: ["vpc-flow-logs-enabled exemptions[1]: the exemption of resource vpc-0gone matches no finding of this audit"],
    };
    const doc = JSON.parse(render(toReport(exempted), "json", "0.1.0")) as { summary: { exempted: number }; notes: string[] };
    assert.deepEqual(validate(doc, readmeSchema()), []);
    assert.equal(doc.summary.exempted, 1);
    assert.equal(doc.notes.length, 1);
  });

  it("matches the schema with AWS Config's opposite evaluation on a finding", () => {
    const disagreeing: AuditResult = {
      ...result,
      findings: result.findings.map((f) => (f.status === "fail"
        ? { ...f, awsConfigDisagrees: [{ rule: "cis-logging-baseline-vpc-flow-logs-enabled", compliance: "COMPLIANT" as const, regions: ["eu-north-1"] }] } : f)),
    };
    const doc = JSON.parse(render(toReport(disagreeing), "json", "0.1.0")) as { findings: { awsConfigDisagrees?: unknown[] }[] };
    assert.deepEqual(validate(doc, readmeSchema()), []);
    assert.equal(doc.findings.filter((f) => f.awsConfigDisagrees).length, 1);
  });

  it("is checked by a validator that does reject a wrong document", () => {
    const bad = { account: "12", cisVersion: "9.9.9", regions: [], findings: [{ policy: "x", status: "maybe" }], summary: { pass: 1 } };
    const errors = validate(bad, readmeSchema());
    assert.ok(errors.some((e) => e.startsWith("$.account:")));
    assert.ok(errors.some((e) => e.startsWith("$.cisVersion:")));
    assert.ok(errors.some((e) => e === "$.findings[0]: missing control"));
    assert.ok(errors.some((e) => e.startsWith("$.findings[0].status:")));
    assert.ok(errors.some((e) => e === "$.summary: missing fail"));
    assert.ok(errors.some((e) => e === "$.summary: missing notJudged"));
    assert.ok(errors.some((e) => e === "$.summary: missing exempted"));
    assert.ok(errors.some((e) => e === "$: missing notes"));
    const badExemption = validate({ findings: [{ exemption: { why: "x" } }] }, readmeSchema());
    assert.ok(badExemption.includes("$.findings[0].exemption: missing reason"));
  });
});
