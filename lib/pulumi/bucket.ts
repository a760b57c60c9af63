import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type * as time from '@pulumiverse/time';
import {
  checkClusterName,
  checkS3BucketName,
  clusterNameHint,
  parseBucketDate,
  VELERO_BUCKET_INFIX,
  veleroBucketName,
} from '../core/bucketName';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import { checkAwsPartition, checkKmsKeyArn, type IamPolicyDocument } from '../core/iamPolicy';
import { checkObjectLockRetention, type ObjectLockMode } from '../core/objectLock';
import { loadOptionalPeer } from '../core/peerDependencies';
import { checkAwsRegion } from '../core/rules/awsRegion';
import { checkOptional, isPlainObject } from '../core/schema/checkShape';
import { bool } from '../core/schema/fieldSchema';
import { checkedOutputs } from './resourceOutputs';

/** The Pulumi type token of {@link VeleroBucket}. */
export const VELERO_BUCKET_TYPE = 'velero-iac:storage:VeleroBucket';

/** Cross-region replication of the Velero bucket, for disaster recovery. */
export interface VeleroBucketReplicationArgs {
  /**
   * ARN of the destination bucket (`arn:aws:s3:::name`). It must already exist, with versioning
   * enabled, in another region.
   */
  destinationBucketArn: pulumi.Input<string>;
  /** Region of the destination bucket; must differ from the source bucket's region. */
  destinationRegion: string;
  /**
   * Full ARN of the KMS key replicas are encrypted with in the destination region. Required when
   * the source bucket is encrypted with KMS (`kmsKeyArn` or `createKmsKey`).
   * @default none (replicas keep SSE-S3)
   */
  replicaKmsKeyArn?: pulumi.Input<string>;
  /**
   * An existing IAM role S3 assumes to replicate. When absent, a role with exactly the
   * replication permissions for these two buckets is created.
   * @default a new role
   */
  roleArn?: pulumi.Input<string>;
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
export interface VeleroBucketAccessLoggingArgs {
  /**
   * Name of the bucket the logs go to. It must be another bucket: Velero marks the location
   * `Unavailable` when anything else is written under its bucket root.
   */
  targetBucket: pulumi.Input<string>;
  /**
   * Key prefix of the log objects in the target bucket.
   * @default '<cluster>/'
   */
  targetPrefix?: pulumi.Input<string>;
}

/** Object Lock for the Velero bucket (opt-in; see `checkObjectLockRetention`). */
export interface VeleroBucketObjectLockArgs {
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

/** Arguments of {@link VeleroBucket}. */
export interface VeleroBucketArgs {
  /** The cluster the bucket belongs to; the bucket is named `<cluster>-velero-<YYYYMMDD>`. */
  cluster: string;
  /**
   * The date in the bucket name (a `Date`, taken as its UTC day, or `YYYY-MM-DD`/`YYYYMMDD`).
   * @default the day the bucket is first created, stored once in a `time.Static` resource and
   * never changed on later runs
   */
  date?: Date | string;
  /**
   * The AWS region of the bucket and its companions (the `@pulumi/aws` v7 per-resource region).
   * @default the provider's region
   */
  region?: string;
  /**
   * Encrypt with this KMS key (`aws:kms` with S3 bucket keys) instead of SSE-S3. A full key ARN.
   * @default AES256 (SSE-S3), unless `createKmsKey`
   */
  kmsKeyArn?: pulumi.Input<string>;
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
   * Turn deletion protection off: no `protect`/`retainOnDelete` on the bucket and key, and no
   * `s3:DeleteBucket` deny. Only for throw-away environments.
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
  replication?: VeleroBucketReplicationArgs;
  /**
   * Server access logging to another bucket.
   * @default no access logging
   */
  accessLogging?: VeleroBucketAccessLoggingArgs;
  /**
   * Send the bucket's events to Amazon EventBridge.
   * @default false
   */
  eventBridgeNotifications?: boolean;
  /**
   * Enable S3 Object Lock with a default retention (governance mode, shorter than the shortest
   * backup TTL). Choose it when the bucket is first created: adding or removing it later changes
   * the bucket's `objectLockEnabled`, which replaces the bucket, and the protection refuses that.
   * @default no Object Lock
   */
  objectLock?: VeleroBucketObjectLockArgs;
  /**
   * Tags for every taggable resource created (bucket, KMS key, replication role); they are merged
   * over `{ 'velero-iac/cluster': cluster }`.
   * @default only the cluster tag
   */
  tags?: Record<string, pulumi.Input<string>>;
}

/** Options of {@link veleroBucketPolicyDocument}. */
export interface VeleroBucketPolicyOptions {
  /**
   * Deny `s3:DeleteBucket` to every principal.
   * @default true
   */
  denyDeleteBucket?: boolean;
  /**
   * Deny `s3:PutBucketVersioning` to every principal.
   * @default false
   */
  denyVersioningSuspension?: boolean;
}

/**
 * The bucket policy of a Velero bucket: deny every request not made over TLS, deny deleting the
 * bucket and, optionally, deny changing its versioning. It holds no `Allow` statement.
 *
 * @param bucketArn the bucket's ARN
 * @param opts which deny statements to add
 * @returns the policy document
 */
export function veleroBucketPolicyDocument(
  bucketArn: string,
  opts: VeleroBucketPolicyOptions = {},
): IamPolicyDocument {
  const doc: IamPolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
  if (opts.denyDeleteBucket !== false) {
    doc.Statement.push({
      Sid: 'DenyBucketDeletion',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:DeleteBucket',
      Resource: bucketArn,
    });
  }
  if (opts.denyVersioningSuspension === true) {
    doc.Statement.push({
      Sid: 'DenyVersioningChanges',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutBucketVersioning',
      Resource: bucketArn,
    });
  }
  return doc;
}

const S3_BUCKET_ARN = /^arn:([a-z-]+):s3:::([^/]+)$/;
const IAM_ROLE_ARN = /^arn:([a-z-]+):iam::\d{12}:role\/[\w+=,.@/-]+$/;

function isPlainString(value: unknown): value is string {
  return typeof value === 'string';
}

function checkPositiveInteger(value: unknown, path: string): ValidationIssue[] {
  return value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= 1)
    ? []
    : [issue(path, 'must be a whole number of days, at least 1', { received: value })];
}

/** What {@link VeleroBucket} decided from its arguments, before registering anything. */
interface VeleroBucketPlan {
  readonly protectionOn: boolean;
  /** The bucket name when the date is known at construction. */
  readonly fixedName?: string;
  readonly usesKms: boolean;
}

/**
 * Checks every argument of {@link VeleroBucket} that is known at construction time.
 *
 * @param args the component's arguments
 * @returns every problem found
 */
export function checkVeleroBucketArgs(args: VeleroBucketArgs): ValidationIssue[] {
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
  if (isPlainString(args.kmsKeyArn)) issues.push(...checkKmsKeyArn(args.kmsKeyArn, 'kmsKeyArn'));
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
    issues.push(...checkReplication(args.replication, args.region, usesKms));
  }
  if (args.accessLogging !== undefined) {
    issues.push(...checkAccessLogging(args));
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

function checkReplication(
  replication: VeleroBucketReplicationArgs,
  sourceRegion: string | undefined,
  usesKms: boolean,
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
  } else if (isPlainString(arn)) {
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
  if (isPlainString(replication.replicaKmsKeyArn)) {
    const keyIssues = checkKmsKeyArn(replication.replicaKmsKeyArn, 'replication.replicaKmsKeyArn');
    issues.push(...keyIssues);
    const keyRegion = replication.replicaKmsKeyArn.split(':')[3];
    if (keyIssues.length === 0 && keyRegion !== replication.destinationRegion) {
      issues.push(
        issue('replication.replicaKmsKeyArn', 'must be a key in the destination region', {
          received: replication.replicaKmsKeyArn,
          allowed: `a key in ${String(replication.destinationRegion)}`,
        }),
      );
    }
  }
  if (isPlainString(replication.roleArn) && !IAM_ROLE_ARN.test(replication.roleArn)) {
    issues.push(
      issue('replication.roleArn', 'must be an IAM role ARN', {
        received: replication.roleArn,
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
  if (replication.storageClass !== undefined && !isPlainString(replication.storageClass)) {
    issues.push(
      issue('replication.storageClass', 'must be a storage class name', {
        received: replication.storageClass,
      }),
    );
  }
  return issues;
}

function checkAccessLogging(args: VeleroBucketArgs): ValidationIssue[] {
  const logging: unknown = args.accessLogging;
  if (!isPlainObject(logging))
    return [issue('accessLogging', 'must be an object', { received: logging })];
  const target = logging.targetBucket;
  if (target === undefined) {
    return [issue('accessLogging.targetBucket', 'is required: the name of another bucket')];
  }
  if (!isPlainString(target)) return [];
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

function plan(args: VeleroBucketArgs, resourceName: string): VeleroBucketPlan {
  const issues = checkVeleroBucketArgs(args);
  if (issues.length > 0) {
    const date =
      isPlainObject(args) && args.date !== undefined ? parseBucketDate(args.date) : undefined;
    const hint = issues.some((i) => i.path === 'cluster')
      ? ` ${clusterNameHint(args.cluster, date?.ok === true ? date.yyyymmdd : undefined)}`
      : '';
    throw new VeleroConfigError(`VeleroBucket "${resourceName}"${hint}`, issues);
  }
  return {
    protectionOn: args.dangerouslyDisableDeletionProtection !== true,
    fixedName: args.date === undefined ? undefined : veleroBucketName(args.cluster, args.date),
    usesKms: args.kmsKeyArn !== undefined || args.createKmsKey === true,
  };
}

/** Turns an `rfc3339` timestamp from `time.Static` into a bucket name, checking it on the way. */
function nameFromTimestamp(cluster: string, rfc3339: string): string {
  return veleroBucketName(cluster, rfc3339.slice(0, 10));
}

/**
 * An S3 bucket for Velero's backups that is hard to lose, with the security baseline of
 * `reference/bucket-security.md`:
 * - named `<cluster>-velero-<YYYYMMDD>`, the date fixed once (explicit, or stored at first creation
 *   in a `time.Static` resource), so a later run never renames (replaces) it;
 * - `protect` and `retainOnDelete` on the bucket (and on a KMS key it creates), `forceDestroy:
 *   false`, and a bucket policy denying `s3:DeleteBucket` to everyone and any request without TLS;
 * - versioning on; a lifecycle that expires noncurrent versions after N days, removes expired
 *   delete markers and aborts incomplete multipart uploads, and never touches current objects;
 * - SSE-KMS with bucket keys (given or created key) or AES256; Block Public Access (all four);
 *   ACLs disabled (`BucketOwnerEnforced`);
 * - opt-in replication, access logging (to another bucket), EventBridge notifications and Object
 *   Lock.
 *
 * Every argument is checked before anything is registered: an invalid one throws a
 * `VeleroConfigError` listing every problem.
 *
 * Break-glass: the `s3:DeleteBucket` deny also stops the account's administrators. To really
 * remove the bucket, set `dangerouslyDisableDeletionProtection: true` and run `pulumi up` (this
 * drops the deny statement and the `protect`/`retainOnDelete` options), then empty and delete it.
 *
 * Left out on purpose (documented exceptions of the baseline): the account-level Block Public
 * Access (Security Hub S3.1; an account-wide setting), MFA delete (S3.20; needs the root user's
 * MFA token, cannot be automated) and CloudTrail data events (S3.22/S3.23; account-level trails).
 */
export class VeleroBucket extends pulumi.ComponentResource {
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The bucket's ARN. */
  readonly bucketArn: pulumi.Output<string>;
  /** The bucket's region. */
  readonly region: pulumi.Output<string>;
  /** ARN of the KMS key the bucket is encrypted with; `undefined` with AES256. */
  readonly kmsKeyArn: pulumi.Output<string | undefined>;
  /** The bucket resource (e.g. for `dependsOn`). */
  readonly bucket: aws.s3.Bucket;
  /** The KMS key, when `createKmsKey` is set. */
  readonly kmsKey?: aws.kms.Key;

  /**
   * @param name the component's logical name
   * @param args the bucket's configuration
   * @param opts Pulumi resource options for the component
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  constructor(name: string, args: VeleroBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    const decided = plan(args, name);
    super(VELERO_BUCKET_TYPE, name, {}, opts);
    const parent = { parent: this };
    const region = args.region;
    const regionArg = region === undefined ? {} : { region };
    const tags: Record<string, pulumi.Input<string>> = {
      'velero-iac/cluster': args.cluster,
      ...args.tags,
    };
    const protection: pulumi.CustomResourceOptions = {
      protect: decided.protectionOn,
      retainOnDelete: decided.protectionOn,
    };

    let bucketName: pulumi.Input<string>;
    if (decided.fixedName !== undefined) {
      bucketName = decided.fixedName;
    } else {
      // Loaded only here: with a pinned date, @pulumiverse/time need not be installed.
      const { Static } = loadOptionalPeer<typeof time>(
        '@pulumiverse/time',
        `VeleroBucket "${name}" without \`date\` (it stores the creation date in a time.Static)`,
      );
      const createdAt = new Static(
        `${name}-created-at`,
        {},
        { ...parent, protect: decided.protectionOn },
      );
      const cluster = args.cluster;
      bucketName = checkedOutputs(
        'time:index/static:Static',
        `${name}-created-at`,
        createdAt,
      ).rfc3339.apply((stamp) => nameFromTimestamp(cluster, stamp));
    }

    const bucket = new aws.s3.Bucket(
      name,
      {
        bucket: bucketName,
        forceDestroy: args.forceDestroy === true,
        ...(args.objectLock === undefined ? {} : { objectLockEnabled: true }),
        tags,
        ...regionArg,
      },
      { ...parent, ...protection },
    );
    this.bucket = bucket;
    const bucketOutputs = checkedOutputs('aws:s3/bucket:Bucket', name, bucket);
    const id = bucketOutputs.bucket;

    let kmsKeyArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (args.createKmsKey === true) {
      this.kmsKey = new aws.kms.Key(
        `${name}-key`,
        {
          description: pulumi.interpolate`Encrypts the Velero backups in ${id}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          tags,
          ...regionArg,
        },
        { ...parent, ...protection },
      );
      kmsKeyArn = checkedOutputs('aws:kms/key:Key', `${name}-key`, this.kmsKey).arn;
    } else if (args.kmsKeyArn !== undefined) {
      kmsKeyArn = pulumi.output(args.kmsKeyArn).apply((arn) => {
        const keyIssues = checkKmsKeyArn(arn, 'kmsKeyArn');
        if (keyIssues.length > 0) throw new VeleroConfigError(`VeleroBucket "${name}"`, keyIssues);
        return arn;
      });
    }

    const ownership = new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: id, rule: { objectOwnership: 'BucketOwnerEnforced' }, ...regionArg },
      parent,
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      {
        bucket: id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        ...regionArg,
      },
      parent,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: id, versioningConfiguration: { status: 'Enabled' }, ...regionArg },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: id,
        rules: [
          decided.usesKms
            ? {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: 'aws:kms',
                  kmsMasterKeyId: kmsKeyArn.apply((arn) => arn ?? ''),
                },
                bucketKeyEnabled: true,
              }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
        ],
        ...regionArg,
      },
      parent,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: id,
        rules: [
          {
            id: 'expire-noncurrent-versions',
            status: 'Enabled',
            filter: {},
            noncurrentVersionExpiration: {
              noncurrentDays: args.noncurrentVersionExpirationDays ?? 30,
            },
            expiration: { expiredObjectDeleteMarker: true },
          },
          {
            id: 'abort-incomplete-multipart-uploads',
            status: 'Enabled',
            filter: {},
            abortIncompleteMultipartUpload: {
              daysAfterInitiation: args.abortIncompleteMultipartUploadDays ?? 7,
            },
          },
        ],
        ...regionArg,
      },
      { ...parent, dependsOn: [versioning] },
    );
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket: id,
        policy: bucketOutputs.arn.apply((arn) =>
          JSON.stringify(
            veleroBucketPolicyDocument(arn, {
              denyDeleteBucket: decided.protectionOn,
              denyVersioningSuspension: args.denyVersioningSuspension === true,
            }),
          ),
        ),
        ...regionArg,
      },
      // After versioning: the optional PutBucketVersioning deny would otherwise block it.
      { ...parent, dependsOn: [publicAccessBlock, ownership, versioning] },
    );

    if (args.accessLogging !== undefined) {
      const logging = args.accessLogging;
      new aws.s3.BucketLogging(
        `${name}-access-logging`,
        {
          bucket: id,
          targetBucket: pulumi.all([logging.targetBucket, id]).apply(([target, own]) => {
            const targetIssues = checkAccessLogTarget(target, own);
            if (targetIssues.length > 0) {
              throw new VeleroConfigError(`VeleroBucket "${name}"`, targetIssues);
            }
            return target;
          }),
          targetPrefix: logging.targetPrefix ?? `${args.cluster}/`,
          ...regionArg,
        },
        parent,
      );
    }

    if (args.eventBridgeNotifications === true) {
      new aws.s3.BucketNotification(
        `${name}-notifications`,
        { bucket: id, eventbridge: true, ...regionArg },
        parent,
      );
    }

    if (args.objectLock !== undefined) {
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        {
          bucket: id,
          objectLockEnabled: 'Enabled',
          rule: {
            defaultRetention: {
              mode: args.objectLock.mode ?? 'GOVERNANCE',
              days: args.objectLock.retentionDays,
            },
          },
          ...regionArg,
        },
        { ...parent, dependsOn: [versioning] },
      );
    }

    if (args.replication !== undefined) {
      this.createReplication(name, args.replication, {
        bucket,
        versioning,
        kmsKeyArn: decided.usesKms ? kmsKeyArn : undefined,
        regionArg,
        tags,
      });
    }

    this.bucketName = id;
    this.bucketArn = bucketOutputs.arn;
    this.region = bucketOutputs.region;
    this.kmsKeyArn = kmsKeyArn;
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      region: this.region,
      kmsKeyArn: this.kmsKeyArn,
    });
  }

  private createReplication(
    name: string,
    replication: VeleroBucketReplicationArgs,
    source: {
      bucket: aws.s3.Bucket;
      versioning: aws.s3.BucketVersioning;
      kmsKeyArn: pulumi.Output<string | undefined> | undefined;
      regionArg: { region?: string };
      tags: Record<string, pulumi.Input<string>>;
    },
  ): void {
    const parent = { parent: this };
    let roleArn: pulumi.Input<string>;
    if (replication.roleArn !== undefined) {
      roleArn = replication.roleArn;
    } else {
      const role = new aws.iam.Role(
        `${name}-replication`,
        {
          description: 'Lets S3 replicate the Velero bucket to its disaster-recovery copy',
          assumeRolePolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'S3Replication',
                Effect: 'Allow',
                Principal: { Service: 's3.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
          tags: source.tags,
        },
        parent,
      );
      new aws.iam.RolePolicy(
        `${name}-replication`,
        {
          role: role.id,
          policy: pulumi
            .all([
              source.bucket.arn,
              replication.destinationBucketArn,
              source.kmsKeyArn,
              replication.replicaKmsKeyArn,
            ])
            .apply(([sourceArn, destinationArn, sourceKey, replicaKey]) =>
              JSON.stringify(
                replicationRolePolicy(sourceArn, destinationArn, sourceKey, replicaKey),
              ),
            ),
        },
        parent,
      );
      roleArn = role.arn;
    }
    const usesKms = source.kmsKeyArn !== undefined;
    const destination: aws.types.input.s3.BucketReplicationConfigRuleDestination = {
      bucket: replication.destinationBucketArn,
      ...(replication.storageClass === undefined ? {} : { storageClass: replication.storageClass }),
      ...(replication.replicaKmsKeyArn === undefined
        ? {}
        : { encryptionConfiguration: { replicaKmsKeyId: replication.replicaKmsKeyArn } }),
    };
    new aws.s3.BucketReplicationConfig(
      `${name}-replication`,
      {
        bucket: source.bucket.bucket,
        role: roleArn,
        rules: [
          {
            id: 'velero-disaster-recovery',
            status: 'Enabled',
            filter: {},
            deleteMarkerReplication: {
              status: replication.replicateDeleteMarkers === false ? 'Disabled' : 'Enabled',
            },
            destination,
            ...(usesKms
              ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } } }
              : {}),
          },
        ],
        ...source.regionArg,
      },
      // S3 refuses a replication configuration on a bucket whose versioning is not enabled yet.
      { ...parent, dependsOn: [source.versioning] },
    );
  }
}

/**
 * The permissions S3 needs to replicate one bucket to another: read the source configuration and
 * object versions, write replicas (and delete markers) to the destination, and use the keys.
 */
function replicationRolePolicy(
  sourceArn: string,
  destinationArn: string,
  sourceKeyArn: string | undefined,
  replicaKeyArn: string | undefined,
): IamPolicyDocument {
  const doc: IamPolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadSourceConfiguration',
        Effect: 'Allow',
        Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        Resource: [sourceArn],
      },
      {
        Sid: 'ReadSourceVersions',
        Effect: 'Allow',
        Action: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        Resource: [`${sourceArn}/*`],
      },
      {
        Sid: 'WriteReplicas',
        Effect: 'Allow',
        Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        Resource: [`${destinationArn}/*`],
      },
    ],
  };
  if (sourceKeyArn !== undefined) {
    doc.Statement.push({
      Sid: 'DecryptSource',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [sourceKeyArn],
    });
  }
  if (replicaKeyArn !== undefined) {
    doc.Statement.push({
      Sid: 'EncryptReplicas',
      Effect: 'Allow',
      Action: ['kms:Encrypt'],
      Resource: [replicaKeyArn],
    });
  }
  return doc;
}
