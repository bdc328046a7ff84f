/**
 * Facts about the AWS mechanisms that keep an account green between two deploys (issue 10, config key
 * `continuousCoverage`): the AWS Config managed rules that match the logging controls, the AWS Systems Manager
 * runbooks that remediate two of them, CloudWatch telemetry rules for VPC flow logs, and (coverageRegions.ts) the
 * regions where AWS offers each. They live in policy-pack/ for the reason awsFacts.ts does: the pack runs from this directory alone,
 * and the program (components/continuousCoverage/*) and the pack must read the same facts.
 *
 * Every fact names the AWS page it was checked against. Where the stored copy of a page could not be read in full,
 * or AWS does not document something, the comment says so; nothing here is guessed silently.
 */
import type { PolicyName } from "./controls";
import { AWS_CONFIG_REGIONS, CONFIG_REMEDIATION_AVAILABILITY, TELEMETRY_RULE_AVAILABILITY } from "./coverageRegions";

/** `continuousCoverage`: how new VPCs and keys get covered between deploys. */
export type ContinuousCoverageMode = "off" | "telemetryRule" | "configRemediation";
export { AWS_CONFIG_REGIONS, CONFIG_REMEDIATION_AVAILABILITY, TELEMETRY_RULE_AVAILABILITY, TELEMETRY_RULE_DESTINATION_TYPES } from "./coverageRegions";
export type { RegionAvailability } from "./coverageRegions";

/**
 * MaximumExecutionFrequency of a periodic rule: "One_Hour | Three_Hours | Six_Hours | Twelve_Hours | TwentyFour_Hours"
 * (AWS Config API reference, ConfigRule, https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html).
 */
export type EvaluationFrequency = "One_Hour" | "Three_Hours" | "Six_Hours" | "Twelve_Hours" | "TwentyFour_Hours";

/** An AWS Config managed rule as its page in the AWS Config Developer Guide describes it. */
export interface ManagedRuleFact {
  /** AWS's name of the rule (the page's title). */
  readonly name: string;
  /** The source identifier an aws.cfg.Rule with owner AWS takes. */
  readonly identifier: string;
  readonly source: string;
  /** "Periodic" or "Configuration changes". */
  readonly trigger: "Periodic" | "Configuration changes";
  /** Regions the page leaves out of "All supported AWS regions" (AWS_CONFIG_REGIONS). */
  readonly unavailableIn: readonly string[];
  /** The controls of this project whose state the rule reports. */
  readonly controls: readonly PolicyName[];
  /** The documented optional parameters this project sets, with the value (Config takes parameters as strings). */
  readonly parameters: Readonly<Record<string, string>>;
  /**
   * How often this project has AWS Config run the rule (a choice, not an AWS fact; every evaluation is billed, README
   * "Cost notes"). A VPC without a flow log loses traffic records for good, so vpc-flow-logs-enabled runs hourly and a
   * VPC created between deploys gets its flow log within about an hour; rotation turned on a day late loses nothing
   * (KMS rotates a year after it is enabled), and the detection rules only report what the next `pulumi up` fixes, so
   * those run daily, AWS Config's default for periodic rules.
   */
  readonly evaluationFrequency: EvaluationFrequency;
}

/**
 * vpc-flow-logs-enabled (https://docs.aws.amazon.com/config/latest/developerguide/vpc-flow-logs-enabled.html):
 * "Checks if Amazon Virtual Private Cloud (Amazon VPC) flow logs are found and enabled for all Amazon VPCs";
 * Identifier VPC_FLOW_LOGS_ENABLED, Resource Types AWS::EC2::VPC, Trigger type Periodic, all supported regions; one
 * optional parameter, trafficType. It is left unset on purpose: then any flow log makes a VPC compliant, so the
 * remediation runs only for VPCs with no flow log at all and never adds a second one beside an existing flow log of
 * another traffic type (which traffic types pass is the audit's question: policy-pack/domain).
 */
export const VPC_FLOW_LOGS_RULE: ManagedRuleFact = {
  name: "vpc-flow-logs-enabled",
  identifier: "VPC_FLOW_LOGS_ENABLED",
  source: "https://docs.aws.amazon.com/config/latest/developerguide/vpc-flow-logs-enabled.html",
  trigger: "Periodic",
  unavailableIn: [],
  controls: ["vpc-flow-logs-enabled"],
  parameters: {},
  evaluationFrequency: "One_Hour",
};

