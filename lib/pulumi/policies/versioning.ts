import type { ResourceValidationPolicy } from '@pulumi/policy';
import { field, forResourceType, S3_RESOURCE_TYPES } from './resourceTypes';

/** Every `BucketVersioning` has status `Enabled`, so a deleted backup stays recoverable. */
export const veleroBucketVersioningPolicy: ResourceValidationPolicy = {
  name: 'velero-s3-bucket-versioning',
  description: 'Versioning is Enabled.',
  enforcementLevel: 'mandatory',
  validateResource: forResourceType(S3_RESOURCE_TYPES.versioning, (props, _args, report) => {
    const status = field(props.versioningConfiguration, 'status');
    if (status !== 'Enabled') {
      report(`Versioning must be Enabled, not ${JSON.stringify(status)}.`);
    }
  }),
};
