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
 *
 * The answers to invokes are in offline/mockInvokes.ts, the computed state of a resource in offline/mockState.ts;
 * this module records registrations and invokes and hands them over.
 */
import * as pulumi from "@pulumi/pulumi";
import { Inventory } from "./inventory";
import { State, computedState, resourceId } from "./mockState";
import { answerInvoke } from "./mockInvokes";

// Moved to offline/mockState.ts; re-exported so importers keep importing from here.
export { MOCK_NAME_SUFFIX } from "./mockState";

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
      return answerInvoke(this.account, args.token, inputs, region, this.options.rejectInvokesIn);
    } catch (err) {
      const message = (err as Error).message;
      this.invokeErrors.push(message);
      // The invoke's rejection reaches the program as a bare "Error": say here what went wrong.
      console.error(`mock account: ${message}`);
      throw err;
    }
  }

  /** The recorded custom resources of a type, in registration order. */
  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }
}
