/**
 * One description of an AWS Config recorder and its delivery channel, used twice so that both stay identical:
 * - RegionalConfig (single-account mode, and the management account in organization mode) turns it into @pulumi/aws
 *   arguments (`recorderArgs`, `deliveryChannelArgs` below);
 * - the organization StackSet's template (components/configTemplate.ts) turns it into CloudFormation properties.
 * test/organization/configTemplate.spec.ts proves both renderings carry the same values.
 */
import type { RecordingFrequency } from "../config";

/** The recorder and channel name this stack gives a region it does not adopt. */
export const DEFAULT_CONFIG_NAME = "cis-logging-baseline";

/**
 * "TwentyFour_Hours": one configuration snapshot a day (AWS Config API reference, ConfigSnapshotDeliveryProperties,
 * https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigSnapshotDeliveryProperties.html).
 */
export const SNAPSHOT_DELIVERY_FREQUENCY = "TwentyFour_Hours";

export interface RecorderSettings {
  readonly recorderName: string;
  readonly deliveryChannelName: string;
  /** CIS 1.2.0 2.5: every supported resource type. Always true. */
  readonly allSupported: true;
  readonly includeGlobalResourceTypes: boolean;
  readonly recordingFrequency: RecordingFrequency;
  readonly snapshotDeliveryFrequency: typeof SNAPSHOT_DELIVERY_FREQUENCY;
}

export interface RecorderSettingsInput {
  readonly recordingFrequency: RecordingFrequency;
  readonly includeGlobalResourceTypes: boolean;
  /** Names of an adopted recorder and channel (single-account `awsConfig.adopt`); default DEFAULT_CONFIG_NAME. */
  readonly recorderName?: string;
  readonly deliveryChannelName?: string;
}

export function recorderSettings(input: RecorderSettingsInput): RecorderSettings {
  return {
    recorderName: input.recorderName ?? DEFAULT_CONFIG_NAME,
    deliveryChannelName: input.deliveryChannelName ?? DEFAULT_CONFIG_NAME,
    allSupported: true,
    includeGlobalResourceTypes: input.includeGlobalResourceTypes,
    recordingFrequency: input.recordingFrequency,
    snapshotDeliveryFrequency: SNAPSHOT_DELIVERY_FREQUENCY,
  };
}

/** The recorder's settings as aws.cfg.Recorder arguments (without the role, which differs by account). */
export function recorderArgs(s: RecorderSettings): {
  name: string;
  recordingGroup: { allSupported: boolean; includeGlobalResourceTypes: boolean };
  recordingMode: { recordingFrequency: RecordingFrequency };
} {
  return {
    name: s.recorderName,
    recordingGroup: { allSupported: s.allSupported, includeGlobalResourceTypes: s.includeGlobalResourceTypes },
    recordingMode: { recordingFrequency: s.recordingFrequency },
  };
}

/** The channel's settings as aws.cfg.DeliveryChannel arguments (without bucket, key and topic). */
export function deliveryChannelArgs(s: RecorderSettings): { name: string; snapshotDeliveryProperties: { deliveryFrequency: string } } {
  return { name: s.deliveryChannelName, snapshotDeliveryProperties: { deliveryFrequency: s.snapshotDeliveryFrequency } };
}
