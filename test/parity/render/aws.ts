/**
 * A case as the fake AWS account of the audit tests (test/audit/fakeAccount.ts), answering as real AWS does: trails
 * listed from every region they cover, the default selector for a trail created without selectors, S3's own policy
 * status, healthy runtime state (recent CloudWatch Logs delivery, recorders SUCCESS, flow logs ACTIVE). Returns the
 * account and, per logical id, the resource the audit's findings name.
 */
import type { AdvancedEventSelector, EventSelector, Trail } from "@aws-sdk/client-cloudtrail";
import { ACCOUNT, CaseState, HOME, OTHER, SelectorSpec } from "../cases";
import { FakeAccount, NOW, compliantAccount, fakeRegion } from "../../audit/fakeAccount";

function selectorsOf(s: SelectorSpec): { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] } {
  switch (s.kind) {
    case "none":
      // AWS answers a trail created without selectors with its default selector (CloudTrail API GetEventSelectors).
      return { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] };
    case "classic":
      return {
        EventSelectors: s.items.map((i) => ({
          ReadWriteType: i.rw, IncludeManagementEvents: i.mgmt, ExcludeManagementEventSources: [...(i.exclude ?? [])],
          DataResources: i.s3 ? [{ Type: "AWS::S3::Object", Values: [...i.s3] }] : [],
        })),
        AdvancedEventSelectors: [],
      };
    case "advanced":
      return {
        EventSelectors: [],
        AdvancedEventSelectors: s.items.map((fields) => ({
          FieldSelectors: fields.map((f) => ({
            Field: f.field, ...(f.equals ? { Equals: [...f.equals] } : {}), ...(f.notEquals ? { NotEquals: [...f.notEquals] } : {}),
            ...(f.startsWith ? { StartsWith: [...f.startsWith] } : {}), ...(f.notStartsWith ? { NotStartsWith: [...f.notStartsWith] } : {}),
          })),
        })),
      };
  }
}

/** S3's own evaluation for the cases of the table: public when an Allow names "*" without any condition. */
function policyIsPublic(statements: CaseState["buckets"][number]["statements"]): boolean {
  return statements.some((s) => s.Effect === "Allow" && s.Principal === "*" && s.Condition === undefined);
}

