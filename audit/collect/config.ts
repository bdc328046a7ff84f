/** AWS Config facts of one region: recorders, their status, delivery channels and their status. */
import {
  ConfigServiceClient,
  ConfigurationRecorder,
  ConfigurationRecorderStatus,
  DeliveryChannel,
  DeliveryChannelStatus,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
} from "@aws-sdk/client-config-service";
import { Result, attempt } from "../types";

export interface RegionConfig {
  readonly recorders: Result<readonly ConfigurationRecorder[]>;
  readonly recorderStatus: Result<readonly ConfigurationRecorderStatus[]>;
  readonly channels: Result<readonly DeliveryChannel[]>;
  /** Not asked (empty) when the region has no delivery channel. */
  readonly channelStatus: Result<readonly DeliveryChannelStatus[]>;
}

export async function collectConfig(client: ConfigServiceClient, region: string): Promise<RegionConfig> {
  const [recorders, recorderStatus, channels] = await Promise.all([
    attempt("config:DescribeConfigurationRecorders", region, async () =>
      (await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? []),
    attempt("config:DescribeConfigurationRecorderStatus", region, async () =>
      (await client.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus ?? []),
    attempt("config:DescribeDeliveryChannels", region, async () =>
      (await client.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? []),
  ]);
  const channelStatus =
    channels.ok && channels.value.length === 0
      ? { ok: true as const, value: [] }
      : await attempt("config:DescribeDeliveryChannelStatus", region, async () => {
          const answer = await client.send(new DescribeDeliveryChannelStatusCommand({}));
          if (!answer.DeliveryChannelsStatus) {
            throw new Error("DescribeDeliveryChannelStatus returned no DeliveryChannelsStatus");
          }
          return answer.DeliveryChannelsStatus;
        });
  return { recorders, recorderStatus, channels, channelStatus };
}
