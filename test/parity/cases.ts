/**
 * The parity table (control-model.md §5): account states described once, with logical ids, each rendered as a Pulumi
 * stack (render/stack.ts) and as a fake AWS account (render/aws.ts). The policy pack and the audit must give the same
 * verdict on every row, or the row names the live-only fact that lets them differ.
 */
import type { PolicyName } from "../../policy-pack/controls";
import type { Status } from "../../policy-pack/domain/verdict";

export const ACCOUNT = "111122223333";
export const HOME = "us-east-1";
export const OTHER = "eu-north-1";

export interface Pab { readonly blockPublicAcls: boolean; readonly ignorePublicAcls: boolean; readonly blockPublicPolicy: boolean; readonly restrictPublicBuckets: boolean }
export const FULL_PAB: Pab = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

export interface ClassicSpec { readonly rw: "All" | "ReadOnly" | "WriteOnly"; readonly mgmt: boolean; readonly exclude?: readonly string[]; readonly s3?: readonly string[] }
export interface FieldSpec {
  readonly field: string; readonly equals?: readonly string[]; readonly notEquals?: readonly string[];
  readonly startsWith?: readonly string[]; readonly notStartsWith?: readonly string[];
}
/** none: the trail declares no selectors (pack) / GetEventSelectors answers AWS's default management selector (audit). */
export type SelectorSpec =
  | { readonly kind: "none" }
  | { readonly kind: "classic"; readonly items: readonly ClassicSpec[] }
  | { readonly kind: "advanced"; readonly items: readonly (readonly FieldSpec[])[] };

export interface TrailSpec {
  readonly id: string; readonly name: string; readonly home: string;
  readonly multiRegion: boolean; readonly globalEvents: boolean; readonly logging: boolean;
  readonly validation: boolean; readonly kms: boolean; readonly cloudWatch: boolean;
  readonly selectors: SelectorSpec; readonly bucket: string;
}

export interface Statement { readonly Effect: string; readonly Principal?: unknown; readonly NotPrincipal?: unknown; readonly Condition?: object }

export interface BucketSpec {
  readonly id: string; readonly name: string;
  /** false: another account's bucket (not in the stack, not in ListBuckets). */
  readonly owned: boolean;
  readonly pab: Pab | null;
  readonly grants: readonly { readonly grantee: "AllUsers" | "AuthenticatedUsers"; readonly permission: string }[];
  readonly statements: readonly Statement[];
  /** The target bucket of server access logging, or null when off. */
  readonly loggingTo: string | null;
}

export interface RecorderSpec { readonly allSupported: boolean; readonly global: boolean; readonly recording: boolean; readonly role: string }
export interface RegionSpec {
  readonly name: string;
  readonly recorder: RecorderSpec | null;
  readonly channel: { readonly bucket: string; readonly topic: boolean } | null;
}

export interface KeySpec {
  readonly id: string; readonly region: string; readonly spec: string; readonly usage: string; readonly enabled: boolean;
  readonly origin: "AWS_KMS" | "EXTERNAL"; readonly rotation: boolean;
}

export interface FlowLogSpec { readonly traffic: "ALL" | "REJECT" | "ACCEPT"; readonly destination: "s3" | "cloud-watch-logs"; readonly role: boolean }
export interface VpcSpec { readonly id: string; readonly vpcId: string; readonly region: string; readonly owner: string; readonly flowLogs: readonly FlowLogSpec[] }

export interface CaseState {
  readonly trails: readonly TrailSpec[];
  readonly buckets: readonly BucketSpec[];
  /** The account-level block; `inStack`: the stack declares it (else the pack cannot see it). */
  readonly accountPab: { readonly block: Pab; readonly inStack: boolean } | null;
  readonly regions: readonly RegionSpec[];
  readonly keys: readonly KeySpec[];
  readonly vpcs: readonly VpcSpec[];
}

/** A verdict the row is about; a split names the live-only fact that lets the tools differ (control-model.md §3). */
export type Expected = Status | { readonly pack: Status; readonly audit: Status; readonly because: string };

export interface Case {
  readonly id: string;
  readonly what: string;
  readonly state: CaseState;
  /** `<policy>@<logical id>` → the verdict. Logical ids: trail:<id>, bucket:<id>, region:<name>, key:<id>, vpc:<id>, account. */
  readonly expect: Readonly<Record<string, Expected>>;
}

export const SLR_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;

const allS3 = { kind: "classic", items: [{ rw: "All", mgmt: true, s3: ["arn:aws:s3"] }] } as const;

