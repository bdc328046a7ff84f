/**
 * Pulumi mocks that stand in for an AWS account described by an Inventory. Used by the tests (set once from
 * test/setup/pulumiMocks.ts) and by the offline plan (offline/plan.ts).
 *
 * - Every resource registration is recorded with its effective region: the resource's own `region` input
 *   (shared-provider mode) or the region of the explicit provider it was registered with. A regional
 *   resource registered through the default provider has no region and is recorded as such, so tests can
 *   prove the program never relies on it.
 * - Invokes are answered from the inventory; an invoke the mocks do not know throws, which fails the
 *   program (and the test) loudly instead of returning made-up data.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { Inventory, enabledRegions } from "./inventory";

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** Provider reference (`<urn>::<id>`), "" for the default provider. */
  readonly provider: string;
  /** The region of the provider the resource was registered with, if explicit. */
  readonly providerRegion?: string;
  /** The region the resource lives in: its `region` input, else its provider's region. */
  readonly region?: string;
  readonly id?: string;
  /** The `import` resource option's ID, when the program adopts an existing resource. */
  readonly importId?: string;
  readonly custom: boolean;
  /** The state returned to the program (the outputs). */
  readonly state: Record<string, unknown>;
  /** From the registration request (see MockAccount.install): URN, parent URN and dependencies. */
  readonly urn: string;
  readonly parent: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** Resource options that decide what `pulumi destroy` and a replacement do. */
  readonly retainOnDelete: boolean;
  readonly protect: boolean;
  readonly deleteBeforeReplace: boolean;
}

interface RegistrationMeta {
  urn: string;
  parent: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  retainOnDelete: boolean;
  protect: boolean;
  deleteBeforeReplace: boolean;
}

/** The parts of the SDK's RegisterResourceRequest this module reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
  getRetainondelete(): boolean;
  getProtect(): boolean;
  getDeletebeforereplace(): boolean;
}

interface OutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface MockMonitorLike {
  registerResource(req: RegisterRequest, callback: unknown): Promise<void>;
  registerResourceOutputs(req: OutputsRequest, callback: unknown): void;
  newUrn(parent: string, type: string, name: string): string;
}

export interface RecordedInvoke {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
  readonly provider: string;
  readonly region?: string;
}

type State = Record<string, unknown>;

/** The suffix the mocks append to a `namePrefix`, as the AWS provider appends a generated unique id. */
export const MOCK_NAME_SUFFIX = "20261202000000000000000001";

/** Computed attributes AWS would return, in the shapes the program reads. */
function computedState(type: string, name: string, inputs: State, region: string | undefined, account: Inventory, accountId?: string): State {
  const p = account.partition;
  const acct = accountId ?? account.accountId;
  const r = region ?? "no-region";
  switch (type) {
    case "aws:kms/key:Key":
      return { arn: `arn:${p}:kms:${r}:${acct}:key/${name}-key-id`, keyId: `${name}-key-id` };
    case "aws:kms/alias:Alias":
      return { arn: `arn:${p}:kms:${r}:${acct}:${String(inputs.name)}` };
    case "aws:s3/bucket:Bucket": {
      const bucket = (inputs.bucket as string | undefined) ?? `${name}-0123456`;
      return { bucket, arn: `arn:${p}:s3:::${bucket}`, bucketRegion: r };
    }
    case "aws:cloudwatch/logGroup:LogGroup": {
      // With namePrefix the provider appends a generated unique suffix (26 characters in the AWS provider).
      const prefix = inputs.namePrefix as string | undefined;
      const lgName = (inputs.name as string | undefined) ?? (prefix !== undefined ? `${prefix}${MOCK_NAME_SUFFIX}` : `${name}-0123456`);
      return { name: lgName, arn: `arn:${p}:logs:${r}:${acct}:log-group:${lgName}` };
    }
    case "aws:iam/role:Role": {
      const roleName = (inputs.name as string | undefined) ?? `${name}-0123456`;
      return { name: roleName, arn: `arn:${p}:iam::${acct}:role/${roleName}` };
    }
    case "aws:iam/serviceLinkedRole:ServiceLinkedRole":
      return {
        name: "AWSServiceRoleForConfig",
        arn: `arn:${p}:iam::${acct}:role/aws-service-role/${String(inputs.awsServiceName)}/AWSServiceRoleForConfig`,
      };
    case "aws:sns/topic:Topic": {
      const topicName = (inputs.name as string | undefined) ?? `${name}-0123456`;
      return { name: topicName, arn: `arn:${p}:sns:${r}:${acct}:${topicName}` };
    }
    case "aws:cloudtrail/trail:Trail":
      return { arn: `arn:${p}:cloudtrail:${r}:${acct}:trail/${String(inputs.name ?? name)}`, homeRegion: r };
    case "aws:cfg/recorder:Recorder":
    case "aws:cfg/deliveryChannel:DeliveryChannel":
      return { name: inputs.name ?? "default" };
    default:
      return {};
  }
}

