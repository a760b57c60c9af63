import {
  checkClusterName,
  checkS3BucketName,
  parseBucketDate,
  VELERO_BUCKET_INFIX,
} from '../bucketName';
import { type DeferredValues, isKnownString } from '../deferredValue';
import { issue, type ValidationIssue } from '../errors';
import { checkAwsPartition, checkKmsKeyArn } from '../iamPolicy';
import { checkObjectLockRetention, type ObjectLockMode } from '../objectLock';
import { checkAwsRegion } from '../rules/awsRegion';
import { checkOptional, isPlainObject } from '../schema/checkShape';
import { bool } from '../schema/fieldSchema';

/**
 * Cross-region replication of the Velero bucket, for disaster recovery. `V` is the type a front
 * end uses for values it may only know later (a Pulumi `Input<string>`, a CDK token string).
 */
export interface VeleroBucketReplicationOptions<V = string> {
  /**
   * ARN of the destination bucket (`arn:aws:s3:::name`). It must already exist, with versioning
   * enabled, in another region.
   */
  destinationBucketArn: V;
  /** Region of the destination bucket; must differ from the source bucket's region. */
  destinationRegion: string;
  /**
   * Full ARN of the KMS key replicas are encrypted with in the destination region. Required when
   * the source bucket is encrypted with KMS (`kmsKeyArn` or `createKmsKey`).
   * @default none (replicas keep SSE-S3)
   */
  replicaKmsKeyArn?: V;
  /**
   * An existing IAM role S3 assumes to replicate. When absent, a role with exactly the
   * replication permissions for these two buckets is created.
   * @default a new role
   */
  roleArn?: V;
  /**
   * Storage class of the replicas, e.g. `STANDARD_IA`.
   * @default the source object's storage class
   */
  storageClass?: string;
  /**
   * Replicate delete markers, so that a backup Velero deletes also disappears from the replica
   * (its versions stay until the destination's own lifecycle expires them).
   * @default true
   */
  replicateDeleteMarkers?: boolean;
}

/** S3 server access logging for the Velero bucket. */
export interface VeleroBucketAccessLoggingOptions<V = string> {
  /**
   * Name of the bucket the logs go to. It must be another bucket: Velero marks the location
   * `Unavailable` when anything else is written under its bucket root.
   */
  targetBucket: V;
  /**
   * Key prefix of the log objects in the target bucket.
   * @default '<cluster>/'
   */
  targetPrefix?: V;
}

/** Object Lock for the Velero bucket (opt-in; see `checkObjectLockRetention`). */
export interface VeleroBucketObjectLockOptions {
  /**
   * Retention mode.
   * @default 'GOVERNANCE'
   */
  mode?: ObjectLockMode;
  /** Default retention of every new object version, in days; shorter than `shortestBackupTtl`. */
  retentionDays: number;
  /** The shortest `ttl` of any Backup or Schedule writing to this bucket (Go duration). */
  shortestBackupTtl: string;
  /**
   * Accept `COMPLIANCE` mode, which nobody can undo.
   * @default false
   */
  allowComplianceMode?: boolean;
}

/**
 * The settings of a Velero bucket that neither name nor place it (KMS, lifecycle, replication,
 * access logging, notifications, tags): every {@link VeleroBucketOptions} field but `cluster`,
 * `date`, `region` and `objectLock`. `V` is the type of values a front end may only know later.
 */