export function renderAws(state: CaseState): { account: FakeAccount; regions: string[]; refs: Map<string, string> } {
  const account = compliantAccount();
  const refs = new Map<string, string>();
  const regions = [...new Set([...state.regions.map((r) => r.name), ...state.trails.map((t) => t.home), ...state.vpcs.map((v) => v.region)])].sort();
  account.regions = regions.map((RegionName) => ({ RegionName, OptInStatus: "opt-in-not-required" }));
  account.byRegion = Object.fromEntries(regions.map((r, i) => {
    const empty = fakeRegion(r, i + 1);
    return [r, { ...empty, vpcs: [], flowLogs: [], trails: [], recorders: [], recorderStatus: [], channels: [], channelStatus: [], keys: [], rotation: {} }];
  }));
  refs.set("account", `account:${ACCOUNT}`);
  for (const r of state.regions) {
    refs.set(`region:${r.name}`, `config:${r.name}`);
  }

  account.trailStatus = {};
  account.selectors = {};
  for (const t of state.trails) {
    const arn = `arn:aws:cloudtrail:${t.home}:${ACCOUNT}:trail/${t.name}`;
    refs.set(`trail:${t.id}`, arn);
    const trail: Trail = {
      Name: t.name, TrailARN: arn, HomeRegion: t.home, IsMultiRegionTrail: t.multiRegion, IncludeGlobalServiceEvents: t.globalEvents,
      LogFileValidationEnabled: t.validation, S3BucketName: t.bucket,
      ...(t.kms ? { KmsKeyId: `arn:aws:kms:${t.home}:${ACCOUNT}:key/trail-key` } : {}),
      ...(t.cloudWatch ? {
        CloudWatchLogsLogGroupArn: `arn:aws:logs:${t.home}:${ACCOUNT}:log-group:/cis/cloudtrail/${t.name}-1:*`,
        CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-to-logs`,
      } : {}),
    };
    for (const r of t.multiRegion ? regions : [t.home]) {
      account.byRegion[r].trails.push(trail);
    }
    const started = new Date(NOW.getTime() - 1000 * 3600_000);
    account.trailStatus[arn] = t.logging
      ? { IsLogging: true, StartLoggingTime: started, ...(t.cloudWatch ? { LatestCloudWatchLogsDeliveryTime: new Date(NOW.getTime() - 3600_000) } : {}), $metadata: {} }
      // A stopped trail delivers nothing: its last CloudWatch Logs delivery ages past 24 hours.
      : { IsLogging: false, StartLoggingTime: started, ...(t.cloudWatch ? { LatestCloudWatchLogsDeliveryTime: new Date(NOW.getTime() - 48 * 3600_000) } : {}), $metadata: {} };
    account.selectors[arn] = selectorsOf(t.selectors);
  }

  // The fake answers for one trail bucket (the table's cases have at most one).
  const b = state.buckets[0];
  if (b) {
    refs.set(`bucket:${b.id}`, `arn:aws:s3:::${b.name}`);
    account.bucketRegion = state.trails[0]?.home === HOME ? undefined : state.trails[0]?.home;
    account.ownedBuckets = b.owned ? [b.name, "access-logs-111122223333"] : ["access-logs-111122223333"];
    account.publicAccessBlock = b.pab
      ? { BlockPublicAcls: b.pab.blockPublicAcls, IgnorePublicAcls: b.pab.ignorePublicAcls, BlockPublicPolicy: b.pab.blockPublicPolicy, RestrictPublicBuckets: b.pab.restrictPublicBuckets }
      : Object.assign(new Error("no block"), { name: "NoSuchPublicAccessBlockConfiguration", $metadata: { httpStatusCode: 404 } });
    account.grants = b.grants.map((g) => ({ Grantee: { Type: "Group", URI: `http://acs.amazonaws.com/groups/global/${g.grantee}` }, Permission: g.permission as never }));
    account.bucketPolicy = b.statements.length > 0
      ? JSON.stringify({ Version: "2012-10-17", Statement: b.statements.map((s) => ({ ...s, Action: "s3:*", Resource: `arn:aws:s3:::${b.name}/*` })) })
      : null;
    account.policyStatus = b.statements.length > 0
      ? policyIsPublic(b.statements)
      : Object.assign(new Error("no policy"), { name: "NoSuchBucketPolicy", $metadata: { httpStatusCode: 404 } });
    account.logging = b.loggingTo ? { TargetBucket: b.loggingTo, TargetPrefix: "logs/" } : null;
  }
  account.accountPublicAccessBlock = state.accountPab
    ? {
      BlockPublicAcls: state.accountPab.block.blockPublicAcls, IgnorePublicAcls: state.accountPab.block.ignorePublicAcls,
      BlockPublicPolicy: state.accountPab.block.blockPublicPolicy, RestrictPublicBuckets: state.accountPab.block.restrictPublicBuckets,
    }
    : null;

  for (const r of state.regions) {
    const fr = account.byRegion[r.name];
    if (r.recorder) {
      fr.recorders = [{ name: "default", roleARN: r.recorder.role, recordingGroup: { allSupported: r.recorder.allSupported, includeGlobalResourceTypes: r.recorder.global } }];
      fr.recorderStatus = [{ name: "default", recording: r.recorder.recording, lastStatus: "Success" }];
    }
    if (r.channel) {
      fr.channels = [{ name: "default", s3BucketName: r.channel.bucket, ...(r.channel.topic ? { snsTopicARN: `arn:aws:sns:${r.name}:${ACCOUNT}:config` } : {}) }];
      fr.channelStatus = [{ name: "default", configHistoryDeliveryInfo: { lastStatus: "Success" }, configSnapshotDeliveryInfo: { lastStatus: "Success" }, configStreamDeliveryInfo: { lastStatus: r.channel.topic ? "Success" : "Not_Applicable" } }];
    }
  }

  for (const k of state.keys) {
    const arn = `arn:aws:kms:${k.region}:${ACCOUNT}:key/${k.id}`;
    refs.set(`key:${k.id}`, arn);
    const fr = account.byRegion[k.region];
    fr.keys.push({
      KeyId: k.id, Arn: arn, KeyManager: "CUSTOMER", KeyState: k.enabled ? "Enabled" : "Disabled", Enabled: k.enabled,
      KeySpec: k.spec as never, KeyUsage: k.usage as never, Origin: k.origin,
    });
    fr.rotation[k.id] = k.rotation;
  }

  for (const v of state.vpcs) {
    refs.set(`vpc:${v.id}`, v.vpcId);
    const fr = account.byRegion[v.region];
    fr.vpcs.push({ VpcId: v.vpcId, OwnerId: v.owner, IsDefault: false });
    v.flowLogs.forEach((fl, i) => fr.flowLogs.push({
      FlowLogId: `fl-${v.id}-${i}`, ResourceId: v.vpcId, FlowLogStatus: "ACTIVE", DeliverLogsStatus: "SUCCESS", TrafficType: fl.traffic,
      LogDestinationType: fl.destination,
      LogDestination: fl.destination === "s3" ? "arn:aws:s3:::flow-logs" : `arn:aws:logs:${v.region}:${ACCOUNT}:log-group:/cis/vpc-flow-logs/x`,
      ...(fl.role ? { DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs` } : {}),
    }));
  }
  void OTHER;
  return { account, regions, refs };
}
