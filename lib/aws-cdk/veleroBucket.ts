import { Duration, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { checkVeleroBucketOptions, type VeleroBucketOptions } from '../core/bucket/bucketOptions';
import {
  type VeleroBucketPlan,
  type VeleroLifecycleRulePlan,
  veleroBucketPlan,
} from '../core/bucket/bucketPlan';
import { veleroReplicationRolePolicy } from '../core/bucket/replicationRole';
import { clusterNameHint } from '../core/bucketName';
import { VeleroConfigError } from '../core/errors';
import { isPlainObject } from '../core/schema/checkShape';
import { type AcceptedFinding, acceptFindings } from './acceptedFindings';
import { bucketDateFor } from './bucketDate';
import { DocumentPrincipal, policyStatements } from './documentPrincipal';

/**
 * Properties of {@link VeleroBucket}: the core's bucket options (the same names and defaults as
 * the Pulumi `VeleroBucket`), with a CDK `kms.IKey` instead of a key ARN. The bucket is in the
 * stack's region.
 */
export interface VeleroBucketProps
  extends Omit<VeleroBucketOptions<string>, 'kmsKeyArn' | 'region' | 'date'> {
  /**
   * The date in the bucket name (a `Date`, taken as its UTC day, or `YYYY-MM-DD`/`YYYYMMDD`).
   * Pin it: the name cannot change without replacing the bucket.
   * @default the cluster's entry in the context `velero-iac:bucketDates` (e.g. in `cdk.json`);
   *   without one, construction fails: the date is never read from the clock
   */
  date?: Date | string;
  /**
   * Encrypt with this KMS key (`aws:kms` with S3 bucket keys) instead of SSE-S3.
   * @default AES256 (SSE-S3), unless `createKmsKey`
   */
  kmsKey?: kms.IKey;
}

/** Findings velero-iac accepts on every Velero bucket, with the reasons (see the README). */
export const VELERO_BUCKET_ACCEPTED_FINDINGS: readonly AcceptedFinding[] = [];

/** Accepted when access logging (an opt-in) is off. */
export const VELERO_BUCKET_NO_ACCESS_LOGS_FINDINGS: readonly AcceptedFinding[] = [
  {
    id: 'AwsSolutions-S1',
    reason:
      'Server access logging is opt-in (accessLogging): it needs another bucket, because Velero marks its backup location Unavailable when anything but Velero writes under the bucket root',
  },
  {
    id: 'NIST.800.53.R5-S3BucketLoggingEnabled',
    reason:
      'Server access logging is opt-in (accessLogging): it needs another bucket, because Velero marks its backup location Unavailable when anything but Velero writes under the bucket root',
  },
];

/** Accepted when replication (an opt-in) is off. */
export const VELERO_BUCKET_NO_REPLICATION_FINDINGS: readonly AcceptedFinding[] = [
  {
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason:
      'Cross-region replication is opt-in (replication): it needs a versioned bucket in another region, which this construct cannot create in the same stack',
  },
];

/** Accepted when the bucket uses SSE-S3 (the default). */
export const VELERO_BUCKET_SSE_S3_FINDINGS: readonly AcceptedFinding[] = [
  {
    id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
    reason:
      'SSE-S3 (AES256) is the default; SSE-KMS is opt-in (createKmsKey or kmsKey), as a key adds cost and a key policy to manage',
  },
];

/**
 * An S3 bucket for Velero's backups that is hard to lose: the AWS CDK front end of the core's
 * `veleroBucketPlan`, with exactly the layers of the Pulumi `VeleroBucket`:
 * - named `<cluster>-velero-<YYYYMMDD>` with a pinned date (props or the `velero-iac:bucketDates`
 *   context; never the clock);
 * - `RemovalPolicy.RETAIN` (`DeletionPolicy` and `UpdateReplacePolicy` `Retain`) on the bucket and
 *   on a KMS key it creates, no `autoDeleteObjects`, and a bucket policy denying `s3:DeleteBucket`
 *   to everyone and any request without TLS;
 * - versioning, with a lifecycle that expires noncurrent versions and never touches current ones;
 * - SSE-KMS with bucket keys (given or created rotating key) or SSE-S3; Block Public Access (all
 *   four); `BucketOwnerEnforced`;
 * - opt-ins: replication, access logging to another bucket, EventBridge, Object Lock.
 *
 * Every property is checked at construction, before anything joins the tree: an invalid one
 * throws the same `VeleroConfigError` issues as the Pulumi component.
 *
 * Break-glass: set `dangerouslyDisableDeletionProtection: true` and deploy (this drops the deny
 * statement and sets `RemovalPolicy.DESTROY`), then empty and delete the bucket.
 */
export class VeleroBucket extends Construct {
  /** The bucket. */
  readonly bucket: s3.Bucket;
  /** The bucket's name (a plain string, known at synth time). */
  readonly bucketName: string;
  /** The date in the bucket's name, `YYYYMMDD`. */
  readonly bucketDate: string;
  /** The bucket's ARN. */
  readonly bucketArn: string;
  /** The key the bucket is encrypted with; `undefined` with SSE-S3. */
  readonly encryptionKey?: kms.IKey;
  /** The role S3 replicates with, when replication creates one. */
  readonly replicationRole?: iam.Role;
  /** Every decision of the core about this bucket. */
  readonly plan: VeleroBucketPlan<string>;

  /**
   * @param scope the parent construct
   * @param id the construct id
   * @param props the bucket's configuration
   * @throws VeleroConfigError before adding anything to the tree when a property is invalid
   */
  constructor(scope: Construct, id: string, props: VeleroBucketProps) {
    const plan = VeleroBucket.planFor(scope, id, props);
    super(scope, id);
    this.plan = plan;
    const bucketName = plan.bucketName as string;
    this.bucketName = bucketName;
    this.bucketDate = bucketName.slice(-'YYYYMMDD'.length);
    // Built from the name, for the IAM documents: a role the bucket refers to (replication)
    // must not refer back to the bucket resource.
    const arnFromName = Stack.of(this).formatArn({
      service: 's3',
      region: '',
      account: '',
      resource: bucketName,
    });
    const removalPolicy = plan.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    let encryptionKey: kms.IKey | undefined = props.kmsKey;
    if (plan.kmsKey !== undefined) {
      encryptionKey = new kms.Key(this, 'Key', {
        description: plan.kmsKey.description(bucketName),
        enableKeyRotation: plan.kmsKey.enableKeyRotation,
        pendingWindow: Duration.days(plan.kmsKey.deletionWindowInDays),
        removalPolicy,
      });
    }
    this.encryptionKey = encryptionKey;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName,
      removalPolicy,
      autoDeleteObjects: plan.forceDestroy,
      versioned: plan.versioning === 'Enabled',
      ...(plan.encryption.sseAlgorithm === 'aws:kms'
        ? {
            encryption: s3.BucketEncryption.KMS,
            encryptionKey,
            bucketKeyEnabled: plan.encryption.bucketKeyEnabled,
          }
        : { encryption: s3.BucketEncryption.S3_MANAGED }),
      blockPublicAccess: new s3.BlockPublicAccess(plan.publicAccessBlock),
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: false, // the core's policy below denies non-TLS requests itself
      lifecycleRules: plan.lifecycleRules.map(lifecycleRule),
      ...(plan.objectLock === undefined
        ? {}
        : {
            objectLockEnabled: true,
            objectLockDefaultRetention:
              plan.objectLock.mode === 'COMPLIANCE'
                ? s3.ObjectLockRetention.compliance(Duration.days(plan.objectLock.retentionDays))
                : s3.ObjectLockRetention.governance(Duration.days(plan.objectLock.retentionDays)),
          }),
      ...(plan.accessLogging === undefined
        ? {}
        : {
            serverAccessLogsBucket: s3.Bucket.fromBucketName(
              this,
              'AccessLogTarget',
              plan.accessLogging.targetBucket,
            ),
            serverAccessLogsPrefix: plan.accessLogging.targetPrefix,
          }),
    });
    this.bucketArn = this.bucket.bucketArn;
    const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
    if (plan.eventBridgeNotifications) {
      // Natively in CloudFormation, not with the L2's notifications custom resource (a Lambda).
      cfnBucket.notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
    }
    for (const statement of policyStatements(plan.bucketPolicyDocument(this.bucket.bucketArn))) {
      this.bucket.addToResourcePolicy(statement);
    }
    if (plan.replication !== undefined) {
      this.replicationRole = this.addReplication(cfnBucket, plan, arnFromName, encryptionKey);
    }
    for (const [key, value] of Object.entries(plan.tags)) Tags.of(this).add(key, value);

    acceptFindings(this.bucket, [
      ...VELERO_BUCKET_ACCEPTED_FINDINGS,
      ...(plan.accessLogging === undefined ? VELERO_BUCKET_NO_ACCESS_LOGS_FINDINGS : []),
      ...(plan.replication === undefined ? VELERO_BUCKET_NO_REPLICATION_FINDINGS : []),
      ...(plan.encryption.sseAlgorithm === 'AES256' ? VELERO_BUCKET_SSE_S3_FINDINGS : []),
    ]);
  }

  /**
   * What a `VeleroBucket` with these props at `scope/id` would be, without creating it.
   *
   * @param scope the parent construct (the date context is looked up from it)
   * @param id the construct id
   * @param props the bucket's configuration
   * @returns the core's plan
   * @throws VeleroConfigError when a property is invalid
   */
  static planFor(scope: Construct, id: string, props: VeleroBucketProps): VeleroBucketPlan<string> {
    const path = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
    return planBucket(scope, `VeleroBucket at ${JSON.stringify(path)}`, props);
  }

  private addReplication(
    cfnBucket: s3.CfnBucket,
    plan: VeleroBucketPlan<string>,
    sourceBucketArn: string,
    sourceKey: kms.IKey | undefined,
  ): iam.Role | undefined {
    const replication = plan.replication;
    if (replication === undefined) return undefined;
    const { rule } = replication;
    let role: iam.Role | undefined;
    let roleArn: string;
    if ('arn' in replication.role) {
      roleArn = replication.role.arn;
    } else {
      role = new iam.Role(this, 'ReplicationRole', {
        description: replication.role.description,
        assumedBy: new DocumentPrincipal(replication.role.trustPolicy),
      });
      // The exact document of the core, inline (as the Pulumi RolePolicy). The bucket ARN is
      // built from the name, so the role does not depend on the bucket that depends on it.
      (role.node.defaultChild as iam.CfnRole).policies = [
        {
          policyName: 'replication',
          policyDocument: veleroReplicationRolePolicy({
            sourceBucketArn,
            destinationBucketArn: rule.destinationBucketArn,
            ...(sourceKey === undefined ? {} : { sourceKmsKeyArn: sourceKey.keyArn }),
            ...(rule.replicaKmsKeyArn === undefined
              ? {}
              : { replicaKmsKeyArn: rule.replicaKmsKeyArn }),
          }),
        },
      ];
      roleArn = role.roleArn;
      acceptFindings(role, [
        {
          id: `AwsSolutions-IAM5[Resource::${nagArn(plan.bucketName as string)}/*]`,
          reason: 'S3 replicates every object version of the Velero bucket',
        },
        ...(Token.isUnresolved(rule.destinationBucketArn)
          ? []
          : [
              {
                id: `AwsSolutions-IAM5[Resource::${rule.destinationBucketArn}/*]`,
                reason: 'S3 writes every replica into the disaster-recovery bucket',
              },
            ]),
        {
          id: 'NIST.800.53.R5-IAMNoInlinePolicy',
          reason:
            'The replication policy is scoped to these two buckets and belongs to this role alone, so it lives and dies with the role',
        },
      ]);
    }
    cfnBucket.replicationConfiguration = {
      role: roleArn,
      rules: [
        {
          id: rule.id,
          status: rule.status,
          // Priority 0 and an empty prefix filter: what the Pulumi provider sends for `filter: {}`.
          priority: 0,
          filter: { prefix: '' },
          deleteMarkerReplication: { status: rule.deleteMarkerReplication },
          destination: {
            bucket: rule.destinationBucketArn,
            ...(rule.storageClass === undefined ? {} : { storageClass: rule.storageClass }),
            ...(rule.replicaKmsKeyArn === undefined
              ? {}
              : { encryptionConfiguration: { replicaKmsKeyId: rule.replicaKmsKeyArn } }),
          },
          ...(rule.sseKmsEncryptedObjects
            ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } } }
            : {}),
        },
      ],
    };
    return role;
  }
}