/**
 * cmk-backing-key-rotation-enabled (https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html):
 * Identifier CMK_BACKING_KEY_ROTATION_ENABLED, Resource Types AWS::KMS::Key, Periodic, all supported regions, no
 * parameters. "Automatic key rotation is not supported for asymmetric KMS keys, HMAC KMS keys, KMS keys with imported
 * key material, or KMS keys in custom key stores."
 */
export const KEY_ROTATION_RULE: ManagedRuleFact = {
  name: "cmk-backing-key-rotation-enabled",
  identifier: "CMK_BACKING_KEY_ROTATION_ENABLED",
  source: "https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html",
  trigger: "Periodic",
  unavailableIn: [],
  controls: ["kms-key-rotation-enabled"],
  parameters: {},
  evaluationFrequency: "TwentyFour_Hours",
};

/**
 * The managed rules that detect the other logging controls (no remediation: the program itself fixes these on the next
 * `pulumi up`, and a runbook rewriting the trail or its bucket would fight the stack).
 */
export const DETECTION_RULES: readonly ManagedRuleFact[] = [
  {
    // https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html: "Checks if there is
    // at least one multi-region AWS CloudTrail"; NON_COMPLIANT if ExcludeManagementEventSources is not empty; Periodic;
    // all supported regions. readWriteType "Valid values are ReadOnly, WriteOnly and ALL": ALL, as CIS 2.1 and Security
    // Hub CloudTrail.1 require read and write management events.
    name: "multi-region-cloudtrail-enabled",
    identifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED",
    source: "https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html",
    trigger: "Periodic",
    unavailableIn: [],
    controls: ["cloudtrail-multi-region-enabled"],
    parameters: { readWriteType: "ALL" },
    evaluationFrequency: "TwentyFour_Hours",
  },
  {
    // https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-log-file-validation-enabled.html: Resource
    // Types AWS::CloudTrail::Trail, Periodic, all supported regions, no parameters.
    name: "cloud-trail-log-file-validation-enabled",
    identifier: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
    source: "https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-log-file-validation-enabled.html",
    trigger: "Periodic",
    unavailableIn: [],
    controls: ["cloudtrail-log-file-validation-enabled"],
    parameters: {},
    evaluationFrequency: "TwentyFour_Hours",
  },
  {
    // https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-cloud-watch-logs-enabled.html: NON_COMPLIANT
    // "if the CloudWatchLogsLogGroupArn property of the trail is empty"; Periodic; all supported regions; optional
    // expectedDeliveryWindowAge, "Maximum age in hours of the most recent delivery to CloudWatch logs that satisfies
    // compliance": 24, the freshness this project and Prowler require (COMPLIANCE.md).
    name: "cloud-trail-cloud-watch-logs-enabled",
    identifier: "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
    source: "https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-cloud-watch-logs-enabled.html",
    trigger: "Periodic",
    unavailableIn: [],
    controls: ["cloudtrail-cloudwatch-logs-enabled"],
    parameters: { expectedDeliveryWindowAge: "24" },
    evaluationFrequency: "TwentyFour_Hours",
  },
  {
    // https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-encryption-enabled.html: "COMPLIANT if the
    // KmsKeyId is defined"; Periodic; all supported regions; no parameters.
    name: "cloud-trail-encryption-enabled",
    identifier: "CLOUD_TRAIL_ENCRYPTION_ENABLED",
    source: "https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-encryption-enabled.html",
    trigger: "Periodic",
    unavailableIn: [],
    controls: ["cloudtrail-kms-encryption-enabled"],
    parameters: {},
    evaluationFrequency: "TwentyFour_Hours",
  },
  {
    // https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-access-logging.html: "NON_COMPLIANT
    // if at least one S3 bucket for a CloudTrail trail does not have S3 server access logging enabled"; Periodic; "All
    // supported AWS regions except Asia Pacific (New Zealand), Asia Pacific (Thailand), Asia Pacific (Malaysia), Mexico
    // (Central), Asia Pacific (Taipei), Canada West (Calgary)".
    name: "cloudtrail-s3-bucket-access-logging",
    identifier: "CLOUDTRAIL_S3_BUCKET_ACCESS_LOGGING",
    source: "https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-access-logging.html",
    trigger: "Periodic",
    unavailableIn: ["ap-southeast-6", "ap-southeast-7", "ap-southeast-5", "mx-central-1", "ap-east-2", "ca-west-1"],
    controls: ["cloudtrail-bucket-access-logging-enabled"],
    parameters: {},
    evaluationFrequency: "TwentyFour_Hours",
  },
  {
    // https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-public-access-prohibited.html:
    // "NON_COMPLIANT if at least one S3 bucket for a CloudTrail trail is publicly accessible"; Periodic; "All supported
    // AWS regions except Asia Pacific (Thailand), Asia Pacific (Malaysia), Mexico (Central), Asia Pacific (Taipei), Canada
    // West (Calgary)".
    name: "cloudtrail-s3-bucket-public-access-prohibited",
    identifier: "CLOUDTRAIL_S3_BUCKET_PUBLIC_ACCESS_PROHIBITED",
    source: "https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-public-access-prohibited.html",
    trigger: "Periodic",
    unavailableIn: ["ap-southeast-7", "ap-southeast-5", "mx-central-1", "ap-east-2", "ca-west-1"],
    controls: ["cloudtrail-bucket-not-public"],
    parameters: {},
    evaluationFrequency: "TwentyFour_Hours",
  },
];

