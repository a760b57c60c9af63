import type { ResourceValidationPolicy } from '@pulumi/policy';
import { forResourceType, S3_RESOURCE_TYPES } from './resourceTypes';

/** No `Bucket` sets `forceDestroy: true` (a destroy would empty it first). */
export const veleroBucketNoForceDestroyPolicy: ResourceValidationPolicy = {
  name: 'velero-s3-bucket-no-force-destroy',
  description: 'forceDestroy is false: destroying the stack never deletes the backups.',
  enforcementLevel: 'mandatory',
  validateResource: forResourceType(S3_RESOURCE_TYPES.bucket, (props, _args, report) => {
    if (props.forceDestroy === true) {
      report('forceDestroy must be false: a destroy would delete every backup in the bucket.');
    }
  }),
};
