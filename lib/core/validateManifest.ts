import { issue, type ValidationIssue } from './errors';
import {
  isModelledVeleroKind,
  MODELLED_VELERO_KINDS,
  manifestSchemaOf,
  OTHER_VELERO_KINDS,
} from './model/kinds';
import {
  checkResourcePolicyConfigMap,
  looksLikeResourcePolicy,
} from './resourcePolicy/validateResourcePolicy';
import { ALLOW_SHORT_INTERVAL_OPTION } from './rules/everyInterval';
import { checkShape, isPlainObject, suggestField } from './schema/checkShape';
import { VELERO_API_VERSION } from './types/meta';
import { checkManifestForRelease } from './versions/checkRelease';
import {
  checkVeleroVersion,
  targetVeleroVersion,
  type VeleroTargetOptions,
  type VeleroVersion,
} from './versions/veleroVersion';

/** Options of {@link validateManifest}. */
export interface ValidateManifestOptions extends VeleroTargetOptions {
  /**
   * Accept a Schedule whose `@every` interval is under one minute. Velero accepts it and then
   * starts a new Backup as soon as the previous one finishes, so it is reported by default, as the
   * Schedule builders refuse it; a caller checking a Schedule the builders already allowed
   * (`allowIntervalsUnderOneMinute` in its options) passes `true`.
   * @default false
   */
  allowIntervalsUnderOneMinute?: boolean;
}

const ALL_VELERO_KINDS: readonly string[] = [...MODELLED_VELERO_KINDS, ...OTHER_VELERO_KINDS];

/**
 * True for a document this library checks: any `velero.io` object, or a ConfigMap holding a
 * Velero resource policy. Other Kubernetes objects are not Velero's.
 */
export function isVeleroManifest(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (typeof value.apiVersion === 'string' && value.apiVersion.startsWith('velero.io/'))
    return true;
  return value.apiVersion === 'v1' && value.kind === 'ConfigMap' && looksLikeResourcePolicy(value);
}

/**
 * Every problem in a Velero manifest (one this library built, or one written by hand): wrong
 * types, unknown or misspelt fields (which the API server would silently drop), and every Velero
 * rule the CRD schema does not express (cron, Go durations, names, filters, restore sources,
 * resource policies, AWS plugin config), and every field the target Velero release
 * (`veleroVersion`, default 1.18) does not know yet; a Schedule's `@every` under one minute too,
 * unless `allowIntervalsUnderOneMinute` is true. Returns `[]` for a valid manifest; never throws.
 * An invalid `veleroVersion` is reported (path `veleroVersion`) and the manifest is checked against
 * the default release.
 */
export function validateManifest(
  manifest: unknown,
  options: ValidateManifestOptions = {},
): ValidationIssue[] {
  const optionIssues = checkVeleroVersion(options?.veleroVersion);
  const version = targetVeleroVersion(options?.veleroVersion);
  const allowShort = options?.allowIntervalsUnderOneMinute;
  if (allowShort !== undefined && typeof allowShort !== 'boolean') {
    optionIssues.push(
      issue(ALLOW_SHORT_INTERVAL_OPTION, 'must be true or false', { received: allowShort }),
    );
  }
  return [...optionIssues, ...manifestIssues(manifest, version, allowShort === true)];
}

function manifestIssues(
  manifest: unknown,
  version: VeleroVersion,
  allowIntervalsUnderOneMinute: boolean,
): ValidationIssue[] {
  if (!isPlainObject(manifest)) {
    return [
      issue('', 'a manifest must be an object with apiVersion, kind, metadata and spec', {
        received: manifest,
      }),
    ];
  }
  const { apiVersion, kind } = manifest;
  if (apiVersion === 'v1' && kind === 'ConfigMap')
    return checkResourcePolicyConfigMap(manifest, '', version);
  if (apiVersion !== VELERO_API_VERSION) {
    return [
      issue('apiVersion', 'is not a Velero API version', {
        received: apiVersion,
        allowed: `${VELERO_API_VERSION} (or v1 for a resource-policy ConfigMap)`,
      }),
    ];
  }
  if (typeof kind !== 'string' || !ALL_VELERO_KINDS.includes(kind)) {
    const suggestion = typeof kind === 'string' ? suggestField(kind, ALL_VELERO_KINDS) : undefined;
    return [
      issue(
        'kind',
        `is not a Velero kind${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : ''}`,
        { received: kind, allowed: ALL_VELERO_KINDS.join(', ') },
      ),
    ];
  }
  if (!isModelledVeleroKind(kind)) return checkShape(manifest, manifestSchemaOf(kind), '');
  return [
    ...checkShape(manifest, manifestSchemaOf(kind, version, allowIntervalsUnderOneMinute), ''),
    ...checkManifestForRelease(kind, manifest, version),
  ];
}
