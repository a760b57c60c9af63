import * as pulumi from '@pulumi/pulumi';
import type { RestoreDrillSettings } from '../../core/drills/restoreDrill';
import { issue, type ValidationIssue } from '../../core/errors';
import type { ContainerImage } from '../../core/helmValues';
import type { ObjectLockMode } from '../../core/objectLock';
import type { VeleroRoleTrust } from '../../core/serviceRole/trustPolicy';
import type { BackupTemplate } from '../../core/types/backupSpec';
import type { ScheduleOptions } from '../../core/types/schedule';
import type { VeleroVersion } from '../../core/versions/veleroVersion';
import type { VeleroAlertOptionsArgs } from '../backupAlerts';
import {
  checkVeleroBackupPlatformArgs,
  VeleroBackupPlatform as TypedVeleroBackupPlatform,
  type VeleroBackupPlatformArgs,
  type VeleroPlatformSnapshotLocationArgs,
  type VeleroPlatformStorageLocationArgs,
} from '../platform';
import { installVeleroChart } from '../veleroHelmRelease';
import type { VeleroBucketSettingsRegistryArgs } from './bucket';
import { registryType, throwIfInputIssues, withInputErrors } from './registryComponent';

/** The platform's bucket: every `VeleroBucket` setting but those the platform sets. */
export interface VeleroPlatformBucketRegistryArgs extends VeleroBucketSettingsRegistryArgs {
  /**
   * Enable S3 Object Lock with a default retention, checked against the schedules' TTLs;
   * `shortestBackupTtl` may be left empty (the platform takes its schedules' shortest).
   * @default no Object Lock
   */
  objectLock?: VeleroPlatformObjectLockRegistryArgs;
}

/** Object Lock of the platform's bucket. */
export interface VeleroPlatformObjectLockRegistryArgs {
  /**
   * Retention mode.
   * @default 'GOVERNANCE'
   */
  mode?: ObjectLockMode;
  /** Default retention of every new object version, in days; shorter than `shortestBackupTtl`. */
  retentionDays: number;
  /**
   * The shortest `ttl` of any Backup or Schedule writing to the bucket. It may not be longer
   * than the platform's own shortest schedule TTL.
   * @default the shortest `ttl` of the platform's schedules (720h for one without a ttl)
   */
  shortestBackupTtl?: string;
  /**
   * Accept `COMPLIANCE` mode, which nobody can undo.
   * @default false
   */
  allowComplianceMode?: boolean;
}

/** The platform's IAM role: the options the platform does not set itself. */
export interface VeleroPlatformServiceRoleRegistryArgs {
  /**
   * The AWS partition.
   * @default 'aws'
   */
  partition?: string;
  /**
   * ARN of a managed policy to use as the role's permissions boundary.
   * @default no boundary
   */
  permissionsBoundaryArn?: pulumi.Input<string>;
  /**
   * The role's name.
   * @default a Pulumi auto-name derived from the platform's name
   */
  roleName?: string;
  /**
   * Tags on the role (and the Pod Identity association).
   * @default no tags
   */
  tags?: Record<string, pulumi.Input<string>>;
  /**
   * Grant `s3:PutObjectTagging` (needed when the BackupStorageLocation sets `config.tagging`).
   * @default false
   */
  objectTagging?: boolean;
}

/** Overrides of the platform's default schedule (`udsDefaultSchedule`). */
export interface VeleroPlatformDefaultScheduleRegistryArgs {
  /**
   * The Schedule's name.
   * @default 'velero-velero-udsbackup'
   */
  name?: string;
  /**
   * When it runs: a cron expression in the Velero release's dialect.
   * @default '0 3 * * *'
   */
  schedule?: string;
  /**
   * Template fields, merged over the default template field by field.
   * @default `includedNamespaces: [monitoring, tempo]`, `ttl: 240h0m0s`, `snapshotVolumes: true`
   */
  template?: BackupTemplate;
  /**
   * Create the Schedule paused.
   * @default false
   */
  paused?: boolean;
  /**
   * Skip the run due right after creation.
   * @default the server's setting
   */
  skipImmediately?: boolean;
  /**
   * Labels of the Schedule.
   * @default none
   */
  labels?: Record<string, string>;
  /**
   * Annotations of the Schedule.
   * @default none
   */
  annotations?: Record<string, string>;
}

