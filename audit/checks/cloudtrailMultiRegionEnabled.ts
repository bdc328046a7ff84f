/**
 * CIS 2.1 (1.2.0) / 3.1 / 4.1: a multi-region trail that is logging (IsLogging from GetTrailStatus) and
 * records all read and write management events. Account-wide: one finding.
 */
import type { Check } from "../data";
import { ApiFailure } from "../types";
import { Candidate, accountVerdict } from "./common";
import { logsAllManagementEvents } from "./selectors";

export const cloudtrailMultiRegionEnabled: Check = {
  policy: "cloudtrail-multi-region-enabled",
  needs: ["trails", "trailStatus", "trailSelectors"],
  evaluate(data) {
    const candidates: Candidate[] = data.trails.map((trail) => {
      if (!trail.isMultiRegion) {
        return { trail, reasons: ["single-region"], failures: [] };
      }
      const details = data.trailDetails.get(trail.arn);
      const reasons: string[] = [];
      const failures: ApiFailure[] = [];
      if (!details) {
        throw new Error(`no details were collected for trail ${trail.arn}`);
      }
      if (!details.status.ok) {
        failures.push(details.status.error);
      } else if (!details.status.value.isLogging) {
        reasons.push("not logging");
      }
      if (!details.selectors.ok) {
        failures.push(details.selectors.error);
      } else if (!logsAllManagementEvents(details.selectors.value)) {
        reasons.push("does not record all read and write management events");
      }
      return { trail, reasons, failures: reasons.length > 0 ? [] : failures };
    });
    return [
      accountVerdict(
        "cloudtrail-multi-region-enabled",
        data,
        candidates,
        "is multi-region, logging, and records all read and write management events",
      ),
    ];
  },
};
