import type { ResourceValidationPolicy } from '@pulumi/policy';
import { asList, field, forResourceType, S3_RESOURCE_TYPES } from './resourceTypes';

function isPositive(value: unknown): boolean {
  return typeof value === 'number' && value > 0;
}

/**
 * Every `BucketLifecycleConfiguration` has enabled rules that expire noncurrent versions, remove
 * expired delete markers and abort incomplete multipart uploads, and no enabled rule expires or
 * transitions current objects (Velero's TTL owns them, and Velero must be able to read them).
 */
export const veleroBucketLifecyclePolicy: ResourceValidationPolicy = {
  name: 'velero-s3-bucket-lifecycle',
  description:
    'The lifecycle expires noncurrent versions, expired delete markers and incomplete multipart uploads, and never expires or transitions current objects.',
  enforcementLevel: 'mandatory',
  validateResource: forResourceType(S3_RESOURCE_TYPES.lifecycle, (props, _args, report) => {
    const rules = asList(props.rules).filter((rule) => field(rule, 'status') === 'Enabled');
    let noncurrent = false;
    let deleteMarkers = false;
    let multipart = false;
    for (const rule of rules) {
      const id = JSON.stringify(field(rule, 'id') ?? '');
      const expiration = field(rule, 'expiration');
      if (field(expiration, 'days') !== undefined || field(expiration, 'date') !== undefined) {
        report(
          `Lifecycle rule ${id} expires current objects: Velero's backup TTL decides when a backup goes; expire only noncurrent versions.`,
        );
      }
      if (asList(field(rule, 'transitions')).length > 0) {
        report(
          `Lifecycle rule ${id} transitions current objects: Velero must be able to read every backup at once.`,
        );
      }
      if (isPositive(field(field(rule, 'noncurrentVersionExpiration'), 'noncurrentDays'))) {
        noncurrent = true;
      }
      if (field(expiration, 'expiredObjectDeleteMarker') === true) deleteMarkers = true;
      if (isPositive(field(field(rule, 'abortIncompleteMultipartUpload'), 'daysAfterInitiation'))) {
        multipart = true;
      }
    }
    if (!noncurrent) {
      report(
        'No enabled lifecycle rule expires noncurrent versions: with versioning on, every deleted backup would be kept forever.',
      );
    }
    if (!deleteMarkers) {
      report('No enabled lifecycle rule removes expired object delete markers.');
    }
    if (!multipart) {
      report('No enabled lifecycle rule aborts incomplete multipart uploads.');
    }
  }),
};
