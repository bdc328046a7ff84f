/**
 * A fake AWS account behind aws-sdk-client-mock, answering as real AWS answers where moto does not (default
 * event selectors, delivery channel status, bucket policy status, opt-in regions, AWS-managed keys). Tests
 * start from a compliant account, change one answer, and assert the exact findings.
 */
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  EventSelector,
  AdvancedEventSelector,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  GetTrailStatusCommandOutput,
  Trail,
} from "@aws-sdk/client-cloudtrail";
import {
  ConfigServiceClient,
  ConfigurationRecorder,
  ConfigurationRecorderStatus,
  DeliveryChannel,
  DeliveryChannelStatus,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  GetComplianceDetailsByConfigRuleCommand,
} from "@aws-sdk/client-config-service";
import { DescribeFlowLogsCommand, DescribeRegionsCommand, DescribeVpcsCommand, EC2Client, FlowLog, Region, Vpc } from "@aws-sdk/client-ec2";
import { IAMClient, ListRolesCommand, ListRolesCommandInput } from "@aws-sdk/client-iam";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KeyMetadata, KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  ListBucketsCommand,
  GetPublicAccessBlockCommand,
  Grant,
  PublicAccessBlockConfiguration,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { ClientFactory, createClientFactory } from "../../audit/clients";

export const ACCOUNT = "111122223333";
export const HOME = "us-east-1";
export const OTHER = "eu-north-1";
export const TRAIL_ARN = `arn:aws:cloudtrail:${HOME}:${ACCOUNT}:trail/baseline`;
export const BUCKET = "baseline-trail-111122223333";
export const NOW = new Date("2026-11-28T12:00:00Z");
export const CONFIG_SLR_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
export const BASELINE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/cis-logging-baseline/organization/cis-logging-baseline/prod/baseline-trail-to-logs-1a2b3c4`;
export const UNRELATED_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/team-deployer`;

/** An SDK-shaped service error, as the SDK raises it after its retries. */
export function awsError(name: string, httpStatusCode: number, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: httpStatusCode >= 500 ? "server" : "client", $metadata: { httpStatusCode } });
}

export interface FakeRegion {
  vpcs: Vpc[];
  flowLogs: FlowLog[];
  trails: Trail[];
  recorders: ConfigurationRecorder[];
  recorderStatus: ConfigurationRecorderStatus[];
  channels: DeliveryChannel[];
  channelStatus: DeliveryChannelStatus[] | Error;
  keys: KeyMetadata[];
  rotation: Record<string, boolean>;
  /**
   * The stack's AWS Config rules in the region (continuousCoverage), by rule name, with their evaluation results;
   * DescribeComplianceByConfigRule and GetComplianceDetailsByConfigRule answer from it one result per page, so that
   * every test exercises the audit's pagination.
   */
  ruleEvaluations: Record<string, { ResourceType: string; ResourceId: string; ComplianceType: "COMPLIANT" | "NON_COMPLIANT" }[]>;
}

export interface FakeAccount {
  regions: Region[];
  byRegion: Record<string, FakeRegion>;
  trailStatus: Record<string, GetTrailStatusCommandOutput | Error>;
  selectors: Record<string, { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] } | Error>;
  bucketRegion: string | undefined;
  publicAccessBlock: PublicAccessBlockConfiguration | Error;
  grants: Grant[] | Error;
  policyStatus: boolean | Error;
  /** The trail bucket's policy document (a JSON string), null for none (NoSuchBucketPolicy), or an error. */
  bucketPolicy: string | null | Error;
  /** The buckets ListBuckets lists (the account's own), or an error. */
  ownedBuckets: string[] | Error;
  /** The account-level public access block (S3 Control), null for none, or an error. */
  accountPublicAccessBlock: PublicAccessBlockConfiguration | null | Error;
  logging: { TargetBucket: string; TargetPrefix: string } | null | Error;
  /** Every IAM role of the account (IAM is global); ListRoles answers those under its PathPrefix. */
  iamRoleArns: string[];
  /** Roles per ListRoles page (IAM's MaxItems default is 100; tests lower it to make the audit page). */
  iamPageSize: number;
  /** region → command names (or "*") that answer AccessDenied in that region. */
  denied: Record<string, string[]>;
  /** Milliseconds every regional call waits before answering (to observe concurrency). */
  delayMs: number;
  /** Called when a regional call starts and ends, with the region (to observe concurrency). */
  onCall?: (region: string, phase: "start" | "end") => void;
}

