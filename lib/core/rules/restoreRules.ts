import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import { isPlainObject } from '../schema/checkShape';
import { checkDns1123Label } from './names';
import { checkIncludesExcludes } from './namespaceFilters';
import {
  checkNamespaceFilters,
  checkOldStyleResourceLists,
  checkSelectorExclusivity,
} from './resourceFilters';

/**
 * Resources Velero never restores; naming one in `includedResources` fails the Restore's
 * validation (Velero's restore controller).
 */
export const NON_RESTORABLE_RESOURCES: readonly string[] = [
  'nodes',
  'events',
  'events.events.k8s.io',
  'backups.velero.io',
  'restores.velero.io',
  'resticrepositories.velero.io',
  'csinodes.storage.k8s.io',
  'volumeattachments.storage.k8s.io',
  'backuprepositories.velero.io',
];

/** Short and singular names that resolve to a non-restorable resource. */
const NON_RESTORABLE_ALIASES: Readonly<Record<string, string>> = {
  node: 'nodes',
  no: 'nodes',
  event: 'events',
  ev: 'events',
  backup: 'backups.velero.io',
  backups: 'backups.velero.io',
  restore: 'restores.velero.io',
  restores: 'restores.velero.io',
  csinodes: 'csinodes.storage.k8s.io',
  volumeattachments: 'volumeattachments.storage.k8s.io',
  backuprepositories: 'backuprepositories.velero.io',
};

/** The values `existingResourcePolicy` may take; unset (or empty) never overwrites. */
export const EXISTING_RESOURCE_POLICIES: readonly string[] = ['none', 'update'];

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Every Velero rule for a Restore spec that its schema does not express. */
export function checkRestoreRules(spec: unknown, path: string): ValidationIssue[] {
  if (!isPlainObject(spec)) return [];
  const out: ValidationIssue[] = [];
  const hasBackup = nonEmptyString(spec.backupName);
  const hasSchedule = nonEmptyString(spec.scheduleName);
  if (hasBackup === hasSchedule) {
    out.push(
      issue(
        hasBackup ? joinPath(path, 'scheduleName') : joinPath(path, 'backupName'),
        hasBackup
          ? 'set exactly one of `backupName` and `scheduleName`, not both: Velero rejects a Restore with two sources'
          : 'a Restore needs its source: set exactly one of `backupName` (a Backup) or `scheduleName` (the newest completed backup of a Schedule)',
        { allowed: 'backupName xor scheduleName' },
      ),
    );
  }
  if (Array.isArray(spec.includedResources)) {
    spec.includedResources.forEach((item, index) => {
      if (typeof item !== 'string') return;
      const resource = NON_RESTORABLE_RESOURCES.includes(item)
        ? item
        : NON_RESTORABLE_ALIASES[item];
      if (
        resource === undefined ||
        (!Object.hasOwn(NON_RESTORABLE_ALIASES, item) && !NON_RESTORABLE_RESOURCES.includes(item))
      )
        return;
      out.push(
        issue(
          joinPath(joinPath(path, 'includedResources'), index),
          `${resource} cannot be restored: Velero fails the Restore validation when it is included; remove it`,
          { received: item, allowed: `any resource except ${NON_RESTORABLE_RESOURCES.join(', ')}` },
        ),
      );
    });
  }
  out.push(...checkNamespaceFilters(spec, path));
  out.push(...checkOldStyleResourceLists(spec, path));
  out.push(...checkSelectorExclusivity(spec, path));
  if (isPlainObject(spec.namespaceMapping)) {
    const mappingPath = joinPath(path, 'namespaceMapping');
    for (const [source, target] of Object.entries(spec.namespaceMapping)) {
      out.push(
        ...checkDns1123Label(source, joinPath(mappingPath, source)).map((i) => ({
          ...i,
          message: `source namespace: ${i.message}`,
        })),
      );
      if (typeof target === 'string')
        out.push(...checkDns1123Label(target, joinPath(mappingPath, source)));
    }
  }
  if (isPlainObject(spec.restoreStatus)) {
    const statusPath = joinPath(path, 'restoreStatus');
    out.push(
      ...checkIncludesExcludes(
        Array.isArray(spec.restoreStatus.includedResources)
          ? spec.restoreStatus.includedResources
          : undefined,
        Array.isArray(spec.restoreStatus.excludedResources)
          ? spec.restoreStatus.excludedResources
          : undefined,
        {
          includes: joinPath(statusPath, 'includedResources'),
          excludes: joinPath(statusPath, 'excludedResources'),
        },
        { kind: 'resources' },
      ),
    );
  }
  return out;
}