export interface VeleroBucketSettings<V = string> {
  /**
   * Encrypt with this KMS key (`aws:kms` with S3 bucket keys) instead of SSE-S3. A full key ARN.
   * @default AES256 (SSE-S3), unless `createKmsKey`
   */
  kmsKeyArn?: V;
  /**
   * Create a KMS key (rotation on, protected like the bucket) and encrypt with it.
   * @default false
   */
  createKmsKey?: boolean;
  /**
   * Days a noncurrent object version (a deleted or overwritten backup file) is kept before S3
   * expires it: the window in which a deleted backup can still be recovered.
   * @default 30
   */
  noncurrentVersionExpirationDays?: number;
  /**
   * Days after which incomplete multipart uploads are aborted.
   * @default 7
   */
  abortIncompleteMultipartUploadDays?: number;
  /**
   * Add a bucket-policy statement denying `s3:PutBucketVersioning` to everyone, so versioning
   * cannot be suspended. Note it also blocks later changes of the versioning resource itself.
   * @default false
   */
  denyVersioningSuspension?: boolean;
  /**
   * Turn deletion protection off: no retention of the bucket and key, and no `s3:DeleteBucket`
   * deny. Only for throw-away environments.
   * @default false
   */
  dangerouslyDisableDeletionProtection?: boolean;
  /**
   * Let a destroy delete every object. Only allowed together with
   * `dangerouslyDisableDeletionProtection: true`.
   * @default false
   */
  forceDestroy?: boolean;
  /**
   * Cross-region replication for disaster recovery.
   * @default no replication
   */
  replication?: VeleroBucketReplicationOptions<V>;
  /**
   * Server access logging to another bucket.
   * @default no access logging
   */
  accessLogging?: VeleroBucketAccessLoggingOptions<V>;
  /**
   * Send the bucket's events to Amazon EventBridge.
   * @default false
   */
  eventBridgeNotifications?: boolean;
  /**
   * Tags for every taggable resource created (bucket, KMS key, replication role); they are merged
   * over `{ 'velero-iac/cluster': cluster }`.
   * @default only the cluster tag
   */
  tags?: Record<string, V>;
}

/**
 * Everything that decides a Velero bucket, whatever the front end: the input of
 * {@link veleroBucketPlan}. `V` is the type of values a front end may only know later.
 */
export interface VeleroBucketOptions<V = string> extends VeleroBucketSettings<V> {
  /** The cluster the bucket belongs to; the bucket is named `<cluster>-velero-<YYYYMMDD>`. */
  cluster: string;
  /**
   * The date in the bucket name (a `Date`, taken as its UTC day, or `YYYY-MM-DD`/`YYYYMMDD`).
   * @default decided by the front end (Pulumi: the day the bucket is first created, stored once)
   */
  date?: Date | string;
  /**
   * The AWS region of the bucket and its companions.
   * @default the front end's region (provider or stack)
   */
  region?: string;
  /**
   * Enable S3 Object Lock with a default retention (governance mode, shorter than the shortest
   * backup TTL). Choose it when the bucket is first created: adding or removing it later changes
   * the bucket's Object Lock setting, which replaces the bucket, and the protection refuses that.
   * @default no Object Lock
   */
  objectLock?: VeleroBucketObjectLockOptions;
}

const S3_BUCKET_ARN = /^arn:([a-z-]+):s3:::([^/]+)$/;
const IAM_ROLE_ARN = /^arn:([a-z-]+):iam::\d{12}:role\/[\w+=,.@/-]+$/;

function checkPositiveInteger(value: unknown, path: string): ValidationIssue[] {
  return value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= 1)
    ? []
    : [issue(path, 'must be a whole number of days, at least 1', { received: value })];
}

/**
 * Checks every option of a Velero bucket that is known now (deferred values are checked by the
 * front end once they resolve, with the same functions): the cluster name and date, region,
 * flags and day counts, the KMS key, force-destroy only without protection, replication, access
 * logging (never into the bucket itself) and Object Lock (shorter than the shortest backup TTL).
 *
 * @param args the bucket's options
 * @param deferred which strings are placeholders for values known later
 * @returns every problem found
 */
