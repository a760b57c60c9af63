/**
 * The Velero release a construct tree targets, read from its context. cdk8s and the AWS CDK both
 * build on `constructs`, so both front ends read the same key the same way; this module only
 * needs the part of a construct it reads, and imports no framework.
 */
import { VeleroConfigError } from '../errors';
import { checkVeleroVersion, type VeleroTargetOptions, type VeleroVersion } from './veleroVersion';

/**
 * The construct-tree context key that sets the Velero release every velero-iac construct below
 * it targets, unless a construct's own `veleroVersion` prop says otherwise:
 * `app.node.setContext('velero-iac:veleroVersion', '1.15')` before the charts or stacks are
 * added, or `"context": { "velero-iac:veleroVersion": "1.15" }` in an AWS CDK app's `cdk.json`.
 */
export const VELERO_VERSION_CONTEXT_KEY = 'velero-iac:veleroVersion';

/** What the context lookup reads of a construct (a `constructs` `Construct`). */
export interface VeleroContextScope {
  /** The construct's node: its path and the tree's context. */
  readonly node: { readonly path: string; tryGetContext(key: string): unknown };
}

/**
 * The Velero release the construct tree at `scope` targets: the context value of
 * {@link VELERO_VERSION_CONTEXT_KEY}, or `undefined` when unset (the core's default, 1.18).
 *
 * @throws VeleroConfigError when the context value is not a release the library can target
 */
export function contextVeleroVersion(scope: VeleroContextScope): VeleroVersion | undefined {
  const value: unknown = scope.node.tryGetContext(VELERO_VERSION_CONTEXT_KEY);
  const issues = checkVeleroVersion(value, `context "${VELERO_VERSION_CONTEXT_KEY}"`);
  if (issues.length > 0)
    throw new VeleroConfigError(`construct tree at "${scope.node.path}"`, issues);
  return value as VeleroVersion | undefined;
}

/** `props` with `veleroVersion` taken from the construct tree's context when the props omit it. */
export function withContextVeleroVersion<P extends VeleroTargetOptions>(
  scope: VeleroContextScope,
  props: P,
): P {
  if (props === null || typeof props !== 'object' || props.veleroVersion !== undefined)
    return props;
  const fromContext = contextVeleroVersion(scope);
  return fromContext === undefined ? props : { ...props, veleroVersion: fromContext };
}
