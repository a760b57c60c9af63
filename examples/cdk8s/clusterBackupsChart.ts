/**
 * The example's chart: the Velero set-up of one cluster, declared with `velero-iac/cdk8s`.
 */
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { veleroBucketName } from 'velero-iac';
import {
  UdsDefaultSchedule,
  VeleroBackupAlerts,
  VeleroBackupFromSchedule,
  VeleroBackupStorageLocation,
  VeleroResourcePolicy,
  VeleroRestore,
  VeleroRestoreDrill,
  VeleroSchedule,
  VeleroVolumeSnapshotLocation,
} from 'velero-iac/cdk8s';

/** What differs from one cluster to the next. */
export interface ClusterBackupsProps {
  /** The cluster's name; the bucket is `<cluster>-velero-<YYYYMMDD>`. */
  readonly cluster: string;
  /** The day the bucket was created (`YYYY-MM-DD`): fixed once, never changed. */
  readonly bucketDate: string;
  /** The AWS region of the bucket and of the EBS volumes. */
  readonly region: string;
  /** The instant the on-demand backup is named after (fixed, so that every synth is identical). */
  readonly onDemandBackupAt: Date;
}

/** The example's defaults: a cluster `prod-eu` in `eu-central-1`. */
export const EXAMPLE_CLUSTER: ClusterBackupsProps = {
  cluster: 'prod-eu',
  bucketDate: '2026-01-15',
  region: 'eu-central-1',
  onDemandBackupAt: new Date('2026-01-15T12:00:00Z'),
};

/**
 * One cluster's Velero resources: the storage and snapshot locations, the default schedule, an
 * on-demand backup taken from it, a resource policy used by a weekly schedule of the application
 * namespaces, a non-destructive restore of `monitoring` from the on-demand backup, a weekly
 * restore drill of the default schedule, and the backup-health alerts of both schedules. Every
 * construct validates at construction, so an invalid prop throws before anything is written.
 */
export class ClusterBackupsChart extends Chart {
  /** The BackupStorageLocation `default`. */
  readonly storageLocation: VeleroBackupStorageLocation;
  /** The VolumeSnapshotLocation `default`. */
  readonly snapshotLocation: VeleroVolumeSnapshotLocation;
  /** The default schedule `velero-velero-udsbackup`. */
  readonly defaultSchedule: UdsDefaultSchedule;
  /** The on-demand Backup taken from the default schedule. */
  readonly onDemandBackup: VeleroBackupFromSchedule;
  /** The resource policy of the application schedule. */
  readonly volumePolicy: VeleroResourcePolicy;
  /** The weekly schedule of the application namespaces. */
  readonly appsSchedule: VeleroSchedule;
  /** The restore of `monitoring` from the on-demand backup. */
  readonly restore: VeleroRestore;
  /** The weekly restore drill of the default schedule. */
  readonly defaultScheduleDrill: VeleroRestoreDrill;
  /** The backup-health alerts of both schedules, as a PrometheusRule. */
  readonly alerts: VeleroBackupAlerts;

  /**
   * @param scope the cdk8s `App`
   * @param id the chart id (also the output file's name)
   * @param props the cluster's name, bucket date, region and on-demand backup instant
   */
  constructor(scope: Construct, id: string, props: ClusterBackupsProps) {
    super(scope, id);
    const region = props.region;

    this.storageLocation = new VeleroBackupStorageLocation(this, 'storage-location', {
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: veleroBucketName(props.cluster, props.bucketDate) },
      config: { region },
      default: true,
    });

    this.snapshotLocation = new VeleroVolumeSnapshotLocation(this, 'snapshot-location', {
      name: 'default',
      provider: 'aws',
      config: { region },
    });

    this.defaultSchedule = new UdsDefaultSchedule(this, 'default-schedule', {
      template: {
        storageLocation: this.storageLocation.name,
        volumeSnapshotLocations: [this.snapshotLocation.name],
      },
    });

    this.onDemandBackup = new VeleroBackupFromSchedule(this, 'on-demand-backup', {
      schedule: this.defaultSchedule,
      at: props.onDemandBackupAt,
      labels: { 'backup.example.com/reason': 'before-upgrade' },
    });

    this.volumePolicy = new VeleroResourcePolicy(this, 'volume-policy', {
      name: 'apps-volume-policy',
      volumePolicies: [
        {
          conditions: { volumeTypes: ['emptyDir', 'configMap'] },
          action: { type: 'skip' },
        },
        {
          conditions: { storageClass: ['gp3'] },
          action: { type: 'snapshot' },
        },
      ],
    });

    this.appsSchedule = new VeleroSchedule(this, 'apps-schedule', {
      name: 'apps-weekly',
      schedule: '0 1 * * 0',
      template: {
        includedNamespaces: ['keycloak', 'gitlab'],
        ttl: '720h0m0s',
        storageLocation: this.storageLocation.name,
        volumeSnapshotLocations: [this.snapshotLocation.name],
        resourcePolicy: this.volumePolicy.reference,
      },
    });

    this.restore = new VeleroRestore(this, 'restore-monitoring', {
      name: 'restore-monitoring-20260115',
      source: this.onDemandBackup,
      includedNamespaces: ['monitoring'],
    });

    // Proves every week that the default schedule's newest backup restores (into scratch
    // namespaces, never over the live ones).
    this.defaultScheduleDrill = new VeleroRestoreDrill(this, 'default-schedule-drill', {
      schedule: this.defaultSchedule,
    });

    // Alerts generated from the schedules' and the drill's crons: a backup or a drill that stops
    // running pages someone. kube-prometheus-stack loads rules by its release label.
    this.alerts = new VeleroBackupAlerts(this, 'backup-alerts', {
      schedules: [this.defaultSchedule, this.appsSchedule],
      backupStorageLocations: [this.storageLocation],
      restoreDrills: [this.defaultScheduleDrill],
      labels: { release: 'kube-prometheus-stack' },
    });
  }
}
