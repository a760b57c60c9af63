import { ALLOW_SHORT_INTERVAL_OPTION } from '../rules/everyInterval';
import { isPlainObject } from '../schema/checkShape';
import type { BackupManifest, BackupOptions } from '../types/backup';
import type {
  BackupStorageLocationManifest,
  BackupStorageLocationOptions,
  VolumeSnapshotLocationManifest,
  VolumeSnapshotLocationOptions,
} from '../types/locations';
import type { RestoreManifest, RestoreOptions } from '../types/restore';
import type { ScheduleManifest, ScheduleOptions } from '../types/schedule';
import { buildVeleroManifest } from './buildVeleroManifest';

/**
 * A Velero Schedule: a cron expression and the template of the Backups it creates.
 *
 * @example
 * scheduleManifest({ name: 'daily', schedule: '0 3 * * *', template: { includedNamespaces: ['apps'], ttl: '240h0m0s' } })
 * @throws VeleroConfigError listing every problem (cron, durations, names, filters...), including
 *   an `@every` interval under one minute unless `allowIntervalsUnderOneMinute` is `true`.
 */
export function scheduleManifest(options: ScheduleOptions): ScheduleManifest {
  if (!isPlainObject(options) || !Object.hasOwn(options, ALLOW_SHORT_INTERVAL_OPTION)) {
    return buildVeleroManifest('Schedule', options) as unknown as ScheduleManifest;
  }
  // Not a spec field: how the Schedule is checked, so it is never written.
  const { allowIntervalsUnderOneMinute, ...spec } = options;
  return buildVeleroManifest('Schedule', spec, {
    allowIntervalsUnderOneMinute,
  }) as unknown as ScheduleManifest;
}

/**
 * A Velero Backup, as `velero backup create NAME ...` creates it.
 * @throws VeleroConfigError listing every problem.
 */
export function backupManifest(options: BackupOptions): BackupManifest {
  return buildVeleroManifest('Backup', options) as unknown as BackupManifest;
}

/**
 * A Velero Restore from a Backup (`backupName`) or from a Schedule's newest completed backup
 * (`scheduleName`). Leave `existingResourcePolicy` unset for a non-destructive restore.
 * @throws VeleroConfigError listing every problem.
 */
export function restoreManifest(options: RestoreOptions): RestoreManifest {
  return buildVeleroManifest('Restore', options) as unknown as RestoreManifest;
}

/**
 * A BackupStorageLocation: the bucket (and prefix) Velero writes backups to.
 * @throws VeleroConfigError listing every problem (including AWS plugin config keys).
 */
export function backupStorageLocationManifest(
  options: BackupStorageLocationOptions,
): BackupStorageLocationManifest {
  return buildVeleroManifest(
    'BackupStorageLocation',
    options,
  ) as unknown as BackupStorageLocationManifest;
}

/**
 * A VolumeSnapshotLocation: where native volume snapshots are taken (for AWS, the EBS region).
 * @throws VeleroConfigError listing every problem.
 */
export function volumeSnapshotLocationManifest(
  options: VolumeSnapshotLocationOptions,
): VolumeSnapshotLocationManifest {
  return buildVeleroManifest(
    'VolumeSnapshotLocation',
    options,
  ) as unknown as VolumeSnapshotLocationManifest;
}
