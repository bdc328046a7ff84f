/**
 * AWS Config per region in scope: the stack's recorders, recorder statuses and delivery channels, grouped by region in
 * one pass (the `region` output, else the explicit provider's region). A recorder is recording when a RecorderStatus
 * of the same region and name has isEnabled true (the Recorder resource "does not start the created recorder",
 * @pulumi/aws Recorder docs). Provider defaults: name "default"; recordingGroup.allSupported true,
 * includeGlobalResourceTypes false (RecorderRecordingGroup). Runtime state (last status, delivery failures) is the
 * audit's.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Fact, known, notVisible, unknown } from "../domain/fact";
import type { Channel, Recorder, RegionConfig } from "../domain/state";
import { factOf, flagFact, plain, referenceFact, whyNotKnown } from "./known";
import { ResourceIndex, TYPES, shortName } from "./resourceIndex";
import { Subject, subjectOf } from "./subject";

const RUNTIME = "runtime state: npm run audit reads it";

/** Resources of one type grouped by known region; those whose region is unknown are listed apart. */
function byRegion(index: ResourceIndex, type: string): { placed: Map<string, PolicyResource[]>; unplaced: string[] } {
  const placed = new Map<string, PolicyResource[]>();
  const unplaced: string[] = [];
  for (const r of index.ofType(type)) {
    const region = index.regionOf(r);
    if (region.kind === "known") {
      const list = placed.get(region.value);
      if (list) {
        list.push(r);
      } else {
        placed.set(region.value, [r]);
      }
    } else {
      unplaced.push(`the region of ${shortName(r)}: ${whyNotKnown(region)}`);
    }
  }
  return { placed, unplaced };
}

const nameOf = (r: PolicyResource): Fact<string> =>
  factOf(() => (typeof r.props.name === "string" && r.props.name.length > 0 ? r.props.name : "default"));

/** isEnabled of the statuses that start `name` (every status of the region while a name is unknown). */
function recording(name: Fact<string>, statuses: readonly PolicyResource[], unplaced: readonly string[]): Fact<boolean> {
  const names = statuses.map((s) => ({ status: s, name: nameOf(s) }));
  const mine = names.filter((s) => name.kind !== "known" || s.name.kind !== "known" || s.name.value === name.value);
  if (mine.length === 0) {
    return unplaced.length > 0 ? unknown(unplaced.join("; ")) : known(false);
  }
  const enabled = mine.map((s) => flagFact(s.status.props, "isEnabled", false));
  if (enabled.some((e) => e.kind === "known" && !e.value)) {
    return known(false);
  }
  const pending = enabled.find((e) => e.kind === "unknown");
  return pending ?? known(true);
}

function recorderOf(r: PolicyResource, statuses: readonly PolicyResource[], unplacedStatuses: readonly string[]): Recorder {
  const group = factOf(() => plain(r.props.recordingGroup) as { allSupported?: unknown; includeGlobalResourceTypes?: unknown } | undefined | null);
  const setting = (key: "allSupported" | "includeGlobalResourceTypes", defaultValue: boolean): Fact<boolean> =>
    group.kind === "known" ? known(group.value?.[key] === undefined || group.value[key] === null ? defaultValue : group.value[key] === true) : group;
  const name = nameOf(r);
  const role = referenceFact(r.props, "roleArn", (r.propertyDependencies.roleArn ?? []).map((d) => d.urn));
  return {
    ref: r.urn,
    name,
    allSupported: setting("allSupported", true),
    includeGlobal: setting("includeGlobalResourceTypes", false),
    roleArn: role.kind === "known" ? (role.value === null ? notVisible("the recorder names no roleArn") : known(role.value)) : role,
    recording: recording(name, statuses, unplacedStatuses),
    lastStatus: notVisible(RUNTIME),
  };
}

function channelOf(r: PolicyResource): Channel {
  const sources = (key: string) => (r.propertyDependencies[key] ?? []).map((d) => d.urn);
  return {
    ref: r.urn,
    s3Bucket: referenceFact(r.props, "s3BucketName", sources("s3BucketName")),
    snsTopic: referenceFact(r.props, "snsTopicArn", sources("snsTopicArn")),
    failedDeliveries: notVisible(RUNTIME),
  };
}

/**
 * One RegionConfig per region in scope. A region's findings are reported on its explicit provider (exempt a region by
 * exempting that provider), else on its recorder, else on the stack.
 */
export function regionConfigs(index: ResourceIndex, regions: readonly string[]): { config: Map<string, RegionConfig>; subjects: Map<string, Subject> } {
  const recorders = byRegion(index, TYPES.recorder);
  const statuses = byRegion(index, TYPES.recorderStatus);
  const channels = byRegion(index, TYPES.deliveryChannel);
  const providers = new Map<string, PolicyResource>();
  for (const p of index.ofType(TYPES.provider)) {
    const region = factOf(() => p.props.region as unknown);
    if (region.kind === "known" && typeof region.value === "string" && !providers.has(region.value)) {
      providers.set(region.value, p);
    }
  }
  const config = new Map<string, RegionConfig>();
  const subjects = new Map<string, Subject>();
  for (const region of regions) {
    const ref = `config:${region}`;
    const regionRecorders = recorders.placed.get(region) ?? [];
    const regionChannels = channels.placed.get(region) ?? [];
    config.set(region, {
      region,
      ref,
      recorders: regionRecorders.length === 0 && recorders.unplaced.length > 0
        ? unknown(recorders.unplaced.join("; "))
        : known(regionRecorders.map((r) => recorderOf(r, statuses.placed.get(region) ?? [], statuses.unplaced))),
      serviceLinkedRecorders: notVisible("service-linked recorders are no resources of a stack"),
      channels: regionChannels.length === 0 && channels.unplaced.length > 0 ? unknown(channels.unplaced.join("; ")) : known(regionChannels.map(channelOf)),
    });
    const reportOn = providers.get(region) ?? regionRecorders[0];
    subjects.set(ref, reportOn ? subjectOf(reportOn, `region ${region}`) : { about: `region ${region}` });
  }
  return { config, subjects };
}
