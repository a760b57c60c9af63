import { checkS3BucketName } from './bucketName';
import { type DeferredValues, isKnownString } from './deferredValue';
import { issue, type ValidationIssue, VeleroConfigError } from './errors';
import { isAwsRegion } from './rules/awsRegion';
import { checkOptional } from './schema/checkShape';
import { bool } from './schema/fieldSchema';

/** The AWS partitions an ARN may name. */
export const AWS_PARTITIONS: readonly string[] = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];

/** The IAM policy language version every document here uses. */
export const IAM_POLICY_VERSION = '2012-10-17';

/** One statement of an IAM policy document (identity, resource or trust policy). */
export interface IamPolicyStatement {
  /** A stable identifier for the statement, unique within the document. */
  Sid: string;
  /** Whether the statement grants or refuses the actions. */
  Effect: 'Allow' | 'Deny';
  /**
   * Who the statement applies to; only in resource and trust policies.
   * @default absent (identity policies apply to the identity they are attached to)
   */
  Principal?: '*' | Record<string, string | string[]>;
  /** The actions, e.g. `s3:GetObject`. */
  Action: string | string[];
  /**
   * The resources the actions apply to; absent in trust policies.
   * @default absent
   */
  Resource?: string | string[];
  /**
   * Conditions, e.g. `{ Bool: { 'aws:SecureTransport': 'false' } }`.
   * @default no condition
   */
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM policy document, ready for `JSON.stringify`. */
export interface IamPolicyDocument {
  /** Always `2012-10-17`. */
  Version: typeof IAM_POLICY_VERSION;
  /** The statements, in a stable order. */
  Statement: IamPolicyStatement[];
}

/** Options of {@link veleroIamPolicyDocument}. */
export interface VeleroIamPolicyOptions {
  /** The name of Velero's bucket (not its ARN). */
  bucketName: string;
  /**
   * The AWS partition of the bucket and key.
   * @default 'aws'
   */
  partition?: string;
  /**
   * Grant the EC2 actions Velero's AWS plugin needs for native EBS snapshots (a
   * VolumeSnapshotLocation). Turn off when only file-system or CSI backups are used.
   * @default true
   */
  volumeSnapshots?: boolean;
  /**
   * The full ARN of the KMS key the bucket is encrypted with
   * (`arn:<partition>:kms:<region>:<account>:key/<key-id>`); grants use of exactly that key.
   * Aliases are rejected: IAM matches key ARNs, not alias ARNs.
   * @default no KMS statement (SSE-S3 / AES256)
   */
  kmsKeyArn?: string;
  /**
   * Grant `s3:PutObjectTagging`, which Velero needs only when the BackupStorageLocation sets
   * `config.tagging`.
   * @default false
   */
  objectTagging?: boolean;
}

/** Stable `Sid`s of the statements {@link veleroIamPolicyDocument} emits. */
export const VELERO_IAM_SIDS = {
  /** Object reads, writes and deletes under the bucket. */
  objects: 'VeleroBucketObjects',
  /** Listing the bucket. */
  list: 'VeleroBucketList',
  /** EBS snapshots. */
  snapshots: 'VeleroEbsSnapshots',
  /** Use of the bucket's KMS key. */
  kms: 'VeleroKmsKey',
} as const;

const KMS_KEY_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ACCOUNT = /^\d{12}$/;

/**
 * Checks an AWS partition name.
 *
 * @param partition the partition
 * @param path the field path used in the issues
 * @returns the problems found (empty when the partition is known)
 */
export function checkAwsPartition(partition: unknown, path = 'partition'): ValidationIssue[] {
  if (typeof partition === 'string' && AWS_PARTITIONS.includes(partition)) return [];
  return [
    issue(path, 'is not an AWS partition', {
      received: partition,
      allowed: AWS_PARTITIONS.join(', '),
    }),
  ];
}

const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/**
 * Checks that a value is an IAM role ARN, `arn:<partition>:iam::<12-digit account>:role/<path/name>`.
 *
 * @param arn the value to check
 * @param path the field path used in the issues
 * @returns the problems found (empty when the ARN names a role)
 */
export function checkIamRoleArn(arn: unknown, path = 'roleArn'): ValidationIssue[] {
  return typeof arn === 'string' && IAM_ROLE_ARN.test(arn)
    ? []
    : [
        issue(path, 'must be an IAM role ARN', {
          received: arn,
          allowed: 'arn:<partition>:iam::<account>:role/<name>',
        }),
      ];
}

/**
 * Checks that a value is the full ARN of a KMS key,
 * `arn:<partition>:kms:<region>:<12-digit account>:key/<key-id>` (a key id is a UUID or a
 * multi-Region `mrk-...` id). Alias ARNs, bare key ids and aliases are rejected: IAM policies and
 * S3 bucket encryption must name the key itself.
 *
 * @param arn the value to check
 * @param path the field path used in the issues
 * @param partition when given, the partition the ARN must be in
 * @returns the problems found (empty when the ARN names a key)
 */
export function checkKmsKeyArn(
  arn: unknown,
  path = 'kmsKeyArn',
  partition?: string,
): ValidationIssue[] {
  const allowed = 'arn:<partition>:kms:<region>:<account>:key/<key-id>';
  if (typeof arn !== 'string') {
    return [issue(path, 'must be a string', { received: arn, allowed })];
  }
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'kms') {
    const hint = /^(alias\/|[0-9a-f-]{36}$|mrk-)/.test(arn)
      ? 'must be a full key ARN, not a key id or alias name'
      : 'must be a KMS key ARN';
    return [issue(path, hint, { received: arn, allowed })];
  }
  const [, arnPartition, , region, account, resource] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const issues: ValidationIssue[] = [];
  if (!AWS_PARTITIONS.includes(arnPartition)) {
    issues.push(
      issue(path, `names an unknown partition "${arnPartition}"`, { received: arn, allowed }),
    );
  } else if (partition !== undefined && arnPartition !== partition) {
    issues.push(
      issue(path, `is in partition "${arnPartition}", not "${partition}"`, {
        received: arn,
        allowed,
      }),
    );
  }
  if (!isAwsRegion(region)) {
    issues.push(issue(path, `names no valid region ("${region}")`, { received: arn, allowed }));
  }
  if (!ACCOUNT.test(account)) {
    issues.push(
      issue(path, `names no valid 12-digit account ("${account}")`, { received: arn, allowed }),
    );
  }
  if (resource.startsWith('alias/')) {
    issues.push(
      issue(path, 'is an alias ARN; IAM and S3 need the ARN of the key itself (key/<key-id>)', {
        received: arn,
        allowed,
      }),
    );
  } else if (!resource.startsWith('key/') || !KMS_KEY_ID.test(resource.slice('key/'.length))) {
    issues.push(
      issue(path, 'must end with "key/<key-id>" (a UUID or an "mrk-" multi-Region id)', {
        received: arn,
        allowed,
      }),
    );
  }
  return issues;
}

