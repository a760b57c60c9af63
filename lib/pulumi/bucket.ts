import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type * as time from '@pulumiverse/time';
import {
  checkAccessLogTarget,
  checkVeleroBucketOptions,
  type VeleroBucketAccessLoggingOptions,
  type VeleroBucketObjectLockOptions,
  type VeleroBucketOptions,
  type VeleroBucketReplicationOptions,
} from '../core/bucket/bucketOptions';
import {
  type VeleroBucketPlan,
  type VeleroReplicationPlan,
  veleroBucketNameFromTimestamp,
  veleroBucketPlan,
} from '../core/bucket/bucketPlan';
import { veleroReplicationRolePolicy } from '../core/bucket/replicationRole';
import { type ValidationIssue, VeleroConfigError } from '../core/errors';
import { checkKmsKeyArn } from '../core/iamPolicy';
import { loadOptionalPeer } from '../core/peerDependencies';
import { checkedOutputs } from './resourceOutputs';

export {
  type VeleroBucketPolicyOptions,
  veleroBucketPolicyDocument,
} from '../core/bucket/bucketPolicy';

/** The Pulumi type token of {@link VeleroBucket}. */
export const VELERO_BUCKET_TYPE = 'velero-iac:storage:VeleroBucket';

/** Cross-region replication of the Velero bucket, for disaster recovery (ARNs may be outputs). */
export type VeleroBucketReplicationArgs = VeleroBucketReplicationOptions<pulumi.Input<string>>;

/** S3 server access logging for the Velero bucket (the target may be an output). */
export type VeleroBucketAccessLoggingArgs = VeleroBucketAccessLoggingOptions<pulumi.Input<string>>;

/** Object Lock for the Velero bucket (opt-in; see `checkObjectLockRetention`). */
export type VeleroBucketObjectLockArgs = VeleroBucketObjectLockOptions;

/**
 * Arguments of {@link VeleroBucket}: the core's bucket options, with Pulumi inputs for the values
 * that may come from other resources. Without `date`, the name's date is the day the bucket is
 * first created, stored once in a `time.Static` resource and never changed on later runs. The
 * region is the `@pulumi/aws` v7 per-resource region (default: the provider's).
 */
export type VeleroBucketArgs = VeleroBucketOptions<pulumi.Input<string>>;

/**
 * Checks every argument of {@link VeleroBucket} that is known at construction time.
 *
 * @param args the component's arguments
 * @returns every problem found
 */
export function checkVeleroBucketArgs(args: VeleroBucketArgs): ValidationIssue[] {
  return checkVeleroBucketOptions(args);
}

