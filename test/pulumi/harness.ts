/**
 * Pulumi test harness: runs a program under `pulumi.runtime.setMocks` (no CLI, no plugins) and
 * captures every resource it registers (type, name, URN, inputs, mock outputs) together with its
 * resource options (`protect`, `retainOnDelete`, `parent`, `provider`, dependencies...), read from
 * the register-resource requests by wrapping the mock monitor (`pulumi.runtime.getMonitor()`).
 *
 * - `runProgram(fn, options)` runs one program and waits for every registration
 *   (`pulumi.runtime.disconnect()`); it can be called many times in one jest file.
 * - `options.priorState` (the `state` of an earlier run) simulates a later `pulumi up`: a resource
 *   that existed with the same inputs keeps its id and outputs, so e.g. a `time:index/static:Static`
 *   keeps the timestamp of its first creation while `options.now` moves on.
 * - An error thrown inside an `apply` whose output feeds a resource input is, by Pulumi's design,
 *   an unhandled rejection (the engine would fail the update); jest attributes it to the running
 *   test, and the harness cannot catch it. Test such checks through the pure function they call.
 * - `runResourcePolicies` / `runStackPolicies` run `@pulumi/policy` policies over captured
 *   resources with faithful `ResourceValidationArgs` (including `notApplicable`), never starting a
 *   policy server.
 */
import { isDeepStrictEqual } from 'node:util';
import type {
  Policies,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
} from '@pulumi/policy';
import * as pulumi from '@pulumi/pulumi';
import {
  DEFAULT_MOCK_NOW,
  MOCK_ACCOUNT_ID,
  MOCK_REGION,
  mockCallResult,
  mockResourceOutputs,
} from 'velero-iac/pulumi/testing';

/** Resource options as sent in the register-resource request. */
export interface CapturedOptions {
  /** `protect`, when the program set it (directly or inherited from the parent). */
  readonly protect: boolean | undefined;
  /** `retainOnDelete`, when the program set it. */
  readonly retainOnDelete: boolean | undefined;
  /** URN of the parent resource, if any. */
  readonly parent: string | undefined;
  /** Provider reference (`urn::id`), if any. */
  readonly provider: string | undefined;
  /** URNs of the explicit and implicit dependencies. */
  readonly dependencies: readonly string[];
  /** URNs each input property depends on. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** `ignoreChanges`. */
  readonly ignoreChanges: readonly string[];
  /** `deleteBeforeReplace`, when set. */
  readonly deleteBeforeReplace: boolean | undefined;
  /** `additionalSecretOutputs`. */
  readonly additionalSecretOutputs: readonly string[];
}

/** One resource the program registered. */
export interface CapturedResource {
  /** Type token, e.g. `aws:s3/bucket:Bucket`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** URN, computed like the mock monitor does (parent types prefixed). */
  readonly urn: string;
  /** Physical id returned by the mock (custom resources). */
  readonly id: string | undefined;
  /** Whether it is a custom (provider) resource rather than a component. */
  readonly custom: boolean;
  /** The inputs, as the mocks received them. */
  readonly inputs: Record<string, unknown>;
  /** The outputs the mock returned. */
  readonly outputs: Record<string, unknown>;
  /** The resource options of the request. */
  readonly options: CapturedOptions;
}

/** What a run leaves in "the state": per URN, the id, inputs and outputs. */
export type StackState = ReadonlyMap<
  string,
  {
    readonly id: string | undefined;
    readonly inputs: Record<string, unknown>;
    readonly outputs: Record<string, unknown>;
  }
>;

/** Arguments passed to an output hook: what the mock received plus the computed URN. */
export interface MockRequest {
  /** Type token. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** The resource's URN. */
  readonly urn: string;
  /** The inputs. */
  readonly inputs: Record<string, unknown>;
  /** Whether the resource is a custom resource. */
  readonly custom: boolean;
}