export function checkVeleroBucketOptions<V>(
  args: VeleroBucketOptions<V>,
  deferred: DeferredValues = {},
): ValidationIssue[] {
  if (!isPlainObject(args))
    return [issue('', 'VeleroBucket arguments must be an object', { received: args })];
  const issues: ValidationIssue[] = [...checkClusterName(args.cluster, 'cluster')];
  if (args.date !== undefined) {
    const parsed = parseBucketDate(args.date, 'date');
    if (!parsed.ok) issues.push(...parsed.issues);
  }
  if (args.region !== undefined) issues.push(...checkAwsRegion(args.region, 'region'));
  issues.push(
    ...checkOptional(args.createKmsKey, bool(), 'createKmsKey'),
    ...checkOptional(args.denyVersioningSuspension, bool(), 'denyVersioningSuspension'),
    ...checkOptional(
      args.dangerouslyDisableDeletionProtection,
      bool(),
      'dangerouslyDisableDeletionProtection',
    ),
    ...checkOptional(args.forceDestroy, bool(), 'forceDestroy'),
    ...checkOptional(args.eventBridgeNotifications, bool(), 'eventBridgeNotifications'),
    ...checkPositiveInteger(
      args.noncurrentVersionExpirationDays,
      'noncurrentVersionExpirationDays',
    ),
    ...checkPositiveInteger(
      args.abortIncompleteMultipartUploadDays,
      'abortIncompleteMultipartUploadDays',
    ),
  );
  if (args.kmsKeyArn !== undefined && args.createKmsKey === true) {
    issues.push(
      issue(
        'kmsKeyArn',
        'cannot be combined with createKmsKey: choose an existing key or a new one',
        {
          received: args.kmsKeyArn,
        },
      ),
    );
  }
  if (isKnownString(args.kmsKeyArn, deferred)) {
    issues.push(...checkKmsKeyArn(args.kmsKeyArn, 'kmsKeyArn'));
  }
  if (args.forceDestroy === true && args.dangerouslyDisableDeletionProtection !== true) {
    issues.push(
      issue(
        'forceDestroy',
        'cannot be true while the bucket is protected: it would let a destroy delete every backup. Set dangerouslyDisableDeletionProtection: true as well if this bucket really is disposable',
        { received: true, allowed: 'false (or omit it)' },
      ),
    );
  }
  if (args.tags !== undefined && !isPlainObject(args.tags)) {
    issues.push(issue('tags', 'must be an object of tag names to values', { received: args.tags }));
  }
  const usesKms = args.kmsKeyArn !== undefined || args.createKmsKey === true;
  if (args.replication !== undefined) {
    issues.push(...checkReplication(args.replication, args.region, usesKms, deferred));
  }
  if (args.accessLogging !== undefined) {
    issues.push(...checkAccessLogging(args, deferred));
  }
  if (args.objectLock !== undefined) {
    issues.push(
      ...(isPlainObject(args.objectLock)
        ? checkObjectLockRetention(args.objectLock, 'objectLock')
        : [issue('objectLock', 'must be an object', { received: args.objectLock })]),
    );
  }
  return issues;
}

