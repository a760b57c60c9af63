import type { ResourceValidationPolicy } from '@pulumi/policy';
import { asList, field, forResourceType, isRecord, S3_RESOURCE_TYPES } from './resourceTypes';

const BUCKET_ARN = /^arn:[a-z-]+:s3:::[^/]+$/;
const OBJECTS_ARN = /^arn:[a-z-]+:s3:::[^/]+\/\*$/;

/** Parses a bucket policy given as JSON text or as an object. */
function parsePolicy(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function appliesToEveryone(statement: unknown): boolean {
  const principal = field(statement, 'Principal');
  if (principal === '*') return true;
  return asList(field(principal, 'AWS')).includes('*');
}

function actions(statement: unknown): unknown[] {
  return asList(field(statement, 'Action'));
}

function resources(statement: unknown): string[] {
  return asList(field(statement, 'Resource')).filter((r): r is string => typeof r === 'string');
}

function isDenyToEveryone(statement: unknown): boolean {
  return field(statement, 'Effect') === 'Deny' && appliesToEveryone(statement);
}

/** `Deny s3:* to * on [bucket, bucket/*] when aws:SecureTransport is false`. */
export function deniesInsecureTransport(statement: unknown): boolean {
  if (!isDenyToEveryone(statement) || !actions(statement).includes('s3:*')) return false;
  const secure = field(field(field(statement, 'Condition'), 'Bool'), 'aws:SecureTransport');
  if (!asList(secure).some((v) => v === 'false' || v === false)) return false;
  const targets = resources(statement);
  return targets.some((r) => BUCKET_ARN.test(r)) && targets.some((r) => OBJECTS_ARN.test(r));
}

/** `Deny s3:DeleteBucket (or s3:*) to * on the bucket`, without a condition. */
export function deniesBucketDeletion(statement: unknown): boolean {
  if (!isDenyToEveryone(statement) || field(statement, 'Condition') !== undefined) return false;
  const list = actions(statement);
  if (!list.includes('s3:DeleteBucket') && !list.includes('s3:*')) return false;
  return resources(statement).some((r) => BUCKET_ARN.test(r));
}

/**
 * Every `BucketPolicy` denies all requests made without TLS (Security Hub S3.5, CIS 2.1.1) and
 * denies `s3:DeleteBucket` to every principal (deletion protection).
 */
export const veleroBucketPolicyPolicy: ResourceValidationPolicy = {
  name: 'velero-s3-bucket-policy',
  description: 'The bucket policy denies requests without TLS and denies deleting the bucket.',
  enforcementLevel: 'mandatory',
  validateResource: forResourceType(S3_RESOURCE_TYPES.policy, (props, _args, report) => {
    const policy = parsePolicy(props.policy);
    if (policy === undefined) {
      report('The bucket policy is not a JSON policy document.');
      return;
    }
    const statements = asList(policy.Statement);
    if (!statements.some(deniesInsecureTransport)) {
      report(
        'The bucket policy must deny every request without TLS: Deny s3:* to "*" on the bucket and its objects when aws:SecureTransport is false (Security Hub S3.5).',
      );
    }
    if (!statements.some(deniesBucketDeletion)) {
      report(
        'The bucket policy must deny s3:DeleteBucket to every principal (deletion protection).',
      );
    }
  }),
};
