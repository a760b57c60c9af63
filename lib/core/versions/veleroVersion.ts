import { issue, type ValidationIssue } from '../errors';

/**
 * The Velero minor releases the library can target, oldest first. A cluster's API server only
 * knows the spec fields of the CRDs its Velero release installed and silently drops any other.
 */
export const VELERO_VERSIONS = ['1.12', '1.13', '1.14', '1.15', '1.16', '1.17', '1.18'] as const;

/**
 * The Velero minor releases by name, for languages without string literal types (the Pulumi
 * package's schema turns this object into an enum): `VeleroVersion.V1_15` is `'1.15'`.
 */
export const VeleroVersion = {
  /** Velero v1.12.x. */
  V1_12: '1.12',
  /** Velero v1.13.x. */
  V1_13: '1.13',
  /** Velero v1.14.x. */
  V1_14: '1.14',
  /** Velero v1.15.x. */
  V1_15: '1.15',
  /** Velero v1.16.x. */
  V1_16: '1.16',
  /** Velero v1.17.x. */
  V1_17: '1.17',
  /** Velero v1.18.x. */
  V1_18: '1.18',
} as const;

/** A Velero minor release the library can target, e.g. `'1.15'` for Velero v1.15.x. */
export type VeleroVersion = (typeof VeleroVersion)[keyof typeof VeleroVersion];

/** The release targeted when none is given: the newest one, whose CRDs the library is written for. */
export const DEFAULT_VELERO_VERSION: VeleroVersion = '1.18';

/** What a `veleroVersion` option accepts, for error messages. */
export const VELERO_VERSION_ALLOWED = `one of ${VELERO_VERSIONS.map((v) => `'${v}'`).join(', ')}`;

/** Options every builder and checker takes to pick the Velero release it targets. */
export interface VeleroTargetOptions {
  /**
   * The Velero release the cluster runs (the minor version, e.g. `'1.15'` for v1.15.2). A field
   * that release does not know is an error naming the release that added it, because the API
   * server would silently drop it; the cron dialect follows the release too.
   * @default '1.18'
   */
  veleroVersion?: VeleroVersion;
}

/** True for a supported release string (`'1.12'` … `'1.18'`). */
export function isVeleroVersion(value: unknown): value is VeleroVersion {
  return typeof value === 'string' && (VELERO_VERSIONS as readonly string[]).includes(value);
}

const RELEASE_SPELLING = /^v?(\d+)\.(\d+)(?:\.\d+)?$/;

/**
 * Reads a release as a person types it: `1.15`, `v1.15`, `1.15.2` or `v1.15.2` all mean
 * `'1.15'`. Returns `undefined` for anything else, including releases the library does not
 * support.
 */
export function parseVeleroVersion(text: string): VeleroVersion | undefined {
  const match = RELEASE_SPELLING.exec(text.trim());
  if (match === null) return undefined;
  const minor = `${Number(match[1])}.${Number(match[2])}`;
  return isVeleroVersion(minor) ? minor : undefined;
}

/**
 * The problems with a `veleroVersion` value: none for `undefined` (the default) or a supported
 * release; otherwise one issue that says what to write instead.
 */
export function checkVeleroVersion(value: unknown, path = 'veleroVersion'): ValidationIssue[] {
  if (value === undefined || isVeleroVersion(value)) return [];
  const spelled = typeof value === 'string' ? parseVeleroVersion(value) : undefined;
  const hint =
    spelled !== undefined
      ? `; write the minor release, '${spelled}'`
      : '; releases before 1.12 are not supported';
  return [
    issue(path, `is not a Velero release the library can target${hint}`, {
      received: value,
      allowed: VELERO_VERSION_ALLOWED,
    }),
  ];
}

/** The position of a release in {@link VELERO_VERSIONS}: larger is newer. */
function rank(version: VeleroVersion): number {
  return VELERO_VERSIONS.indexOf(version);
}

/** True when `target` is `since` or a newer release. */
export function isVeleroVersionAtLeast(target: VeleroVersion, since: VeleroVersion): boolean {
  return rank(target) >= rank(since);
}

/**
 * The release a value of `veleroVersion` targets: the value itself when valid, else the default
 * (an invalid value is reported by {@link checkVeleroVersion}, and everything else is then
 * checked against the default release, so that every problem is listed at once).
 */
export function targetVeleroVersion(value: unknown): VeleroVersion {
  return isVeleroVersion(value) ? value : DEFAULT_VELERO_VERSION;
}