/** The default selector real AWS reports for a trail created without selectors, plus S3 data events. */
export const DEFAULT_SELECTOR_WITH_DATA: EventSelector = {
  ReadWriteType: "All",
  IncludeManagementEvents: true,
  DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }],
  ExcludeManagementEventSources: [],
};

/** A compliant region: one default VPC with a flow log, the baseline trail, Config, one rotated key. */
export function fakeRegion(name: string, index: number): FakeRegion {
  const vpcId = `vpc-0${index}aaaaaaaaaaaaaa`;
  const keyId = `0000000${index}-1111-2222-3333-444444444444`;
  return {
    vpcs: [{ VpcId: vpcId, OwnerId: ACCOUNT, IsDefault: true }],
    flowLogs: [{ FlowLogId: `fl-0${index}`, ResourceId: vpcId, FlowLogStatus: "ACTIVE", DeliverLogsStatus: "SUCCESS", TrafficType: "ALL", LogDestinationType: "s3", LogDestination: `arn:aws:s3:::flow-logs-${ACCOUNT}` }],
    trails: [
      {
        Name: "baseline",
        TrailARN: TRAIL_ARN,
        HomeRegion: HOME,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        LogFileValidationEnabled: true,
        KmsKeyId: `arn:aws:kms:${HOME}:${ACCOUNT}:key/00000000-1111-2222-3333-444444444444`,
        CloudWatchLogsLogGroupArn: `arn:aws:logs:${HOME}:${ACCOUNT}:log-group:cis/cloudtrail:*`,
        CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/cloudtrail-logs`,
        S3BucketName: BUCKET,
      },
    ],
    recorders: [{ name: "default", roleARN: "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig", recordingGroup: { allSupported: true, includeGlobalResourceTypes: name === HOME } }],
    recorderStatus: [{ name: "default", recording: true, lastStatus: "Success" }],
    channels: [{ name: "default", s3BucketName: "config-111122223333", snsTopicARN: `arn:aws:sns:${name}:${ACCOUNT}:config` }],
    channelStatus: [
      {
        name: "default",
        configHistoryDeliveryInfo: { lastStatus: "Success" },
        configSnapshotDeliveryInfo: { lastStatus: "Success" },
        configStreamDeliveryInfo: { lastStatus: "Success" },
      },
    ],
    keys: [
      {
        KeyId: keyId,
        Arn: `arn:aws:kms:${name}:${ACCOUNT}:key/${keyId}`,
        KeyManager: "CUSTOMER",
        KeyState: "Enabled",
        KeySpec: "SYMMETRIC_DEFAULT",
        KeyUsage: "ENCRYPT_DECRYPT",
        Origin: "AWS_KMS",
        Enabled: true,
      },
    ],
    rotation: { [keyId]: true },
    // As the stack's rules report a compliant region: they agree with the audit.
    ruleEvaluations: {
      "cis-logging-baseline-vpc-flow-logs-enabled": [{ ResourceType: "AWS::EC2::VPC", ResourceId: vpcId, ComplianceType: "COMPLIANT" }],
      "cis-logging-baseline-cmk-backing-key-rotation-enabled": [{ ResourceType: "AWS::KMS::Key", ResourceId: keyId, ComplianceType: "COMPLIANT" }],
      "cis-logging-baseline-cloud-trail-log-file-validation-enabled": [{ ResourceType: "AWS::CloudTrail::Trail", ResourceId: "baseline", ComplianceType: "COMPLIANT" }],
    },
  };
}

/** A compliant two-region account (us-east-1 home, eu-north-1), plus an opted-in and a not-opted-in region. */
export function compliantAccount(): FakeAccount {
  return {
    regions: [
      { RegionName: "af-south-1", OptInStatus: "not-opted-in" },
      { RegionName: HOME, OptInStatus: "opt-in-not-required" },
      { RegionName: OTHER, OptInStatus: "opt-in-not-required" },
      { RegionName: "ap-east-1", OptInStatus: "opted-in" },
    ],
    byRegion: { [HOME]: fakeRegion(HOME, 1), [OTHER]: fakeRegion(OTHER, 2), "ap-east-1": fakeRegion("ap-east-1", 3) },
    trailStatus: { [TRAIL_ARN]: { IsLogging: true, LatestCloudWatchLogsDeliveryTime: new Date(NOW.getTime() - 3600_000), $metadata: {} } },
    selectors: { [TRAIL_ARN]: { EventSelectors: [DEFAULT_SELECTOR_WITH_DATA], AdvancedEventSelectors: [] } },
    bucketRegion: undefined,
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    grants: [{ Grantee: { Type: "CanonicalUser", ID: "owner" }, Permission: "FULL_CONTROL" }],
    policyStatus: false,
    bucketPolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ACCOUNT}/*` },
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: { Bool: { "aws:SecureTransport": "false" } } },
      ],
    }),
    ownedBuckets: [BUCKET, "access-logs-111122223333", "config-111122223333"],
    accountPublicAccessBlock: null,
    logging: { TargetBucket: "access-logs-111122223333", TargetPrefix: `${BUCKET}/` },
    iamRoleArns: [UNRELATED_ROLE_ARN, CONFIG_SLR_ARN, BASELINE_ROLE_ARN],
    iamPageSize: 100,
    denied: {},
    delayMs: 0,
  };
}

