/**
 * A case as the Pulumi stack the program (or a stack like it) registers, in the shapes the policy server hands to
 * stack policies (outputs). Returns the resources and, per logical id, the ref the pack's adapter gives that subject.
 */
import type { StackResourceInput } from "../../policy-pack/harness";
import { urnOf } from "../../policy-pack/harness";
import { ACCOUNT, CaseState, FieldSpec, SelectorSpec } from "../cases";

const regionalFlowLogs = "cis-logging:network:RegionalFlowLogs";

function provider(region: string): StackResourceInput {
  return { type: "pulumi:providers:aws", name: `aws-${region}`, urn: urnOf("pulumi:providers:aws", `aws-${region}`), props: { region } };
}

function regional(type: string, name: string, region: string, props: Record<string, unknown>): StackResourceInput {
  return { type, name, urn: urnOf(type, name), props: { ...props, region }, provider: { name: `aws-${region}`, region } };
}

const field = (f: FieldSpec) => ({
  field: f.field, ...(f.equals ? { equals: [...f.equals] } : {}), ...(f.notEquals ? { notEquals: [...f.notEquals] } : {}),
  ...(f.startsWith ? { startsWiths: [...f.startsWith] } : {}), ...(f.notStartsWith ? { notStartsWiths: [...f.notStartsWith] } : {}),
});

function selectorProps(s: SelectorSpec): Record<string, unknown> {
  switch (s.kind) {
    case "none":
      return {};
    case "classic":
      return {
        eventSelectors: s.items.map((i) => ({
          readWriteType: i.rw, includeManagementEvents: i.mgmt,
          ...(i.exclude ? { excludeManagementEventSources: [...i.exclude] } : {}),
          ...(i.s3 ? { dataResources: [{ type: "AWS::S3::Object", values: [...i.s3] }] } : {}),
        })),
      };
    case "advanced":
      return { advancedEventSelectors: s.items.map((fields) => ({ fieldSelectors: fields.map(field) })) };
  }
}

