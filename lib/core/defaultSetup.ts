import {
  awsSnapshotLocationSpec,
  awsStorageLocationSpec,
  DEFAULT_LOCATION_NAME,
} from './awsLocations';
import {
  checkClusterName,
  checkS3BucketName,
  parseBucketDate,
  suggestClusterName,
  VELERO_BUCKET_INFIX,
} from './bucketName';
import { issue, type ValidationIssue, VeleroConfigError } from './errors';
import {
  backupStorageLocationManifest,
  volumeSnapshotLocationManifest,
} from './manifests/builders';
import { udsDefaultSchedule } from './manifests/udsDefaultSchedule';
import { checkAwsRegion } from './rules/awsRegion';
import { checkDns1123Label } from './rules/names';
import type {
  BackupStorageLocationManifest,
  VolumeSnapshotLocationManifest,
} from './types/locations';
import { DEFAULT_VELERO_NAMESPACE } from './types/meta';
import type { ScheduleManifest } from './types/schedule';
import { checkVeleroVersion, type VeleroTargetOptions } from './versions/veleroVersion';

/** What {@link defaultVeleroSetup}'s errors say they were building. */
export const DEFAULT_SETUP_SUBJECT = 'default Velero set-up';
const SUBJECT = DEFAULT_SETUP_SUBJECT;

/** Options for {@link defaultVeleroSetup}. */
export interface DefaultVeleroSetupOptions extends VeleroTargetOptions {
  /**
   * The cluster's name: the first part of the bucket name `<cluster>-velero-<YYYYMMDD>`
   * (lowercase letters, digits and `-`). Not used when `bucket` is given.
   */
  cluster: string;
  /**
   * The bucket's creation day (`YYYY-MM-DD`, `YYYYMMDD` or a `Date`, read in UTC): the last part of
   * the bucket name. Pin it: another date names another bucket. Not used when `bucket` is given.
   */
  date: Date | string;
  /** The AWS region of the bucket and of the EBS volumes, e.g. `eu-west-1`. */
  region: string;
  /**
   * The namespace Velero runs in (every object is created there).
   * @default 'velero'
   */
  namespace?: string;
  /**
   * The name of the default Prometheus/Tempo schedule.
   * @default 'velero-velero-udsbackup'
   */
  scheduleName?: string;
  /**
   * An existing bucket to use instead of the derived `<cluster>-velero-<YYYYMMDD>`.
   * @default the derived name
   */
  bucket?: string;
  /**
   * A KMS key (id, `alias/<name>` or ARN) the AWS plugin encrypts backups with (`config.kmsKeyId`).
   * @default none (the bucket's default encryption applies)
   */
  kmsKeyId?: string;
}

/** The default set-up for one cluster, as returned by {@link defaultVeleroSetup}. */
export interface DefaultVeleroSetup {
  /** The bucket the BackupStorageLocation points to. */
  bucketName: string;
  /** The BackupStorageLocation `default` (provider aws, marked `default: true`). */
  backupStorageLocation: BackupStorageLocationManifest;
  /** The VolumeSnapshotLocation `default` (provider aws, the region's EBS snapshots). */
  volumeSnapshotLocation: VolumeSnapshotLocationManifest;
  /** The default Prometheus/Tempo schedule (see `udsDefaultSchedule`). */
  schedule: ScheduleManifest;
  /** The three manifests above, in the order to apply them (locations before the schedule). */
  manifests: [BackupStorageLocationManifest, VolumeSnapshotLocationManifest, ScheduleManifest];
}

/**
 * Runs a builder, collecting its issues instead of throwing them; `rename` maps the builder's
 * option paths to this function's options (e.g. the schedule's `name` is `scheduleName`).
 */
function collect<T>(
  issues: ValidationIssue[],
  build: () => T,
  rename: (path: string) => string = (path) => path,
): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof VeleroConfigError)) throw error;
    issues.push(...error.issues.map((i) => ({ ...i, path: rename(i.path) })));
    return undefined;
  }
}

