/**
 * The CloudFormation template of the organization StackSet: in each member account and region, the same AWS Config
 * recorder, delivery channel and SNS topic as RegionalConfig creates in single-account mode, rendered from the same
 * description (recorderSettings.ts) and the same policy documents (policyDocuments.ts), so the two cannot drift apart
 * (test/organization/configTemplate.spec.ts).
 *
 * - The recorder starts with the stack: "AWS CloudFormation starts the recorder as soon as the delivery channel is
 *   available" (CloudFormation template reference, AWS::Config::ConfigurationRecorder,
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-configurationrecorder.html).
 * - Role: a dedicated role per stack (AWS_ConfigRole plus the delivery permissions), not AWSServiceRoleForConfig. A
 *   template cannot know whether an account already has the service-linked role, and AWS::IAM::ServiceLinkedRole fails
 *   when it exists ("has been taken in this account"); the dedicated role is what `awsConfig.role: dedicated` creates in
 *   single-account mode. It carries the stack's IAM path, so a single-account stack of this program run later in a member
 *   account is refused by its preflight (program.ts) instead of fighting the StackSet over the one recorder per region.
 * - Global IAM types in the regions `awsConfig.globalResourceTypesRegion` names, through a condition on AWS::Region.
 */
import { GLOBAL_RESOURCE_TYPE_REGIONS, GlobalResourceTypesRegion, RecordingFrequency } from "../config";
import { configTopicName } from "./naming";
import { AccountContext } from "./placement";
import { PolicyDocument, configDeliveryPolicy, configTopicPolicy, serviceTrustPolicy } from "./policyDocuments";
import { DEFAULT_CONFIG_NAME, RecorderSettings, recorderSettings } from "./recorderSettings";

export interface ConfigTemplateInput {
  readonly partition: string;
  readonly dnsSuffix: string;
  /** The trail name: it names the topic (naming.ts configTopicName), as in single-account mode. */
  readonly trailName: string;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly kmsKeyArn: string;
  readonly recordingFrequency: RecordingFrequency;
  /** The covered regions and the setting that picks those recording the global IAM types. */
  readonly regions: readonly string[];
  readonly globalResourceTypesRegion: GlobalResourceTypesRegion;
  readonly rolePath: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Wraps every string holding a `${...}` pseudo-parameter in Fn::Sub. */
function sub(value: unknown): Json {
  if (typeof value === "string") {
    return value.includes("${") ? { "Fn::Sub": value } : value;
  }
  if (Array.isArray(value)) {
    return value.map(sub);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sub(v)]));
  }
  return value as Json;
}

/** The account each stack instance runs in, as CloudFormation pseudo-parameters. */
const instanceAccount = (partition: string, dnsSuffix: string): AccountContext =>
  ({ accountId: "${AWS::AccountId}", partition, dnsSuffix, homeRegion: "${AWS::Region}" });

/** Regions whose recorder records the global IAM types (config.ts semantics, as program.ts globalResourceTypeRegions). */
export function templateGlobalRegions(regions: readonly string[], setting: GlobalResourceTypesRegion): string[] {
  return setting === "all-eligible" ? regions.filter((r) => GLOBAL_RESOURCE_TYPE_REGIONS.includes(r)) : [setting];
}

/** `AWS::Region` is one of `regions`: Fn::Or takes 2 to 10 conditions, so longer lists nest. */
function regionIsOneOf(regions: readonly string[]): Json {
  const equals = regions.map((r): Json => ({ "Fn::Equals": [{ Ref: "AWS::Region" }, r] }));
  const or = (items: Json[]): Json => {
    if (items.length === 1) {
      return items[0];
    }
    if (items.length <= 10) {
      return { "Fn::Or": items };
    }
    const chunks: Json[] = [];
    for (let i = 0; i < items.length; i += 10) {
      chunks.push(or(items.slice(i, i + 10)));
    }
    return or(chunks);
  };
  return or(equals);
}

/** CloudFormation properties of the recorder and channel from the shared settings (property names of the template reference). */
export function cfnRecorderProperties(s: RecorderSettings, includeGlobal: Json): { recorder: Record<string, Json>; channel: Record<string, Json> } {
  return {
    recorder: {
      Name: s.recorderName,
      RecordingGroup: { AllSupported: s.allSupported, IncludeGlobalResourceTypes: includeGlobal },
      RecordingMode: { RecordingFrequency: s.recordingFrequency },
    },
    channel: { Name: s.deliveryChannelName, ConfigSnapshotDeliveryProperties: { DeliveryFrequency: s.snapshotDeliveryFrequency } },
  };
}

export function configTemplate(input: ConfigTemplateInput): Record<string, Json> {
  const ctx = instanceAccount(input.partition, input.dnsSuffix);
  const topicName = configTopicName(input.trailName);
  const topicArn = `arn:${input.partition}:sns:\${AWS::Region}:\${AWS::AccountId}:${topicName}`;
  // includeGlobalResourceTypes is the one per-region setting: rendered as Fn::If on the region condition.
  const settings = recorderSettings({ recordingFrequency: input.recordingFrequency, includeGlobalResourceTypes: false, recorderName: DEFAULT_CONFIG_NAME });
  const props = cfnRecorderProperties(settings, { "Fn::If": ["RecordsGlobalResourceTypes", true, false] });
  const policy = (document: PolicyDocument): Json => sub(document);
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "CIS logging baseline: AWS Config recorder and delivery channel (generated by the organization stack; do not edit)",
    Conditions: { RecordsGlobalResourceTypes: regionIsOneOf(templateGlobalRegions(input.regions, input.globalResourceTypesRegion)) },
    Resources: {
      ConfigRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          Description: "AWS Config recorder role (CIS logging baseline, organization StackSet)",
          Path: input.rolePath,
          AssumeRolePolicyDocument: policy(serviceTrustPolicy(ctx, "config")),
          ManagedPolicyArns: [`arn:${input.partition}:iam::aws:policy/service-role/AWS_ConfigRole`],
          Policies: [{ PolicyName: "delivery", PolicyDocument: policy(configDeliveryPolicy(ctx, input.bucketArn, input.kmsKeyArn, topicName)) }],
        },
      },
      // AWS Config does not support encrypted topics, nor a topic in another region (RegionalConfig).
      Topic: { Type: "AWS::SNS::Topic", Properties: { TopicName: topicName } },
      TopicPolicy: {
        Type: "AWS::SNS::TopicPolicy",
        Properties: { Topics: [{ Ref: "Topic" }], PolicyDocument: policy(configTopicPolicy(ctx, topicArn)) },
      },
      Recorder: {
        Type: "AWS::Config::ConfigurationRecorder",
        Properties: { ...props.recorder, RoleARN: { "Fn::GetAtt": ["ConfigRole", "Arn"] } },
      },
      DeliveryChannel: {
        Type: "AWS::Config::DeliveryChannel",
        // A channel needs a recorder (NoAvailableConfigurationRecorderException), as in RegionalConfig.
        DependsOn: ["Recorder", "TopicPolicy"],
        Properties: { ...props.channel, S3BucketName: input.bucketName, S3KmsKeyArn: input.kmsKeyArn, SnsTopicARN: { Ref: "Topic" } },
      },
    },
  };
}