function resourceId(type: string, name: string, inputs: State): string {
  switch (type) {
    case "aws:cfg/recorder:Recorder":
    case "aws:cfg/deliveryChannel:DeliveryChannel":
    case "aws:cfg/recorderStatus:RecorderStatus":
      return String(inputs.name ?? "default");
    case "aws:ec2/flowLog:FlowLog":
      return `fl-${String(inputs.vpcId ?? name).replace(/^vpc-/, "")}`;
    case "aws:s3/bucket:Bucket":
      // An S3 bucket's ID is its name.
      return (inputs.bucket as string | undefined) ?? `${name}-0123456`;
    default:
      return `${name}-id`;
  }
}

export interface MockAccountOptions {
  /** Answer each invoke after this many milliseconds (models an AWS round trip). */
  invokeDelayMs?: number;
  /**
   * Return no computed attributes (ARNs, generated names), only the inputs: with preview mode on, every
   * computed output is then unknown, as in a real first `pulumi preview`.
   */
  computedUnknown?: boolean;
  /** Regions whose invokes fail as AWS fails a version 1 STS token in an opt-in region. */
  rejectInvokesIn?: readonly string[];
}

export class MockAccount implements pulumi.runtime.Mocks {
  readonly resources: RecordedResource[] = [];
  readonly invokes: RecordedInvoke[] = [];
  /** Invokes the mocks refused: the SDK reports them to the program only as "Error", so they are kept here. */
  readonly invokeErrors: string[] = [];
  /** The most invokes that were waiting for an answer at once (with `invokeDelayMs`): how concurrent the lookups are. */
  peakInvokesInFlight = 0;
  private invokesInFlight = 0;
  /** Explicit provider id -> region, filled as providers register. */
  private readonly providerRegions = new Map<string, string>();
  /** Explicit provider id -> the account its assumed role belongs to (providers with assumeRoles, organization mode). */
  private readonly providerAccounts = new Map<string, string>();
  private account: Inventory;
  private options: MockAccountOptions = {};
  private pendingMeta?: RegistrationMeta;

  constructor(account: Inventory) {
    this.account = account;
  }

  /** Switches the account and options and forgets what was recorded (call before each test). */
  reset(account: Inventory, options: MockAccountOptions = {}): void {
    this.account = account;
    this.options = options;
    this.resources.length = 0;
    this.invokes.length = 0;
    this.invokeErrors.length = 0;
    this.peakInvokesInFlight = 0;
    this.invokesInFlight = 0;
  }

