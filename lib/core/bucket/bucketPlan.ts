import { clusterNameHint, parseBucketDate, veleroBucketName } from '../bucketName';
import type { DeferredValues } from '../deferredValue';
import { VeleroConfigError } from '../errors';
import type { IamPolicyDocument } from '../iamPolicy';
import type { ObjectLockMode } from '../objectLock';
import { isPlainObject } from '../schema/checkShape';
import { checkVeleroBucketOptions, type VeleroBucketOptions } from './bucketOptions';
import { type VeleroBucketPolicyOptions, veleroBucketPolicyDocument } from './bucketPolicy';
import {
  VELERO_REPLICATION_ROLE_DESCRIPTION,
  veleroReplicationTrustPolicy,
} from './replicationRole';

/** The tag every resource of a Velero bucket carries, naming its cluster. */
export const VELERO_CLUSTER_TAG = 'velero-iac/cluster';

/** The default of `noncurrentVersionExpirationDays`. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 30;

/** The default of `abortIncompleteMultipartUploadDays`. */
export const DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS = 7;

/** How the bucket is encrypted at rest. */
export type VeleroBucketEncryptionPlan<V = string> =
  | {
      /** SSE-S3. */
      readonly sseAlgorithm: 'AES256';
    }
  | {
      /** SSE-KMS. */
      readonly sseAlgorithm: 'aws:kms';
      /** A key the front end creates (see `kmsKey`), or the ARN of an existing one. */
      readonly key: { readonly create: true } | { readonly arn: V };
      /** S3 bucket keys (fewer KMS requests). */
      readonly bucketKeyEnabled: true;
    };

/** The KMS key a Velero bucket creates with `createKmsKey`. */
export interface VeleroBucketKmsKeyPlan {
  /** The key's description, given the bucket name. */
  readonly description: (bucketName: string) => string;
  /** Yearly automatic rotation: always on. */
  readonly enableKeyRotation: true;
  /** Days between a deletion request and the deletion (the longest AWS allows). */
  readonly deletionWindowInDays: 30;
  /** Retained (and, with Pulumi, protected) like the bucket. */
  readonly retain: boolean;
}

/** One lifecycle rule of a Velero bucket; it applies to every object (an empty filter). */
export interface VeleroLifecycleRulePlan {
  /** The rule's id. */
  readonly id: string;
  /** Always `Enabled`. */
  readonly status: 'Enabled';
  /**
   * Days a noncurrent version is kept.
   * @default not part of this rule
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Remove delete markers that no longer hide any version.
   * @default not part of this rule
   */
  readonly expiredObjectDeleteMarker?: boolean;
  /**
   * Days after which an incomplete multipart upload is aborted.
   * @default not part of this rule
   */
  readonly abortIncompleteMultipartUploadDays?: number;
}

/** Cross-region replication, decided. */
export interface VeleroReplicationPlan<V = string> {
  /** The role S3 assumes: created (with these documents) or given. */
  readonly role:
    | {
        readonly create: true;
        /** The role's description. */
        readonly description: string;
        /** Only `s3.amazonaws.com` may assume it. */
        readonly trustPolicy: IamPolicyDocument;
      }
    | { readonly arn: V };
  /** The one replication rule (every object). */
  readonly rule: {
    /** The rule's id. */
    readonly id: string;
    /** Always `Enabled`. */
    readonly status: 'Enabled';
    /** Whether delete markers are replicated. */
    readonly deleteMarkerReplication: 'Enabled' | 'Disabled';
    /** ARN of the destination bucket. */
    readonly destinationBucketArn: V;
    /** The destination's region. */
    readonly destinationRegion: string;
    /**
     * Storage class of the replicas.
     * @default the source object's
     */
    readonly storageClass?: string;
    /**
     * Key the replicas are encrypted with.
     * @default none
     */
    readonly replicaKmsKeyArn?: V;
    /** Replicate SSE-KMS-encrypted objects (on exactly when the bucket uses KMS). */
    readonly sseKmsEncryptedObjects: boolean;
  };
}

/**
 * Every decision about a Velero bucket, as plain data: what each front end (Pulumi, AWS CDK)
 * translates into its own resources. Built by {@link veleroBucketPlan}.
 */