/**
 * An S3 bucket for Velero's backups that is hard to lose, with the security baseline of
 * `reference/bucket-security.md`, decided by the core's `veleroBucketPlan`:
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
    const plan = veleroBucketPlan(args, { subject: `VeleroBucket "${name}"` });
    super(VELERO_BUCKET_TYPE, name, {}, opts);
    const parent = { parent: this };
    const regionArg = plan.region === undefined ? {} : { region: plan.region };
    const tags = plan.tags;
    const protection: pulumi.CustomResourceOptions = {
      protect: plan.deletionProtection,
      retainOnDelete: plan.deletionProtection,
    };

    let bucketName: pulumi.Input<string>;
    if (plan.bucketName !== undefined) {
      bucketName = plan.bucketName;
    } else {
      // Loaded only here: with a pinned date, @pulumiverse/time need not be installed.
      const { Static } = loadOptionalPeer<typeof time>(
        '@pulumiverse/time',
        `VeleroBucket "${name}" without \`date\` (it stores the creation date in a time.Static)`,
      );
      const createdAt = new Static(
        `${name}-created-at`,
        {},
        { ...parent, protect: plan.deletionProtection },
      );
      bucketName = checkedOutputs(
        'time:index/static:Static',
        `${name}-created-at`,
        createdAt,
      ).rfc3339.apply((stamp) => veleroBucketNameFromTimestamp(plan.cluster, stamp));
    }

    const bucket = new aws.s3.Bucket(
      name,
      {
        bucket: bucketName,
        forceDestroy: plan.forceDestroy,
        ...(plan.objectLock === undefined ? {} : { objectLockEnabled: true }),
        tags,
        ...regionArg,
      },
      { ...parent, ...protection },
    );
    this.bucket = bucket;
    const bucketOutputs = checkedOutputs('aws:s3/bucket:Bucket', name, bucket);
    const id = bucketOutputs.bucket;

    let kmsKeyArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (plan.kmsKey !== undefined) {
      const key = plan.kmsKey;
      this.kmsKey = new aws.kms.Key(
        `${name}-key`,
        {
          description: id.apply(key.description),
          enableKeyRotation: key.enableKeyRotation,
          deletionWindowInDays: key.deletionWindowInDays,
          tags,
          ...regionArg,
        },
        { ...parent, ...protection },
      );
      kmsKeyArn = checkedOutputs('aws:kms/key:Key', `${name}-key`, this.kmsKey).arn;
    } else if (plan.encryption.sseAlgorithm === 'aws:kms' && 'arn' in plan.encryption.key) {
      kmsKeyArn = pulumi.output(plan.encryption.key.arn).apply((arn) => {
        const keyIssues = checkKmsKeyArn(arn, 'kmsKeyArn');
        if (keyIssues.length > 0) throw new VeleroConfigError(`VeleroBucket "${name}"`, keyIssues);
        return arn;
      });
    }

    const ownership = new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: id, rule: { objectOwnership: plan.objectOwnership }, ...regionArg },
      parent,
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      { bucket: id, ...plan.publicAccessBlock, ...regionArg },
      parent,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: id, versioningConfiguration: { status: plan.versioning }, ...regionArg },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: id,
        rules: [
          plan.encryption.sseAlgorithm === 'aws:kms'
            ? {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: 'aws:kms',
                  kmsMasterKeyId: kmsKeyArn.apply((arn) => arn ?? ''),
                },
                bucketKeyEnabled: plan.encryption.bucketKeyEnabled,
              }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
        ],
        ...regionArg,
      },
      parent,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { bucket: id, rules: plan.lifecycleRules.map(lifecycleRule), ...regionArg },
      { ...parent, dependsOn: [versioning] },
    );
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket: id,
        policy: bucketOutputs.arn.apply((arn) => JSON.stringify(plan.bucketPolicyDocument(arn))),
        ...regionArg,
      },
      // After versioning: the optional PutBucketVersioning deny would otherwise block it.
      { ...parent, dependsOn: [publicAccessBlock, ownership, versioning] },
    );

    if (plan.accessLogging !== undefined) {
      const logging = plan.accessLogging;
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
          targetPrefix: logging.targetPrefix,
          ...regionArg,
        },
        parent,
      );
    }

    if (plan.eventBridgeNotifications) {
      new aws.s3.BucketNotification(
        `${name}-notifications`,
        { bucket: id, eventbridge: true, ...regionArg },
        parent,
      );
    }

    if (plan.objectLock !== undefined) {
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        {
          bucket: id,
          objectLockEnabled: 'Enabled',
          rule: {
            defaultRetention: {
              mode: plan.objectLock.mode,
              days: plan.objectLock.retentionDays,
            },
          },
          ...regionArg,
        },
        { ...parent, dependsOn: [versioning] },
      );
    }

    if (plan.replication !== undefined) {
      this.createReplication(name, plan.replication, {
        bucket,
        versioning,
        kmsKeyArn: plan.encryption.sseAlgorithm === 'aws:kms' ? kmsKeyArn : undefined,
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
    replication: VeleroReplicationPlan<pulumi.Input<string>>,
    source: {
      bucket: aws.s3.Bucket;
      versioning: aws.s3.BucketVersioning;
      kmsKeyArn: pulumi.Output<string | undefined> | undefined;
      regionArg: { region?: string };
      tags: VeleroBucketPlan<pulumi.Input<string>>['tags'];
    },
  ): void {
    const parent = { parent: this };
    const { rule } = replication;
    let roleArn: pulumi.Input<string>;
    if ('arn' in replication.role) {
      roleArn = replication.role.arn;
    } else {
      const role = new aws.iam.Role(
        `${name}-replication`,
        {
          description: replication.role.description,
          assumeRolePolicy: JSON.stringify(replication.role.trustPolicy),
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
              rule.destinationBucketArn,
              source.kmsKeyArn,
              rule.replicaKmsKeyArn,
            ])
            .apply(([sourceBucketArn, destinationBucketArn, sourceKmsKeyArn, replicaKmsKeyArn]) =>
              JSON.stringify(
                veleroReplicationRolePolicy({
                  sourceBucketArn,
                  destinationBucketArn,
                  ...(sourceKmsKeyArn === undefined ? {} : { sourceKmsKeyArn }),
                  ...(replicaKmsKeyArn === undefined ? {} : { replicaKmsKeyArn }),
                }),
              ),
            ),
        },
        parent,
      );
      roleArn = role.arn;
    }
    const destination: aws.types.input.s3.BucketReplicationConfigRuleDestination = {
      bucket: rule.destinationBucketArn,
      ...(rule.storageClass === undefined ? {} : { storageClass: rule.storageClass }),
      ...(rule.replicaKmsKeyArn === undefined
        ? {}
        : { encryptionConfiguration: { replicaKmsKeyId: rule.replicaKmsKeyArn } }),
    };
    new aws.s3.BucketReplicationConfig(
      `${name}-replication`,
      {
        bucket: source.bucket.bucket,
        role: roleArn,
        rules: [
          {
            id: rule.id,
            status: rule.status,
            filter: {},
            deleteMarkerReplication: { status: rule.deleteMarkerReplication },
            destination,
            ...(rule.sseKmsEncryptedObjects
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

/** One lifecycle rule of the plan, in `@pulumi/aws` v7's shape (an empty filter: every object). */
function lifecycleRule(
  rule: VeleroBucketPlan['lifecycleRules'][number],
): aws.types.input.s3.BucketLifecycleConfigurationRule {
  return {
    id: rule.id,
    status: rule.status,
    filter: {},
    ...(rule.noncurrentVersionExpirationDays === undefined
      ? {}
      : { noncurrentVersionExpiration: { noncurrentDays: rule.noncurrentVersionExpirationDays } }),
    ...(rule.expiredObjectDeleteMarker === undefined
      ? {}
      : { expiration: { expiredObjectDeleteMarker: rule.expiredObjectDeleteMarker } }),
    ...(rule.abortIncompleteMultipartUploadDays === undefined
      ? {}
      : {
          abortIncompleteMultipartUpload: {
            daysAfterInitiation: rule.abortIncompleteMultipartUploadDays,
          },
        }),
  };
}