type Mocks = ReturnType<typeof mockAll>;

function mockAll() {
  return {
    sts: mockClient(STSClient),
    ec2: mockClient(EC2Client),
    cloudtrail: mockClient(CloudTrailClient),
    config: mockClient(ConfigServiceClient),
    kms: mockClient(KMSClient),
    s3: mockClient(S3Client),
    s3control: mockClient(S3ControlClient),
    iam: mockClient(IAMClient),
  };
}

/** The IAM path of a role ARN: `arn:aws:iam::<acct>:role/a/b/name` → `/a/b/`. */
function pathOfRoleArn(arn: string): string {
  const segments = arn.split(":role/")[1].split("/");
  return segments.length === 1 ? "/" : `/${segments.slice(0, -1).join("/")}/`;
}

/**
 * Installs the mocks answering from `account` (read at call time, so tests may change it before running the
 * audit). Returns the mocks (for call assertions) and a client factory with plain SDK clients.
 */
export function installFake(account: FakeAccount): {
  mocks: Mocks;
  clients: ClientFactory;
  restore: () => void;
  /** Each ListRoles request as sent (the SDK's paginator reuses one input object, so commandCalls shows only its last state). */
  listRolesRequests: ListRolesCommandInput[];
} {
  const mocks = mockAll();
  const listRolesRequests: ListRolesCommandInput[] = [];
  const regionOf = async (getClient: () => { config: { region: unknown } }): Promise<string> => {
    const r = getClient().config.region;
    return typeof r === "function" ? String(await (r as () => Promise<string>)()) : String(r);
  };
  // getClient() answers the client of the latest send, so read it before the first await (regionOf does).
  const gate = async (getClient: () => { config: { region: unknown } }, command: string): Promise<FakeRegion> => {
    const name = await regionOf(getClient);
    if (account.delayMs > 0) {
      account.onCall?.(name, "start");
      await new Promise((resolve) => setTimeout(resolve, account.delayMs));
      account.onCall?.(name, "end");
    }
    const denied = account.denied[name] ?? [];
    if (denied.includes("*") || denied.includes(command)) {
      throw awsError("AccessDeniedException", 400, `User is not authorized to perform ${command}`);
    }
    const r = account.byRegion[name];
    if (!r) {
      throw awsError("UnrecognizedClientException", 400, `region ${name} is not enabled`);
    }
    return r;
  };
  const answer = <T>(value: T | Error): T => {
    if (value instanceof Error) {
      throw value;
    }
    return value;
  };

  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor`, UserId: "AIDA" });
  mocks.ec2.on(DescribeRegionsCommand).callsFake(() => ({ Regions: account.regions }));
  mocks.ec2.on(DescribeVpcsCommand).callsFake(async (_i, c) => ({ Vpcs: (await gate(c, "DescribeVpcs")).vpcs }));
  mocks.ec2.on(DescribeFlowLogsCommand).callsFake(async (_i, c) => ({ FlowLogs: (await gate(c, "DescribeFlowLogs")).flowLogs }));
  mocks.cloudtrail.on(DescribeTrailsCommand).callsFake(async (_i, c) => ({ trailList: (await gate(c, "DescribeTrails")).trails }));
  // Real AWS answers GetEventSelectors for a trail ARN only in the trail's home region
  // (TrailNotFoundException elsewhere); the fake holds GetTrailStatus to the same rule to catch a wrong client.
  const homeOnly = async (c: () => { config: { region: unknown } }, command: string, arn: string): Promise<void> => {
    const where = regionOf(c);
    await gate(c, command);
    const home = arn.split(":")[3];
    if ((await where) !== home) {
      throw awsError("TrailNotFoundException", 400, `Unknown trail: ${arn} for the user in ${await where}`);
    }
  };
  mocks.cloudtrail.on(GetTrailStatusCommand).callsFake(async (input: { Name: string }, c) => {
    await homeOnly(c, "GetTrailStatus", input.Name);
    return answer(account.trailStatus[input.Name] ?? awsError("TrailNotFoundException", 400));
  });
  mocks.cloudtrail.on(GetEventSelectorsCommand).callsFake(async (input: { TrailName: string }, c) => {
    await homeOnly(c, "GetEventSelectors", input.TrailName);
    return answer(account.selectors[input.TrailName] ?? awsError("TrailNotFoundException", 400));
  });
  mocks.config
    .on(DescribeConfigurationRecordersCommand)
    .callsFake(async (_i, c) => ({ ConfigurationRecorders: (await gate(c, "DescribeConfigurationRecorders")).recorders }));
  mocks.config
    .on(DescribeConfigurationRecorderStatusCommand)
    .callsFake(async (_i, c) => ({ ConfigurationRecordersStatus: (await gate(c, "DescribeConfigurationRecorderStatus")).recorderStatus }));
  mocks.config.on(DescribeDeliveryChannelsCommand).callsFake(async (_i, c) => ({ DeliveryChannels: (await gate(c, "DescribeDeliveryChannels")).channels }));
  mocks.config
    .on(DescribeDeliveryChannelStatusCommand)
    .callsFake(async (_i, c) => ({ DeliveryChannelsStatus: answer((await gate(c, "DescribeDeliveryChannelStatus")).channelStatus) }));
  // One rule, then one result, per page: the audit must follow NextToken.
  mocks.config.on(DescribeComplianceByConfigRuleCommand).callsFake(async (input: { NextToken?: string }, c) => {
    const names = Object.keys((await gate(c, "DescribeComplianceByConfigRule")).ruleEvaluations).sort();
    const at = input.NextToken ? Number(input.NextToken) : 0;
    const page = names.slice(at, at + 1).map((name) => ({ ConfigRuleName: name, Compliance: { ComplianceType: "COMPLIANT" } }));
    return { ComplianceByConfigRules: page, ...(at + 1 < names.length ? { NextToken: String(at + 1) } : {}) };
  });
  mocks.config.on(GetComplianceDetailsByConfigRuleCommand).callsFake(async (input: { ConfigRuleName: string; NextToken?: string }, c) => {
    const results = (await gate(c, "GetComplianceDetailsByConfigRule")).ruleEvaluations[input.ConfigRuleName];
    if (!results) {
      throw awsError("NoSuchConfigRuleException", 400);
    }
    const at = input.NextToken ? Number(input.NextToken) : 0;
    const page = results.slice(at, at + 1).map((r) => ({
      EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: input.ConfigRuleName, ResourceType: r.ResourceType, ResourceId: r.ResourceId } },
      ComplianceType: r.ComplianceType,
    }));
    return { EvaluationResults: page, ...(at + 1 < results.length ? { NextToken: String(at + 1) } : {}) };
  });
  mocks.kms.on(ListKeysCommand).callsFake(async (_i, c) => ({
    Keys: (await gate(c, "ListKeys")).keys.map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn })),
    Truncated: false,
  }));
  mocks.kms.on(DescribeKeyCommand).callsFake(async (input: { KeyId: string }, c) => {
    const r = await gate(c, "DescribeKey");
    const key = r.keys.find((k) => k.KeyId === input.KeyId);
    return { KeyMetadata: answer(key ?? awsError("NotFoundException", 400)) };
  });
  mocks.kms.on(GetKeyRotationStatusCommand).callsFake(async (input: { KeyId: string }, c) => {
    const r = await gate(c, "GetKeyRotationStatus");
    return { KeyRotationEnabled: r.rotation[input.KeyId] ?? false };
  });
  mocks.s3.on(GetBucketLocationCommand).callsFake(() => ({ LocationConstraint: account.bucketRegion }));
  mocks.s3.on(GetPublicAccessBlockCommand).callsFake(() => ({ PublicAccessBlockConfiguration: answer(account.publicAccessBlock) }));
  mocks.s3.on(GetBucketAclCommand).callsFake(() => ({ Grants: answer(account.grants) }));
  mocks.s3.on(GetBucketPolicyStatusCommand).callsFake(() => ({ PolicyStatus: { IsPublic: answer(account.policyStatus) } }));
  mocks.s3.on(GetBucketPolicyCommand).callsFake(() => {
    const policy = answer(account.bucketPolicy);
    if (policy === null) {
      throw awsError("NoSuchBucketPolicy", 404, "The bucket policy does not exist");
    }
    return { Policy: policy };
  });
  mocks.s3.on(ListBucketsCommand).callsFake(() => ({ Buckets: answer(account.ownedBuckets).map((Name) => ({ Name })) }));
  mocks.s3control.on(GetAccountPublicAccessBlockCommand).callsFake(() => {
    const block = answer(account.accountPublicAccessBlock);
    if (block === null) {
      throw awsError("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found");
    }
    return { PublicAccessBlockConfiguration: block };
  });
  mocks.s3.on(GetBucketLoggingCommand).callsFake(() => {
    const logging = answer(account.logging);
    return logging ? { LoggingEnabled: logging } : {};
  });

  // IAM answers from the account's one endpoint whatever the client's region; `denied[<client region>]` may deny
  // ListRoles so tests can take it away. Paged as IAM pages: Marker continues, IsTruncated says more follow.
  mocks.iam.on(ListRolesCommand).callsFake(async (input: ListRolesCommandInput, c) => {
    listRolesRequests.push(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    const denied = account.denied[await regionOf(c)] ?? [];
    if (denied.includes("*") || denied.includes("ListRoles")) {
      throw awsError("AccessDenied", 403, "User is not authorized to perform: iam:ListRoles");
    }
    const prefix = input.PathPrefix ?? "/";
    const matching = account.iamRoleArns.filter((arn) => pathOfRoleArn(arn).startsWith(prefix)).sort();
    const start = input.Marker ? Number(input.Marker) : 0;
    const end = start + Math.min(input.MaxItems ?? 100, account.iamPageSize);
    const roles = matching.slice(start, end).map((Arn) => ({
      Arn,
      Path: pathOfRoleArn(Arn),
      RoleName: Arn.split("/").pop(),
      RoleId: "AROAFAKE",
      CreateDate: NOW,
    }));
    return end < matching.length ? { Roles: roles, IsTruncated: true, Marker: String(end) } : { Roles: roles, IsTruncated: false };
  });

  const clients = createClientFactory({ credentials: { accessKeyId: "fake", secretAccessKey: "fake" }, region: HOME, maxAttempts: 1 });
  const restore = () => {
    for (const m of Object.values(mocks)) {
      m.restore();
    }
  };
  return { mocks, clients, restore, listRolesRequests };
}