/** The platform's backup-health alerts: the options of the rules, and whether and how they render. */
export interface VeleroPlatformAlertsRegistryArgs extends VeleroAlertOptionsArgs {
  /**
   * Generate the alerts.
   * @default true
   */
  enabled?: boolean;
  /**
   * Let Helm check for the Prometheus Operator's API before rendering. Set `false` where Helm
   * cannot ask the cluster (`helm template`, Argo CD, client-side rendering) and the operator is
   * known to be there.
   * @default true
   */
  autodetect?: boolean;
}

/** A restore drill of the platform: a drill's settings and the schedule it verifies. */
export interface VeleroPlatformDrillRegistryArgs extends RestoreDrillSettings {
  /**
   * The name of the platform's schedule the drill verifies (the default schedule or one of
   * `extraSchedules`).
   * @default the default schedule
   */
  schedule?: string;
}

/**
 * Arguments of the package's `VeleroBackupPlatform`: those of the TypeScript component in plain
 * data. What TypeScript says with a union or a callback is a field of its own here:
 * `createVolumeSnapshotLocation`/`createDefaultSchedule` for `false`, `installChart` for
 * `installVelero`, the date as a string; the Kubernetes provider comes from the resource options.
 */
export interface VeleroBackupPlatformRegistryArgs {
  /** The cluster's name; the bucket is named `<cluster>-velero-<YYYYMMDD>`. */
  cluster: string;
  /**
   * The date in the bucket name, `YYYY-MM-DD` or `YYYYMMDD`.
   * @default the day the bucket is first created, then never changed
   */
  date?: string;
  /** The AWS region of the cluster: the bucket's region and the locations' `config.region`. */
  region: string;
  /**
   * How Velero's pods get the IAM role: IRSA (`irsa`) or EKS Pod Identity (`podIdentity`).
   * @default 'irsa'
   */
  trust?: VeleroRoleTrust;
  /**
   * ARN of the cluster's IAM OIDC provider. Required with `irsa`.
   * @default none
   */
  oidcProviderArn?: pulumi.Input<string>;
  /**
   * The cluster's OIDC issuer (`oidc.eks.<region>.amazonaws.com/id/<id>`). Required with `irsa`.
   * @default none
   */
  oidcProviderUrl?: pulumi.Input<string>;
  /**
   * With `podIdentity`: the EKS cluster to create the Pod Identity association in.
   * @default no association (create it yourself)
   */
  eksClusterName?: pulumi.Input<string>;
  /**
   * The namespace Velero runs in; all Velero objects are created there.
   * @default 'velero'
   */
  namespace?: string;
  /**
   * The name of Velero's server service account (the one the role trusts).
   * @default 'velero-server'
   */
  serviceAccount?: string;
  /**
   * Options of the bucket (KMS, lifecycle, replication, access logging, Object Lock, ...).
   * @default a protected, versioned, SSE-S3 bucket
   */
  bucket?: VeleroPlatformBucketRegistryArgs;
  /**
   * Options of the IAM role.
   * @default an auto-named role with no boundary
   */
  serviceRole?: VeleroPlatformServiceRoleRegistryArgs;
  /**
   * The BackupStorageLocation for the bucket.
   * @default `default`, the default location, at the bucket root
   */
  backupStorageLocation?: VeleroPlatformStorageLocationArgs;
  /**
   * The VolumeSnapshotLocation for EBS snapshots in the region.
   * @default `default` in `region`
   */
  volumeSnapshotLocation?: VeleroPlatformSnapshotLocationArgs;
  /**
   * Create the VolumeSnapshotLocation; `false` for none (the role then gets no EC2 snapshot
   * permissions, and `volumeSnapshotLocation` must be unset).
   * @default true
   */
  createVolumeSnapshotLocation?: boolean;
  /**
   * Overrides of the default schedule's fields.
   * @default `velero-velero-udsbackup`, daily at 03:00, `monitoring` and `tempo`, kept 240h
   */
  defaultSchedule?: VeleroPlatformDefaultScheduleRegistryArgs;
  /**
   * Create the default schedule; `false` for none (`defaultSchedule` must then be unset).
   * @default true
   */
  createDefaultSchedule?: boolean;
  /**
   * More schedules (their namespace and Velero release are the platform's).
   * @default none
   */
  extraSchedules?: ScheduleOptions[];
  /**
   * Restore drills of the platform's schedules; `[]` for none.
   * @default one weekly drill of the default schedule (none without a default schedule)
   */
  drills?: VeleroPlatformDrillRegistryArgs[];
  /**
   * Let the velero chart create the locations and schedules (from `helmValues`) instead of the
   * platform creating them as objects of their own.
   * @default false
   */
  chartCreatesObjects?: boolean;
  /**
   * The chart's fullname, written into `helmValues` as `fullnameOverride`.
   * @default 'velero'
   */
  chartFullname?: string;
  /**
   * The velero-plugin-for-aws image in `helmValues`.
   * @default the image that pairs with `veleroVersion`
   */
  awsPluginImage?: string;
  /**
   * The Velero server image in `helmValues` (e.g. a mirror).
   * @default the image of `veleroVersion`
   */
  veleroImage?: ContainerImage;
  /**
   * Backup-health alerts for the platform's schedules and location: the chart's ServiceMonitor and
   * a PrometheusRule with the generated rules, rendered where the cluster serves the Prometheus
   * Operator's API. `enabled: false` turns them off.
   * @default on, rendered where the Prometheus Operator is present
   */
  alerts?: VeleroPlatformAlertsRegistryArgs;
  /**
   * Whether the chart deploys the node agent.
   * @default deployed when a schedule needs it
   */
  deployNodeAgent?: boolean;
  /**
   * More values for the chart, merged into `helmValues`; values the platform sets itself are
   * refused with the argument to use instead.
   * @default none
   */
  // biome-ignore lint/suspicious/noExplicitAny: the schema's `Any`: chart values of any shape
  extraHelmValues?: Record<string, any>;
  /**
   * The Velero release the cluster runs; every object and the chart values target it.
   * @default '1.18'
   */
  veleroVersion?: VeleroVersion;
  /**
   * Install the pinned vmware-tanzu velero chart with `helmValues` (a Helm release in the
   * platform's namespace), before the Velero objects, which need its CRDs.
   * @default false (Velero is installed elsewhere; its CRDs must exist before the objects)
   */
  installChart?: boolean;
}

