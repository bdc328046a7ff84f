/**
 * The one place the audit maps the domain's verdicts onto its findings (control-model.md §2.7):
 * pass → pass; fail → fail (exit 1); unknown → error ("could not be judged", exit 2); notJudgedHere → not-judged
 * (exit 0); notApplicable → no finding, unless the verdict carries a checker note (then not-judged, so the note
 * is seen). Messages name the subject, say what is wrong and how to fix it through the AWS API; the report adds
 * the component of this project that fixes it (the catalog's fixedBy).
 */
import { remedyFor } from "../../policy-pack/domain/remedies";
import type { Note, Verdict } from "../../policy-pack/domain/verdict";
import type { Finding } from "../types";

const GLOBAL = "global";

const noteText = (notes: readonly Note[]): string =>
  notes.length === 0 ? "" : ` Note: ${notes.map((n) => n.text).join("; ")}.`;

export function toFinding(v: Verdict): Finding | null {
  const base = { policy: v.policy, region: v.subject.region ?? GLOBAL, resource: v.subject.ref } as const;
  switch (v.status) {
    case "pass":
      return { ...base, status: "pass", message: `${v.subject.label} complies.${noteText(v.notes)}` };
    case "fail": {
      const fixes = [...new Set(v.gaps.map((g) => remedyFor(g.code).aws))];
      const unknown = v.unknowns.length > 0 ? ` Also could not be judged: ${v.unknowns.join("; ")}.` : "";
      return {
        ...base,
        status: "fail",
        message: `${v.subject.label}: ${v.gaps.map((g) => g.problem).join("; ")}. Fix: ${fixes.join("; ")}.${unknown}${noteText(v.notes)}`,
      };
    }
    case "unknown":
      return { ...base, status: "error", message: `${v.subject.label}: could not be judged: ${v.unknowns.join("; ")}` };
    case "notJudgedHere":
      return { ...base, status: "not-judged", message: `${v.subject.label}: not judged here: ${v.reason ?? ""}.${noteText(v.notes)}` };
    case "notApplicable":
      return v.notes.length > 0
        ? { ...base, status: "not-judged", message: `${v.subject.label}: not applicable: ${v.reason ?? ""}.${noteText(v.notes)}` }
        : null;
  }
}

export function toFindings(verdicts: readonly Verdict[]): Finding[] {
  return verdicts.flatMap((v) => {
    const f = toFinding(v);
    return f ? [f] : [];
  });
}