  /**
   * Sets these mocks as the Pulumi runtime's and records, with each registration, what `newResource` is
   * not given: the URN, the parent and the dependencies (explicit `dependsOn` and those of each input).
   * Stack policies and dependency-order tests read them.
   */
  async install(project: string, stack: string, preview: boolean, organization = "organization"): Promise<void> {
    await pulumi.runtime.setMocks(this, project, stack, preview, organization);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      const propertyDependencies: Record<string, string[]> = {};
      req.getPropertydependenciesMap().forEach((value, key) => { propertyDependencies[key] = value.getUrnsList(); });
      // newResource runs synchronously inside the original call, before its first await.
      this.pendingMeta = {
        urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        retainOnDelete: req.getRetainondelete() === true,
        protect: req.getProtect() === true,
        deleteBeforeReplace: req.getDeletebeforereplace() === true,
      };
      return original(req, callback);
    };
    // A component's outputs (registerOutputs) become its state, as the engine hands them to stack policies.
    const originalOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
      const index = this.resources.findIndex((r) => r.urn === req.getUrn());
      if (index >= 0 && !this.resources[index].custom) {
        this.resources[index] = { ...this.resources[index], state: req.getOutputs()?.toJavaScript() ?? {} };
      }
      return originalOutputs(req, callback);
    };
  }

  private takeMeta(): RegistrationMeta {
    const meta = this.pendingMeta ?? {
      urn: "", parent: "", dependencies: [], propertyDependencies: {}, retainOnDelete: false, protect: false, deleteBeforeReplace: false,
    };
    this.pendingMeta = undefined;
    return meta;
  }

  get inventory(): Inventory {
    return this.account;
  }

  private regionOfProvider(providerRef: string | undefined): string | undefined {
    if (!providerRef) {
      return undefined;
    }
    const id = providerRef.split("::").pop() ?? "";
    return this.providerRegions.get(id);
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: State } {
    const inputs = (args.inputs ?? {}) as State;
    const meta = this.takeMeta();
    if (args.type === "pulumi:providers:aws") {
      const id = `${args.name}-provider-id`;
      this.providerRegions.set(id, String(inputs.region));
      // The provider SDK hands assumeRoles over as a JSON string.
      const assumed = typeof inputs.assumeRoles === "string" ? (JSON.parse(inputs.assumeRoles) as { roleArn?: string }[]) : [];
      const roleAccount = assumed[0]?.roleArn?.split(":")[4];
      if (roleAccount) {
        this.providerAccounts.set(id, roleAccount);
      }
      this.resources.push({
        ...meta, type: args.type, name: args.name, inputs, provider: "", region: String(inputs.region), id, custom: true, state: inputs,
      });
      return { id, state: inputs };
    }
    if (args.custom === false) {
      this.resources.push({ ...meta, type: args.type, name: args.name, inputs, provider: args.provider ?? "", custom: false, state: {} });
      return { id: undefined, state: {} };
    }
    const providerRegion = this.regionOfProvider(args.provider);
    const region = (inputs.region as string | undefined) ?? providerRegion;
    // The mock monitor passes the import ID as "" when there is none.
    const id = args.id || resourceId(args.type, args.name, inputs);
    const providerAccount = this.providerAccounts.get((args.provider ?? "").split("::").pop() ?? "");
    const computed = this.options.computedUnknown ? {} : computedState(args.type, args.name, inputs, region, this.account, providerAccount);
    const state = { ...inputs, ...computed, region };
    this.resources.push({
      ...meta, type: args.type, name: args.name, inputs, provider: args.provider ?? "", providerRegion, region, id, custom: true, state,
      ...(args.id ? { importId: args.id } : {}),
    });
    return { id, state };
  }

  async call(args: pulumi.runtime.MockCallArgs): Promise<Record<string, unknown>> {
    const inputs = (args.inputs ?? {}) as State;
    const region = (inputs.region as string | undefined) ?? this.regionOfProvider(args.provider);
    this.invokes.push({ token: args.token, inputs, provider: args.provider ?? "", region });
    if (this.options.invokeDelayMs) {
      this.invokesInFlight += 1;
      this.peakInvokesInFlight = Math.max(this.peakInvokesInFlight, this.invokesInFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, this.options.invokeDelayMs));
      } finally {
        this.invokesInFlight -= 1;
      }
    }
    try {
      return this.answer(args.token, inputs, region);
    } catch (err) {
      const message = (err as Error).message;
      this.invokeErrors.push(message);
      // The invoke's rejection reaches the program as a bare "Error": say here what went wrong.
      console.error(`mock account: ${message}`);
      throw err;
    }
  }

  private answer(token: string, inputs: State, region: string | undefined): Record<string, unknown> {
    const account = this.account;
    switch (token) {
      case "aws:index/getCallerIdentity:getCallerIdentity": {
        const result: aws.GetCallerIdentityResult = {
          accountId: account.accountId, arn: `arn:${account.partition}:iam::${account.accountId}:user/planner`,
          id: account.accountId, userId: "AIDAPLANNER",
        };
        return { ...result };
      }
      case "aws:index/getPartition:getPartition": {
        const result: aws.GetPartitionResult = {
          partition: account.partition, dnsSuffix: "amazonaws.com", id: account.partition, reverseDnsPrefix: "com.amazonaws",
        };
        return { ...result };
      }
      case "aws:index/getRegions:getRegions": {
        const filters = (inputs.filters as { name: string; values: string[] }[] | undefined) ?? [];
        let names = inputs.allRegions ? Object.keys(this.account.regions).sort() : enabledRegions(this.account);
        for (const filter of filters) {
          if (filter.name !== "opt-in-status") {
            throw new Error(`mock getRegions: filter '${filter.name}' is not modelled`);
          }
          names = names.filter((n) => filter.values.includes(this.account.regions[n].optInStatus));
        }
        const result: aws.GetRegionsResult = { names, id: account.partition, allRegions: inputs.allRegions as boolean | undefined };
        return { ...result };
      }
      case "aws:ec2/getVpcs:getVpcs": {
        if (!region) {
          throw new Error("mock getVpcs: called without a region or an explicit provider (the default provider is not allowed)");
        }
        const entry = this.account.regions[region];
        if (!entry || entry.optInStatus === "not-opted-in") {
          throw new Error(`mock getVpcs: region ${region} is not enabled for account ${account.accountId}`);
        }
        if (this.options.rejectInvokesIn?.includes(region)) {
          throw new Error("InvalidClientTokenId: The security token included in the request is invalid");
        }
        // DescribeVpcs lists owned and shared-in VPCs; the owner-id filter keeps those of the given owners.
        let vpcs = [...entry.vpcIds.map((vpcId) => ({ vpcId, ownerId: account.accountId })), ...(entry.sharedVpcs ?? [])];
        for (const filter of (inputs.filters as { name: string; values: string[] }[] | undefined) ?? []) {
          if (filter.name !== "owner-id") {
            throw new Error(`mock getVpcs: filter '${filter.name}' is not modelled`);
          }
          vpcs = vpcs.filter((v) => filter.values.includes(v.ownerId));
        }
        const result: aws.ec2.GetVpcsResult = { ids: vpcs.map((v) => v.vpcId), id: region, region, tags: {} };
        return { ...result };
      }
      case "aws:iam/getRoles:getRoles": {
        if (inputs.nameRegex !== undefined) {
          throw new Error("mock getRoles: nameRegex is not modelled");
        }
        // ListRoles PathPrefix: roles whose path starts with the prefix (IAM API reference, ListRoles).
        const prefix = (inputs.pathPrefix as string | undefined) ?? "/";
        const matching = (account.iamRoleArns ?? []).filter((arn) => `/${arn.split(":role/")[1]}`.startsWith(prefix)).sort();
        const result: aws.iam.GetRolesResult = {
          arns: matching, names: matching.map((arn) => arn.split("/").pop() as string), id: account.accountId, pathPrefix: prefix,
        };
        return { ...result };
      }
      case "aws:organizations/getOrganization:getOrganization": {
        const org = account.organization;
        if (!org) {
          // What Organizations answers an account outside any organization.
          throw new Error("AWSOrganizationsNotInUseException: Your account is not a member of an organization.");
        }
        const p = account.partition;
        const arnOf = (id: string): string => `arn:${p}:organizations::${org.managementAccountId}:account/${org.id}/${id}`;
        const accounts = org.accountIds.map((id) => ({ id, arn: arnOf(id), email: `${id}@example.com`, name: `account-${id}`, status: "ACTIVE", joinedMethod: "CREATED", joinedTimestamp: "2026-01-01T00:00:00Z", state: "ACTIVE" }));
        const result: aws.organizations.GetOrganizationResult = {
          id: org.id,
          arn: `arn:${p}:organizations::${org.managementAccountId}:organization/${org.id}`,
          masterAccountId: org.managementAccountId,
          masterAccountArn: arnOf(org.managementAccountId),
          masterAccountEmail: `${org.managementAccountId}@example.com`,
          masterAccountName: "management",
          featureSet: "ALL",
          accounts,
          nonMasterAccounts: accounts.filter((a) => a.id !== org.managementAccountId),
          awsServiceAccessPrincipals: [...org.serviceAccessPrincipals],
          enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
          roots: [{ id: org.rootId, arn: `arn:${p}:organizations::${org.managementAccountId}:root/${org.id}/${org.rootId}`, name: "Root", policyTypes: [] }],
        };
        return { ...result };
      }
      case "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts": {
        const org = account.organization;
        const parentId = String(inputs.parentId);
        const ids = org?.accountsByOrganizationalUnit?.[parentId];
        if (!org || !ids) {
          throw new Error(`ParentNotFoundException: ${parentId} is no organizational unit of the organization.`);
        }
        const accounts = ids.map((id) => ({ id, arn: `arn:${account.partition}:organizations::${org.managementAccountId}:account/${org.id}/${id}`, email: `${id}@example.com`, name: `account-${id}`, status: "ACTIVE", joinedMethod: "CREATED", joinedTimestamp: "2026-01-01T00:00:00Z", state: "ACTIVE" }));
        const result: aws.organizations.GetOrganizationalUnitDescendantAccountsResult = { id: parentId, parentId, accounts };
        return { ...result };
      }
      default:
        throw new Error(`unmocked invoke ${token} (${JSON.stringify(inputs)}): add it to offline/mockAccount.ts`);
    }
  }

  /** The recorded custom resources of a type, in registration order. */
  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }
}