/** Options of {@link runProgram}. */
export interface RunOptions {
  /**
   * Project name.
   * @default 'project'
   */
  project?: string;
  /**
   * Stack name.
   * @default 'stack'
   */
  stack?: string;
  /**
   * Run as a preview: resources not in `priorState` get no id and no computed outputs, so
   * values derived from them are unknown (inputs carry `pulumi.isUnknown` values).
   * @default false
   */
  preview?: boolean;
  /**
   * The clock of the mock providers (e.g. the timestamp a new `time.Static` records). The
   * program itself never sees it.
   * @default 2026-01-15T10:20:30Z
   */
  now?: Date;
  /**
   * The state of an earlier run: resources that exist there with equal inputs keep their id
   * and outputs.
   * @default an empty state (first run)
   */
  priorState?: StackState;
  /**
   * Stack configuration, keys as `project:key`.
   * @default no configuration
   */
  config?: Record<string, string>;
  /**
   * Extra or overriding outputs for a new resource; return `undefined` for the defaults.
   * @default the defaults only
   */
  outputs?: (
    request: MockRequest,
    defaults: Record<string, unknown>,
  ) => Record<string, unknown> | undefined;
  /**
   * Results of provider function calls (invokes) other than the built-in ones.
   * @default `{}`
   */
  call?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
  /**
   * Return the program's error in the run instead of throwing it.
   * @default false
   */
  captureError?: boolean;
}

/** The result of {@link runProgram}. */
export interface ProgramRun<T> {
  /** What the program returned (`undefined` when it threw). */
  readonly result: T | undefined;
  /** What the program threw (only with `captureError`). */
  readonly error: unknown;
  /** Every registered resource, in registration order. */
  readonly resources: readonly CapturedResource[];
  /** The state after this run, to pass as `priorState` to a later run. */
  readonly state: StackState;
  /** Resources of one type. */
  ofType(type: string): CapturedResource[];
  /** The single resource of a type (optionally with a given name); throws otherwise. */
  one(type: string, name?: string): CapturedResource;
}

export { DEFAULT_MOCK_NOW, MOCK_ACCOUNT_ID, MOCK_REGION } from 'velero-iac/pulumi/testing';

/** The subset of the register-resource request the harness reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  hasProtect?(): boolean;
  getRetainondelete(): boolean;
  hasRetainondelete?(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getIgnorechangesList(): string[];
  getDeletebeforereplace(): boolean;
  getDeletebeforereplacedefined(): boolean;
  getAdditionalsecretoutputsList(): string[];
}

type RegisterCallback = (error: unknown, response: unknown) => void;

interface PatchableMonitor {
  registerResource(request: RegisterRequest, callback: RegisterCallback): unknown;
}

function isPatchableMonitor(value: unknown): value is PatchableMonitor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { registerResource?: unknown }).registerResource === 'function'
  );
}

function urnOf(stack: string, project: string, parent: string, type: string, name: string): string {
  let qualified = type;
  if (parent !== '') {
    const parentType = (parent.split('::')[2] ?? '').split('$').pop() ?? '';
    qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The outputs a fresh resource gets: those of `veleroMocks` from `velero-iac/pulumi/testing`
 * (the mocks users get), with the run's clock.
 */
export function defaultMockOutputs(
  request: MockRequest,
  now: Date,
): { id: string | undefined; state: Record<string, unknown> } {
  return mockResourceOutputs(request, { now, accountId: MOCK_ACCOUNT_ID, region: MOCK_REGION });
}

/** Serializes runs: the Pulumi runtime's mock settings are process-global. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a Pulumi program under mocks and returns everything it registered.
 *
 * @param program the program; may return a value (e.g. a component) or a promise of one
 * @param options project, stack, preview, clock, prior state and mock hooks
 * @returns the captured run
 */
