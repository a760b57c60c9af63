import type * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { VeleroChartMetricsValues } from '../core/alerts/chartMetricsValues';
import type { PrometheusRuleGroup } from '../core/alerts/types';
import {
  awsSnapshotLocationSpec,
  awsStorageLocationSpec,
  DEFAULT_LOCATION_NAME,
} from '../core/awsLocations';
import { shortestScheduleTtl } from '../core/backupTtl';
import { veleroBucketName } from '../core/bucketName';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import {
  type ContainerImage,
  DEFAULT_VELERO_SERVICE_ACCOUNT,
  type VeleroHelmValues,
  veleroHelmValues,
} from '../core/helmValues';
import {
  backupStorageLocationManifest,
  scheduleManifest,
  volumeSnapshotLocationManifest,
} from '../core/manifests/builders';
import { definedOnly } from '../core/manifests/prune';
import {
  type UdsDefaultScheduleOptions,
  udsDefaultSchedule,
} from '../core/manifests/udsDefaultSchedule';
import { joinPath } from '../core/path';
import { parseGoDuration } from '../core/rules/duration';
import { isPlainObject } from '../core/schema/checkShape';
import type {
  BackupStorageAccessMode,
  BackupStorageLocationManifest,
  VolumeSnapshotLocationManifest,
} from '../core/types/locations';
import { DEFAULT_VELERO_NAMESPACE } from '../core/types/meta';
import type { ScheduleManifest } from '../core/types/schedule';
import {
  checkVeleroVersion,
  targetVeleroVersion,
  type VeleroVersion,
} from '../core/versions/veleroVersion';
import {
  checkVeleroBucketArgs,
  VeleroBucket,
  type VeleroBucketArgs,
  type VeleroBucketObjectLockArgs,
} from './bucket';
import {
  type AnyVeleroManifest,
  checkVeleroManifestArgs,
  prepareVeleroManifest,
  UNKNOWN_INPUT_PLACEHOLDER,
} from './customResource';
import {
  type PlatformAlertsPlan,
  planPlatformAlerts,
  type VeleroPlatformAlertsArgs,
} from './platformAlerts';
import {
  type PlannedPlatformDrill,
  planPlatformDrills,
  type VeleroPlatformDrillArgs,
} from './platformDrills';
import { VeleroRestoreDrill } from './restoreDrill';
import { VELERO_SCHEDULE_TYPE, VeleroSchedule, type VeleroScheduleArgs } from './schedule';
import {
  checkVeleroServiceRoleArgs,
  type VeleroRoleTrust,
  VeleroServiceRole,
  type VeleroServiceRoleArgs,
} from './serviceRole';
import { VeleroVolumeSnapshotLocation } from './snapshotLocation';
import {
  VELERO_BACKUP_STORAGE_LOCATION_TYPE,
  VeleroBackupStorageLocation,
  type VeleroBackupStorageLocationArgs,
} from './storageLocation';

/** The Pulumi type token of {@link VeleroBackupPlatform}. */
export const VELERO_BACKUP_PLATFORM_TYPE = 'velero-iac:platform:VeleroBackupPlatform';

/** Object Lock for the platform's bucket; the shortest TTL is taken from its schedules. */
export interface VeleroPlatformObjectLockArgs
  extends Omit<VeleroBucketObjectLockArgs, 'shortestBackupTtl'> {
  /**
   * The shortest `ttl` of any Backup or Schedule writing to the bucket. It may not be longer
   * than the platform's own shortest schedule TTL.
   * @default the shortest `ttl` of the platform's schedules (720h for one without a ttl)
   */
  shortestBackupTtl?: string;
}

/** Options of the platform's bucket: every `VeleroBucket` option but the ones the platform sets. */
export interface VeleroPlatformBucketArgs
  extends Omit<VeleroBucketArgs, 'cluster' | 'date' | 'region' | 'objectLock'> {
  /**
   * Enable S3 Object Lock with a default retention, checked against the schedules' TTLs.
   * @default no Object Lock
   */
  objectLock?: VeleroPlatformObjectLockArgs;
}

/** Options of the platform's IAM role that the platform does not set itself. */
export type VeleroPlatformServiceRoleArgs = Pick<
  VeleroServiceRoleArgs,
  'partition' | 'permissionsBoundaryArn' | 'roleName' | 'tags' | 'objectTagging'
>;