/**
 * How cdk-nag names the ARN `arn:${AWS::Partition}:s3:::<bucket>` in a granular finding.
 *
 * @param bucketName the bucket's name
 * @returns the ARN as cdk-nag prints it
 */
export function nagArn(bucketName: string): string {
  return `arn:<AWS::Partition>:s3:::${bucketName}`;
}

/** The plan, with the date resolved for CDK; throws every problem at once. */
function planBucket(
  scope: Construct,
  subject: string,
  props: VeleroBucketProps,
): VeleroBucketPlan<string> {
  if (!isPlainObject(props)) {
    return veleroBucketPlan(props as VeleroBucketOptions<string>, { subject });
  }
  const { kmsKey, date: explicitDate, ...rest } = props;
  const region = Stack.of(scope).region;
  const options: VeleroBucketOptions<string> = {
    ...rest,
    ...(Token.isUnresolved(region) ? {} : { region }),
    ...(kmsKey === undefined ? {} : { kmsKeyArn: kmsKey.keyArn }),
  };
  const context = { subject, isUnresolved: (value: string) => Token.isUnresolved(value) };
  const date = bucketDateFor(
    scope,
    typeof props.cluster === 'string' ? props.cluster : '',
    explicitDate,
  );
  if (date.date === undefined) {
    const issues = [...checkVeleroBucketOptions(options, context), ...date.issues];
    const hint = issues.some((i) => i.path === 'cluster')
      ? ` ${clusterNameHint(props.cluster)}`
      : '';
    throw new VeleroConfigError(`${subject}${hint}`, issues);
  }
  return veleroBucketPlan({ ...options, date: date.date }, context);
}

/** One lifecycle rule of the plan as an L2 rule (no prefix or tag filter: every object). */
function lifecycleRule(rule: VeleroLifecycleRulePlan): s3.LifecycleRule {
  return {
    id: rule.id,
    enabled: rule.status === 'Enabled',
    ...(rule.noncurrentVersionExpirationDays === undefined
      ? {}
      : { noncurrentVersionExpiration: Duration.days(rule.noncurrentVersionExpirationDays) }),
    ...(rule.expiredObjectDeleteMarker === undefined
      ? {}
      : { expiredObjectDeleteMarker: rule.expiredObjectDeleteMarker }),
    ...(rule.abortIncompleteMultipartUploadDays === undefined
      ? {}
      : {
          abortIncompleteMultipartUploadAfter: Duration.days(
            rule.abortIncompleteMultipartUploadDays,
          ),
        }),
  };
}
