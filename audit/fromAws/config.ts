/**
 * AWS Config per region: customer-managed recorders (service-linked ones, which carry a servicePrincipal, are named
 * in notes only) with their status, and delivery channels with their status.
 */
import type { ConfigurationRecorder, ConfigurationRecorderStatus, DeliveryChannelStatus } from "@aws-sdk/client-config-service";
import { Fact, known, unknown } from "../../policy-pack/domain/fact";
import type { Channel, Recorder, RecorderLastStatus, RegionConfig } from "../../policy-pack/domain/state";
import type { RegionData } from "../data";
import { describeFailure } from "../types";
import { fromResult } from "./facts";

const LAST_STATUS: Readonly<Record<string, RecorderLastStatus>> = {
  success: "Success", pending: "Pending", failure: "Failure", not_applicable: "NotApplicable", notapplicable: "NotApplicable",
};

function recorderOf(r: ConfigurationRecorder, statuses: Fact<readonly ConfigurationRecorderStatus[]>, region: string): Recorder {
  const status: Fact<ConfigurationRecorderStatus | undefined> =
    statuses.kind === "known" ? known(statuses.value.find((s) => s.name === r.name)) : statuses;
  const group = r.recordingGroup;
  return {
    ref: `config:${region}:recorder/${r.name ?? "default"}`,
    name: known(r.name ?? "default"),
    // An omitted AllSupported in the API answer is false: the recorder then records a list of types.
    allSupported: known(group?.allSupported === true),
    includeGlobal: known(group?.includeGlobalResourceTypes === true),
    roleArn: known(r.roleARN ?? ""),
    recording: status.kind === "known" ? known(status.value?.recording === true) : (status as Fact<boolean>),
    lastStatus: status.kind === "known"
      ? known(status.value?.lastStatus
        ? { status: LAST_STATUS[status.value.lastStatus.toLowerCase()] ?? "Failure", ...(status.value.lastStatusChangeTime ? { since: status.value.lastStatusChangeTime } : {}) }
        : null)
      : (status as Fact<null>),
  };
}

function failedDeliveries(s: DeliveryChannelStatus | undefined): string[] {
  if (!s) {
    return [];
  }
  const parts: [string, { lastStatus?: string; lastErrorCode?: string } | undefined][] = [
    ["history", s.configHistoryDeliveryInfo], ["snapshot", s.configSnapshotDeliveryInfo], ["notification", s.configStreamDeliveryInfo],
  ];
  return parts.filter(([, info]) => info?.lastStatus?.toLowerCase() === "failure").map(([what, info]) => `${what}: ${info?.lastErrorCode ?? "failure"}`);
}

export function regionConfigOf(rd: RegionData): RegionConfig | undefined {
  const c = rd.config;
  if (!c) {
    return undefined;
  }
  const region = rd.region;
  const statuses = fromResult(c.recorderStatus);
  const channelStatuses = fromResult(c.channelStatus);
  const customer = fromResult(c.recorders, (list) => list.filter((r) => !r.servicePrincipal));
  const linked = fromResult(c.recorders, (list) => list.filter((r) => r.servicePrincipal).map((r) => r.name ?? r.servicePrincipal ?? "?"));
  return {
    region,
    ref: `config:${region}`,
    recorders: customer.kind === "known" ? known(customer.value.map((r) => recorderOf(r, statuses, region))) : (customer as Fact<never>),
    serviceLinkedRecorders: linked,
    channels: c.channels.ok
      ? known(c.channels.value.map((ch): Channel => ({
        ref: `config:${region}:channel/${ch.name ?? "default"}`,
        s3Bucket: known(ch.s3BucketName ?? null),
        snsTopic: known(ch.snsTopicARN ?? null),
        failedDeliveries: channelStatuses.kind === "known"
          ? known(failedDeliveries(channelStatuses.value.find((s) => s.name === ch.name)))
          : channelStatuses,
      })))
      : unknown(describeFailure(c.channels.error)),
  };
}