/** The platform's BackupStorageLocation (the bucket, region and KMS key are set by the platform). */
export interface VeleroPlatformStorageLocationArgs {
  /**
   * The location's name.
   * @default 'default'
   */
  name?: string;
  /**
   * A path inside the bucket.
   * @default the bucket root
   */
  prefix?: string;
  /**
   * Make it the default location (used by backups that name none).
   * @default true
   */
  default?: boolean;
  /**
   * `ReadOnly` allows restores only.
   * @default 'ReadWrite'
   */
  accessMode?: BackupStorageAccessMode;
  /**
   * How often Velero syncs backups from the bucket, as a Go duration.
   * @default the server's `--backup-sync-period` (1m)
   */
  backupSyncPeriod?: string;
  /**
   * How often Velero checks the location, as a Go duration.
   * @default the server's `--store-validation-frequency` (1m)
   */
  validationFrequency?: string;
  /**
   * More AWS plugin settings (e.g. `checksumAlgorithm`, `tagging`); `region` and `kmsKeyId` come
   * from the platform.
   * @default none
   */
  config?: Record<string, string>;
  /**
   * Labels of the location object.
   * @default none
   */
  labels?: Record<string, string>;
  /**
   * Annotations of the location object.
   * @default none
   */
  annotations?: Record<string, string>;
}

/** The platform's VolumeSnapshotLocation (the region is set by the platform). */
export interface VeleroPlatformSnapshotLocationArgs {
  /**
   * The location's name.
   * @default 'default'
   */
  name?: string;
  /**
   * More AWS plugin settings (`profile`, `enableSharedConfig`); `region` comes from the platform.
   * @default none
   */
  config?: Record<string, string>;
  /**
   * Labels of the location object.
   * @default none
   */
  labels?: Record<string, string>;
  /**
   * Annotations of the location object.
   * @default none
   */
  annotations?: Record<string, string>;
}

/** A schedule of the platform: a `VeleroSchedule`'s arguments, in the platform's namespace. */
export type VeleroPlatformScheduleArgs = Omit<VeleroScheduleArgs, 'namespace' | 'veleroVersion'>;

/** What the platform passes to {@link VeleroBackupPlatformArgs.installVelero}. */
export interface VeleroInstallContext {
  /** The platform's logical name (use it to keep resource names unique in a fleet). */
  readonly platformName: string;
  /** The namespace Velero must be installed in. */
  readonly namespace: string;
  /** The values for the vmware-tanzu `velero` chart (its images those of `veleroVersion`). */
  readonly helmValues: pulumi.Output<VeleroHelmValues>;
  /** The Velero release the platform targets (its `veleroVersion`, default `'1.18'`). */
  readonly veleroVersion: VeleroVersion;
}

