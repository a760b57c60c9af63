import type { ResourceValidationPolicy } from '@pulumi/policy';
import { forResourceType, S3_RESOURCE_TYPES } from './resourceTypes';

/** The four Block Public Access settings, all of which must be `true`. */
export const PUBLIC_ACCESS_BLOCK_FLAGS = [
  'blockPublicAcls',
  'blockPublicPolicy',
  'ignorePublicAcls',
  'restrictPublicBuckets',
] as const;

/**
 * Every `BucketPublicAccessBlock` sets all four flags to `true` (Security Hub S3.8, CIS 2.1.4).
 * One violation per flag that is not `true`.
 */
export const veleroBucketPublicAccessBlockPolicy: ResourceValidationPolicy = {
  name: 'velero-s3-bucket-public-access-block',
  description: 'S3 Block Public Access is on for the bucket, with all four settings true.',
  enforcementLevel: 'mandatory',
  validateResource: forResourceType(S3_RESOURCE_TYPES.publicAccessBlock, (props, _args, report) => {
    for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) {
      if (props[flag] !== true) {
        report(`Block Public Access: ${flag} must be true (Security Hub S3.8).`);
      }
    }
  }),
};
