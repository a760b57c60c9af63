import { issue, VeleroConfigError } from '../errors';
import { isPlainObject } from '../schema/checkShape';
import type { BackupTemplate } from '../types/backupSpec';
import type { ScheduleManifest, ScheduleOptions } from '../types/schedule';
import { scheduleManifest } from './builders';
import { subjectOf } from './buildVeleroManifest';
import { definedOnly } from './prune';

/** The name of the default schedule (the UDS package's `velero` release, schedule `udsbackup`). */
export const UDS_DEFAULT_SCHEDULE_NAME = 'velero-velero-udsbackup';

/** The default schedule's cron: every day at 03:00 in the Velero server's zone (UTC). */
export const UDS_DEFAULT_CRON = '0 3 * * *';

/** The namespaces the default schedule backs up: Prometheus (`monitoring`) and Tempo (`tempo`). */
export const UDS_DEFAULT_NAMESPACES: readonly string[] = ['monitoring', 'tempo'];

/** How long the default schedule's backups are kept: 10 days. */
export const UDS_DEFAULT_TTL = '240h0m0s';

/** Options for {@link udsDefaultSchedule}: any Schedule option, each overriding the default. */
export interface UdsDefaultScheduleOptions extends Partial<Omit<ScheduleOptions, 'template'>> {
  /**
   * Template fields, merged over the default template field by field.
   * @default `{ includedNamespaces: ['monitoring', 'tempo'], ttl: '240h0m0s', snapshotVolumes: true }`
   */
  template?: BackupTemplate;
}

/**
 * The default schedule: `velero-velero-udsbackup`, daily at `0 3 * * *`, backing up the
 * `monitoring` and `tempo` namespaces (Prometheus and Tempo with their PersistentVolumeClaims and
 * the PersistentVolumes bound to them) with volume snapshots, kept for `240h0m0s`, with
 * `useOwnerReferencesInBackup: false` so deleting the Schedule keeps its Backups. Every field can
 * be overridden (e.g. `name: 'velero-udsbackup'` for another release name).
 */
export function udsDefaultSchedule(options: UdsDefaultScheduleOptions = {}): ScheduleManifest {
  if (options !== undefined && !isPlainObject(options)) {
    throw new VeleroConfigError(subjectOf('Schedule', UDS_DEFAULT_SCHEDULE_NAME), [
      issue('', 'the options must be an object', { received: options }),
    ]);
  }
  const { template, ...rest } = options ?? {};
  if (template !== undefined && !isPlainObject(template)) {
    // Not merged with the defaults: the builder reports it as the wrong type.
    return scheduleManifest({
      name: UDS_DEFAULT_SCHEDULE_NAME,
      schedule: UDS_DEFAULT_CRON,
      ...definedOnly(rest),
      template: template as BackupTemplate,
    });
  }
  return scheduleManifest({
    name: UDS_DEFAULT_SCHEDULE_NAME,
    schedule: UDS_DEFAULT_CRON,
    useOwnerReferencesInBackup: false,
    ...definedOnly(rest),
    template: {
      includedNamespaces: [...UDS_DEFAULT_NAMESPACES],
      ttl: UDS_DEFAULT_TTL,
      snapshotVolumes: true,
      ...definedOnly(template ?? {}),
    },
  });
}
