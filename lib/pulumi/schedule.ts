import type * as pulumi from '@pulumi/pulumi';
import { VELERO_CONTROLLER_WRITTEN_FIELDS } from '../core/controllerWrittenFields';
import { scheduleManifest } from '../core/manifests/builders';
import type { BackupTemplate } from '../core/types/backupSpec';
import type { ScheduleManifest, ScheduleOptions } from '../core/types/schedule';
import { VeleroCustomResourceComponent, type VeleroCustomResourceKind } from './customResource';

/** The Pulumi type token of {@link VeleroSchedule}. */
export const VELERO_SCHEDULE_TYPE = 'velero-iac:velero:VeleroSchedule';

/**
 * The Schedule fields Velero writes itself and the component therefore ignores after creation:
 * Velero resets `skipImmediately` to `false` once it has skipped the first run.
 */
export const VELERO_SCHEDULE_IGNORED_CHANGES: readonly string[] =
  VELERO_CONTROLLER_WRITTEN_FIELDS.Schedule;

/** Where a Backup (or a Schedule's Backups) is written; the names may be Pulumi outputs. */
export interface VeleroBackupLocationInputs {
  /**
   * The BackupStorageLocation to write to (e.g. `VeleroBackupStorageLocation.name`).
   * @default the location marked `default: true`
   */
  storageLocation?: pulumi.Input<string>;
  /**
   * VolumeSnapshotLocations to use, at most one per provider.
   * @default the provider's only location
   */
  volumeSnapshotLocations?: pulumi.Input<string>[];
}

/** A Schedule's backup template whose location names may be Pulumi outputs. */
export interface VeleroBackupTemplateArgs
  extends Omit<BackupTemplate, 'storageLocation' | 'volumeSnapshotLocations'>,
    VeleroBackupLocationInputs {}

/** Arguments of {@link VeleroSchedule}: the core's `ScheduleOptions`. */
export interface VeleroScheduleArgs extends Omit<ScheduleOptions, 'template'> {
  /** What each scheduled Backup backs up. */
  template: VeleroBackupTemplateArgs;
}

const SCHEDULE_KIND: VeleroCustomResourceKind<ScheduleOptions, ScheduleManifest> = {
  type: VELERO_SCHEDULE_TYPE,
  kind: 'Schedule',
  build: scheduleManifest,
  ignoreChanges: VELERO_SCHEDULE_IGNORED_CHANGES,
};

/**
 * A Velero Schedule (`velero.io/v1`), built and checked by the core's `scheduleManifest` (cron,
 * durations, names, filters...) before anything is registered. Pass the Kubernetes provider in
 * the resource options: `new VeleroSchedule('daily', args, { provider })`.
 *
 * @example
 * new VeleroSchedule('daily', { name: 'daily', schedule: '0 3 * * *', template: { includedNamespaces: ['apps'], ttl: '240h0m0s' } }, { provider });
 */
export class VeleroSchedule extends VeleroCustomResourceComponent<ScheduleManifest> {
  /**
   * @param name the component's logical name (also the child CustomResource's)
   * @param args the Schedule
   * @param opts resource options; `provider`/`providers` reach the CustomResource
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  constructor(name: string, args: VeleroScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SCHEDULE_KIND, name, args, opts);
  }
}