export function runProgram<T>(
  program: () => T | Promise<T>,
  options: RunOptions = {},
): Promise<ProgramRun<T>> {
  const run = queue.then(() => runProgramNow(program, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runProgramNow<T>(
  program: () => T | Promise<T>,
  options: RunOptions,
): Promise<ProgramRun<T>> {
  const project = options.project ?? 'project';
  const stack = options.stack ?? 'stack';
  const now = options.now ?? DEFAULT_MOCK_NOW;
  const prior = options.priorState ?? new Map();
  const resources: CapturedResource[] = [];
  const state = new Map<
    string,
    { id: string | undefined; inputs: Record<string, unknown>; outputs: Record<string, unknown> }
  >();
  /** The request being registered: the mock monitor calls `newResource` synchronously from it. */
  let pending: { urn: string; request: RegisterRequest } | undefined;

  const mocks: pulumi.runtime.Mocks = {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
      const inputs: Record<string, unknown> = isRecord(args.inputs) ? { ...args.inputs } : {};
      const current = pending;
      pending = undefined;
      const matches =
        current !== undefined &&
        current.request.getType() === args.type &&
        current.request.getName() === args.name;
      const urn = matches ? current.urn : urnOf(stack, project, '', args.type, args.name);
      const custom = args.custom === true;
      const request: MockRequest = { type: args.type, name: args.name, urn, inputs, custom };
      const previous = prior.get(urn);
      let id: string | undefined;
      let outputs: Record<string, unknown>;
      if (previous !== undefined && isDeepStrictEqual(previous.inputs, inputs)) {
        id = previous.id;
        outputs = { ...previous.outputs };
      } else if (options.preview === true) {
        // A preview does not create anything: computed outputs of a new resource stay unknown.
        id = undefined;
        outputs = { ...inputs };
      } else {
        const fresh = defaultMockOutputs(request, now);
        id = fresh.id;
        outputs = options.outputs?.(request, fresh.state) ?? fresh.state;
      }
      state.set(urn, { id, inputs, outputs });
      const req = matches ? current.request : undefined;
      const propertyDependencies: Record<string, string[]> = {};
      req?.getPropertydependenciesMap().forEach((value, key) => {
        propertyDependencies[key] = value.getUrnsList();
      });
      resources.push({
        type: args.type,
        name: args.name,
        urn,
        id,
        custom,
        inputs,
        outputs,
        options: {
          protect: req === undefined || req.hasProtect?.() === false ? undefined : req.getProtect(),
          retainOnDelete:
            req === undefined || req.hasRetainondelete?.() === false
              ? undefined
              : req.getRetainondelete(),
          parent: req === undefined || req.getParent() === '' ? undefined : req.getParent(),
          provider: req === undefined || req.getProvider() === '' ? undefined : req.getProvider(),
          dependencies: req?.getDependenciesList() ?? [],
          propertyDependencies,
          ignoreChanges: req?.getIgnorechangesList() ?? [],
          deleteBeforeReplace: req?.getDeletebeforereplacedefined()
            ? req.getDeletebeforereplace()
            : undefined,
          additionalSecretOutputs: req?.getAdditionalsecretoutputsList() ?? [],
        },
      });
      return { id, state: outputs };
    },
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
      const inputs: Record<string, unknown> = isRecord(args.inputs) ? args.inputs : {};
      return options.call?.(args.token, inputs) ?? mockCallResult(args.token) ?? {};
    },
  };

  await pulumi.runtime.setMocks(mocks, project, stack, options.preview ?? false);
  pulumi.runtime.setAllConfig(options.config ?? {});
  const monitor: unknown = pulumi.runtime.getMonitor();
  if (!isPatchableMonitor(monitor))
    throw new Error('the Pulumi mock monitor has no registerResource');
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request: RegisterRequest, callback: RegisterCallback) => {
    pending = {
      urn: urnOf(stack, project, request.getParent(), request.getType(), request.getName()),
      request,
    };
    return register(request, callback);
  };

  let result: T | undefined;
  let error: unknown;
  let failed = false;
  try {
    result = await program();
  } catch (caught) {
    failed = true;
    error = caught;
  }
  await pulumi.runtime.disconnect();
  if (failed && options.captureError !== true) throw error;

  return {
    result,
    error,
    resources,
    state,
    ofType: (type) => resources.filter((r) => r.type === type),
    one: (type, name) => {
      const found = resources.filter(
        (r) => r.type === type && (name === undefined || r.name === name),
      );
      if (found.length !== 1) {
        throw new Error(
          `expected exactly one ${type}${name === undefined ? '' : ` named ${name}`}, found ${found.length}`,
        );
      }
      return found[0] as CapturedResource;
    },
  };
}

