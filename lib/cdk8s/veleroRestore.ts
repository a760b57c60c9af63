import type { Construct } from 'constructs';
import { issue } from '../core/errors';
import {
  type BackupManifest,
  type RestoreManifest,
  type RestoreOptions,
  restoreManifest,
  type ScheduleManifest,
  VeleroConfigError,
} from '../core/index';
import { VeleroManifestConstruct } from './veleroManifestConstruct';

/**
 * What a Restore can name as its source: a Backup construct (`VeleroBackup`,
 * `VeleroBackupFromSchedule`) or a Schedule construct (`VeleroSchedule`, `UdsDefaultSchedule`).
 */
export type VeleroRestoreSource =
  | VeleroManifestConstruct<BackupManifest>
  | VeleroManifestConstruct<ScheduleManifest>;

/** Props of {@link VeleroRestore}: the core's Restore options, plus an optional source construct. */
export interface VeleroRestoreProps extends RestoreOptions {
  /**
   * The construct to restore from: a Backup sets `backupName`, a Schedule sets `scheduleName`
   * (the Schedule's newest completed Backup). Give either `source` or one of those two names.
   * The Restore's namespace defaults to the source's.
   * @default none: `backupName` or `scheduleName` names the source
   */
  readonly source?: VeleroRestoreSource;
}

/** Turns `source` into the core's `backupName`/`scheduleName`; throws on conflicting props. */
function restoreOptions(props: VeleroRestoreProps): RestoreOptions {
  const { source, ...options } = props;
  if (source === undefined) return options;
  const kind: string = source.manifest.kind;
  const conflicting = (['backupName', 'scheduleName'] as const).filter(
    (key) => options[key] !== undefined,
  );
  if (conflicting.length > 0 || (kind !== 'Backup' && kind !== 'Schedule')) {
    const subject =
      typeof options.name === 'string'
        ? `Restore ${JSON.stringify(options.name)}`
        : 'Restore (unnamed)';
    throw new VeleroConfigError(subject, [
      conflicting.length > 0
        ? issue(
            'source',
            `names the ${kind} to restore from, so \`${conflicting.join('` and `')}\` must not be set too`,
            {
              received: source.name,
              allowed: 'either `source` or one of `backupName`/`scheduleName`',
            },
          )
        : issue('source', 'must be a Backup or a Schedule construct', {
            received: kind,
            allowed: 'VeleroBackup, VeleroBackupFromSchedule, VeleroSchedule, UdsDefaultSchedule',
          }),
    ]);
  }
  return {
    ...options,
    namespace: options.namespace ?? source.namespace,
    ...(kind === 'Backup' ? { backupName: source.name } : { scheduleName: source.name }),
  };
}

/**
 * A Velero Restore (`velero.io/v1`), built and validated by the core's `restoreManifest`. Name its
 * source with `source` (a Backup or Schedule construct) or with `backupName`/`scheduleName`. Leave
 * `existingResourcePolicy` unset for a non-destructive restore: existing objects are never
 * overwritten.
 *
 * @example
 * new VeleroRestore(chart, 'restore', { name: 'restore-monitoring', source: backup, includedNamespaces: ['monitoring'] });
 * new VeleroRestore(chart, 'latest', { name: 'restore-latest', scheduleName: 'velero-velero-udsbackup' });
 */
export class VeleroRestore extends VeleroManifestConstruct<RestoreManifest> {
  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the Restore's options and, optionally, its source construct
   * @throws VeleroConfigError naming this construct's path and every invalid field
   */
  constructor(scope: Construct, id: string, props: VeleroRestoreProps) {
    super(scope, id, 'VeleroRestore', () => restoreManifest(restoreOptions(props)));
  }
}
