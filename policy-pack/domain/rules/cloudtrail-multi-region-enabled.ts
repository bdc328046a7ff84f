/** CIS 1.2.0 2.1 / Security Hub CloudTrail.1: a multi-region trail, logging, records all read and write management events. */
import { managementEvents } from "../selectors";
import { expect } from "../verdict";
import type { Judgement } from "../verdict";
import type { Rule } from "./rule";
import { oneTrailQualifies } from "./trails";

export const cloudtrailMultiRegionEnabled: Rule = {
  policy: "cloudtrail-multi-region-enabled",
  evaluate(state) {
    return [oneTrailQualifies(this.policy, state, (t): Judgement[] => [
      expect(t.multiRegion, (v) => v, "trail.notMultiRegion", "it is a single-region trail"),
      expect(t.globalServiceEvents, (v) => v, "trail.noGlobalServiceEvents", "it does not include global service events"),
      expect(t.logging, (v) => v, "trail.notLogging", "it is not logging"),
      t.selectors.kind === "known" ? managementEvents(t.selectors.value) : expect(t.selectors, () => true, "trail.managementEvents.missing", ""),
    ])];
  },
};
