import type { ResourceValidationPolicy } from '@pulumi/policy';
import { checkKmsKeyArn } from '../../core/iamPolicy';
import { asList, field, forResourceType, S3_RESOURCE_TYPES } from './resourceTypes';

/**
 * Every `BucketServerSideEncryptionConfiguration` encrypts with `AES256`, or with `aws:kms` naming
 * a full key ARN and with S3 bucket keys on.
 */
export const veleroBucketEncryptionPolicy: ResourceValidationPolicy = {
  name: 'velero-s3-bucket-encryption',
  description:
    'Default encryption is AES256, or aws:kms with a full key ARN and bucketKeyEnabled: true.',
  enforcementLevel: 'mandatory',
  validateResource: forResourceType(S3_RESOURCE_TYPES.encryption, (props, _args, report) => {
    const rules = asList(props.rules);
    if (rules.length === 0) {
      report('Default encryption must have a rule (AES256 or aws:kms).');
      return;
    }
    for (const rule of rules) {
      const byDefault = field(rule, 'applyServerSideEncryptionByDefault');
      const algorithm = field(byDefault, 'sseAlgorithm');
      if (algorithm === 'AES256') continue;
      if (algorithm !== 'aws:kms') {
        report(`Default encryption must use AES256 or aws:kms, not ${JSON.stringify(algorithm)}.`);
        continue;
      }
      const key = field(byDefault, 'kmsMasterKeyId');
      if (typeof key !== 'string' || checkKmsKeyArn(key).length > 0) {
        report(
          `aws:kms encryption must name the full ARN of a KMS key (arn:<partition>:kms:<region>:<account>:key/<id>), not ${JSON.stringify(key)}.`,
        );
      }
      if (field(rule, 'bucketKeyEnabled') !== true) {
        report('aws:kms encryption must set bucketKeyEnabled: true (S3 bucket keys).');
      }
    }
  }),
};