/** The bucket name (derived or given), or the problems with its parts. */
function bucketFor(
  options: DefaultVeleroSetupOptions,
  issues: ValidationIssue[],
): string | undefined {
  if (options.bucket !== undefined) {
    const bucketIssues = checkS3BucketName(options.bucket, 'bucket');
    issues.push(...bucketIssues);
    return bucketIssues.length === 0 ? options.bucket : undefined;
  }
  const partIssues = [...checkClusterName(options.cluster, 'cluster')];
  const date = parseBucketDate(options.date, 'date');
  if (!date.ok) partIssues.push(...date.issues);
  if (partIssues.length > 0 || !date.ok) {
    issues.push(...partIssues);
    return undefined;
  }
  const name = `${options.cluster}${VELERO_BUCKET_INFIX}${date.yyyymmdd}`;
  // The date part is valid, so a problem with the derived name comes from the cluster name.
  const nameIssues = checkS3BucketName(name, 'cluster');
  issues.push(...nameIssues);
  return nameIssues.length === 0 ? name : undefined;
}

/**
 * The default Velero set-up for one cluster, with no cloud access: a BackupStorageLocation
 * `default` (provider `aws`, bucket `<cluster>-velero-<YYYYMMDD>` or the given one, `config.region`,
 * `config.kmsKeyId` when a key is given, `default: true`), a VolumeSnapshotLocation `default`
 * (provider `aws`, `config.region`) and the default Prometheus/Tempo schedule. Used by the CLI's
 * `synth` and reusable by any front end.
 *
 * @throws VeleroConfigError listing every problem (cluster name, date, region, bucket, key, names).
 */
export function defaultVeleroSetup(options: DefaultVeleroSetupOptions): DefaultVeleroSetup {
  const issues: ValidationIssue[] = [];
  const namespace = options.namespace ?? DEFAULT_VELERO_NAMESPACE;
  issues.push(...checkDns1123Label(namespace, 'namespace'));
  issues.push(...checkAwsRegion(options.region, 'region'));
  issues.push(...checkVeleroVersion(options.veleroVersion));
  if (
    options.kmsKeyId !== undefined &&
    (typeof options.kmsKeyId !== 'string' || options.kmsKeyId.trim() === '')
  ) {
    issues.push(
      issue('kmsKeyId', 'must be a KMS key id, alias/<name> or key ARN', {
        received: options.kmsKeyId,
      }),
    );
  }
  const bucketName = bucketFor(options, issues);
  if (issues.length > 0 || bucketName === undefined) {
    const suggestion =
      issues.some((i) => i.path === 'cluster') && typeof options.cluster === 'string'
        ? suggestClusterName(options.cluster)
        : undefined;
    throw new VeleroConfigError(
      suggestion === undefined
        ? SUBJECT
        : `${SUBJECT} (suggested valid cluster name: ${JSON.stringify(suggestion)})`,
      issues,
    );
  }
  const backupStorageLocation = collect(issues, () =>
    backupStorageLocationManifest({
      name: DEFAULT_LOCATION_NAME,
      namespace,
      ...awsStorageLocationSpec({
        bucket: bucketName,
        region: options.region,
        kmsKeyId: options.kmsKeyId,
      }),
      default: true,
      veleroVersion: options.veleroVersion,
    }),
  );
  const volumeSnapshotLocation = collect(issues, () =>
    volumeSnapshotLocationManifest({
      name: DEFAULT_LOCATION_NAME,
      namespace,
      ...awsSnapshotLocationSpec<string>(options.region),
      veleroVersion: options.veleroVersion,
    }),
  );
  const schedule = collect(
    issues,
    () =>
      udsDefaultSchedule(
        options.scheduleName === undefined
          ? { namespace, veleroVersion: options.veleroVersion }
          : { namespace, name: options.scheduleName, veleroVersion: options.veleroVersion },
      ),
    (path) => (path === 'name' ? 'scheduleName' : `schedule.${path}`),
  );
  if (
    issues.length > 0 ||
    backupStorageLocation === undefined ||
    volumeSnapshotLocation === undefined ||
    schedule === undefined
  ) {
    throw new VeleroConfigError(SUBJECT, issues);
  }
  return {
    bucketName,
    backupStorageLocation,
    volumeSnapshotLocation,
    schedule,
    manifests: [backupStorageLocation, volumeSnapshotLocation, schedule],
  };
}