export function renderStack(state: CaseState): { resources: StackResourceInput[]; refs: Map<string, string> } {
  const refs = new Map<string, string>();
  const resources: StackResourceInput[] = [];
  const regions = [...new Set([...state.regions.map((r) => r.name), ...state.trails.map((t) => t.home)])];
  resources.push(...regions.map(provider));
  for (const region of state.regions) {
    refs.set(`region:${region.name}`, `config:${region.name}`);
  }
  refs.set("account", `account:${ACCOUNT}`);

  for (const t of state.trails) {
    const r = regional("aws:cloudtrail/trail:Trail", `trail-${t.id}`, t.home, {
      name: t.name, arn: `arn:aws:cloudtrail:${t.home}:${ACCOUNT}:trail/${t.name}`, homeRegion: t.home,
      s3BucketName: t.bucket, isMultiRegionTrail: t.multiRegion, includeGlobalServiceEvents: t.globalEvents,
      enableLogging: t.logging, enableLogFileValidation: t.validation,
      ...(t.kms ? { kmsKeyId: `arn:aws:kms:${t.home}:${ACCOUNT}:key/trail-key` } : {}),
      ...(t.cloudWatch ? {
        cloudWatchLogsGroupArn: `arn:aws:logs:${t.home}:${ACCOUNT}:log-group:/cis/cloudtrail/${t.name}-1:*`,
        cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-to-logs`,
      } : {}),
      ...selectorProps(t.selectors),
    });
    resources.push(r);
    refs.set(`trail:${t.id}`, r.urn as string);
  }

  for (const b of state.buckets) {
    if (!b.owned) {
      // Another account's bucket is no resource of this stack: the pack names it by its bucket name.
      refs.set(`bucket:${b.id}`, `bucket:${b.name}`);
      continue;
    }
    const bucket = regional("aws:s3/bucket:Bucket", `bucket-${b.id}`, HOME_OF(state), { bucket: b.name, arn: `arn:aws:s3:::${b.name}`, bucketRegion: HOME_OF(state) });
    resources.push(bucket);
    refs.set(`bucket:${b.id}`, bucket.urn as string);
    if (b.pab) {
      resources.push(regional("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `bucket-${b.id}-block`, HOME_OF(state), { bucket: b.name, ...b.pab }));
    }
    resources.push(regional("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `bucket-${b.id}-ownership`, HOME_OF(state), { bucket: b.name, rule: { objectOwnership: "BucketOwnerEnforced" } }));
    if (b.grants.length > 0) {
      resources.push(regional("aws:s3/bucketAcl:BucketAcl", `bucket-${b.id}-acl`, HOME_OF(state), {
        bucket: b.name,
        accessControlPolicy: { grants: b.grants.map((g) => ({ grantee: { type: "Group", uri: `http://acs.amazonaws.com/groups/global/${g.grantee}` }, permission: g.permission })), owner: { id: "owner" } },
      }));
    }
    if (b.statements.length > 0) {
      resources.push(regional("aws:s3/bucketPolicy:BucketPolicy", `bucket-${b.id}-policy`, HOME_OF(state), {
        bucket: b.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: b.statements.map((s) => ({ ...s, Action: "s3:*", Resource: `arn:aws:s3:::${b.name}/*` })) }),
      }));
    }
    if (b.loggingTo) {
      resources.push(regional("aws:s3/bucketLogging:BucketLogging", `bucket-${b.id}-logging`, HOME_OF(state), { bucket: b.name, targetBucket: b.loggingTo, targetPrefix: "logs/" }));
    }
  }
  if (state.accountPab?.inStack) {
    resources.push({ type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", name: "account-block", urn: urnOf("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account-block"), props: { accountId: ACCOUNT, ...state.accountPab.block } });
  }

  for (const r of state.regions) {
    if (r.recorder) {
      resources.push(regional("aws:cfg/recorder:Recorder", `config-${r.name}-recorder`, r.name, {
        name: "default", roleArn: r.recorder.role,
        recordingGroup: { allSupported: r.recorder.allSupported, includeGlobalResourceTypes: r.recorder.global },
      }));
      resources.push(regional("aws:cfg/recorderStatus:RecorderStatus", `config-${r.name}-status`, r.name, { name: "default", isEnabled: r.recorder.recording }));
    }
    if (r.channel) {
      resources.push(regional("aws:cfg/deliveryChannel:DeliveryChannel", `config-${r.name}-channel`, r.name, {
        name: "default", s3BucketName: r.channel.bucket, ...(r.channel.topic ? { snsTopicArn: `arn:aws:sns:${r.name}:${ACCOUNT}:config` } : {}),
      }));
    }
  }

  for (const k of state.keys) {
    const type = k.origin === "EXTERNAL" ? "aws:kms/externalKey:ExternalKey" : "aws:kms/key:Key";
    const key = regional(type, `key-${k.id}`, k.region, {
      arn: `arn:aws:kms:${k.region}:${ACCOUNT}:key/${k.id}`, keyId: k.id,
      ...(type === "aws:kms/key:Key"
        ? { customerMasterKeySpec: k.spec, keyUsage: k.usage, isEnabled: k.enabled, enableKeyRotation: k.rotation }
        : { enabled: k.enabled }),
    });
    resources.push(key);
    refs.set(`key:${k.id}`, key.urn as string);
  }

  // VPCs are discovered by the program and published by each region's RegionalFlowLogs component.
  const vpcRegions = [...new Set(state.vpcs.map((v) => v.region))];
  for (const region of vpcRegions) {
    const inRegion = state.vpcs.filter((v) => v.region === region);
    const component: StackResourceInput = {
      type: regionalFlowLogs, name: `flow-logs-${region}`, urn: urnOf(regionalFlowLogs, `flow-logs-${region}`),
      props: {
        region,
        discoveredVpcIds: inRegion.filter((v) => v.owner === ACCOUNT).map((v) => v.vpcId),
        sharedVpcIds: inRegion.filter((v) => v.owner !== ACCOUNT).map((v) => v.vpcId),
        flowLogIds: {},
      },
    };
    resources.push(component);
    for (const v of inRegion) {
      refs.set(`vpc:${v.id}`, `${component.urn as string}#${v.vpcId}`);
      v.flowLogs.forEach((fl, i) => {
        resources.push({
          ...regional("aws:ec2/flowLog:FlowLog", `flow-log-${v.id}-${i}`, region, {
            vpcId: v.vpcId, trafficType: fl.traffic, logDestinationType: fl.destination,
            logDestination: fl.destination === "s3" ? "arn:aws:s3:::flow-logs" : `arn:aws:logs:${region}:${ACCOUNT}:log-group:/cis/vpc-flow-logs/x`,
            ...(fl.role ? { iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs` } : {}),
          }),
          parent: component.urn,
        });
      });
    }
  }
  return { resources, refs };
}

function HOME_OF(state: CaseState): string {
  return state.trails[0]?.home ?? state.regions[0]?.name ?? "us-east-1";
}
