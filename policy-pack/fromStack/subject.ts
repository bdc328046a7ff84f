/** What a verdict is reported on: the resource to name (and to exempt), and what the verdict is about when it is not that resource. */
import type { Ref } from "../domain/verdict";

export interface Resource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
}

export interface Subject {
  /** The resource a finding is reported on and exempted by; undefined: the stack itself. */
  readonly resource?: Resource;
  /**
   * What the verdict is about when that is not the resource itself: "VPC vpc-1 in eu-west-1" for a VPC the program
   * discovered (reported on its RegionalFlowLogs component), "region eu-west-1" for a region's AWS Config.
   */
  readonly about?: string;
  /**
   * The cloud identities of what the verdict is about, where the stack knows them (a bucket's name and ARN, a VPC id,
   * `config:<region>`, `account:<id>`): what an exemption's `resource` names, as the audit reports it.
   */
  readonly identities?: readonly string[];
}

export const subjectOf = (r: Resource, about?: string, identities?: readonly string[]): Subject => ({
  resource: { type: r.type, name: r.name, urn: r.urn },
  ...(about !== undefined ? { about } : {}),
  ...(identities !== undefined && identities.length > 0 ? { identities } : {}),
});

/** What to report a verdict or gap on, found by what it is about. */
export interface SubjectLookup {
  of(ref: Ref): Subject | undefined;
}

/** Subjects by ref, whatever their kind: what a resource policy, which sees one resource, hands the report. */
export function subjectsByRef(subjects: ReadonlyMap<string, Subject>): SubjectLookup & { get(ref: string): Subject | undefined } {
  return { of: (ref) => subjects.get(ref.ref), get: (ref) => subjects.get(ref) };
}