/**
 * The value of an output once the run has resolved it. Do not use it for values that stay unknown
 * (preview): their promise never settles.
 *
 * @param output the output
 * @returns its value
 */
export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });
}

/** One violation a policy reported. */
export interface PolicyViolation {
  /** The policy's name. */
  readonly policy: string;
  /** The message reported. */
  readonly message: string;
  /** URN of the resource (the one reported, or the one validated). */
  readonly urn: string;
  /** Logical name of the validated resource (the stack's name for stack policies). */
  readonly name: string;
  /** Type of the validated resource (`pulumi:pulumi:Stack` for stack policies). */
  readonly type: string;
}

class NotApplicable extends Error {}

function pulumiTypeOf(resourceClass: unknown): string | undefined {
  const token: unknown =
    typeof resourceClass === 'function' || isRecord(resourceClass)
      ? (resourceClass as { __pulumiType?: unknown }).__pulumiType
      : undefined;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/** The policy server's `isTypeOf`: by `__pulumiType`, else by the class's `isInstance`. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
  const token = pulumiTypeOf(resourceClass);
  if (token !== undefined) return token === type;
  const isInstance: unknown =
    typeof resourceClass === 'function'
      ? (resourceClass as { isInstance?: unknown }).isInstance
      : undefined;
  return typeof isInstance === 'function' && isInstance({ __pulumiType: type }) === true;
}

function containsUnknown(value: unknown): boolean {
  if (pulumi.isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isRecord(value)) return Object.values(value).some(containsUnknown);
  return false;
}

function policyOptions(resource: CapturedResource): PolicyResourceOptions {
  return {
    protect: resource.options.protect === true,
    ignoreChanges: [...resource.options.ignoreChanges],
    ...(resource.options.deleteBeforeReplace === undefined
      ? {}
      : { deleteBeforeReplace: resource.options.deleteBeforeReplace }),
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [...resource.options.additionalSecretOutputs],
    ...(resource.options.parent === undefined ? {} : { parent: resource.options.parent }),
  };
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicable(reason ?? 'not applicable');
}

/**
 * Builds the `ResourceValidationArgs` the policy server would pass for a captured resource (props
 * are its inputs).
 *
 * @param resource the captured resource
 * @param config the policy's configuration
 * @returns the arguments
 */
export function resourceValidationArgs(
  resource: Pick<CapturedResource, 'type' | 'name' | 'urn' | 'inputs' | 'options'>,
  config: object = {},
): ResourceValidationArgs {
  const props = resource.inputs;
  const type = resource.type;
  return {
    type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: policyOptions(resource as CapturedResource),
    stackTags: new Map(),
    isType: (resourceClass) => isTypeOf(type, resourceClass),
    asType: ((resourceClass: unknown) =>
      isTypeOf(type, resourceClass) ? props : undefined) as ResourceValidationArgs['asType'],
    getConfig: <T extends object>() => config as T,
    notApplicable: throwNotApplicable,
  };
}

/** Options of {@link runResourcePolicies}. */
export interface PolicyRunOptions {
  /**
   * Per policy name, the configuration `getConfig()` returns.
   * @default `{}` for every policy
   */
  config?: Record<string, object>;
  /**
   * Also validate resources whose inputs contain unknown values (preview); the real analyzer
   * downgrades those to advisories, so they are skipped by default.
   * @default false
   */
  includeUnknowns?: boolean;
}

/**
 * Runs every resource policy of `policies` over `resources`, like the policy server does: each
 * validation function sees each resource, `notApplicable` is honoured, stack policies are skipped.
 *
 * @param policies the policies (e.g. `veleroBucketPolicies`)
 * @param resources captured resources (custom resources only are validated)
 * @param options configuration and unknown handling
 * @returns every violation reported
 */
export async function runResourcePolicies(
  policies: Policies,
  resources: readonly CapturedResource[],
  options: PolicyRunOptions = {},
): Promise<PolicyViolation[]> {
  const violations: PolicyViolation[] = [];
  for (const policy of policies) {
    if (!('validateResource' in policy) || policy.validateResource === undefined) continue;
    const validations: ResourceValidation[] = Array.isArray(policy.validateResource)
      ? policy.validateResource
      : [policy.validateResource];
    for (const resource of resources) {
      if (!resource.custom) continue;
      if (options.includeUnknowns !== true && containsUnknown(resource.inputs)) continue;
      for (const validation of validations) {
        const args = resourceValidationArgs(resource, options.config?.[policy.name] ?? {});
        try {
          await validation(args, (message, urn) => {
            violations.push({
              policy: policy.name,
              message,
              urn: urn ?? resource.urn,
              name: resource.name,
              type: resource.type,
            });
          });
        } catch (error) {
          if (!(error instanceof NotApplicable)) throw error;
        }
      }
    }
  }
  return violations;
}

/**
 * Runs every stack policy of `policies` over `resources` (props are the outputs, as after an
 * update; parents, dependencies and property dependencies are linked).
 *
 * @param policies the policies
 * @param resources captured resources
 * @param options configuration
 * @returns every violation reported
 */
export async function runStackPolicies(
  policies: Policies,
  resources: readonly CapturedResource[],
  options: Pick<PolicyRunOptions, 'config'> = {},
): Promise<PolicyViolation[]> {
  const byUrn = new Map<string, PolicyResource>();
  const policyResources: PolicyResource[] = resources.map((resource) => {
    const entry: PolicyResource = {
      type: resource.type,
      props: resource.outputs,
      urn: resource.urn,
      name: resource.name,
      opts: policyOptions(resource),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
      asType: ((resourceClass: unknown) =>
        isTypeOf(resource.type, resourceClass)
          ? resource.outputs
          : undefined) as PolicyResource['asType'],
    };
    byUrn.set(resource.urn, entry);
    return entry;
  });
  resources.forEach((resource, index) => {
    const entry = policyResources[index] as PolicyResource;
    const link = (urns: readonly string[]) =>
      urns.map((urn) => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
    if (resource.options.parent !== undefined) entry.parent = byUrn.get(resource.options.parent);
    entry.dependencies = link(resource.options.dependencies);
    entry.propertyDependencies = Object.fromEntries(
      Object.entries(resource.options.propertyDependencies).map(([key, urns]) => [key, link(urns)]),
    );
  });
  const violations: PolicyViolation[] = [];
  for (const policy of policies) {
    if (!('validateStack' in policy)) continue;
    const args: StackValidationArgs = {
      resources: policyResources,
      stackTags: new Map(),
      getConfig: <T extends object>() => (options.config?.[policy.name] ?? {}) as T,
      notApplicable: throwNotApplicable,
    };
    try {
      await policy.validateStack(args, (message, urn) => {
        violations.push({
          policy: policy.name,
          message,
          urn: urn ?? '',
          name: 'stack',
          type: 'pulumi:pulumi:Stack',
        });
      });
    } catch (error) {
      if (!(error instanceof NotApplicable)) throw error;
    }
  }
  return violations;
}

/**
 * Runs resource and stack policies.
 *
 * @param policies the policies
 * @param resources captured resources
 * @param options configuration and unknown handling
 * @returns every violation, resource policies first
 */
export async function runPolicies(
  policies: Policies,
  resources: readonly CapturedResource[],
  options: PolicyRunOptions = {},
): Promise<PolicyViolation[]> {
  return [
    ...(await runResourcePolicies(policies, resources, options)),
    ...(await runStackPolicies(policies, resources, options)),
  ];
}

/**
 * A copy of a captured resource with other inputs (for negative policy tests).
 *
 * @param resource the captured resource
 * @param mutate receives a deep copy of the inputs and changes it
 * @returns the mutated resource
 */
export function withInputs(
  resource: CapturedResource,
  mutate: (inputs: Record<string, unknown>) => void,
): CapturedResource {
  const inputs = structuredClone(resource.inputs);
  mutate(inputs);
  return { ...resource, inputs, outputs: { ...resource.outputs, ...inputs } };
}
