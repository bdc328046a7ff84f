/**
 * Where AWS offers the mechanisms of `continuousCoverage` (policy-pack/coverageFacts.ts, which re-exports these): the
 * regions of AWS Config, of its remediation actions and of CloudWatch telemetry rules, each list with the AWS page it
 * was checked against and what of that page could be read. Split out of coverageFacts.ts to keep each file of the pack
 * under ~300 lines.
 */

/**
 * The regions where AWS Config can be enabled, from the table "List of Supported Regions"
 * (https://docs.aws.amazon.com/config/latest/developerguide/config-region-support.html, read in full), in the page's
 * order. China is left out: the program refuses the aws-cn partition (regions.ts). "All supported AWS regions" on a
 * managed rule's page means these.
 */
export const AWS_CONFIG_REGIONS: readonly string[] = [
  "us-east-2", "us-east-1", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3",
  "ap-southeast-5", "ap-southeast-4", "ap-south-1", "ap-southeast-6", "ap-northeast-3", "ap-northeast-2",
  "ap-southeast-1", "ap-southeast-2", "ap-east-2", "ap-southeast-7", "ap-northeast-1", "ca-central-1", "ca-west-1",
  "eu-central-1", "eu-west-1", "eu-west-2", "eu-south-1", "eu-west-3", "eu-south-2", "eu-north-1", "eu-central-2",
  "il-central-1", "mx-central-1", "me-south-1", "me-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1",
];

/** A region list checked against an AWS page, with what of it was actually read there. */
export interface RegionAvailability {
  /** What is available, in the page's words. */
  readonly what: string;
  /** The page the list comes from. */
  readonly source: string;
  /** The regions where AWS offers it (an allow-list: a region not listed is refused before deployment). */
  readonly regions: readonly string[];
  /** How the list was established, and what of it AWS does not say or this project could not read. */
  readonly provenance: string;
}

/**
 * AWS Config remediation actions (RemediationConfiguration), "Region Support" table of "Remediating Noncompliant
 * Resources with AWS Config" (https://docs.aws.amazon.com/config/latest/developerguide/remediation.html#region-support-config-remediation).
 */
const REMEDIATION_READ_IN_TABLE = [
  "us-east-2", "us-east-1", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3",
  "ap-southeast-4", "ap-south-1", "ap-northeast-3", "ap-northeast-2", "ap-southeast-1",
];
/**
 * The table's rows after Asia Pacific (Singapore) could not be read here (the stored copies of the page end there). In
 * the part that was read, the table is AWS Config's region table without the two newest regions, Malaysia (launched
 * August 2024) and New Zealand: so the rest is taken as AWS Config's remaining regions without those launched after
 * Malaysia (Taipei, Thailand, Mexico). Verify at the source before relying on one of these.
 */
const REMEDIATION_PAST_READ_PART = [
  "ap-southeast-2", "ap-northeast-1", "ca-central-1", "ca-west-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-south-1",
  "eu-west-3", "eu-south-2", "eu-north-1", "eu-central-2", "il-central-1", "me-south-1", "me-central-1", "sa-east-1",
  "us-gov-east-1", "us-gov-west-1",
];
export const CONFIG_REMEDIATION_AVAILABILITY: RegionAvailability = {
  what: "AWS Config remediation actions",
  source: "https://docs.aws.amazon.com/config/latest/developerguide/remediation.html#region-support-config-remediation",
  regions: [...REMEDIATION_READ_IN_TABLE, ...REMEDIATION_PAST_READ_PART],
  provenance:
    "Read in the table up to Asia Pacific (Singapore), where Asia Pacific (Malaysia) and (New Zealand) are absent; the rows " +
    "after it could not be read here and are inferred from AWS Config's region table without the regions launched after Malaysia.",
};

/**
 * CloudWatch telemetry rules (the Observability Admin API): "Amazon CloudWatch Observability Admin endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/cwobsadmin.html).
 */
const TELEMETRY_READ_IN_TABLE = [
  "us-east-2", "us-east-1", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3",
  "ap-southeast-5", "ap-southeast-4", "ap-south-1", "ap-southeast-6", "ap-northeast-3",
];
/**
 * The endpoint table's rows after Asia Pacific (Osaka) could not be read here (the stored copies end there). The part
 * that was read is AWS Config's region table row for row, the newest regions (Malaysia, New Zealand) included, so the
 * rest is taken as AWS Config's remaining commercial regions. AWS GovCloud (US) is left out: not verified. Verify at the
 * source before relying on one of these.
 */
const TELEMETRY_PAST_READ_PART = [
  "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-east-2", "ap-southeast-7", "ap-northeast-1", "ca-central-1",
  "ca-west-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-south-1", "eu-west-3", "eu-south-2", "eu-north-1",
  "eu-central-2", "il-central-1", "mx-central-1", "me-south-1", "me-central-1", "sa-east-1",
];
export const TELEMETRY_RULE_AVAILABILITY: RegionAvailability = {
  what: "CloudWatch telemetry rules (Observability Admin)",
  source: "https://docs.aws.amazon.com/general/latest/gr/cwobsadmin.html",
  regions: [...TELEMETRY_READ_IN_TABLE, ...TELEMETRY_PAST_READ_PART],
  provenance:
    "Read in the endpoint table up to Asia Pacific (Osaka); the rows after it could not be read here and are inferred " +
    "from AWS Config's region table (commercial regions only; AWS GovCloud (US) not verified).",
};

/**
 * Telemetry rules deliver VPC flow logs to CloudWatch Logs only: TelemetryDestinationConfiguration DestinationType
 * "Valid Values: cloud-watch-logs" (https://docs.aws.amazon.com/cloudwatch/latest/observabilityadmin/API_TelemetryDestinationConfiguration.html).
 */
export const TELEMETRY_RULE_DESTINATION_TYPES: readonly string[] = ["cloud-watch-logs"];
