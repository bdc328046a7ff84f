import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigAdoption, RecordingFrequency } from "../config";
import { AccountContext, RegionPlacement } from "./placement";
import { configTopicPolicy, toJson } from "./policyDocuments";
import { DEFAULT_CONFIG_NAME, deliveryChannelArgs, recorderArgs, recorderSettings } from "./recorderSettings";

export { DEFAULT_CONFIG_NAME } from "./recorderSettings";

export interface RegionalConfigArgs {
  /** The region and its explicit provider (never the default provider). */
  readonly placement: RegionPlacement;
  readonly account: AccountContext;
  /** The Config role (service-linked or dedicated), created once per account. */
  readonly roleArn: pulumi.Input<string>;
  /** The role's permissions (ConfigServiceRole.ready): the recorder waits for them. */
  readonly roleReady: readonly pulumi.Resource[];
  /** The central trail bucket in the home region (Config supports cross-region delivery channels). */
  readonly bucketName: pulumi.Input<string>;
  /** The bucket's policy (and the rest of its configuration): Config checks its access on PutDeliveryChannel. */
  readonly bucketReady: pulumi.Resource;
  /** The baseline key, in the bucket's region as PutDeliveryChannel requires. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Topic name, the same in every region (SNS names are regional). */
  readonly topicName: string;
  readonly recordingFrequency: RecordingFrequency;
  /**
   * Whether this region's recorder includes the global IAM resource types (config
   * `awsConfig.globalResourceTypesRegion`; only regions in GLOBAL_RESOURCE_TYPE_REGIONS can).
   */
  readonly includeGlobalResourceTypes: boolean;
  /** An existing recorder and delivery channel to take over instead of creating new ones. */
  readonly adopt?: ConfigAdoption;
}

/**
 * AWS Config in one region (CIS 1.2.0 2.5): a recorder of all supported resource types, a delivery channel to
 * the central bucket and to this region's SNS topic, and the recorder started.
 *
 * Global resource types (IAM) are recorded in one region (`awsConfig.globalResourceTypesRegion`, default the home
 * region) or in every covered region that can: recording them everywhere multiplies configuration items, and
 * regions launched after February 2022 cannot record them (AWS Config DG, "Recording global resources").
 * AWS allows one recorder and one delivery channel per region; `adopt` reuses existing ones by name
 * (PutConfigurationRecorder and PutDeliveryChannel update a recorder or channel of the same name in place).
 */
export class RegionalConfig extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;
  readonly topicPolicy: aws.sns.TopicPolicy;
  readonly recorder: aws.cfg.Recorder;
  readonly deliveryChannel: aws.cfg.DeliveryChannel;
  readonly recorderStatus: aws.cfg.RecorderStatus;
  readonly recorderName: string;
  readonly deliveryChannelName: string;

  constructor(name: string, args: RegionalConfigArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:config:RegionalConfig", name, {}, opts);
    const p = args.placement;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: p.provider };
    // The same settings the organization StackSet's template renders (components/recorderSettings.ts).
    const settings = recorderSettings({
      recordingFrequency: args.recordingFrequency,
      includeGlobalResourceTypes: args.includeGlobalResourceTypes,
      recorderName: args.adopt?.recorderName ?? DEFAULT_CONFIG_NAME,
      deliveryChannelName: args.adopt?.deliveryChannelName ?? DEFAULT_CONFIG_NAME,
    });
    this.recorderName = settings.recorderName;
    this.deliveryChannelName = settings.deliveryChannelName;
    // In shared-provider mode the import ID names the region (RegionPlacement.importId).
    const importIf = (id: string): pulumi.CustomResourceOptions => (args.adopt?.import ? { import: p.importId(id) } : {});
    // Recorder, channel, status and topic have fixed names: a replacement must delete the old one first. With the
    // default create-before-delete, the Put would update the live recorder (or CreateTopic return the live topic)
    // and "delete original" would then remove it, leaving the region unrecorded (pulumi "deleteBeforeReplace").
    const fixedName: pulumi.CustomResourceOptions = { ...child, deleteBeforeReplace: true };

    // AWS Config does not support encrypted SNS topics, nor a topic in another region (Config DG
    // "Permissions for the Amazon SNS Topic"): one plain topic per region.
    this.topic = new aws.sns.Topic(`${name}-topic`, p.regional<aws.sns.TopicArgs>({ name: args.topicName }), fixedName);
    this.topicPolicy = new aws.sns.TopicPolicy(`${name}-topic-policy`, p.regional<aws.sns.TopicPolicyArgs>({
      arn: this.topic.arn,
      policy: this.topic.arn.apply((arn) => toJson(configTopicPolicy(args.account, arn))),
    }), child);

    this.recorder = new aws.cfg.Recorder(`${name}-recorder`, p.regional<aws.cfg.RecorderArgs>({
      ...recorderArgs(settings),
      roleArn: args.roleArn,
    }), { ...fixedName, ...importIf(this.recorderName), dependsOn: [...args.roleReady] });

    // Order AWS requires: a channel needs a recorder (NoAvailableConfigurationRecorderException), starting
    // the recorder needs a channel (NoAvailableDeliveryChannelException); destroy runs in reverse, so the
    // recorder is stopped before its channel is deleted (LastDeliveryChannelDeleteFailedException).
    this.deliveryChannel = new aws.cfg.DeliveryChannel(`${name}-channel`, p.regional<aws.cfg.DeliveryChannelArgs>({
      ...deliveryChannelArgs(settings),
      s3BucketName: args.bucketName,
      s3KmsKeyArn: args.kmsKeyArn,
      snsTopicArn: this.topic.arn,
    }), { ...fixedName, ...importIf(this.deliveryChannelName), dependsOn: [this.recorder, this.topicPolicy, args.bucketReady] });

    this.recorderStatus = new aws.cfg.RecorderStatus(`${name}-status`, p.regional<aws.cfg.RecorderStatusArgs>({
      name: this.recorder.name,
      isEnabled: true,
    }), { ...fixedName, dependsOn: [this.deliveryChannel] });

    this.registerOutputs({ recorderName: this.recorder.name, deliveryChannelName: this.deliveryChannel.name });
  }
}