/**
 * The least-privilege IAM policy Velero and its AWS plugin need for one bucket (from the
 * velero-plugin-for-aws README), scoped to that bucket and, when given, to that KMS key:
 * - `VeleroBucketObjects`: `s3:GetObject`, `s3:DeleteObject`, `s3:PutObject`,
 *   `s3:AbortMultipartUpload`, `s3:ListMultipartUploadParts` (plus `s3:PutObjectTagging` with
 *   `objectTagging`) on `arn:<partition>:s3:::<bucket>/*`;
 * - `VeleroBucketList`: `s3:ListBucket` on the bucket;
 * - `VeleroEbsSnapshots` (with `volumeSnapshots`): the EC2 volume and snapshot actions on `*`;
 * - `VeleroKmsKey` (with `kmsKeyArn`): encrypt, decrypt, re-encrypt, generate data keys and
 *   describe, on exactly that key.
 *
 * @param opts the bucket, partition and features
 * @param deferred which strings are placeholders resolved later (e.g. AWS CDK tokens): they are
 *   put into the document unchecked
 * @returns the policy document
 * @throws VeleroConfigError listing every invalid option
 */
export function veleroIamPolicyDocument(
  opts: VeleroIamPolicyOptions,
  deferred: DeferredValues = {},
): IamPolicyDocument {
  const partition = opts.partition ?? 'aws';
  const isDeferred = (value: unknown) =>
    typeof value === 'string' && !isKnownString(value, deferred);
  const issues: ValidationIssue[] = [
    ...(isDeferred(opts.bucketName) ? [] : checkS3BucketName(opts.bucketName, 'bucketName')),
    ...(isDeferred(partition) ? [] : checkAwsPartition(partition, 'partition')),
    ...checkOptional(opts.volumeSnapshots, bool(), 'volumeSnapshots'),
    ...checkOptional(opts.objectTagging, bool(), 'objectTagging'),
  ];
  if (opts.kmsKeyArn !== undefined && !isDeferred(opts.kmsKeyArn)) {
    issues.push(
      ...checkKmsKeyArn(opts.kmsKeyArn, 'kmsKeyArn', isDeferred(partition) ? undefined : partition),
    );
  }
  if (issues.length > 0) {
    throw new VeleroConfigError(
      `Velero IAM policy for bucket ${JSON.stringify(opts.bucketName)}`,
      issues,
    );
  }
  const bucketArn = `arn:${partition}:s3:::${opts.bucketName}`;
  const objectActions = [
    's3:GetObject',
    's3:DeleteObject',
    's3:PutObject',
    's3:AbortMultipartUpload',
    's3:ListMultipartUploadParts',
  ];
  if (opts.objectTagging === true) objectActions.push('s3:PutObjectTagging');
  const statements: IamPolicyStatement[] = [
    {
      Sid: VELERO_IAM_SIDS.objects,
      Effect: 'Allow',
      Action: objectActions,
      Resource: [`${bucketArn}/*`],
    },
    {
      Sid: VELERO_IAM_SIDS.list,
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [bucketArn],
    },
  ];
  if (opts.volumeSnapshots !== false) {
    statements.push({
      Sid: VELERO_IAM_SIDS.snapshots,
      Effect: 'Allow',
      Action: [
        'ec2:DescribeVolumes',
        'ec2:DescribeSnapshots',
        'ec2:CreateTags',
        'ec2:CreateVolume',
        'ec2:CreateSnapshot',
        'ec2:DeleteSnapshot',
      ],
      // `*`, not the bucket: these EC2 actions act on EBS volumes and snapshots, not on S3, so they
      // cannot be scoped to the bucket; the Describe* actions support no resource-level permissions
      // at all, and the volumes Velero snapshots and restores are not known in advance.
      Resource: '*',
    });
  }
  if (opts.kmsKeyArn !== undefined) {
    statements.push({
      Sid: VELERO_IAM_SIDS.kms,
      Effect: 'Allow',
      Action: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ],
      Resource: [opts.kmsKeyArn],
    });
  }
  return { Version: IAM_POLICY_VERSION, Statement: statements };
}
