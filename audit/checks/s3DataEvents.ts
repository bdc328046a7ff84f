/** The shared judgement of the two S3 data-event controls: a multi-region, logging trail that records them. */
import type { PolicyName } from "../../policy-pack/controls";
import type { AuditData } from "../data";
import { ApiFailure, Finding } from "../types";
import { Candidate, accountVerdict } from "./common";
import { DataEventKind, logsS3DataEvents } from "./selectors";

export function s3DataEventsVerdict(policy: PolicyName, kind: DataEventKind, data: AuditData): Finding[] {
  const candidates: Candidate[] = data.trails.map((trail) => {
    if (!trail.isMultiRegion) {
      return { trail, reasons: ["single-region"], failures: [] };
    }
    const details = data.trailDetails.get(trail.arn);
    if (!details) {
      throw new Error(`no details were collected for trail ${trail.arn}`);
    }
    const reasons: string[] = [];
    const failures: ApiFailure[] = [];
    if (!details.status.ok) {
      failures.push(details.status.error);
    } else if (!details.status.value.isLogging) {
      reasons.push("not logging");
    }
    if (!details.selectors.ok) {
      failures.push(details.selectors.error);
    } else if (!logsS3DataEvents(details.selectors.value, data.partition, kind)) {
      reasons.push(`no event selector records S3 object-level ${kind} events for all buckets`);
    }
    return { trail, reasons, failures: reasons.length > 0 ? [] : failures };
  });
  return [accountVerdict(policy, data, candidates, `is multi-region, logging, and records S3 object-level ${kind} events for all buckets`)];
}
