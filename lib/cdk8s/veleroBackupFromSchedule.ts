import { Construct } from 'constructs';
import {
  type BackupFromScheduleOptions,
  type BackupManifest,
  backupFromSchedule,
  type ScheduleManifest,
} from '../core/index';
import { VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** Props of {@link VeleroBackupFromSchedule}. */
export interface VeleroBackupFromScheduleProps extends BackupFromScheduleOptions {
  /**
   * The schedule to take the Backup from: a schedule construct (`VeleroSchedule`,
   * `UdsDefaultSchedule`) or a Schedule manifest.
   */
  readonly schedule: VeleroManifestConstruct<ScheduleManifest> | ScheduleManifest;
}

/**
 * The on-demand Backup that `velero backup create [NAME] --from-schedule S` creates, built by the
 * core's `backupFromSchedule`: the schedule's template as spec, its labels plus
 * `velero.io/schedule-name: S`, its annotations, in its namespace. Without `name`, the name is
 * `S-YYYYMMDDhhmmss` of `at` in UTC; pass a fixed `at` (or a `name`) so that every synth renders
 * the same object.
 *
 * @example
 * const daily = new UdsDefaultSchedule(chart, 'default');
 * new VeleroBackupFromSchedule(chart, 'now', { schedule: daily, at: new Date('2026-01-15T12:00:00Z') });
 */
export class VeleroBackupFromSchedule extends VeleroManifestConstruct<BackupManifest> {
  /** The name of the Schedule the Backup was taken from. */
  readonly scheduleName: string;

  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the schedule and the Backup's name, `at`, labels and annotations
   * @throws VeleroConfigError naming this construct's path and every invalid field
   */
  constructor(scope: Construct, id: string, props: VeleroBackupFromScheduleProps) {
    super(scope, id, 'VeleroBackupFromSchedule', () => {
      const { schedule, ...options } = props;
      const manifest = Construct.isConstruct(schedule) ? schedule.manifest : schedule;
      return backupFromSchedule(manifest, withContextVeleroVersion(scope, options));
    });
    this.scheduleName = Construct.isConstruct(props.schedule)
      ? props.schedule.name
      : props.schedule.metadata.name;
  }
}
