/**
 * The shared machinery of the Velero custom-resource components (`VeleroSchedule`,
 * `VeleroBackup`, ...): check the arguments with the core builder before anything is registered,
 * then register one `kubernetes.apiextensions.CustomResource` child holding the manifest.
 *
 * @internal
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { type ValidationIssue, VeleroConfigError } from '../core/errors';
import { joinPath } from '../core/path';
import { isPlainObject } from '../core/schema/checkShape';
import type { VeleroManifest } from '../core/types/meta';
import { VELERO_API_VERSION } from '../core/types/meta';

/**
 * What stands in for a value that is not known at construction (a Pulumi `Output` or a promise)
 * while the arguments are checked synchronously. It is a valid DNS-1123 name, bucket name and
 * label value, so it only trips checks about the value itself, and those are reported later,
 * when the real value is known.
 */
export const UNKNOWN_INPUT_PLACEHOLDER = 'velero-iac-unknown-input';

/** Any Velero manifest the core builds. */
export type AnyVeleroManifest = VeleroManifest<string, unknown>;

/** The result of {@link substituteUnknownInputs}. */
export interface SubstitutedInputs {
  /** A copy of the arguments with every `Output`/promise replaced by the placeholder. */
  readonly value: unknown;
  /** Option paths (as the core reports them, e.g. `objectStorage.bucket`) of the replaced values. */
  readonly unknownPaths: readonly string[];
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** True for a value the program cannot read synchronously: a Pulumi `Output` or a promise. */
export function isUnresolvedInput(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || isPromiseLike(value);
}

/**
 * Replaces every `Output` and promise inside plain objects and arrays by
 * {@link UNKNOWN_INPUT_PLACEHOLDER}, recording where, so that the core builder can check all
 * the values that are known right now.
 *
 * @param value the component's arguments
 * @param path the option path of `value`
 * @returns the substituted copy and the paths that were unknown
 */
export function substituteUnknownInputs(value: unknown, path = ''): SubstitutedInputs {
  if (!containsUnresolvedInput(value)) return { value, unknownPaths: [] };
  const unknownPaths: string[] = [];
  const walk = (item: unknown, at: string): unknown => {
    if (isUnresolvedInput(item)) {
      unknownPaths.push(at);
      return UNKNOWN_INPUT_PLACEHOLDER;
    }
    if (Array.isArray(item)) return item.map((entry, index) => walk(entry, joinPath(at, index)));
    if (isPlainObject(item)) {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(item)) {
        Object.defineProperty(out, key, {
          value: walk(entry, joinPath(at, key)),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return item;
  };
  return { value: walk(value, path), unknownPaths };
}

/** Whether an `Output` or a promise hides anywhere inside plain objects and arrays. */
function containsUnresolvedInput(value: unknown): boolean {
  if (isUnresolvedInput(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnresolvedInput);
  if (isPlainObject(value)) {
    for (const key in value) {
      if (Object.hasOwn(value, key) && containsUnresolvedInput(value[key])) return true;
    }
  }
  return false;
}

function isAtOrUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`) || base === '';
}

/**
 * The issues that are real problems and not artefacts of the placeholder: an issue is dropped
 * only when it is at (or under) an unknown value's path and names the placeholder as the value it
 * received. Issues about the presence or combination of fields (e.g. both `backupName` and
 * `scheduleName`) are kept.
 *
 * @param issues the issues the core reported for the substituted arguments
 * @param unknownPaths where the placeholders are
 * @returns the issues to report now
 */
export function issuesNotCausedByPlaceholders(
  issues: readonly ValidationIssue[],
  unknownPaths: readonly string[],
): ValidationIssue[] {
  return issues.filter(
    (item) =>
      !(
        item.received?.includes(UNKNOWN_INPUT_PLACEHOLDER) === true &&
        unknownPaths.some((base) => isAtOrUnder(item.path, base))
      ),
  );
}

/** How one component kind builds and registers its manifest. */
export interface VeleroCustomResourceKind<Args, Manifest extends AnyVeleroManifest> {
  /** The component's Pulumi type token, e.g. `velero-iac:velero:VeleroSchedule`. */
  readonly type: string;
  /** The Velero kind, e.g. `Schedule`. */
  readonly kind: Manifest['kind'];
  /** The core builder (throws `VeleroConfigError`). */
  readonly build: (options: Args) => Manifest;
  /** The `ignoreChanges` paths of the CustomResource: the fields Velero writes itself. */
  readonly ignoreChanges: readonly string[];
}

/**
 * The problems the core builder finds in arguments that may hold outputs: every known value is
 * checked, placeholders stand in for the unknown ones. Never throws a `VeleroConfigError`.
 *
 * @param build the core builder
 * @param args the arguments
 * @param placeholderPaths option paths where the caller already put
 *   {@link UNKNOWN_INPUT_PLACEHOLDER} for a value it does not know yet
 * @returns the manifest built from the arguments with placeholders (`undefined` when invalid),
 *   whether some arguments were unknown, whether the metadata is free of them, and every problem
 */
export function checkVeleroManifestArgs<Manifest>(
  build: (options: never) => Manifest,
  args: unknown,
  placeholderPaths: readonly string[] = [],
): CheckedVeleroManifestArgs<Manifest> {
  const substituted = substituteUnknownInputs(args);
  const unknownPaths =
    placeholderPaths.length === 0
      ? substituted.unknownPaths
      : [...substituted.unknownPaths, ...placeholderPaths];
  const hasUnknowns = unknownPaths.length > 0;
  const metadataKnown =
    !hasUnknowns ||
    !unknownPaths.some((path) => METADATA_OPTIONS.some((key) => isAtOrUnder(path, key)));
  try {
    return { manifest: build(substituted.value as never), hasUnknowns, metadataKnown, issues: [] };
  } catch (error) {
    if (!(error instanceof VeleroConfigError)) throw error;
    return {
      manifest: undefined,
      hasUnknowns,
      metadataKnown,
      issues: issuesNotCausedByPlaceholders(error.issues, unknownPaths),
    };
  }
}

/** The options that become a manifest's `metadata`. */
const METADATA_OPTIONS: readonly string[] = ['name', 'namespace', 'labels', 'annotations'];

/** What {@link checkVeleroManifestArgs} found. */
export interface CheckedVeleroManifestArgs<Manifest> {
  /** The manifest built with placeholders for unknown values; `undefined` when invalid. */
  readonly manifest: Manifest | undefined;
  /** Whether some arguments were outputs (or placeholders). */
  readonly hasUnknowns: boolean;
  /** Whether the metadata (name, namespace, labels, annotations) holds no unknown value. */
  readonly metadataKnown: boolean;
  /** Every real problem (none caused by a placeholder). */
  readonly issues: ValidationIssue[];
}

/** What {@link prepareVeleroManifest} returns. */
export interface PreparedVeleroManifest<Manifest extends AnyVeleroManifest> {
  /** The manifest, or an output of it built from the resolved arguments. */
  readonly manifest: Manifest | pulumi.Output<Manifest>;
  /**
   * The manifest's metadata when it is known now, even if the spec waits for outputs (so that a
   * preview shows the object's name).
   */
  readonly metadata: Manifest['metadata'] | undefined;
}

/**
 * Checks a component's arguments with the core builder, synchronously, before anything is
 * registered: every known value is checked now and a `VeleroConfigError` is thrown listing every
 * problem. Values that are outputs are checked again by the same builder once they resolve.
 *
 * @param definition the component kind
 * @param componentName the component's logical name (for the error's subject)
 * @param args the component's arguments
 * @returns the manifest when every argument is known, else an output of it built from the
 *   resolved arguments; and the metadata when it is known now
 * @throws VeleroConfigError when a known argument is invalid
 */
export function prepareVeleroManifest<Args, Manifest extends AnyVeleroManifest>(
  definition: VeleroCustomResourceKind<Args, Manifest>,
  componentName: string,
  args: unknown,
): PreparedVeleroManifest<Manifest> {
  // The subject is only written into an error: built when there is one.
  const subject = (): string =>
    `${definition.type.split(':').pop() ?? definition.type} "${componentName}" (${
      definition.kind
    } ${JSON.stringify(isPlainObject(args) ? args.name : undefined)})`;
  const checked = checkVeleroManifestArgs(definition.build, args);
  if (checked.issues.length > 0) throw new VeleroConfigError(subject(), checked.issues);
  if (!checked.hasUnknowns && checked.manifest !== undefined) {
    return { manifest: checked.manifest, metadata: checked.manifest.metadata };
  }
  const manifest = pulumi
    .output(args as pulumi.Input<Record<string, unknown>>)
    .apply((resolved) => {
      try {
        return definition.build(resolved as Args);
      } catch (error) {
        throw error instanceof VeleroConfigError
          ? new VeleroConfigError(subject(), error.issues)
          : error;
      }
    }) as pulumi.Output<Manifest>;
  return { manifest, metadata: checked.metadataKnown ? checked.manifest?.metadata : undefined };
}

/**
 * The base of every Velero custom-resource component: one `kubernetes.apiextensions.CustomResource`
 * child (named like the component) with the manifest's `apiVersion`, `kind`, `metadata` (the
 * exact name, never auto-named) and `spec`, `ignoreChanges` on the fields Velero writes itself,
 * and `deleteBeforeReplace` (an exact name cannot exist twice).
 *
 * The Kubernetes provider comes from the component's resource options (`provider` or
 * `providers`) and is passed down to the child. The component's `dependsOn`, `retainOnDelete` and
 * `ignoreChanges` (paths of the CustomResource's inputs, e.g. `spec.paused`) are passed down too.
 */
export abstract class VeleroCustomResourceComponent<
  Manifest extends AnyVeleroManifest,
> extends pulumi.ComponentResource {
  /** The Kubernetes custom resource (e.g. for `dependsOn`). */
  readonly customResource: k8s.apiextensions.CustomResource;
  /** The manifest, or an output of it when some arguments were outputs. */
  readonly #manifestSource: Manifest | pulumi.Output<Manifest>;
  #manifest: pulumi.Output<Manifest> | undefined;
  #name: pulumi.Output<string> | undefined;
  #namespace: pulumi.Output<string> | undefined;

  /**
   * The manifest registered, as the core built it. Like every output of this component it is
   * tied to the registered object (through its URN): a resource using it waits for the object,
   * and it stays known during a preview when the arguments were known.
   */
  get manifest(): pulumi.Output<Manifest> {
    if (this.#manifest === undefined) {
      const source = this.#manifestSource;
      this.#manifest = pulumi
        .all([this.customResource.urn, source as pulumi.Input<AnyVeleroManifest>])
        .apply(([, value]) => value) as unknown as pulumi.Output<Manifest>;
    }
    return this.#manifest;
  }

  /** The object's name in the cluster (exactly the given name). */
  get name(): pulumi.Output<string> {
    this.#name ??= this.manifest.apply((m) => m.metadata.name);
    return this.#name;
  }

  /** The object's namespace (the Velero server's namespace). */
  get namespace(): pulumi.Output<string> {
    this.#namespace ??= this.manifest.apply((m) => m.metadata.namespace);
    return this.#namespace;
  }

  /**
   * @param definition how this kind is built and registered
   * @param name the component's logical name; the child CustomResource gets the same name
   * @param args the component's arguments (core options, some values may be outputs)
   * @param opts resource options (e.g. `{ provider }` for the Kubernetes provider)
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  protected constructor(
    definition: VeleroCustomResourceKind<never, Manifest>,
    name: string,
    args: unknown,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const { manifest: prepared, metadata } = prepareVeleroManifest(definition, name, args);
    super(definition.type, name, {}, opts);
    const known = pulumi.Output.isInstance(prepared) ? undefined : prepared;
    const manifest = prepared as pulumi.Output<Manifest>;
    this.customResource = new k8s.apiextensions.CustomResource(
      name,
      {
        apiVersion: VELERO_API_VERSION,
        kind: definition.kind,
        metadata: metadata ?? manifest.apply((m) => m.metadata),
        spec:
          known !== undefined
            ? (known.spec as pulumi.Input<unknown>)
            : manifest.apply((m) => m.spec),
      },
      {
        parent: this,
        deleteBeforeReplace: true,
        ignoreChanges:
          opts?.ignoreChanges === undefined || opts.ignoreChanges.length === 0
            ? (definition.ignoreChanges as string[])
            : [...definition.ignoreChanges, ...opts.ignoreChanges],
        ...(opts?.dependsOn === undefined ? {} : { dependsOn: opts.dependsOn }),
        ...(opts?.retainOnDelete === undefined ? {} : { retainOnDelete: opts.retainOnDelete }),
      },
    );
    // The outputs are created when first read (most programs never read them); registering the
    // plain name and namespace needs no output to be serialized.
    this.#manifestSource = prepared;
    if (known !== undefined) {
      this.registerOutputs({ name: known.metadata.name, namespace: known.metadata.namespace });
    } else {
      // The manifest itself is not registered again: it is the CustomResource's inputs already.
      this.registerOutputs({ name: this.name, namespace: this.namespace });
    }
  }
}
