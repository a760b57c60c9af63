import { IAM_POLICY_VERSION, type IamPolicyDocument } from '../iamPolicy';

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

/** Stable `Sid`s of the statements {@link veleroBucketPolicyDocument} emits. */
export const VELERO_BUCKET_POLICY_SIDS = {
  /** Every request without TLS. */
  insecureTransport: 'DenyInsecureTransport',
  /** Deleting the bucket. */
  deleteBucket: 'DenyBucketDeletion',
  /** Changing (suspending) versioning. */
  versioning: 'DenyVersioningChanges',
} as const;

/**
 * The bucket policy of a Velero bucket: deny every request not made over TLS, deny deleting the
 * bucket and, optionally, deny changing its versioning. It holds no `Allow` statement.
 *
 * @param bucketArn the bucket's ARN (a front end may pass a value it resolves later, e.g. a CDK
 *   token)
 * @param opts which deny statements to add
 * @returns the policy document
 */
export function veleroBucketPolicyDocument(
  bucketArn: string,
  opts: VeleroBucketPolicyOptions = {},
): IamPolicyDocument {
  const doc: IamPolicyDocument = {
    Version: IAM_POLICY_VERSION,
    Statement: [
      {
        Sid: VELERO_BUCKET_POLICY_SIDS.insecureTransport,
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
      Sid: VELERO_BUCKET_POLICY_SIDS.deleteBucket,
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:DeleteBucket',
      Resource: bucketArn,
    });
  }
  if (opts.denyVersioningSuspension === true) {
    doc.Statement.push({
      Sid: VELERO_BUCKET_POLICY_SIDS.versioning,
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutBucketVersioning',
      Resource: bucketArn,
    });
  }
  return doc;
}
