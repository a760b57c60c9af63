import type { Construct } from 'constructs';
import { issue } from '../core/errors';
import {
  type BackupManifest,
  type RestoreFromBackup,
  type RestoreFromSchedule,
  type RestoreManifest,
  type RestoreOptions,
  restoreManifest,
  type ScheduleManifest,
  VeleroConfigError,
} from '../core/index';
import { uncheckedRestoreSource } from '../core/manifests/restoreSource';
import { inChartNamespace, VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/**
 * What a Restore can name as its source: a Backup construct (`VeleroBackup`,
 * `VeleroBackupFromSchedule`) or a Schedule construct (`VeleroSchedule`, `UdsDefaultSchedule`).
 */
export type VeleroRestoreSource =
  | VeleroManifestConstruct<BackupManifest>
  | VeleroManifestConstruct<ScheduleManifest>;

/** A Restore whose source is a construct: `source` set, neither `backupName` nor `scheduleName`. */
export interface VeleroRestoreFromConstruct {
  /**
   * The construct to restore from: a Backup sets `backupName`, a Schedule sets `scheduleName`
   * (the Schedule's newest completed Backup). The Restore's namespace defaults to the source's.
   */
  readonly source: VeleroRestoreSource;
  /**
   * Not with `source`: a Restore has exactly one source.
   * @default unset
   */
  readonly backupName?: never;
  /**
   * Not with `source`: a Restore has exactly one source.
   * @default unset
   */
  readonly scheduleName?: never;
}

/** A Restore from a Backup named by `backupName`. */
export interface VeleroRestoreFromBackup extends RestoreFromBackup {
  /**
   * Not with `backupName`: a Restore has exactly one source.
   * @default unset
   */
  readonly source?: never;
}

/** A Restore from a Schedule's newest completed Backup, named by `scheduleName`. */
export interface VeleroRestoreFromSchedule extends RestoreFromSchedule {
  /**
   * Not with `scheduleName`: a Restore has exactly one source.
   * @default unset
   */
  readonly source?: never;
}

/**
 * Props of {@link VeleroRestore}: the core's Restore options with exactly one source, given as
 * `backupName`, `scheduleName` or `source` (a construct). Two sources, or none, is a compile-time
 * error in TypeScript and a `VeleroConfigError` at run time.
 */
export type VeleroRestoreProps = Omit<RestoreOptions, 'backupName' | 'scheduleName'> &
  (VeleroRestoreFromBackup | VeleroRestoreFromSchedule | VeleroRestoreFromConstruct);

/** Turns `source` into the core's `backupName`/`scheduleName`; throws on conflicting props. */
function restoreOptions(props: VeleroRestoreProps): RestoreOptions {
  // The props' types rule out two sources, but JavaScript callers can still give them.
  const { source, backupName, scheduleName, ...options } = props as Omit<
    RestoreOptions,
    'backupName' | 'scheduleName'
  > & { source?: VeleroRestoreSource; backupName?: string; scheduleName?: string };
  if (source === undefined) {
    return { ...options, ...uncheckedRestoreSource(backupName, scheduleName) };
  }
  const kind: string = source.manifest.kind;
  const given = { backupName, scheduleName };
  const conflicting = (['backupName', 'scheduleName'] as const).filter(
    (key) => given[key] !== undefined,
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
    ...uncheckedRestoreSource(
      kind === 'Backup' ? source.name : undefined,
      kind === 'Schedule' ? source.name : undefined,
    ),
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
    super(scope, id, 'VeleroRestore', (chartNamespace) =>
      restoreManifest(
        inChartNamespace(restoreOptions(withContextVeleroVersion(scope, props)), chartNamespace),
      ),
    );
  }
}
