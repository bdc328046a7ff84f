/**
 * The compliant organization stack (issue 12, outputs), in the shapes the resource contract of `mode: organization`
 * names: the compliant single-account stack with its trail made the organization trail, a service-managed StackSet of
 * AWS Config recorders with one instance per region of the stack, an organization aggregator over all regions and an
 * organization telemetry rule for VPC flow logs. Each test changes one thing.
 */
import { account, compliantStack, home, other, patched, trailType } from "./fixtures";
import { StackResourceInput, urnOf } from "./harness";

export const stackSetType = "aws:cloudformation/stackSet:StackSet";
export const instanceType = "aws:cloudformation/stackSetInstance:StackSetInstance";
export const aggregatorType = "aws:cfg/configurationAggregator:ConfigurationAggregator";
export const telemetryOrgRuleType = "aws:observabilityadmin/telemetryRuleForOrganization:TelemetryRuleForOrganization";

const provider = { name: `aws-${home}`, region: home };
export const stackSetName = "cis-logging-config-recorders";

/** A CloudFormation template with the recorder and its delivery channel (JSON, as the program renders it). */
export const recorderTemplate = JSON.stringify({
  AWSTemplateFormatVersion: "2010-09-09",
  Resources: {
    Recorder: { Type: "AWS::Config::ConfigurationRecorder", Properties: { RecordingGroup: { AllSupported: true } } },
    Channel: { Type: "AWS::Config::DeliveryChannel", Properties: { S3BucketName: "org-config-bucket", SnsTopicARN: `arn:aws:sns:${home}:${account}:config` } },
  },
});

export function stackSet(props: Record<string, unknown> = {}): StackResourceInput {
  return {
    type: stackSetType, name: "config-stackset", urn: urnOf(stackSetType, "config-stackset"), provider,
    props: patched({
      name: stackSetName, permissionModel: "SERVICE_MANAGED", autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      templateBody: recorderTemplate, capabilities: ["CAPABILITY_NAMED_IAM"], region: home,
      arn: `arn:aws:cloudformation:${home}:${account}:stackset/${stackSetName}:0000`,
    }, props),
  };
}

export const instanceName = (region: string): string => `config-stackset-${region}`;

export function instance(region: string, props: Record<string, unknown> = {}): StackResourceInput {
  return {
    type: instanceType, name: instanceName(region), urn: urnOf(instanceType, instanceName(region)), provider,
    propertyDependencies: { stackSetName: [urnOf(stackSetType, "config-stackset")] },
    props: patched({
      stackSetName, stackSetInstanceRegion: region, region,
      deploymentTargets: { organizationalUnitIds: ["r-ab12"] }, callAs: "SELF",
    }, props),
  };
}

export function aggregator(props: Record<string, unknown> = {}): StackResourceInput {
  return {
    type: aggregatorType, name: "org-aggregator", urn: urnOf(aggregatorType, "org-aggregator"), provider,
    props: patched({
      name: "cis-logging-organization", region: home,
      organizationAggregationSource: { allRegions: true, roleArn: `arn:aws:iam::${account}:role/config-aggregator` },
      arn: `arn:aws:config:${home}:${account}:config-aggregator/config-aggregator-0001`,
    }, props),
  };
}

export function telemetryOrgRule(rule: Record<string, unknown> = {}): StackResourceInput {
  return {
    type: telemetryOrgRuleType, name: "org-flow-logs", urn: urnOf(telemetryOrgRuleType, "org-flow-logs"), provider,
    props: {
      ruleName: "cis-logging-vpc-flow-logs", region: home,
      rule: patched({ resourceType: "AWS::EC2::VPC", telemetryType: "Logs", telemetrySourceTypes: ["VPC_FLOW_LOGS"], allRegions: true,
        destinationConfiguration: { destinationType: "cloud-watch-logs", retentionInDays: 365 } }, rule),
    },
  };
}

/** The compliant single-account stack with its trail turned into the organization trail, plus the organization mechanisms. */
export function organizationStack(): StackResourceInput[] {
  return [
    ...compliantStack().map((r) => (r.type === trailType ? { ...r, props: { ...r.props, isOrganizationTrail: true } } : r)),
    stackSet(),
    instance(home),
    instance(other),
    aggregator(),
    telemetryOrgRule(),
  ];
}

/** The organization stack with resource `name` replaced (null removes it). */
export function replaced(stackInputs: readonly StackResourceInput[], name: string, replacement: StackResourceInput | null): StackResourceInput[] {
  if (!stackInputs.some((r) => r.name === name)) {
    throw new Error(`fixture has no resource named ${name}`);
  }
  return stackInputs.flatMap((r) => (r.name === name ? (replacement ? [replacement] : []) : [r]));
}