function checkReplication<V>(
  replication: VeleroBucketReplicationOptions<V>,
  sourceRegion: string | undefined,
  usesKms: boolean,
  deferred: DeferredValues,
): ValidationIssue[] {
  if (!isPlainObject(replication)) {
    return [issue('replication', 'must be an object', { received: replication })];
  }
  const issues: ValidationIssue[] = [];
  const arn: unknown = replication.destinationBucketArn;
  if (arn === undefined) {
    issues.push(
      issue('replication.destinationBucketArn', 'is required', {
        allowed: 'arn:aws:s3:::<bucket>',
      }),
    );
  } else if (isKnownString(arn, deferred)) {
    const match = S3_BUCKET_ARN.exec(arn);
    if (match === null) {
      issues.push(
        issue('replication.destinationBucketArn', 'must be an S3 bucket ARN', {
          received: arn,
          allowed: 'arn:<partition>:s3:::<bucket>',
        }),
      );
    } else {
      issues.push(...checkAwsPartition(match[1], 'replication.destinationBucketArn'));
      issues.push(...checkS3BucketName(match[2], 'replication.destinationBucketArn'));
    }
  }
  issues.push(...checkAwsRegion(replication.destinationRegion, 'replication.destinationRegion'));
  if (sourceRegion !== undefined && replication.destinationRegion === sourceRegion) {
    issues.push(
      issue(
        'replication.destinationRegion',
        'must differ from the bucket region: a replica in the same region is no disaster recovery',
        { received: replication.destinationRegion },
      ),
    );
  }
  if (usesKms && replication.replicaKmsKeyArn === undefined) {
    issues.push(
      issue(
        'replication.replicaKmsKeyArn',
        'is required when the bucket is encrypted with KMS: S3 only replicates KMS-encrypted objects with a key in the destination region',
        { allowed: 'arn:<partition>:kms:<destination region>:<account>:key/<key-id>' },
      ),
    );
  }
  const replicaKey: unknown = replication.replicaKmsKeyArn;
  if (isKnownString(replicaKey, deferred)) {
    const keyIssues = checkKmsKeyArn(replicaKey, 'replication.replicaKmsKeyArn');
    issues.push(...keyIssues);
    const keyRegion = replicaKey.split(':')[3];
    if (keyIssues.length === 0 && keyRegion !== replication.destinationRegion) {
      issues.push(
        issue('replication.replicaKmsKeyArn', 'must be a key in the destination region', {
          received: replicaKey,
          allowed: `a key in ${String(replication.destinationRegion)}`,
        }),
      );
    }
  }
  const roleArn: unknown = replication.roleArn;
  if (isKnownString(roleArn, deferred) && !IAM_ROLE_ARN.test(roleArn)) {
    issues.push(
      issue('replication.roleArn', 'must be an IAM role ARN', {
        received: roleArn,
        allowed: 'arn:<partition>:iam::<account>:role/<name>',
      }),
    );
  }
  issues.push(
    ...checkOptional(
      replication.replicateDeleteMarkers,
      bool(),
      'replication.replicateDeleteMarkers',
    ),
  );
  if (replication.storageClass !== undefined && typeof replication.storageClass !== 'string') {
    issues.push(
      issue('replication.storageClass', 'must be a storage class name', {
        received: replication.storageClass,
      }),
    );
  }
  return issues;
}

function checkAccessLogging<V>(
  args: VeleroBucketOptions<V>,
  deferred: DeferredValues,
): ValidationIssue[] {
  const logging: unknown = args.accessLogging;
  if (!isPlainObject(logging))
    return [issue('accessLogging', 'must be an object', { received: logging })];
  const target = logging.targetBucket;
  if (target === undefined) {
    return [issue('accessLogging.targetBucket', 'is required: the name of another bucket')];
  }
  if (!isKnownString(target, deferred)) return [];
  const issues = checkS3BucketName(target, 'accessLogging.targetBucket');
  if (typeof args.cluster !== 'string') return issues;
  const date = args.date === undefined ? undefined : parseBucketDate(args.date);
  if (date?.ok === true) {
    issues.push(
      ...checkAccessLogTarget(target, `${args.cluster}${VELERO_BUCKET_INFIX}${date.yyyymmdd}`),
    );
  } else if (
    date === undefined &&
    target.startsWith(`${args.cluster}${VELERO_BUCKET_INFIX}`) &&
    /^\d{8}$/.test(target.slice(args.cluster.length + VELERO_BUCKET_INFIX.length))
  ) {
    issues.push(
      issue(
        'accessLogging.targetBucket',
        `must not be a Velero bucket of this cluster ("${args.cluster}-velero-YYYYMMDD"): Velero marks its backup location Unavailable when anything but Velero writes under the bucket root`,
        { received: target },
      ),
    );
  }
  return issues;
}

/**
 * Checks that access logs go to another bucket than the Velero bucket itself: Velero marks its
 * backup location `Unavailable` when anything but Velero writes under the bucket root.
 *
 * @param targetBucket the log target bucket's name
 * @param ownBucket the Velero bucket's name
 * @returns the problem, if any
 */
export function checkAccessLogTarget(targetBucket: string, ownBucket: string): ValidationIssue[] {
  return targetBucket === ownBucket
    ? [
        issue(
          'accessLogging.targetBucket',
          'must be another bucket: Velero marks its backup location Unavailable when anything but Velero writes under the bucket root',
          { received: targetBucket },
        ),
      ]
    : [];
}