export const baseTrail: TrailSpec = {
  id: "main", name: "baseline", home: HOME, multiRegion: true, globalEvents: true, logging: true, validation: true, kms: true,
  cloudWatch: true, selectors: allS3, bucket: "trail-bucket-111122223333",
};

export const baseBucket: BucketSpec = {
  id: "trail", name: "trail-bucket-111122223333", owned: true, pab: FULL_PAB, grants: [],
  statements: [
    { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" } },
    { Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
  ],
  loggingTo: "access-logs-111122223333",
};

const recorder = (global: boolean): RecorderSpec => ({ allSupported: true, global, recording: true, role: SLR_ROLE });
const channel = { bucket: "trail-bucket-111122223333", topic: true } as const;

export const baseState: CaseState = {
  trails: [baseTrail],
  buckets: [baseBucket],
  accountPab: null,
  regions: [{ name: HOME, recorder: recorder(true), channel }, { name: OTHER, recorder: recorder(false), channel }],
  keys: [{ id: "app", region: HOME, spec: "SYMMETRIC_DEFAULT", usage: "ENCRYPT_DECRYPT", enabled: true, origin: "AWS_KMS", rotation: true }],
  vpcs: [
    { id: "a", vpcId: "vpc-0a00000000000001", region: HOME, owner: ACCOUNT, flowLogs: [{ traffic: "ALL", destination: "s3", role: false }] },
    { id: "b", vpcId: "vpc-0b00000000000002", region: OTHER, owner: ACCOUNT, flowLogs: [{ traffic: "REJECT", destination: "cloud-watch-logs", role: true }] },
  ],
};

const trailWith = (patch: Partial<TrailSpec>): Partial<CaseState> => ({ trails: [{ ...baseTrail, ...patch }] });
const bucketWith = (patch: Partial<BucketSpec>): Partial<CaseState> => ({ buckets: [{ ...baseBucket, ...patch }] });
const regionWith = (name: string, patch: Partial<RegionSpec>): Partial<CaseState> => ({
  regions: baseState.regions.map((r) => (r.name === name ? { ...r, ...patch } : r)),
});
const keyWith = (patch: Partial<KeySpec>): Partial<CaseState> => ({ keys: [{ ...baseState.keys[0], ...patch }] });
const vpcWith = (patch: Partial<VpcSpec>): Partial<CaseState> => ({ vpcs: [{ ...baseState.vpcs[0], ...patch }, baseState.vpcs[1]] });
const selectors = (s: SelectorSpec) => trailWith({ selectors: s });
const mgmtOnly: ClassicSpec = { rw: "All", mgmt: true };
const DATA: FieldSpec = { field: "eventCategory", equals: ["Data"] };
const S3OBJ: FieldSpec = { field: "resources.type", equals: ["AWS::S3::Object"] };
const MGMT: FieldSpec[] = [{ field: "eventCategory", equals: ["Management"] }];

const row = (id: string, what: string, patch: Partial<CaseState>, expect: Record<string, Expected>): Case =>
  ({ id, what, state: { ...baseState, ...patch }, expect });

const MR = "cloudtrail-multi-region-enabled";
const LFV = "cloudtrail-log-file-validation-enabled";
const PUB = "cloudtrail-bucket-not-public";
const CW = "cloudtrail-cloudwatch-logs-enabled";
const CFG = "config-enabled-all-regions";
const LOG = "cloudtrail-bucket-access-logging-enabled";
const KMS = "cloudtrail-kms-encryption-enabled";
const ROT = "kms-key-rotation-enabled";
const VPC = "vpc-flow-logs-enabled";
const W = "cloudtrail-s3-data-events-write-enabled";
const R = "cloudtrail-s3-data-events-read-enabled";
export const POLICIES: readonly PolicyName[] = [MR, LFV, PUB, CW, CFG, LOG, KMS, ROT, VPC, W, R];

const at = (policy: string, id: string): string => `${policy}@${id}`;

export const cases: readonly Case[] = [
  row("base", "the account as the program leaves it", {}, {
    [at(MR, "trail:main")]: "pass", [at(LFV, "trail:main")]: "pass", [at(PUB, "bucket:trail")]: "pass", [at(CW, "trail:main")]: "pass",
    [at(CFG, `region:${HOME}`)]: "pass", [at(CFG, `region:${OTHER}`)]: "pass", [at(CFG, "account")]: "pass", [at(LOG, "bucket:trail")]: "pass",
    [at(KMS, "trail:main")]: "pass", [at(ROT, "key:app")]: "pass", [at(VPC, "vpc:a")]: "pass", [at(VPC, "vpc:b")]: "pass",
    [at(W, "trail:main")]: "pass", [at(R, "trail:main")]: "pass",
  }),
  // 2.1 management events (S1-S7)
  row("ct-excl-classic", "S1: a classic selector excludes KMS events", selectors({ kind: "classic", items: [{ rw: "All", mgmt: true, exclude: ["kms.amazonaws.com"], s3: ["arn:aws:s3"] }] }), { [at(MR, "account")]: "fail" }),
  row("ct-excl-adv", "S2: the advanced management selector also filters eventSource", selectors({ kind: "advanced", items: [[...MGMT, { field: "eventSource", notEquals: ["kms.amazonaws.com"] }], [DATA, S3OBJ]] }), { [at(MR, "account")]: "fail", [at(W, "trail:main")]: "pass" }),
  row("ct-adv", "advanced selectors: management alone, S3 data for all buckets", selectors({ kind: "advanced", items: [MGMT, [DATA, S3OBJ]] }), { [at(MR, "trail:main")]: "pass", [at(W, "trail:main")]: "pass", [at(R, "trail:main")]: "pass" }),
  row("ct-split", "S3: read and write management events from two selectors", selectors({ kind: "classic", items: [{ rw: "ReadOnly", mgmt: true, s3: ["arn:aws:s3"] }, { rw: "WriteOnly", mgmt: true, s3: ["arn:aws:s3"] }] }), { [at(MR, "account")]: "fail", [at(W, "trail:main")]: "pass", [at(R, "trail:main")]: "pass" }),
  row("ct-noselect", "S4: no selectors declared / AWS's default selector", selectors({ kind: "none" }), { [at(MR, "trail:main")]: "pass", [at(W, "account")]: "fail", [at(R, "account")]: "fail" }),
  row("ct-stopped", "S6: the trail is not logging", trailWith({ logging: false }), {
    [at(MR, "account")]: "fail", [at(W, "account")]: "fail", [at(R, "account")]: "fail",
    [at(CW, "trail:main")]: { pack: "pass", audit: "fail", because: "S17: a stopped trail stops delivering to CloudWatch Logs; the stack sees configuration only" },
  }),
  row("ct-single", "a single-region trail only", trailWith({ multiRegion: false }), { [at(MR, "account")]: "fail", [at(W, "account")]: "fail", [at(LFV, "trail:main")]: "pass" }),
  row("ct-noglobal", "S5: no global service events", trailWith({ globalEvents: false }), { [at(MR, "account")]: "fail" }),
  row("ct-none", "S8: no trail at all", { trails: [], buckets: [] }, {
    [at(MR, "account")]: "fail", [at(LFV, "account")]: "notApplicable", [at(CW, "account")]: "notApplicable", [at(KMS, "account")]: "notApplicable",
    [at(PUB, "account")]: "notApplicable", [at(LOG, "account")]: "notApplicable",
  }),
  // 2.2, 2.4, 2.7
  row("lfv-off", "validation off", trailWith({ validation: false }), { [at(LFV, "trail:main")]: "fail", [at(MR, "trail:main")]: "pass" }),
  row("kms-off", "no KMS key on the trail", trailWith({ kms: false }), { [at(KMS, "trail:main")]: "fail" }),
  row("cw-none", "no CloudWatch Logs group", trailWith({ cloudWatch: false }), { [at(CW, "trail:main")]: "fail" }),
  // 2.3 bucket not public (S10-S15)
  row("pab-none", "no block at bucket or account level", bucketWith({ pab: null }), { [at(PUB, "bucket:trail")]: "fail" }),
  row("pab-partial", "restrictPublicBuckets off", bucketWith({ pab: { ...FULL_PAB, restrictPublicBuckets: false } }), { [at(PUB, "bucket:trail")]: "fail" }),
  row("pab-acct", "S10: no bucket block, the account-level block in the stack", { ...bucketWith({ pab: null }), accountPab: { block: FULL_PAB, inStack: true } }, { [at(PUB, "bucket:trail")]: "pass" }),
  row("pab-acct-outside", "S10: no bucket block, the account block outside the stack", { ...bucketWith({ pab: null }), accountPab: { block: FULL_PAB, inStack: false } }, {
    [at(PUB, "bucket:trail")]: { pack: "fail", audit: "pass", because: "S10: an account-level block outside the stack is not visible to the pack" },
  }),
  row("pol-orgid", "S11: Allow \"*\" narrowed by aws:PrincipalOrgID", bucketWith({ statements: [...baseBucket.statements, { Effect: "Allow", Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }] }), { [at(PUB, "bucket:trail")]: "fail" }),
  row("pol-star", "Allow \"*\" without condition", bucketWith({ statements: [{ Effect: "Allow", Principal: "*" }] }), { [at(PUB, "bucket:trail")]: "fail" }),
  row("pol-deny-only", "only Deny \"*\" statements", bucketWith({ statements: [{ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }), { [at(PUB, "bucket:trail")]: "pass" }),
  row("pol-notprincipal", "S12: Allow with NotPrincipal", bucketWith({ statements: [{ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }] }), { [at(PUB, "bucket:trail")]: "fail" }),
  row("pol-any-root", "S12: Allow to any account's root", bucketWith({ statements: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::*:root" } }] }), { [at(PUB, "bucket:trail")]: "fail" }),
  row("acl-all", "an ACL grant to AllUsers", bucketWith({ grants: [{ grantee: "AllUsers", permission: "READ" }] }), { [at(PUB, "bucket:trail")]: "fail" }),
  row("acl-auth", "S13: an ACL grant to AuthenticatedUsers", bucketWith({ grants: [{ grantee: "AuthenticatedUsers", permission: "READ" }] }), { [at(PUB, "bucket:trail")]: "fail" }),
  row("bucket-foreign", "S15: the trail bucket belongs to another account", bucketWith({ owned: false }), { [at(PUB, "bucket:trail")]: "notJudgedHere", [at(LOG, "bucket:trail")]: "notJudgedHere" }),
  // 2.6
  row("log-off", "no access logging", bucketWith({ loggingTo: null }), { [at(LOG, "bucket:trail")]: "fail" }),
  row("log-self", "S29: access logs into the bucket itself", bucketWith({ loggingTo: baseBucket.name }), { [at(LOG, "bucket:trail")]: "fail" }),
  // 2.5 Config (S20-S27)
  row("cfg-missing", "a region without recorder and channel", regionWith(OTHER, { recorder: null, channel: null }), { [at(CFG, `region:${OTHER}`)]: "fail", [at(CFG, "account")]: "pass" }),
  row("cfg-partial", "a recorder not recording all types", regionWith(OTHER, { recorder: { ...recorder(false), allSupported: false } }), { [at(CFG, `region:${OTHER}`)]: "fail" }),
  row("cfg-stopped", "a recorder that is not recording", regionWith(OTHER, { recorder: { ...recorder(false), recording: false } }), { [at(CFG, `region:${OTHER}`)]: "fail" }),
  row("cfg-nosns", "S24: a channel without SNS topic", regionWith(OTHER, { channel: { ...channel, topic: false } }), { [at(CFG, `region:${OTHER}`)]: "fail" }),
  row("cfg-nochannel", "a recorder without delivery channel", regionWith(OTHER, { channel: null }), { [at(CFG, `region:${OTHER}`)]: "fail" }),
  row("cfg-global-2", "S20: global types recorded in two regions", regionWith(OTHER, { recorder: recorder(true) }), { [at(CFG, `region:${OTHER}`)]: "pass", [at(CFG, "account")]: "pass" }),
  row("cfg-global-0", "global types recorded nowhere", regionWith(HOME, { recorder: recorder(false) }), { [at(CFG, "account")]: "fail", [at(CFG, `region:${HOME}`)]: "pass" }),
  row("cfg-global-broken", "S21: global types only from a stopped recorder", regionWith(HOME, { recorder: { ...recorder(true), recording: false } }), { [at(CFG, "account")]: "fail", [at(CFG, `region:${HOME}`)]: "fail" }),
  row("cfg-role", "S22: a dedicated recorder role (a Security Hub note, not a fail)", regionWith(OTHER, { recorder: { ...recorder(false), role: `arn:aws:iam::${ACCOUNT}:role/config-recorder` } }), { [at(CFG, `region:${OTHER}`)]: "pass" }),
  row("cfg-ineligible", "global types in a region AWS Config reached after February 2022", {
    regions: [...baseState.regions, { name: "me-central-1", recorder: recorder(true), channel }],
  }, { [at(CFG, "region:me-central-1")]: "fail", [at(CFG, "account")]: "pass" }),
  // 2.8 keys (S30-S32)
  row("key-norot", "a key without rotation", keyWith({ rotation: false }), { [at(ROT, "key:app")]: "fail" }),
  row("key-disabled", "S30: a disabled key without rotation", keyWith({ rotation: false, enabled: false }), { [at(ROT, "key:app")]: "notApplicable" }),
  row("key-asym", "an asymmetric key", keyWith({ rotation: false, spec: "RSA_2048", usage: "SIGN_VERIFY" }), { [at(ROT, "key:app")]: "notApplicable" }),
  row("key-external", "S31: imported key material (named, with a Prowler note)", keyWith({ rotation: false, origin: "EXTERNAL" }), { [at(ROT, "key:app")]: "notApplicable" }),
  // 2.9 flow logs (S34-S38)
  row("vpc-nolog", "a VPC without flow log", vpcWith({ flowLogs: [] }), { [at(VPC, "vpc:a")]: "fail", [at(VPC, "vpc:b")]: "pass" }),
  row("vpc-accept", "an ACCEPT-only flow log", vpcWith({ flowLogs: [{ traffic: "ACCEPT", destination: "s3", role: false }] }), { [at(VPC, "vpc:a")]: "fail" }),
  row("vpc-all+accept", "S35: a good flow log beside an ACCEPT-only one", vpcWith({ flowLogs: [{ traffic: "ACCEPT", destination: "s3", role: false }, { traffic: "ALL", destination: "s3", role: false }] }), { [at(VPC, "vpc:a")]: "pass" }),
  row("vpc-cwl-norole", "S37: CloudWatch Logs delivery without a role", vpcWith({ flowLogs: [{ traffic: "ALL", destination: "cloud-watch-logs", role: false }] }), { [at(VPC, "vpc:a")]: "fail" }),
  row("vpc-shared", "S38: a VPC shared in by another owner", vpcWith({ owner: "444455556666", flowLogs: [] }), { [at(VPC, "vpc:a")]: "notJudgedHere" }),
  // 3.10/3.11 S3 data events (S40-S44)
  row("s3-write", "WriteOnly data events", selectors({ kind: "classic", items: [mgmtOnly, { rw: "WriteOnly", mgmt: false, s3: ["arn:aws:s3"] }] }), { [at(W, "trail:main")]: "pass", [at(R, "account")]: "fail" }),
  row("s3-read", "ReadOnly data events", selectors({ kind: "classic", items: [mgmtOnly, { rw: "ReadOnly", mgmt: false, s3: ["arn:aws:s3"] }] }), { [at(W, "account")]: "fail", [at(R, "trail:main")]: "pass" }),
  row("s3-alt-arn", "S40: arn:aws:s3::: also means all buckets", selectors({ kind: "classic", items: [{ rw: "All", mgmt: true, s3: ["arn:aws:s3:::"] }] }), { [at(W, "trail:main")]: "pass", [at(R, "trail:main")]: "pass" }),
  row("s3-starstar", "S40: arn:aws:s3:::*/* is not documented as all buckets", selectors({ kind: "classic", items: [{ rw: "All", mgmt: true, s3: ["arn:aws:s3:::*/*"] }] }), { [at(W, "account")]: "fail", [at(R, "account")]: "fail" }),
  row("s3-scoped", "data events on one bucket only", selectors({ kind: "classic", items: [{ rw: "All", mgmt: true, s3: ["arn:aws:s3:::one-bucket/"] }] }), { [at(W, "account")]: "fail", [at(R, "account")]: "fail" }),
  row("s3-adv-all", "S41: advanced StartsWith arn:aws:s3:::", selectors({ kind: "advanced", items: [MGMT, [DATA, S3OBJ, { field: "resources.ARN", startsWith: ["arn:aws:s3:::"] }]] }), { [at(W, "trail:main")]: "pass", [at(R, "trail:main")]: "pass" }),
  row("s3-adv-selfexcl", "S42: the trail bucket excluded, as AWS recommends", selectors({ kind: "advanced", items: [MGMT, [DATA, S3OBJ, { field: "resources.ARN", notStartsWith: [`arn:aws:s3:::${baseBucket.name}/`] }]] }), { [at(W, "trail:main")]: "pass", [at(R, "trail:main")]: "pass" }),
  row("s3-adv-excl", "S42: another bucket excluded", selectors({ kind: "advanced", items: [MGMT, [DATA, S3OBJ, { field: "resources.ARN", notStartsWith: ["arn:aws:s3:::payroll/"] }]] }), { [at(W, "account")]: "fail", [at(R, "account")]: "fail" }),
  row("s3-ro-noteq", "S43: readOnly NotEquals true selects writes", selectors({ kind: "advanced", items: [MGMT, [DATA, S3OBJ, { field: "readOnly", notEquals: ["true"] }]] }), { [at(W, "trail:main")]: "pass", [at(R, "account")]: "fail" }),
];
