import { strict as assert } from "assert";
import { RecordedResource } from "../../offline/mockAccount";
import { ProgramRun } from "../programHarness";

export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a JSON policy input, by Sid. */
export function statements(resource: RecordedResource, field = "policy"): Record<string, Statement> {
  const raw = resource.inputs[field];
  assert.equal(typeof raw, "string", `${resource.type} ${resource.name}.${field} is a JSON document`);
  const doc = JSON.parse(raw as string) as { Version: string; Statement: Statement[] };
  assert.equal(doc.Version, "2012-10-17");
  const bySid: Record<string, Statement> = {};
  for (const s of doc.Statement) {
    assert.ok(s.Sid, "every statement has a Sid");
    assert.ok(!(s.Sid in bySid), `Sid ${s.Sid} is unique`);
    bySid[s.Sid] = s;
  }
  return bySid;
}

/** True when `from` waits for `to`: directly or through other resources it depends on. */
export function dependsOn(run: ProgramRun, from: RecordedResource, to: RecordedResource): boolean {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const seen = new Set<string>();
  const stack = [...from.dependencies];
  while (stack.length > 0) {
    const urn = stack.pop() as string;
    if (urn === to.urn) {
      return true;
    }
    if (seen.has(urn)) {
      continue;
    }
    seen.add(urn);
    stack.push(...(byUrn.get(urn)?.dependencies ?? []));
  }
  return false;
}

/** The only resource of a type whose name matches. */
export function only(run: ProgramRun, type: string, name: RegExp | string): RecordedResource {
  const found = run.ofType(type).filter((r) => (typeof name === "string" ? r.name === name : name.test(r.name)));
  assert.equal(found.length, 1, `exactly one ${type} named ${String(name)}`);
  return found[0];
}
