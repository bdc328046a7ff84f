/**
 * AWS Config per region in scope: the stack's recorders, recorder statuses and delivery channels, grouped by region in
 * one pass (the `region` output, else the explicit provider's region). A recorder is recording when a RecorderStatus
 * of the same region and name has isEnabled true (the Recorder resource "does not start the created recorder",
 * @pulumi/aws Recorder docs). Provider defaults: name "default"; recordingGroup.allSupported true,
 * includeGlobalResourceTypes false (RecorderRecordingGroup). Runtime state (last status, delivery failures) is the
 * audit's.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Fact, known, mapFact, notVisible, unknown } from "../domain/fact";
import type { Channel, Recorder, RegionConfig } from "../domain/state";
import { factOf, flagFact, plain, propFact, referenceFact, summarize, whyNotKnown } from "./known";
import { ResourceIndex, TYPES, shortName } from "./resourceIndex";
import { Subject, subjectOf } from "./subject";

const RUNTIME = "runtime state: npm run audit reads it";

/** Resources of one type grouped by known region; why some have no known region, summarised (undefined: none). */
function byRegion(index: ResourceIndex, type: string): { placed: Map<string, PolicyResource[]>; unplaced?: string } {
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
  return unplaced.length > 0 ? { placed, unplaced: summarize(unplaced) } : { placed };
}

const nameOf = (r: PolicyResource): Fact<string> =>
  mapFact(propFact(r.props, "name"), (name) => (typeof name === "string" && name.length > 0 ? name : "default"));

/** Several statuses of one recorder: any stopped one stops it; else an unknown one leaves it unknown. */
function combine(facts: readonly (Fact<boolean> | undefined)[]): Fact<boolean> | undefined {
  const present = facts.filter((f): f is Fact<boolean> => f !== undefined);
  if (present.length === 0) {
    return undefined;
  }
  return present.find((f) => f.kind === "known" && !f.value) ?? present.find((f) => f.kind !== "known") ?? known(true);
}

/** The RecorderStatus resources of one region, combined once per name (the engine's name, default "default"). */
class RegionStatuses {
  private readonly byName = new Map<string, Fact<boolean>>();
  /** Statuses whose name is unknown: they may start any recorder of the region. */
  private readonly unnamed: Fact<boolean> | undefined;
  /** All statuses of the region, for a recorder whose own name is unknown. */
  private readonly any: Fact<boolean> | undefined;

  constructor(statuses: readonly PolicyResource[], private readonly unplaced: string | undefined) {
    const unnamed: Fact<boolean>[] = [];
    const all: Fact<boolean>[] = [];
    for (const status of statuses) {
      const enabled = flagFact(status.props, "isEnabled", false);
      const name = nameOf(status);
      all.push(enabled);
      if (name.kind === "known") {
        this.byName.set(name.value, combine([this.byName.get(name.value), enabled]) as Fact<boolean>);
      } else {
        unnamed.push(enabled);
      }
    }
    this.unnamed = combine(unnamed);
    this.any = combine(all);
  }

  /** Whether a recorder of this name is started; without any status it is not (unknown while some status has no region yet). */
  recording(name: Fact<string>): Fact<boolean> {
    const started = name.kind === "known" ? combine([this.byName.get(name.value), this.unnamed]) : this.any;
    return started ?? (this.unplaced !== undefined ? unknown(this.unplaced) : known(false));
  }
}

function recorderOf(r: PolicyResource, statuses: RegionStatuses): Recorder {
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
    recording: statuses.recording(name),
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
    const region = propFact(p.props, "region");
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
    const regionStatuses = new RegionStatuses(statuses.placed.get(region) ?? [], statuses.unplaced);
    config.set(region, {
      region,
      ref,
      recorders: regionRecorders.length === 0 && recorders.unplaced !== undefined
        ? unknown(recorders.unplaced)
        : known(regionRecorders.map((r) => recorderOf(r, regionStatuses))),
      serviceLinkedRecorders: notVisible("service-linked recorders are no resources of a stack"),
      channels: regionChannels.length === 0 && channels.unplaced !== undefined ? unknown(channels.unplaced) : known(regionChannels.map(channelOf)),
    });
    const reportOn = providers.get(region) ?? regionRecorders[0];
    // `config:<region>` is also how the audit names the region's finding, so one exemption names it for both.
    subjects.set(ref, reportOn ? subjectOf(reportOn, `region ${region}`, [ref]) : { about: `region ${region}`, identities: [ref] });
  }
  return { config, subjects };
}
