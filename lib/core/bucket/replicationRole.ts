import { IAM_POLICY_VERSION, type IamPolicyDocument } from '../iamPolicy';

/** The role description of the replication role a Velero bucket creates. */
export const VELERO_REPLICATION_ROLE_DESCRIPTION =
  'Lets S3 replicate the Velero bucket to its disaster-recovery copy';

/** The trust policy of the replication role: only the S3 service may assume it. */
export function veleroReplicationTrustPolicy(): IamPolicyDocument {
  return {
    Version: IAM_POLICY_VERSION,
    Statement: [
      {
        Sid: 'S3Replication',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/** The buckets and keys {@link veleroReplicationRolePolicy} is scoped to. */
export interface VeleroReplicationRolePolicyOptions {
  /** ARN of the Velero bucket (the source). */
  sourceBucketArn: string;
  /** ARN of the disaster-recovery bucket (the destination). */
  destinationBucketArn: string;
  /**
   * ARN of the key the source bucket is encrypted with.
   * @default none (SSE-S3): no decrypt statement
   */
  sourceKmsKeyArn?: string;
  /**
   * ARN of the key replicas are encrypted with in the destination region.
   * @default none: no encrypt statement
   */
  replicaKmsKeyArn?: string;
}

/**
 * The permissions S3 needs to replicate one bucket to another: read the source configuration and
 * object versions, write replicas (and delete markers) to the destination, and use the keys.
 *
 * @param opts the two buckets and, when used, the two keys
 * @returns the identity policy of the replication role
 */
export function veleroReplicationRolePolicy(
  opts: VeleroReplicationRolePolicyOptions,
): IamPolicyDocument {
  const { sourceBucketArn, destinationBucketArn } = opts;
  const doc: IamPolicyDocument = {
    Version: IAM_POLICY_VERSION,
    Statement: [
      {
        Sid: 'ReadSourceConfiguration',
        Effect: 'Allow',
        Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        Resource: [sourceBucketArn],
      },
      {
        Sid: 'ReadSourceVersions',
        Effect: 'Allow',
        Action: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        Resource: [`${sourceBucketArn}/*`],
      },
      {
        Sid: 'WriteReplicas',
        Effect: 'Allow',
        Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        Resource: [`${destinationBucketArn}/*`],
      },
    ],
  };
  if (opts.sourceKmsKeyArn !== undefined) {
    doc.Statement.push({
      Sid: 'DecryptSource',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [opts.sourceKmsKeyArn],
    });
  }
  if (opts.replicaKmsKeyArn !== undefined) {
    doc.Statement.push({
      Sid: 'EncryptReplicas',
      Effect: 'Allow',
      Action: ['kms:Encrypt'],
      Resource: [opts.replicaKmsKeyArn],
    });
  }
  return doc;
}
