import type { ReportViolation, ResourceValidation, ResourceValidationArgs } from '@pulumi/policy';

/** Pulumi type tokens of the `@pulumi/aws` v7 resources the bucket policies inspect. */
export const S3_RESOURCE_TYPES = {
  /** `aws.s3.Bucket` (the former BucketV2). */
  bucket: 'aws:s3/bucket:Bucket',
  /** `aws.s3.BucketAcl`. */
  acl: 'aws:s3/bucketAcl:BucketAcl',
  /** `aws.s3.BucketVersioning`. */
  versioning: 'aws:s3/bucketVersioning:BucketVersioning',
  /** `aws.s3.BucketServerSideEncryptionConfiguration`. */
  encryption:
    'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  /** `aws.s3.BucketPublicAccessBlock`. */
  publicAccessBlock: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  /** `aws.s3.BucketOwnershipControls`. */
  ownershipControls: 'aws:s3/bucketOwnershipControls:BucketOwnershipControls',
  /** `aws.s3.BucketPolicy`. */
  policy: 'aws:s3/bucketPolicy:BucketPolicy',
  /** `aws.s3.BucketLifecycleConfiguration`. */
  lifecycle: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
} as const;

/** A check of one resource's properties, already known to be of the right type. */
export type PropsValidation = (
  props: Record<string, unknown>,
  args: ResourceValidationArgs,
  reportViolation: ReportViolation,
) => void;

/**
 * A resource validation that runs `validate` on resources of type `type` only and reports every
 * other resource as not applicable. Works on type tokens, so the policies do not load
 * `@pulumi/aws`; the token is attached as `__pulumiType` like `validateResourceOfType` does, so
 * the policy server can skip other types cheaply.
 *
 * @param type the Pulumi type token
 * @param validate the check
 * @returns the validation function
 */
export function forResourceType(type: string, validate: PropsValidation): ResourceValidation {
  const validation: ResourceValidation = (args, reportViolation) => {
    if (args.type !== type)
      args.notApplicable(`Policy only applies to resources of type '${type}'`);
    validate(args.props, args, reportViolation);
  };
  return Object.assign(validation, { __pulumiType: type });
}

/** Narrows a value to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `key` of an object, or `undefined` when `value` is not an object. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** The value as an array: itself if it is one, `[]` when absent, `[value]` otherwise. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