/**
 * AWS Config itself has no managed rule: a rule only runs where a recorder runs, Security Hub's Config.1 is "AWS Config
 * rule: None (custom Security Hub CSPM rule)" (https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html),
 * and AWS's CIS conformance packs record "Ensure AWS Config is enabled in all Regions" only as a manual process check
 * (AWS_CONFIG_PROCESS_CHECK, https://docs.aws.amazon.com/config/latest/developerguide/How-to-create-a-Process-Check-Rule.html). So the
 * continuous modes deploy nothing for it; the audit and Security Hub judge it.
 */
export const CONFIG_ITSELF_HAS_NO_MANAGED_RULE = {
  control: "config-enabled-all-regions" as PolicyName,
  sources: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html",
    "https://docs.aws.amazon.com/config/latest/developerguide/How-to-create-a-Process-Check-Rule.html",
  ],
} as const;

/** A parameter of an AWS-owned Systems Manager Automation runbook, as its reference page lists it. */
export interface RunbookParameter {
  readonly name: string;
  readonly required: boolean;
}

/** An AWS-owned Automation runbook as the Automation runbook reference describes it. */
export interface RunbookFact {
  readonly documentName: string;
  readonly source: string;
  readonly parameters: readonly RunbookParameter[];
  /** "Required IAM permissions" as the page lists them for the AutomationAssumeRole. */
  readonly documentedPermissions: readonly string[];
}

/**
 * AWSSupport-EnableVPCFlowLogs (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-vpc-flowlogs.html):
 * "creates Amazon Virtual Private Cloud (Amazon VPC) Flow Logs for subnets, network interfaces, and VPCs", to a
 * CloudWatch Logs log group or an S3 bucket. It is the runbook for a VPC without a flow log: the two
 * AWSConfigRemediation-EnableVPCFlowLogsTo* runbooks take a FlowLogId and replace an existing flow log
 * (automation-aws-enable-flow-logs-cw.html, automation-aws-enable-flow-logs-s3.html), and the name AWS-EnableVPCFlowLogs
 * found in blog posts is not in AWS's runbook reference (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-ref-vpc.html).
 * It has no parameter for the S3 destination options (file format, Hive-compatible prefixes, hourly partitions).
 */