/**
 * The TypeScript component's arguments for the package's: each field of its own put back into
 * the union or callback TypeScript uses.
 */
function typedPlatformArgs(args: VeleroBackupPlatformRegistryArgs): VeleroBackupPlatformArgs {
  const {
    createVolumeSnapshotLocation,
    createDefaultSchedule,
    installChart,
    volumeSnapshotLocation,
    defaultSchedule,
    ...rest
  } = args;
  const typed: Record<string, unknown> = { ...rest };
  if (createVolumeSnapshotLocation === false && volumeSnapshotLocation === undefined) {
    typed.volumeSnapshotLocation = false;
  } else if (volumeSnapshotLocation !== undefined) {
    typed.volumeSnapshotLocation = volumeSnapshotLocation;
  }
  if (createDefaultSchedule === false && defaultSchedule === undefined) {
    typed.defaultSchedule = false;
  } else if (defaultSchedule !== undefined) {
    typed.defaultSchedule = defaultSchedule;
  }
  if (installChart === true) typed.installVelero = installVeleroChart();
  return typed as unknown as VeleroBackupPlatformArgs;
}

/** The problems of the fields only the package's component has. */
function registryOnlyIssues(args: VeleroBackupPlatformRegistryArgs): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of [
    'createVolumeSnapshotLocation',
    'createDefaultSchedule',
    'installChart',
  ] as const) {
    const value: unknown = args[key];
    if (value !== undefined && typeof value !== 'boolean') {
      issues.push(issue(key, 'must be true or false', { received: value }));
    }
  }
  if (args.createVolumeSnapshotLocation === false && args.volumeSnapshotLocation !== undefined) {
    issues.push(
      issue(
        'volumeSnapshotLocation',
        'must be unset with createVolumeSnapshotLocation: false (no VolumeSnapshotLocation is created); remove one of them',
      ),
    );
  }
  if (args.createDefaultSchedule === false && args.defaultSchedule !== undefined) {
    issues.push(
      issue(
        'defaultSchedule',
        'must be unset with createDefaultSchedule: false (no default schedule is created); remove one of them',
      ),
    );
  }
  return issues;
}

