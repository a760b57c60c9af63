import type { BackupTemplate } from './backupSpec';
import type { VeleroManifest, VeleroObjectOptions } from './meta';

/** The spec of a Velero Schedule. */
export interface ScheduleSpec {
  /**
   * When to back up: a cron expression as Velero's parser accepts it (5 fields, `@daily`,
   * `@every 6h`, optional `CRON_TZ=Europe/Berlin ` prefix). Without a zone it runs in the Velero
   * server's zone (UTC in the stock image).
   */
  schedule: string;
  /** What each scheduled Backup backs up. */
  template: BackupTemplate;
  /**
   * Make each Backup owned by the Schedule, so deleting the Schedule deletes the Backup objects
   * (not their data; Velero's sync re-creates them from the bucket).
   * @default unset (false)
   */
  useOwnerReferencesInBackup?: boolean;
  /**
   * Pause the schedule: no backups are created while `true`.
   * @default false
   */
  paused?: boolean;
  /**
   * Skip the first run after the schedule is created or unpaused.
   * @default the server's `--schedule-skip-immediately` (false)
   */
  skipImmediately?: boolean;
}

/** Options for {@link scheduleManifest}: metadata plus the Schedule spec. */
export interface ScheduleOptions extends VeleroObjectOptions, ScheduleSpec {
  /**
   * Accept an `@every` schedule that fires more often than once a minute (e.g. `@every 30s`, or
   * `@every 0s`, which robfig/cron runs every second). Velero would start a new Backup as soon as
   * the previous one finishes, so the builders refuse such a schedule unless this is `true`. Only
   * read by the builder: it is not written to the manifest.
   * @default false
   */
  allowIntervalsUnderOneMinute?: boolean;
}

/** A `velero.io/v1` Schedule. */
export type ScheduleManifest = VeleroManifest<'Schedule', ScheduleSpec>;