export interface VeleroBucketPlan<V = string> {
  /** The cluster the bucket belongs to. */
  readonly cluster: string;
  /**
   * The bucket's name when the date is known now; `undefined` when the front end fixes it at
   * first creation (then it names the bucket with {@link veleroBucketNameFromTimestamp}).
   */
  readonly bucketName: string | undefined;
  /**
   * Deletion protection: the bucket (and a created key) is retained (Pulumi: also `protect`) and
   * the bucket policy denies `s3:DeleteBucket`.
   */
  readonly deletionProtection: boolean;
  /** Let a destroy delete every object (only without protection). */
  readonly forceDestroy: boolean;
  /**
   * The region of the bucket and its companions.
   * @default the front end's
   */
  readonly region?: string;
  /** Tags of every taggable resource: the cluster tag, then the user's. */
  readonly tags: Readonly<Record<string, V | string>>;
  /** Encryption at rest. */
  readonly encryption: VeleroBucketEncryptionPlan<V>;
  /**
   * The key to create.
   * @default none (no key is created)
   */
  readonly kmsKey?: VeleroBucketKmsKeyPlan;
  /** Object ownership: ACLs disabled. */
  readonly objectOwnership: 'BucketOwnerEnforced';
  /** Block Public Access: all four settings on. */
  readonly publicAccessBlock: {
    readonly blockPublicAcls: true;
    readonly blockPublicPolicy: true;
    readonly ignorePublicAcls: true;
    readonly restrictPublicBuckets: true;
  };
  /** Versioning: always enabled. */
  readonly versioning: 'Enabled';
  /** The lifecycle rules; none expires or transitions a current object. */
  readonly lifecycleRules: readonly VeleroLifecycleRulePlan[];
  /** Which deny statements the bucket policy holds. */
  readonly bucketPolicy: Required<VeleroBucketPolicyOptions>;
  /** The bucket policy, given the bucket's ARN. */
  readonly bucketPolicyDocument: (bucketArn: string) => IamPolicyDocument;
  /**
   * Server access logging.
   * @default none
   */
  readonly accessLogging?: { readonly targetBucket: V; readonly targetPrefix: V | string };
  /** Send the bucket's events to EventBridge. */
  readonly eventBridgeNotifications: boolean;
  /**
   * Object Lock (enabled on the bucket, with this default retention).
   * @default none
   */
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly retentionDays: number };
  /**
   * Cross-region replication.
   * @default none
   */
  readonly replication?: VeleroReplicationPlan<V>;
}

/** Options of {@link veleroBucketPlan}. */
export interface VeleroBucketPlanContext extends DeferredValues {
  /**
   * What the errors say was being built, e.g. `VeleroBucket "backups"`.
   * @default 'VeleroBucket'
   */
  readonly subject?: string;
}

/**
 * The bucket name from the `rfc3339` timestamp of the bucket's first creation (e.g. Pulumi's
 * `time.Static`), checked on the way.
 *
 * @param cluster the cluster name
 * @param rfc3339 a timestamp whose first ten characters are `YYYY-MM-DD` (UTC)
 * @returns `<cluster>-velero-<YYYYMMDD>`
 */
export function veleroBucketNameFromTimestamp(cluster: string, rfc3339: string): string {
  return veleroBucketName(cluster, rfc3339.slice(0, 10));
}

/**
 * Checks a Velero bucket's options and decides everything about the bucket, as plain data for a
 * front end to translate (see `reference/bucket-security.md` and DESIGN §4): the name, deletion
 * protection, encryption, Block Public Access, ownership, versioning, the lifecycle rules, the
 * bucket policy, and the opt-ins (access logging, EventBridge, Object Lock, replication).
 *
 * @param args the bucket's options
 * @param context the errors' subject and which strings are deferred placeholders
 * @returns the plan
 * @throws VeleroConfigError listing every problem (with a valid cluster name suggested when the
 *   cluster name is wrong)
 */