/**
 * One cluster's Velero set-up: the protected bucket, Velero's IAM role, the storage and snapshot
 * locations, the default and extra schedules, restore drills and the values for the
 * vmware-tanzu velero chart (optionally installed), all checked before anything is registered.
 */
export class VeleroBackupPlatform extends pulumi.ComponentResource {
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The bucket's ARN. */
  readonly bucketArn: pulumi.Output<string>;
  /** The ARN of the IAM role Velero runs as. */
  readonly roleArn: pulumi.Output<string>;
  /** The namespace of every Velero object. */
  readonly namespace: pulumi.Output<string>;
  /** The Helm values for the vmware-tanzu `velero` chart (12.1.0). */
  // biome-ignore lint/suspicious/noExplicitAny: the schema's `Any`: the chart's values
  readonly helmValues: pulumi.Output<Record<string, any>>;
  /** The BackupStorageLocation's name (unset with `chartCreatesObjects`). */
  readonly backupStorageLocationName: pulumi.Output<string | undefined>;
  /** The VolumeSnapshotLocation's name (unset with `chartCreatesObjects` or none). */
  readonly volumeSnapshotLocationName: pulumi.Output<string | undefined>;
  /** The names of the Schedules, default first (empty with `chartCreatesObjects`). */
  readonly scheduleNames: pulumi.Output<string[]>;
  /** The names of the restore drills (their CronJobs). */
  readonly drillNames: pulumi.Output<string[]>;

  /**
   * @param name the platform's logical name; every child's name starts with it
   * @param args the cluster, region, trust and options
   * @param opts resource options; the AWS and Kubernetes providers in `providers`
   */
  constructor(
    name: string,
    args: VeleroBackupPlatformRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const typedArgs = typedPlatformArgs(args);
    throwIfInputIssues(`VeleroBackupPlatform "${name}"`, [
      ...registryOnlyIssues(args),
      ...checkVeleroBackupPlatformArgs(typedArgs),
    ]);
    super(registryType('VeleroBackupPlatform'), name, {}, opts);
    const platform = withInputErrors(
      () => new TypedVeleroBackupPlatform(name, typedArgs, { parent: this }),
    );
    this.bucketName = platform.bucketName;
    this.bucketArn = platform.bucket.bucketArn;
    this.roleArn = platform.roleArn;
    this.namespace = pulumi.output(platform.namespace);
    this.helmValues = platform.helmValues.apply(
      (values): Record<string, unknown> => ({ ...values }),
    );
    this.backupStorageLocationName =
      platform.backupStorageLocation?.name ?? pulumi.output(undefined);
    this.volumeSnapshotLocationName =
      platform.volumeSnapshotLocation?.name ?? pulumi.output(undefined);
    this.scheduleNames = pulumi.all(platform.schedules.map((schedule) => schedule.name));
    this.drillNames = pulumi.output(platform.drills.map((drill) => drill.drillName));
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      roleArn: this.roleArn,
      namespace: this.namespace,
      helmValues: this.helmValues,
      backupStorageLocationName: this.backupStorageLocationName,
      volumeSnapshotLocationName: this.volumeSnapshotLocationName,
      scheduleNames: this.scheduleNames,
      drillNames: this.drillNames,
    });
  }
}
