/**
 * The audit's checks: one per control of the catalog, in catalog order, each the domain rule of that control
 * (policy-pack/domain/rules) judging the state fromAws builds. What a check adds is which facts it needs, so the audit
 * only makes the calls the selected CIS version's controls need.
 */
import { CisVersion, PolicyName, controlId, controls } from "../../policy-pack/controls";
import type { Need } from "../data";

export interface Check {
  readonly policy: PolicyName;
  readonly needs: readonly Need[];
}

const NEEDS: Readonly<Record<PolicyName, readonly Need[]>> = {
  "cloudtrail-multi-region-enabled": ["trails", "trailStatus", "trailSelectors"],
  "cloudtrail-log-file-validation-enabled": ["trails"],
  "cloudtrail-bucket-not-public": ["trails", "bucketPublicAccess"],
  "cloudtrail-cloudwatch-logs-enabled": ["trails", "trailStatus"],
  "config-enabled-all-regions": ["config"],
  "cloudtrail-bucket-access-logging-enabled": ["trails", "bucketLogging"],
  "cloudtrail-kms-encryption-enabled": ["trails"],
  "kms-key-rotation-enabled": ["keys"],
  "vpc-flow-logs-enabled": ["network"],
  "cloudtrail-s3-data-events-write-enabled": ["trails", "trailStatus", "trailSelectors"],
  "cloudtrail-s3-data-events-read-enabled": ["trails", "trailStatus", "trailSelectors"],
};

/** Every check, in catalog order. */
export function allChecks(): readonly Check[] {
  return controls.map((c) => ({ policy: c.policy, needs: NEEDS[c.policy] }));
}

/** The checks of the controls the CIS version has (1.2.0 has no S3 data-event controls, 3.0.0 dropped two). */
export function checksFor(version: CisVersion): readonly Check[] {
  return allChecks().filter((c) => controlId(c.policy, version) !== null);
}
