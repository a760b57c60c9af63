import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import { S3_RESOURCE_TYPES } from './resourceTypes';

/** The configuration resources every bucket must have, by type token, with a short label. */
export const REQUIRED_BUCKET_COMPANIONS: readonly {
  readonly type: string;
  readonly label: string;
}[] = [
  { type: S3_RESOURCE_TYPES.versioning, label: 'BucketVersioning' },
  { type: S3_RESOURCE_TYPES.encryption, label: 'BucketServerSideEncryptionConfiguration' },
  { type: S3_RESOURCE_TYPES.publicAccessBlock, label: 'BucketPublicAccessBlock' },
  { type: S3_RESOURCE_TYPES.ownershipControls, label: 'BucketOwnershipControls' },
  { type: S3_RESOURCE_TYPES.policy, label: 'BucketPolicy' },
  { type: S3_RESOURCE_TYPES.lifecycle, label: 'BucketLifecycleConfiguration' },
];

/** Whether `companion` configures `bucket`: same bucket name, or a dependency of its `bucket`. */
function targets(companion: PolicyResource, bucket: PolicyResource): boolean {
  const name: unknown = bucket.props.bucket;
  if (typeof name === 'string' && companion.props.bucket === name) return true;
  const deps = companion.propertyDependencies?.bucket ?? [];
  return deps.some((dep) => dep.urn === bucket.urn);
}

/**
 * Every `aws.s3.Bucket` in the stack has exactly one of each companion (versioning, encryption,
 * public access block, ownership controls, bucket policy, lifecycle) targeting it. A missing one
 * means the bucket runs on AWS defaults; two of a kind overwrite each other on every update.
 */
export const veleroBucketCompanionsPolicy: StackValidationPolicy = {
  name: 'velero-s3-bucket-companions',
  description:
    'Every bucket has exactly one versioning, encryption, public access block, ownership controls, policy and lifecycle resource.',
  enforcementLevel: 'mandatory',
  validateStack: (args, report) => {
    const buckets = args.resources.filter((r) => r.type === S3_RESOURCE_TYPES.bucket);
    if (buckets.length === 0) args.notApplicable('The stack has no aws.s3.Bucket.');
    for (const bucket of buckets) {
      for (const companion of REQUIRED_BUCKET_COMPANIONS) {
        const found = args.resources.filter((r) => r.type === companion.type && targets(r, bucket));
        if (found.length === 0) {
          report(`Bucket "${bucket.name}" has no ${companion.label}.`, bucket.urn);
        } else if (found.length > 1) {
          report(
            `Bucket "${bucket.name}" has ${found.length} ${companion.label} resources; they overwrite each other.`,
            bucket.urn,
          );
        }
      }
    }
  },
};
