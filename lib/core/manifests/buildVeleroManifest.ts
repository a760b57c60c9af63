import { issue, type ValidationIssue, VeleroConfigError } from '../errors';
import { type ModelledVeleroKind, specSchemaOf } from '../model/kinds';
import { isPlainObject } from '../schema/checkShape';
import { DEFAULT_VELERO_NAMESPACE, VELERO_API_VERSION } from '../types/meta';
import { type ValidateManifestOptions, validateManifest } from '../validateManifest';
import { completeSpecForRelease } from '../versions/checkRelease';
import { checkVeleroVersion, targetVeleroVersion } from '../versions/veleroVersion';
import { pruneEmpty, setOwn } from './prune';

/** The option keys that go into `metadata`; every other option is a spec field. */
export const METADATA_OPTION_KEYS: readonly string[] = [
  'name',
  'namespace',
  'labels',
  'annotations',
];

/** The option keys that choose how to build (the target release), neither metadata nor spec. */
export const TARGET_OPTION_KEYS: readonly string[] = ['veleroVersion'];

/**
 * Turns a manifest path into the path of the flat option the user wrote: `spec.template.ttl` ->
 * `template.ttl`, `metadata.labels.app` -> `labels.app`.
 */
export function optionPath(manifestPath: string): string {
  for (const prefix of ['spec', 'metadata']) {
    if (manifestPath === prefix) return '';
    if (manifestPath.startsWith(`${prefix}.`)) return manifestPath.slice(prefix.length + 1);
    if (manifestPath.startsWith(`${prefix}[`)) return manifestPath.slice(prefix.length);
  }
  return manifestPath;
}

/** Describes what is being built, for error messages: `Schedule "daily"`. */
export function subjectOf(kind: string, name: unknown): string {
  return typeof name === 'string' && name !== ''
    ? `${kind} ${JSON.stringify(name)}`
    : `${kind} (unnamed)`;
}

/** Re-paths issues found on a manifest to the flat options they came from. */
export function toOptionIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.map((i) => ({ ...i, path: optionPath(i.path) }));
}

/**
 * Builds a Velero manifest from flat options (`name`, `namespace`, `labels`, `annotations`, the
 * target `veleroVersion`, and the spec fields under Velero's own names), omitting unset and empty
 * fields, and throws a {@link VeleroConfigError} listing every problem with the option paths the
 * user wrote, including every field the target release does not know.
 *
 * @param rules how the built manifest is checked beyond the target release: a Schedule builder
 *   passes `allowIntervalsUnderOneMinute` from its options (see `validateManifest`)
 */
export function buildVeleroManifest(
  kind: ModelledVeleroKind,
  options: unknown,
  rules: Pick<ValidateManifestOptions, 'allowIntervalsUnderOneMinute'> = {},
): Record<string, unknown> {
  if (!isPlainObject(options)) {
    throw new VeleroConfigError(subjectOf(kind, undefined), [
      issue('', `the options of a ${kind} must be an object`, { received: options }),
    ]);
  }
  const metadata: Record<string, unknown> = {};
  const spec: Record<string, unknown> = {};
  for (const key of METADATA_OPTION_KEYS) {
    if (Object.hasOwn(options, key)) setOwn(metadata, key, options[key]);
  }
  for (const [key, value] of Object.entries(options)) {
    if (!METADATA_OPTION_KEYS.includes(key) && !TARGET_OPTION_KEYS.includes(key))
      setOwn(spec, key, value);
  }
  if (metadata.namespace === undefined || metadata.namespace === null) {
    metadata.namespace = DEFAULT_VELERO_NAMESPACE;
  }
  const versionIssues = checkVeleroVersion(options.veleroVersion);
  const veleroVersion = targetVeleroVersion(options.veleroVersion);
  let prunedSpec = (pruneEmpty(spec) ?? {}) as Record<string, unknown>;
  // An empty required object is meaningful (a Schedule template `{}` backs up everything): keep it.
  for (const field of specSchemaOf(kind).required ?? []) {
    if (prunedSpec[field] === undefined && isPlainObject(spec[field]))
      setOwn(prunedSpec, field, {});
  }
  prunedSpec = completeSpecForRelease(kind, prunedSpec, veleroVersion);
  const manifest = {
    apiVersion: VELERO_API_VERSION,
    kind,
    metadata: pruneEmpty(metadata) ?? {},
    spec: prunedSpec,
  };
  const issues = [
    ...versionIssues,
    ...toOptionIssues(validateManifest(manifest, { ...rules, veleroVersion })),
  ];
  if (issues.length > 0) throw new VeleroConfigError(subjectOf(kind, options.name), issues);
  return manifest;
}