/** Arguments of {@link VeleroBackupPlatform}. */
export interface VeleroBackupPlatformArgs {
  /** The cluster's name; the bucket is named `<cluster>-velero-<YYYYMMDD>`. */
  cluster: string;
  /**
   * The date in the bucket name (a `Date` or `YYYY-MM-DD`/`YYYYMMDD`).
   * @default the day the bucket is first created, then never changed
   */
  date?: Date | string;
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
   * The Kubernetes provider of the cluster; every Velero object goes through it.
   * @default the default Kubernetes provider (or the one in the resource options' `providers`)
   */
  kubernetesProvider?: k8s.Provider;
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
  bucket?: VeleroPlatformBucketArgs;
  /**
   * Options of the IAM role.
   * @default an auto-named role with no boundary
   */
  serviceRole?: VeleroPlatformServiceRoleArgs;
  /**
   * The BackupStorageLocation for the bucket.
   * @default `default`, the default location, at the bucket root
   */
  backupStorageLocation?: VeleroPlatformStorageLocationArgs;
  /**
   * The VolumeSnapshotLocation for EBS snapshots in the region, or `false` for none (the role
   * then gets no EC2 snapshot permissions).
   * @default `default` in `region`
   */
  volumeSnapshotLocation?: VeleroPlatformSnapshotLocationArgs | false;
  /**
   * The default schedule (`udsDefaultSchedule`): overrides of its fields, or `false` for none.
   * @default `velero-velero-udsbackup`, daily at 03:00, `monitoring` and `tempo`, kept 240h
   */
  defaultSchedule?: Omit<UdsDefaultScheduleOptions, 'namespace' | 'veleroVersion'> | false;
  /**
   * More schedules.
   * @default none
   */
  extraSchedules?: VeleroPlatformScheduleArgs[];
  /**
   * Restore drills: each restores the newest backup of one of the platform's schedules into
   * scratch namespaces on a cron of its own, checks it and cleans up (see `VeleroRestoreDrill`).
   * `[]` for none.
   * @default one weekly drill of the default schedule (none without a default schedule)
   */
  drills?: VeleroPlatformDrillArgs[];
  /**
   * Let the velero chart create the locations and schedules (from `helmValues`) instead of the
   * platform creating them as objects of their own. Both are checked the same way.
   * @default false
   */
  chartCreatesObjects?: boolean;
  /**
   * The chart's fullname, written into `helmValues` as `fullnameOverride` so that object names
   * never depend on the Helm release name; with `chartCreatesObjects`, every schedule name must
   * start with `<chartFullname>-`.
   * @default 'velero'
   */
  chartFullname?: string;
  /**
   * The velero-plugin-for-aws image in `helmValues`.
   * @default the image that pairs with `veleroVersion` (`awsPluginImageFor`)
   */
  awsPluginImage?: string;
  /**
   * Backup-health alerts for the platform's schedules and location. On by default: the chart's
   * values get its ServiceMonitor and a PrometheusRule with the generated rules, both with the
   * chart's `autodetect`, so Helm renders them only when the cluster serves the Prometheus
   * Operator's API (`monitoring.coreos.com/v1`) at install time. `{ enabled: false }` turns them off.
   * @default on, rendered where the Prometheus Operator is present
   */
  alerts?: VeleroPlatformAlertsArgs;
  /**
   * The Velero server image in `helmValues` (e.g. a mirror).
   * @default the image of `veleroVersion` (`veleroImageFor`)
   */
  veleroImage?: ContainerImage;
  /**
   * Whether the chart deploys the node agent. Unset, `helmValues` turns it on exactly when a
   * schedule needs it (`defaultVolumesToFsBackup`, `snapshotMoveData` with the built-in data
   * mover, or the same server defaults in `extraHelmValues`); `false` with such a schedule is an
   * error.
   * @default deployed when a schedule needs it
   */
  deployNodeAgent?: boolean;
  /**
   * More values for the chart (resources, node selectors, metrics, server flags...), merged into
   * `helmValues`; values the platform sets itself are refused with the argument to use instead.
   * @default none
   */
  extraHelmValues?: Readonly<Record<string, unknown>>;
  /**
   * The Velero release the cluster runs. Every location and schedule the platform builds, and
   * the chart values, target it: a field that release lacks is an error, schedules use its cron
   * dialect, and the AWS plugin image is the one that pairs with it.
   * @default '1.18'
   */
  veleroVersion?: VeleroVersion;
  /**
   * Installs Velero: `installVeleroChart()` installs the pinned chart with `context.helmValues`
   * (or write your own, e.g. with `veleroHelmRelease`). The platform calls it once the bucket and role exist, passes resource
   * options with itself as parent and the Kubernetes provider, and makes its Velero objects wait
   * for the returned resource, since they need Velero's CRDs.
   * @default Velero is installed elsewhere (its CRDs must exist before the objects are created)
   */
  installVelero?: (
    context: VeleroInstallContext,
    opts: pulumi.ComponentResourceOptions,
  ) => pulumi.Resource;
}

/** Prefixes the paths of issues found on a part of the platform's arguments. */
function under(
  prefix: string,
  issues: readonly ValidationIssue[],
  keep: Record<string, string> = {},
): ValidationIssue[] {
  return issues.map((item) => {
    const head = /^[^.[]+/.exec(item.path)?.[0] ?? '';
    if (head in keep) return { ...item, path: `${keep[head]}${item.path.slice(head.length)}` };
    if (item.path === '') return { ...item, path: prefix };
    return {
      ...item,
      path: item.path.startsWith('[') ? `${prefix}${item.path}` : `${prefix}.${item.path}`,
    };
  });
}

/** Everything the platform decided from its arguments before registering anything. */
interface PlatformPlan {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly usesKms: boolean;
  readonly bucketArgs: VeleroBucketArgs;
  readonly scheduleArgs: readonly { key: string; args: VeleroScheduleArgs }[];
  readonly schedules: readonly ScheduleManifest[];
  readonly alerts: PlatformAlertsPlan;
  readonly drills: readonly PlannedPlatformDrill[];
}

function storageLocationArgs(
  args: VeleroBackupPlatformArgs,
  namespace: string,
  bucketName: pulumi.Input<string>,
  kmsKeyId: pulumi.Input<string> | undefined,
): VeleroBackupStorageLocationArgs {
  const bsl = args.backupStorageLocation ?? {};
  return {
    name: bsl.name ?? DEFAULT_LOCATION_NAME,
    namespace,
    labels: bsl.labels,
    annotations: bsl.annotations,
    ...awsStorageLocationSpec({
      bucket: bucketName,
      region: args.region,
      kmsKeyId,
      prefix: bsl.prefix,
      config: bsl.config,
    }),
    default: bsl.default ?? true,
    accessMode: bsl.accessMode,
    backupSyncPeriod: bsl.backupSyncPeriod,
    validationFrequency: bsl.validationFrequency,
    veleroVersion: targetVeleroVersion(args.veleroVersion),
  };
}

function snapshotLocationArgs(
  args: VeleroBackupPlatformArgs,
  namespace: string,
): Parameters<typeof volumeSnapshotLocationManifest>[0] | undefined {
  if (args.volumeSnapshotLocation === false) return undefined;
  const vsl = args.volumeSnapshotLocation ?? {};
  return {
    name: vsl.name ?? DEFAULT_LOCATION_NAME,
    namespace,
    labels: vsl.labels,
    annotations: vsl.annotations,
    ...awsSnapshotLocationSpec(args.region, vsl.config),
    veleroVersion: targetVeleroVersion(args.veleroVersion),
  };
}

function roleArgs(
  args: VeleroBackupPlatformArgs,
  plan: Pick<PlatformPlan, 'namespace' | 'serviceAccount'>,
  bucketName: pulumi.Input<string>,
  kmsKeyArn: pulumi.Input<string | undefined> | undefined,
): VeleroServiceRoleArgs {
  const trust = args.trust ?? 'irsa';
  return {
    ...args.serviceRole,
    bucketName,
    trust,
    namespace: plan.namespace,
    serviceAccount: plan.serviceAccount,
    region: args.region,
    volumeSnapshots: args.volumeSnapshotLocation !== false,
    objectTagging:
      args.serviceRole?.objectTagging ?? args.backupStorageLocation?.config?.tagging !== undefined,
    ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
    ...(args.oidcProviderArn === undefined ? {} : { oidcProviderArn: args.oidcProviderArn }),
    ...(args.oidcProviderUrl === undefined ? {} : { oidcProviderUrl: args.oidcProviderUrl }),
    ...(args.eksClusterName === undefined ? {} : { clusterName: args.eksClusterName }),
  };
}

/**
 * Checks every argument of {@link VeleroBackupPlatform} that is known at construction time:
 * the cluster name and date (bucket name), region, trust, bucket options, the locations, every
 * schedule (cron, TTLs, filters, names), Object Lock retention against the shortest schedule TTL,
 * and the chart values.
 */
function planPlatform(args: VeleroBackupPlatformArgs): {
  plan?: PlatformPlan;
  issues: ValidationIssue[];
} {
  if (!isPlainObject(args)) {
    return {
      issues: [issue('', 'VeleroBackupPlatform arguments must be an object', { received: args })],
    };
  }
  const issues: ValidationIssue[] = [];
  const namespace = args.namespace ?? DEFAULT_VELERO_NAMESPACE;
  const serviceAccount = args.serviceAccount ?? DEFAULT_VELERO_SERVICE_ACCOUNT;
  const bucketOptions: VeleroPlatformBucketArgs = args.bucket ?? {};
  const usesKms = bucketOptions.kmsKeyArn !== undefined || bucketOptions.createKmsKey === true;
  if (typeof args.region !== 'string') {
    issues.push(
      issue('region', 'is required: the AWS region of the cluster, e.g. "eu-west-1"', {
        received: args.region,
      }),
    );
  }

  // An invalid release is reported once; everything is then checked against the default one.
  issues.push(...checkVeleroVersion(args.veleroVersion));
  const veleroVersion = targetVeleroVersion(args.veleroVersion);

  // Schedules first: Object Lock is checked against their TTLs.
  const scheduleArgs: { key: string; args: VeleroScheduleArgs }[] = [];
  const schedules: ScheduleManifest[] = [];
  if (args.defaultSchedule !== false) {
    try {
      const manifest = udsDefaultSchedule({ ...args.defaultSchedule, namespace, veleroVersion });
      schedules.push(manifest);
      const { allowIntervalsUnderOneMinute } = args.defaultSchedule ?? {};
      scheduleArgs.push({
        key: 'defaultSchedule',
        args: {
          ...manifest.metadata,
          ...manifest.spec,
          allowIntervalsUnderOneMinute,
          veleroVersion,
        },
      });
    } catch (error) {
      if (!(error instanceof VeleroConfigError)) throw error;
      issues.push(...under('defaultSchedule', error.issues));
    }
  }
  const extraSchedules: unknown = args.extraSchedules ?? [];
  if (!Array.isArray(extraSchedules)) {
    issues.push(
      issue('extraSchedules', 'must be a list of schedules ([] for none)', {
        received: extraSchedules,
      }),
    );
  }
  (Array.isArray(extraSchedules) ? (extraSchedules as unknown[]) : []).forEach(
    (schedule, index) => {
      const at = joinPath('extraSchedules', index);
      if (!isPlainObject(schedule)) {
        issues.push(issue(at, 'must be a schedule object', { received: schedule }));
        return;
      }
      const full = { ...schedule, namespace, veleroVersion } as VeleroScheduleArgs;
      const checked = checkVeleroManifestArgs(scheduleManifest, full);
      issues.push(...under(at, checked.issues));
      if (checked.manifest !== undefined) {
        schedules.push(checked.manifest);
        scheduleArgs.push({ key: at, args: full });
      }
    },
  );
  const seen = new Map<string, string>();
  scheduleArgs.forEach(({ key }, index) => {
    const name = schedules[index]?.metadata.name ?? '';
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push(
        issue(
          joinPath(key, 'name'),
          `is the name of ${first} too: every schedule needs its own name`,
          {
            received: name,
          },
        ),
      );
    } else {
      seen.set(name, key);
    }
  });

  // Restore drills of the schedules.
  const drillPlan = planPlatformDrills(
    args.drills,
    schedules,
    scheduleArgs[0]?.key === 'defaultSchedule' ? schedules[0]?.metadata.name : undefined,
    veleroVersion,
  );
  issues.push(...drillPlan.issues);

  // Object Lock: the retention must be shorter than every backup's TTL (the bucket checks it).
  let objectLock: VeleroBucketObjectLockArgs | undefined;
  let derivedFrom: string | undefined;
  const lock: unknown = bucketOptions.objectLock;
  if (isPlainObject(lock)) {
    const shortest = shortestScheduleTtl(schedules);
    const given = lock.shortestBackupTtl;
    const givenMs = typeof given === 'string' ? parseGoDuration(given) : undefined;
    if (given === undefined && shortest === undefined) {
      issues.push(
        issue(
          'bucket.objectLock.shortestBackupTtl',
          'is required when the platform has no schedule: give the shortest ttl of the backups that will write to the bucket',
        ),
      );
    } else if (shortest !== undefined && givenMs !== undefined && givenMs > shortest.ms) {
      issues.push(
        issue(
          'bucket.objectLock.shortestBackupTtl',
          `is longer than the ttl of schedule "${shortest.schedule}" (${shortest.ttl}), which writes to this bucket`,
          { received: given, allowed: `at most ${shortest.ttl}` },
        ),
      );
    }
    if (given === undefined && shortest !== undefined) derivedFrom = shortest.schedule;
    objectLock = {
      ...(lock as unknown as VeleroBucketObjectLockArgs),
      shortestBackupTtl: typeof given === 'string' ? given : (shortest?.ttl ?? ''),
    };
  } else if (lock !== undefined) {
    objectLock = lock as VeleroBucketObjectLockArgs;
  }
  const { objectLock: _platformLock, ...bucketRest } = bucketOptions;
  const bucketArgs: VeleroBucketArgs = {
    ...bucketRest,
    cluster: args.cluster,
    region: args.region,
    ...(args.date === undefined ? {} : { date: args.date }),
    ...(objectLock === undefined ? {} : { objectLock }),
  };
  const bucketIssues = under('bucket', checkVeleroBucketArgs(bucketArgs), {
    cluster: 'cluster',
    date: 'date',
    region: 'region',
  });
  for (const item of bucketIssues) {
    if (
      item.path === 'bucket.objectLock.shortestBackupTtl' &&
      issues.some((i) => i.path === item.path)
    ) {
      continue;
    }
    issues.push(
      item.path === 'bucket.objectLock.retentionDays' && derivedFrom !== undefined
        ? { ...item, message: `${item.message} (the ttl of schedule "${derivedFrom}")` }
        : item,
    );
  }

  // The bucket name, when the date makes it known now.
  const bucketNameOk = bucketIssues.every(
    (item) => item.path !== 'cluster' && item.path !== 'date',
  );
  const knownBucketName =
    bucketNameOk && args.date !== undefined && typeof args.cluster === 'string'
      ? veleroBucketName(args.cluster, args.date)
      : undefined;
  const bucketName = knownBucketName ?? UNKNOWN_INPUT_PLACEHOLDER;
  const bucketPlaceholders = knownBucketName === undefined ? ['objectStorage.bucket'] : [];

  issues.push(
    ...under(
      'serviceRole',
      checkVeleroServiceRoleArgs(
        roleArgs(
          args,
          { namespace, serviceAccount },
          bucketName,
          typeof bucketOptions.kmsKeyArn === 'string' ? bucketOptions.kmsKeyArn : undefined,
        ),
      ),
      {
        trust: 'trust',
        oidcProviderArn: 'oidcProviderArn',
        oidcProviderUrl: 'oidcProviderUrl',
        namespace: 'namespace',
        serviceAccount: 'serviceAccount',
        region: 'region',
        clusterName: 'eksClusterName',
        volumeSnapshots: 'volumeSnapshotLocation',
        kmsKeyArn: 'bucket.kmsKeyArn',
      },
    ),
  );

  // The locations, with placeholders for what only exists once the bucket does.
  const bsl = checkVeleroManifestArgs(
    backupStorageLocationManifest,
    storageLocationArgs(
      args,
      namespace,
      bucketName,
      usesKms ? UNKNOWN_INPUT_PLACEHOLDER : undefined,
    ),
    [...bucketPlaceholders, ...(usesKms ? ['config.kmsKeyId'] : [])],
  );
  issues.push(...under('backupStorageLocation', bsl.issues, { namespace: 'namespace' }));
  const vslArgs = snapshotLocationArgs(args, namespace);
  const vsl =
    vslArgs === undefined
      ? undefined
      : checkVeleroManifestArgs(volumeSnapshotLocationManifest, vslArgs);
  if (vsl !== undefined) {
    issues.push(...under('volumeSnapshotLocation', vsl.issues, { namespace: 'namespace' }));
  }

  // The alerts of the schedules and the location, delivered through the chart's values.
  // The drills' alerts are among them: a drill that stops running is as silent as a backup.
  const alerts = planPlatformAlerts(args.alerts, {
    schedules,
    location: { name: args.backupStorageLocation?.name ?? DEFAULT_LOCATION_NAME, namespace },
    restoreDrills: drillPlan.drills.map((planned) => planned.drill.alertTarget),
    chartFullname: args.chartFullname,
    veleroVersion,
  });
  issues.push(...alerts.issues);

  // The chart values, checked with the same manifests.
  if (issues.length === 0 && bsl.manifest !== undefined) {
    try {
      veleroHelmValues(
        helmValuesOptions(
          args,
          namespace,
          serviceAccount,
          bsl.manifest,
          vsl?.manifest,
          schedules,
          undefined,
          alerts.plan.metrics,
        ),
      );
    } catch (error) {
      if (!(error instanceof VeleroConfigError)) throw error;
      issues.push(
        ...helmValuesIssues(
          error.issues,
          scheduleArgs.map(({ key }) => key),
        ),
      );
    }
  }
  // The same problem may be found by several parts (e.g. the namespace); report it once. A
  // missing or invalid region is reported once, not again for each location's config.
  const regionWrong = issues.some((item) => item.path === 'region');
  const unique = new Map<string, ValidationIssue>();
  for (const item of issues) {
    if (regionWrong && item.path.endsWith('config.region')) continue;
    unique.set(`${item.path}|${item.message}`, item);
  }
  if (unique.size > 0) return { issues: [...unique.values()] };
  return {
    issues: [],
    plan: {
      namespace,
      serviceAccount,
      usesKms,
      bucketArgs,
      scheduleArgs,
      schedules,
      alerts: alerts.plan,
      drills: drillPlan.drills,
    },
  };
}

/** The platform's argument paths for the problems `veleroHelmValues` found. */
function helmValuesIssues(
  issues: readonly ValidationIssue[],
  scheduleKeys: readonly string[],
): ValidationIssue[] {
  const argument: Record<string, string> = {
    chartFullname: 'chartFullname',
    awsPluginImage: 'awsPluginImage',
    veleroImage: 'veleroImage',
    deployNodeAgent: 'deployNodeAgent',
    extraValues: 'extraHelmValues',
  };
  return issues.map((item) => {
    // A manifest's `metadata.x` and `spec.x` are the argument `x` of the schedule or location.
    const manifest =
      /^(schedules|backupStorageLocations|volumeSnapshotLocations)\[(\d+)\](?:\.(?:metadata|spec))?(.*)$/.exec(
        item.path,
      );
    if (manifest !== null) {
      const [, list, index, rest] = manifest;
      const base =
        list === 'schedules'
          ? scheduleKeys[Number(index)]
          : list === 'backupStorageLocations'
            ? 'backupStorageLocation'
            : 'volumeSnapshotLocation';
      if (base !== undefined) return { ...item, path: `${base}${rest ?? ''}` };
    }
    const head = /^[^.[]+/.exec(item.path)?.[0] ?? '';
    const mapped = argument[head];
    if (mapped !== undefined) return { ...item, path: `${mapped}${item.path.slice(head.length)}` };
    return { ...item, path: item.path === '' ? 'helmValues' : `helmValues.${item.path}` };
  });
}

function helmValuesOptions(
  args: VeleroBackupPlatformArgs,
  namespace: string,
  serviceAccountName: string,
  bsl: BackupStorageLocationManifest,
  vsl: VolumeSnapshotLocationManifest | undefined,
  schedules: readonly ScheduleManifest[],
  roleArn: string | undefined,
  metrics: VeleroChartMetricsValues | undefined,
): Parameters<typeof veleroHelmValues>[0] {
  return {
    backupStorageLocations: [bsl],
    volumeSnapshotLocations: vsl === undefined ? [] : [vsl],
    // Always given: with the chart creating them they go into the values, and either way they
    // decide whether the node agent is deployed.
    schedules,
    chartCreatesObjects: args.chartCreatesObjects === true,
    namespace,
    serviceAccountName,
    ...definedOnly({
      chartFullname: args.chartFullname,
      awsPluginImage: args.awsPluginImage,
      veleroImage: args.veleroImage,
      deployNodeAgent: args.deployNodeAgent,
      extraValues: args.extraHelmValues,
      roleArn,
      metrics,
    }),
    veleroVersion: targetVeleroVersion(args.veleroVersion),
  };
}

/**
 * Checks every argument of {@link VeleroBackupPlatform} known at construction time, as the
 * component does before registering anything.
 *
 * @param args the platform's arguments
 * @returns every problem found
 */
export function checkVeleroBackupPlatformArgs(args: VeleroBackupPlatformArgs): ValidationIssue[] {
  return planPlatform(args).issues;
}

/**
 * Velero's whole AWS set-up for one cluster in one call:
 * - a `VeleroBucket` (`<cluster>-velero-<YYYYMMDD>`, protected, versioned, encrypted);
 * - a `VeleroServiceRole` with the least-privilege policy for that bucket (and EBS snapshots),
 *   trusted through IRSA or EKS Pod Identity;
 * - a `VeleroBackupStorageLocation` (`aws`, the bucket, `config.region`, `config.kmsKeyId` with
 *   KMS) and a `VeleroVolumeSnapshotLocation` (`aws`, the region);
 * - the default schedule (`udsDefaultSchedule`, overridable or `false`) and `extraSchedules`;
 * - `helmValues` for the vmware-tanzu `velero` chart 12.1.0 (locations, IRSA annotation, no
 *   credentials Secret, the AWS plugin as init container, `fullnameOverride`, the pinned Velero
 *   image, the node agent when a schedule needs it); `installVelero: installVeleroChart()`
 *   installs the chart with them.
 *
 * Everything is checked before anything is registered (cluster name, date, region, trust, cron
 * expressions, TTLs, filters, names, Object Lock retention against the shortest schedule TTL, the
 * chart values); a `VeleroConfigError` lists every problem.
 *
 * By default the platform creates the locations and schedules as objects of its own, and the
 * chart values only describe them (`backupsEnabled`/`snapshotsEnabled` false, no `schedules`), so
 * nothing exists twice. With `chartCreatesObjects: true` the chart creates them instead.
 *
 * Fleets: every child's name starts with the platform's name, so one program can hold one
 * platform per cluster (each with its own `kubernetesProvider`) without URN collisions.
 *
 * @group Platform
 */
export class VeleroBackupPlatform extends pulumi.ComponentResource {
  /** The bucket. */
  readonly bucket: VeleroBucket;
  /** The IAM role Velero runs as. */
  readonly serviceRole: VeleroServiceRole;
  /** The BackupStorageLocation (absent with `chartCreatesObjects`). */
  readonly backupStorageLocation?: VeleroBackupStorageLocation;
  /** The VolumeSnapshotLocation (absent with `chartCreatesObjects` or `volumeSnapshotLocation: false`). */
  readonly volumeSnapshotLocation?: VeleroVolumeSnapshotLocation;
  /** The Schedules, default first (empty with `chartCreatesObjects`). */
  readonly schedules: readonly VeleroSchedule[];
  /** The restore drills (by default one weekly drill of the default schedule). */
  readonly drills: readonly VeleroRestoreDrill[];
  /** The resource `installVelero` returned, if any. */
  readonly veleroInstallation?: pulumi.Resource;
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The role's ARN. */
  readonly roleArn: pulumi.Output<string>;
  /** The namespace of every Velero object. */
  readonly namespace: string;
  /** The Helm values for the vmware-tanzu `velero` chart. */
  readonly helmValues: pulumi.Output<VeleroHelmValues>;
  /** The backup-health alert rules the chart gets (empty with `alerts: { enabled: false }`). */
  readonly alertRuleGroups: PrometheusRuleGroup[];

  /**
   * @param name the platform's logical name; every child's name starts with it
   * @param args the cluster, region, trust and options
   * @param opts resource options (e.g. an AWS provider in `providers`)
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  constructor(
    name: string,
    args: VeleroBackupPlatformArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const { plan, issues } = planPlatform(args);
    if (plan === undefined) throw new VeleroConfigError(`VeleroBackupPlatform "${name}"`, issues);
    super(VELERO_BACKUP_PLATFORM_TYPE, name, {}, opts);
    const parent = { parent: this };
    this.namespace = plan.namespace;

    this.bucket = new VeleroBucket(`${name}-bucket`, plan.bucketArgs, parent);
    const kmsKeyArn = plan.usesKms ? this.bucket.kmsKeyArn : undefined;
    this.serviceRole = new VeleroServiceRole(
      `${name}-role`,
      roleArgs(args, plan, this.bucket.bucketName, kmsKeyArn),
      parent,
    );
    this.bucketName = this.bucket.bucketName;
    this.roleArn = this.serviceRole.roleArn;

    const kmsKeyId = kmsKeyArn?.apply((arn) => arn ?? '');
    const bslArgs = storageLocationArgs(args, plan.namespace, this.bucket.bucketName, kmsKeyId);
    const vslArgs = snapshotLocationArgs(args, plan.namespace);
    const { manifest: bslManifest } = prepareVeleroManifest(
      {
        type: VELERO_BACKUP_STORAGE_LOCATION_TYPE,
        kind: 'BackupStorageLocation',
        build: backupStorageLocationManifest,
        ignoreChanges: [],
      },
      `${name}-backup-storage-location`,
      bslArgs,
    );
    const vslManifest = vslArgs === undefined ? undefined : volumeSnapshotLocationManifest(vslArgs);
    const irsa = (args.trust ?? 'irsa') === 'irsa';
    // The schedules' manifests go into the values (resolved, as a template's location names may
    // be outputs): the chart creates them with `chartCreatesObjects`, and they decide the node
    // agent either way.
    const chartSchedules = plan.scheduleArgs.map(
      ({ args: scheduleArgs }) =>
        prepareVeleroManifest(
          {
            type: VELERO_SCHEDULE_TYPE,
            kind: 'Schedule',
            build: scheduleManifest,
            ignoreChanges: [],
          },
          name,
          scheduleArgs,
        ).manifest as pulumi.Input<AnyVeleroManifest>,
    );
    this.helmValues = pulumi
      .all([
        bslManifest as pulumi.Input<AnyVeleroManifest>,
        this.serviceRole.roleArn,
        pulumi.all(chartSchedules),
      ])
      .apply(([bsl, roleArn, scheduleManifests]) =>
        veleroHelmValues(
          helmValuesOptions(
            args,
            plan.namespace,
            plan.serviceAccount,
            bsl as BackupStorageLocationManifest,
            vslManifest,
            scheduleManifests as ScheduleManifest[],
            irsa ? roleArn : undefined,
            plan.alerts.metrics,
          ),
        ),
      );
    this.alertRuleGroups = plan.alerts.groups;

    const k8sOptions: pulumi.ComponentResourceOptions = {
      parent: this,
      ...(args.kubernetesProvider === undefined ? {} : { provider: args.kubernetesProvider }),
    };
    if (args.installVelero !== undefined) {
      this.veleroInstallation = args.installVelero(
        {
          platformName: name,
          namespace: plan.namespace,
          helmValues: this.helmValues,
          veleroVersion: targetVeleroVersion(args.veleroVersion),
        },
        k8sOptions,
      );
    }
    const objectOptions: pulumi.ComponentResourceOptions = {
      ...k8sOptions,
      dependsOn: [
        this.serviceRole,
        ...(this.veleroInstallation === undefined ? [] : [this.veleroInstallation]),
      ],
    };

    const schedules: VeleroSchedule[] = [];
    if (args.chartCreatesObjects !== true) {
      this.backupStorageLocation = new VeleroBackupStorageLocation(
        `${name}-backup-storage-location`,
        bslArgs,
        objectOptions,
      );
      if (vslArgs !== undefined) {
        this.volumeSnapshotLocation = new VeleroVolumeSnapshotLocation(
          `${name}-volume-snapshot-location`,
          vslArgs,
          objectOptions,
        );
      }
      const scheduleOptions: pulumi.ComponentResourceOptions = {
        ...k8sOptions,
        dependsOn: [
          this.backupStorageLocation,
          ...(this.volumeSnapshotLocation === undefined ? [] : [this.volumeSnapshotLocation]),
          ...(this.veleroInstallation === undefined ? [] : [this.veleroInstallation]),
        ],
      };
      plan.scheduleArgs.forEach(({ args: scheduleArgs }, index) => {
        const scheduleName = plan.schedules[index]?.metadata.name ?? String(index);
        schedules.push(
          new VeleroSchedule(`${name}-schedule-${scheduleName}`, scheduleArgs, scheduleOptions),
        );
      });
    }
    this.schedules = schedules;
    this.drills = plan.drills.map(
      ({ args: drillArgs, drill }) =>
        new VeleroRestoreDrill(`${name}-drill-${drill.name}`, drillArgs, {
          ...k8sOptions,
          dependsOn: [
            ...schedules,
            ...(this.veleroInstallation === undefined ? [] : [this.veleroInstallation]),
          ],
        }),
    );
    this.registerOutputs({
      bucketName: this.bucketName,
      roleArn: this.roleArn,
      namespace: this.namespace,
      helmValues: this.helmValues,
    });
  }
}
