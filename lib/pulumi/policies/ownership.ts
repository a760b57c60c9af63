import type { ResourceValidationPolicy } from '@pulumi/policy';
import { field, forResourceType, S3_RESOURCE_TYPES } from './resourceTypes';

/** Every `BucketOwnershipControls` uses `BucketOwnerEnforced`, which disables ACLs (S3.12). */
export const veleroBucketOwnerEnforcedPolicy: ResourceValidationPolicy = {
  name: 'velero-s3-bucket-owner-enforced',
  description: 'Object ownership is BucketOwnerEnforced, so ACLs are disabled.',
  enforcementLevel: 'mandatory',
  validateResource: forResourceType(S3_RESOURCE_TYPES.ownershipControls, (props, _args, report) => {
    const ownership = field(props.rule, 'objectOwnership');
    if (ownership !== 'BucketOwnerEnforced') {
      report(
        `Object ownership must be BucketOwnerEnforced (ACLs disabled, Security Hub S3.12), not ${JSON.stringify(ownership)}.`,
      );
    }
  }),
};

/** No ACLs at all: no `BucketAcl` resource, and no `acl` or `grants` on a `Bucket`. */
export const veleroBucketNoAclPolicy: ResourceValidationPolicy = {
  name: 'velero-s3-bucket-no-acl',
  description: 'No bucket ACL is declared: access is granted by IAM only.',
  enforcementLevel: 'mandatory',
  validateResource: [
    forResourceType(S3_RESOURCE_TYPES.acl, (_props, _args, report) => {
      report(
        'BucketAcl is not allowed: ACLs stay disabled (BucketOwnerEnforced); grant access with IAM.',
      );
    }),
    forResourceType(S3_RESOURCE_TYPES.bucket, (props, _args, report) => {
      for (const key of ['acl', 'grants']) {
        const value = props[key];
        if (
          value !== undefined &&
          value !== null &&
          !(Array.isArray(value) && value.length === 0)
        ) {
          report(`Bucket must not set ${key}: ACLs stay disabled (BucketOwnerEnforced).`);
        }
      }
    }),
  ],
};