export const FLOW_LOG_RUNBOOK: RunbookFact = {
  documentName: "AWSSupport-EnableVPCFlowLogs",
  source: "https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-vpc-flowlogs.html",
  parameters: [
    { name: "AutomationAssumeRole", required: false },
    { name: "DeliverLogsPermissionArn", required: false },
    { name: "LogDestinationARN", required: false },
    { name: "LogDestinationType", required: true },
    { name: "LogFormat", required: false },
    { name: "LogGroupName", required: false },
    { name: "ResourceIds", required: true },
    { name: "TrafficType", required: true },
  ],
  documentedPermissions: [
    "ssm:StartAutomationExecution", "ssm:GetAutomationExecution", "ec2:CreateFlowLogs", "ec2:DeleteFlowLogs",
    "ec2:DescribeFlowLogs", "iam:AttachRolePolicy", "iam:CreateRole", "iam:CreatePolicy", "iam:DeletePolicy",
    "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:GetPolicy", "iam:GetRole", "iam:TagRole", "iam:PassRole",
    "iam:PutRolePolicy", "iam:UpdateRole", "logs:CreateLogDelivery", "logs:CreateLogGroup", "logs:DeleteLogDelivery",
    "logs:DeleteLogGroup", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "s3:GetBucketLocation", "s3:GetBucketAcl",
    "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicyStatus", "s3:ListBucket", "s3:PutObject",
  ],
};

/**
 * AWSConfigRemediation-EnableKeyRotation (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-key-rotation.html):
 * "enables automatic key rotation for the symmetric AWS Key Management Service (AWS KMS) customer master key (CMK)";
 * parameters AutomationAssumeRole and KeyId, both required.
 */
export const KEY_ROTATION_RUNBOOK: RunbookFact = {
  documentName: "AWSConfigRemediation-EnableKeyRotation",
  source: "https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-key-rotation.html",
  parameters: [
    { name: "AutomationAssumeRole", required: true },
    { name: "KeyId", required: true },
  ],
  documentedPermissions: ["ssm:StartAutomationExecution", "ssm:GetAutomationExecution", "kms:EnableKeyRotation", "kms:GetKeyRotationStatus"],
};

/**
 * "For automatic remediation configuration, the only valid assumeRole field value is AutomationAssumeRole and you need
 * to provide a value for AutomationAssumeRole" (AWS Config API reference, PutRemediationConfigurations,
 * https://docs.aws.amazon.com/config/latest/APIReference/API_PutRemediationConfigurations.html).
 */
export const AUTOMATION_ASSUME_ROLE_PARAMETER = "AutomationAssumeRole";

/** The managed rules a mode deploys in every covered region (none in `off`). */
export function managedRulesFor(mode: ContinuousCoverageMode): ManagedRuleFact[] {
  switch (mode) {
    case "off":
      return [];
    case "telemetryRule":
      return [KEY_ROTATION_RULE, ...DETECTION_RULES];
    case "configRemediation":
      return [VPC_FLOW_LOGS_RULE, KEY_ROTATION_RULE, ...DETECTION_RULES];
  }
}

/** Whether AWS offers a managed rule in a region (its page: all regions AWS Config supports, less the exceptions). */
export function managedRuleAvailableIn(rule: ManagedRuleFact, region: string): boolean {
  return AWS_CONFIG_REGIONS.includes(region) && !rule.unavailableIn.includes(region);
}

/** Something a mode needs in a region that AWS does not offer there, with the page that says so. */
export interface CoverageGap {
  readonly what: string;
  readonly source: string;
}

/** What a mode needs in `region` that AWS does not offer there (empty: the mode can run there). */
export function coverageGaps(mode: ContinuousCoverageMode, region: string): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  if (mode === "off") {
    return gaps;
  }
  if (mode === "telemetryRule" && !TELEMETRY_RULE_AVAILABILITY.regions.includes(region)) {
    gaps.push({ what: TELEMETRY_RULE_AVAILABILITY.what, source: TELEMETRY_RULE_AVAILABILITY.source });
  }
  // Both modes remediate key rotation through AWS Config.
  if (!CONFIG_REMEDIATION_AVAILABILITY.regions.includes(region)) {
    gaps.push({ what: CONFIG_REMEDIATION_AVAILABILITY.what, source: CONFIG_REMEDIATION_AVAILABILITY.source });
  }
  for (const rule of managedRulesFor(mode)) {
    if (!managedRuleAvailableIn(rule, region)) {
      gaps.push({ what: `the AWS Config managed rule ${rule.name}`, source: rule.source });
    }
  }
  return gaps;
}
