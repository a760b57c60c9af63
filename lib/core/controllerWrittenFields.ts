import type { ModelledVeleroKind } from './model/kinds';
import { VELERO_API_VERSION } from './types/meta';

/**
 * The fields Velero's controllers write into objects after they are created (velero v1.18), as
 * dotted paths. A tool that keeps declared state in sync (Pulumi, Argo CD) must ignore them, or it
 * shows drift on every run and may undo Velero's bookkeeping:
 * - Backup: when processing starts, its defaults (TTL, storage and snapshot locations, `["*"]`
 *   namespaces, the automatic excludes, timeouts, data-mover settings) plus a storage-location
 *   label and source-cluster annotations;
 * - Restore: the non-restorable resources appended to `excludedResources`, the default
 *   `itemOperationTimeout`, and the `backupName` resolved from `scheduleName`;
 * - Schedule: `skipImmediately`, reset to `false` once the first run was skipped;
 * - BackupStorageLocation: `default`, when several locations claim it.
 */
export const VELERO_CONTROLLER_WRITTEN_FIELDS: Readonly<
  Record<ModelledVeleroKind, readonly string[]>
> = {
  Backup: [
    'spec.ttl',
    'spec.storageLocation',
    'spec.volumeSnapshotLocations',
    'spec.includedNamespaces',
    'spec.excludedNamespaces',
    'spec.excludedResources',
    'spec.excludedClusterScopedResources',
    'spec.excludedNamespaceScopedResources',
    'spec.defaultVolumesToFsBackup',
    'spec.snapshotMoveData',
    'spec.csiSnapshotTimeout',
    'spec.itemOperationTimeout',
    'spec.volumeGroupSnapshotLabelKey',
    'metadata.labels',
    'metadata.annotations',
  ],
  Restore: [
    'spec.excludedResources',
    'spec.itemOperationTimeout',
    'spec.backupName',
    'spec.scheduleName',
  ],
  Schedule: ['spec.skipImmediately'],
  BackupStorageLocation: ['spec.default'],
  VolumeSnapshotLocation: [],
};

/** One entry of an Argo CD Application's `spec.ignoreDifferences`. */
export interface ArgoCdIgnoreDifference {
  /** Always `velero.io`. */
  group: string;
  /** The Velero kind. */
  kind: string;
  /** JSON pointers of the fields to ignore, e.g. `/spec/ttl`. */
  jsonPointers: string[];
}

/**
 * Argo CD `ignoreDifferences` entries for the fields Velero writes, so an Application that
 * syncs velero-iac's YAML does not show Backups, Restores, Schedules and locations as OutOfSync
 * (or revert Velero's changes with self-heal).
 */
export function argoCdIgnoreDifferences(): ArgoCdIgnoreDifference[] {
  const group = VELERO_API_VERSION.split('/')[0] ?? 'velero.io';
  return Object.entries(VELERO_CONTROLLER_WRITTEN_FIELDS)
    .filter(([, fields]) => fields.length > 0)
    .map(([kind, fields]) => ({
      group,
      kind,
      jsonPointers: fields.map((field) => `/${field.split('.').join('/')}`),
    }));
}