export function veleroBucketPlan<V>(
  args: VeleroBucketOptions<V>,
  context: VeleroBucketPlanContext = {},
): VeleroBucketPlan<V> {
  const subject = context.subject ?? 'VeleroBucket';
  const issues = checkVeleroBucketOptions(args, context);
  if (issues.length > 0) {
    const date =
      isPlainObject(args) && args.date !== undefined ? parseBucketDate(args.date) : undefined;
    const hint = issues.some((i) => i.path === 'cluster')
      ? ` ${clusterNameHint(args.cluster, date?.ok === true ? date.yyyymmdd : undefined)}`
      : '';
    throw new VeleroConfigError(`${subject}${hint}`, issues);
  }
  const deletionProtection = args.dangerouslyDisableDeletionProtection !== true;
  const usesKms = args.kmsKeyArn !== undefined || args.createKmsKey === true;
  const bucketPolicy = {
    denyDeleteBucket: deletionProtection,
    denyVersioningSuspension: args.denyVersioningSuspension === true,
  };
  const encryption: VeleroBucketEncryptionPlan<V> = !usesKms
    ? { sseAlgorithm: 'AES256' }
    : {
        sseAlgorithm: 'aws:kms',
        key: args.kmsKeyArn === undefined ? { create: true } : { arn: args.kmsKeyArn },
        bucketKeyEnabled: true,
      };
  const plan: VeleroBucketPlan<V> = {
    cluster: args.cluster,
    bucketName: args.date === undefined ? undefined : veleroBucketName(args.cluster, args.date),
    deletionProtection,
    forceDestroy: args.forceDestroy === true,
    ...(args.region === undefined ? {} : { region: args.region }),
    tags: { [VELERO_CLUSTER_TAG]: args.cluster, ...args.tags },
    encryption,
    ...(args.createKmsKey === true
      ? {
          kmsKey: {
            description: (bucketName: string) => `Encrypts the Velero backups in ${bucketName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            retain: deletionProtection,
          },
        }
      : {}),
    objectOwnership: 'BucketOwnerEnforced',
    publicAccessBlock: {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    versioning: 'Enabled',
    lifecycleRules: [
      {
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        noncurrentVersionExpirationDays:
          args.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
        expiredObjectDeleteMarker: true,
      },
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        abortIncompleteMultipartUploadDays:
          args.abortIncompleteMultipartUploadDays ?? DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
      },
    ],
    bucketPolicy,
    bucketPolicyDocument: (bucketArn) => veleroBucketPolicyDocument(bucketArn, bucketPolicy),
    ...(args.accessLogging === undefined
      ? {}
      : {
          accessLogging: {
            targetBucket: args.accessLogging.targetBucket,
            targetPrefix: args.accessLogging.targetPrefix ?? `${args.cluster}/`,
          },
        }),
    eventBridgeNotifications: args.eventBridgeNotifications === true,
    ...(args.objectLock === undefined
      ? {}
      : {
          objectLock: {
            mode: args.objectLock.mode ?? 'GOVERNANCE',
            retentionDays: args.objectLock.retentionDays,
          },
        }),
    ...(args.replication === undefined
      ? {}
      : { replication: replicationPlan(args.replication, usesKms) }),
  };
  return plan;
}

function replicationPlan<V>(
  replication: NonNullable<VeleroBucketOptions<V>['replication']>,
  usesKms: boolean,
): VeleroReplicationPlan<V> {
  return {
    role:
      replication.roleArn === undefined
        ? {
            create: true,
            description: VELERO_REPLICATION_ROLE_DESCRIPTION,
            trustPolicy: veleroReplicationTrustPolicy(),
          }
        : { arn: replication.roleArn },
    rule: {
      id: 'velero-disaster-recovery',
      status: 'Enabled',
      deleteMarkerReplication:
        replication.replicateDeleteMarkers === false ? 'Disabled' : 'Enabled',
      destinationBucketArn: replication.destinationBucketArn,
      destinationRegion: replication.destinationRegion,
      ...(replication.storageClass === undefined ? {} : { storageClass: replication.storageClass }),
      ...(replication.replicaKmsKeyArn === undefined
        ? {}
        : { replicaKmsKeyArn: replication.replicaKmsKeyArn }),
      sseKmsEncryptedObjects: usesKms,
    },
  };
}
