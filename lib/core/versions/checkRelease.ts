import { issue, type ValidationIssue } from '../errors';
import { setOwn } from '../manifests/prune';
import type { ModelledVeleroKind } from '../model/kinds';
import { joinPath } from '../path';
import { isAwsProvider } from '../rules/awsLocationConfig';
import { isPlainObject } from '../schema/checkShape';
import {
  AWS_PLUGIN_CONFIG_ADDITIONS,
  RESOURCE_POLICY_ADDITIONS,
  RESTORE_BACKUP_NAME_OPTIONAL_SINCE,
  VELERO_FIELD_ADDITIONS,
} from './fieldAdditions';
import { VELERO_RELEASES } from './veleroReleases';
import { isVeleroVersionAtLeast, type VeleroVersion } from './veleroVersion';

/**
 * Calls `visit` for every value present at a table path (`a.b`, `[]` for every list item) under
 * `root`, with the concrete path of each (`spec.hooks.resources[0].postHooks[1].exec`).
 */
function visitPath(
  root: unknown,
  tablePath: string,
  at: string,
  visit: (value: unknown, path: string) => void,
): void {
  const segments = tablePath.replace(/\[\]/g, '.[]').split('.');
  const walk = (value: unknown, index: number, path: string): void => {
    if (index === segments.length) {
      visit(value, path);
      return;
    }
    const segment = segments[index] as string;
    if (segment === '[]') {
      if (!Array.isArray(value)) return;
      value.forEach((item, i) => {
        walk(item, index + 1, joinPath(path, i));
      });
      return;
    }
    if (!isPlainObject(value) || !Object.hasOwn(value, segment)) return;
    const child = value[segment];
    if (child !== undefined) walk(child, index + 1, joinPath(path, segment));
  };
  walk(root, 0, at);
}

/** A Restore from a schedule, for a release whose Restore CRD still requires `backupName`. */
function needsEmptyBackupName(
  kind: ModelledVeleroKind,
  spec: Record<string, unknown>,
  version: VeleroVersion,
): boolean {
  return (
    kind === 'Restore' &&
    !isVeleroVersionAtLeast(version, RESTORE_BACKUP_NAME_OPTIONAL_SINCE) &&
    spec.backupName === undefined &&
    typeof spec.scheduleName === 'string' &&
    spec.scheduleName !== ''
  );
}

function lastKey(tablePath: string): string {
  return tablePath.split('.').pop() ?? tablePath;
}

/**
 * The spec fields of a manifest that the target release's CRD lacks (the API server would drop
 * them silently), and the rules of that release's CRD the newest one no longer has (a Restore
 * needs `backupName` before 1.14). Paths are manifest paths (`spec.skipImmediately`).
 */
export function checkManifestForRelease(
  kind: ModelledVeleroKind,
  manifest: Record<string, unknown>,
  version: VeleroVersion,
): ValidationIssue[] {
  const spec = manifest.spec;
  if (!isPlainObject(spec)) return [];
  const out: ValidationIssue[] = [];
  for (const addition of VELERO_FIELD_ADDITIONS) {
    if (addition.kind !== kind || isVeleroVersionAtLeast(version, addition.since)) continue;
    visitPath(spec, addition.path, 'spec', (value, path) => {
      out.push(
        issue(
          path,
          `\`${lastKey(addition.path)}\` was added in Velero ${addition.since}: the API server of Velero ${version} silently drops it. Upgrade to Velero ${addition.since} or later (and set veleroVersion to match), or remove the field`,
          { received: value, allowed: `Velero ${addition.since} or later` },
        ),
      );
    });
  }
  if (needsEmptyBackupName(kind, spec, version)) {
    out.push(
      issue(
        'spec.backupName',
        `is required by the Restore CRD of Velero ${version} (optional from ${RESTORE_BACKUP_NAME_OPTIONAL_SINCE}): the API server rejects a Restore without it. To restore from \`scheduleName\`, set \`backupName: ""\` (as the velero CLI of ${version} writes it)`,
        { allowed: '"" together with scheduleName' },
      ),
    );
  }
  if (kind === 'BackupStorageLocation' && isAwsProvider(spec.provider)) {
    out.push(...checkAwsPluginConfig(spec.config, 'spec.config', version));
  }
  return out;
}

function checkAwsPluginConfig(
  config: unknown,
  path: string,
  version: VeleroVersion,
): ValidationIssue[] {
  if (!isPlainObject(config)) return [];
  const plugin = VELERO_RELEASES[version].awsPluginImage.tag;
  const out: ValidationIssue[] = [];
  for (const addition of AWS_PLUGIN_CONFIG_ADDITIONS) {
    if (isVeleroVersionAtLeast(version, addition.since) || !Object.hasOwn(config, addition.key))
      continue;
    out.push(
      issue(
        joinPath(path, addition.key),
        `needs velero-plugin-for-aws ${addition.plugin} (Velero ${addition.since}): the plugin that pairs with Velero ${version} (${plugin}) rejects the key and the location becomes Unavailable. Upgrade to Velero ${addition.since} or later (and set veleroVersion to match), or remove the key`,
        { received: config[addition.key], allowed: `Velero ${addition.since} or later` },
      ),
    );
  }
  return out;
}

/**
 * The parts of a resource-policy document the target release cannot decode (Velero then fails
 * every backup that uses the policy). `path` is the document's own path.
 */
export function checkResourcePolicyForRelease(
  document: unknown,
  path: string,
  version: VeleroVersion,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const addition of RESOURCE_POLICY_ADDITIONS) {
    if (isVeleroVersionAtLeast(version, addition.since)) continue;
    visitPath(document, addition.path, path, (value, at) => {
      if (addition.value !== undefined) {
        if (value !== addition.value) return;
        out.push(
          issue(
            at,
            `the action type \`${addition.value}\` was added in Velero ${addition.since}: Velero ${version} rejects the policy and fails every backup using it. Upgrade to Velero ${addition.since} or later (and set veleroVersion to match), or use another action`,
            { received: value, allowed: `Velero ${addition.since} or later` },
          ),
        );
        return;
      }
      out.push(
        issue(
          at,
          `\`${lastKey(addition.path)}\` was added in Velero ${addition.since}: Velero ${version} rejects the policy and fails every backup using it. Upgrade to Velero ${addition.since} or later (and set veleroVersion to match), or remove it`,
          { received: value, allowed: `Velero ${addition.since} or later` },
        ),
      );
    });
  }
  return out;
}

/**
 * Fills in what the target release's CRD needs and a newer one does not: before 1.14, a Restore
 * from `scheduleName` gets `backupName: ""` (first, as the velero CLI of that release writes it).
 * Returns `spec` itself when nothing is added, else a copy.
 */
export function completeSpecForRelease(
  kind: ModelledVeleroKind,
  spec: Record<string, unknown>,
  version: VeleroVersion,
): Record<string, unknown> {
  if (!needsEmptyBackupName(kind, spec, version)) return spec;
  const out: Record<string, unknown> = { backupName: '' };
  for (const [key, value] of Object.entries(spec)) {
    if (key !== 'backupName') setOwn(out, key, value);
  }
  return out;
}
