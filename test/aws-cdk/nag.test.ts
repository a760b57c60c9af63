/**
 * cdk-nag's own rules (AwsSolutions and NIST 800-53 rev 5) on the default bucket and role:
 * no findings, because each deliberately accepted one is acknowledged in the construct with its
 * reason; and every acknowledgment is needed (without them, nag reports exactly those findings).
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  VELERO_BUCKET_NO_ACCESS_LOGS_FINDINGS,
  VELERO_BUCKET_NO_REPLICATION_FINDINGS,
  VELERO_BUCKET_SSE_S3_FINDINGS,
  VeleroBucket,
  type VeleroBucketProps,
  VeleroServiceRole,
  veleroServiceRoleAcceptedFindings,
} from 'velero-iac/aws-cdk';
import { nagFindings, newStack, withoutAcknowledgments } from './cdkTestKit';

const PROVIDER_ARN =
  'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';

function bucketAndRole(bucketProps: Partial<VeleroBucketProps> = {}) {
  const { stack } = newStack();
  const bucket = new VeleroBucket(stack, 'Bucket', {
    cluster: 'prod',
    date: '2026-01-15',
    ...bucketProps,
  });
  new VeleroServiceRole(stack, 'Velero', {
    bucket,
    oidcProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, 'O', PROVIDER_ARN),
  });
  return stack;
}

describe.each([
  ['SSE-S3 (the default)', {}],
  ['a created KMS key', { createKmsKey: true }],
])('cdk-nag on the default bucket and role, with %s', (_label, bucketProps) => {
  test('AwsSolutions and NIST.800.53.R5 report nothing', () => {
    expect(nagFindings(bucketAndRole(bucketProps))).toEqual([]);
  });

  test('each acknowledgment is needed: without them, nag reports exactly those findings', () => {
    const stack = bucketAndRole(bucketProps);
    withoutAcknowledgments(stack);
    const usesKms = 'createKmsKey' in bucketProps;
    const accepted = [
      ...VELERO_BUCKET_NO_ACCESS_LOGS_FINDINGS,
      ...VELERO_BUCKET_NO_REPLICATION_FINDINGS,
      ...(usesKms ? [] : VELERO_BUCKET_SSE_S3_FINDINGS),
      ...veleroServiceRoleAcceptedFindings('prod-velero-20260115', true, usesKms),
    ];
    const found = nagFindings(stack);
    expect(found.map((f) => f.rule).sort()).toEqual(accepted.map((a) => a.id).sort());
    expect(found.every((f) => f.severity === 'error')).toBe(true);
    for (const finding of accepted) expect(finding.reason.length).toBeGreaterThan(20);
  });
});

test('the opt-ins satisfy the rules their absence breaks (no acknowledgment left for them)', () => {
  const stack = bucketAndRole({
    createKmsKey: true,
    accessLogging: { targetBucket: 'prod-access-logs' },
    replication: {
      destinationBucketArn: 'arn:aws:s3:::prod-velero-dr',
      destinationRegion: 'eu-central-1',
      replicaKmsKeyArn:
        'arn:aws:kms:eu-central-1:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab',
    },
  });
  expect(nagFindings(stack)).toEqual([]);
  withoutAcknowledgments(stack);
  const rules = nagFindings(stack).map((f) => f.rule);
  for (const absent of [
    'AwsSolutions-S1',
    'NIST.800.53.R5-S3BucketLoggingEnabled',
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
  ]) {
    expect(rules).not.toContain(absent);
  }
});
