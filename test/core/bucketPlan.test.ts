import fc from 'fast-check';
import {
  VELERO_CLUSTER_TAG,
  VeleroConfigError,
  veleroBucketNameFromTimestamp,
  veleroBucketPlan,
  veleroIamPolicyDocument,
  veleroServiceRolePlan,
} from 'velero-iac';
import { checkVeleroBucketOptions } from '../../lib/core/bucket/bucketOptions';
import { checkVeleroServiceRoleOptions } from '../../lib/core/serviceRole/serviceRolePlan';
import { badName, junk } from './arbitraries';

/** What an AWS CDK token looks like (`${Token[...]}`). */
const TOKEN = ['$', '{Token[TOKEN.42]}'].join('');
const deferred = { isUnresolved: (value: string) => value.includes(TOKEN) };

describe('veleroBucketPlan', () => {
  test('decides the baseline as plain data', () => {
    const plan = veleroBucketPlan({ cluster: 'prod', date: '2026-01-15' });
    expect(plan).toMatchObject({
      bucketName: 'prod-velero-20260115',
      deletionProtection: true,
      forceDestroy: false,
      tags: { [VELERO_CLUSTER_TAG]: 'prod' },
      encryption: { sseAlgorithm: 'AES256' },
      objectOwnership: 'BucketOwnerEnforced',
      versioning: 'Enabled',
      bucketPolicy: { denyDeleteBucket: true, denyVersioningSuspension: false },
      eventBridgeNotifications: false,
    });
    expect(plan.kmsKey).toBeUndefined();
    expect(plan.replication).toBeUndefined();
    expect(plan.lifecycleRules.map((r) => r.id)).toEqual([
      'expire-noncurrent-versions',
      'abort-incomplete-multipart-uploads',
    ]);
    expect(JSON.parse(JSON.stringify(plan.bucketPolicyDocument('arn:aws:s3:::b')))).toEqual(
      plan.bucketPolicyDocument('arn:aws:s3:::b'),
    );
  });

  test('without a date the front end names the bucket at first creation', () => {
    const plan = veleroBucketPlan({ cluster: 'prod' });
    expect(plan.bucketName).toBeUndefined();
    expect(veleroBucketNameFromTimestamp('prod', '2026-01-15T10:20:30Z')).toBe(
      'prod-velero-20260115',
    );
  });

  test('deferred values are carried, not checked; the same strings known now are checked', () => {
    const options = {
      cluster: 'prod',
      date: '2026-01-15',
      kmsKeyArn: TOKEN,
      replication: {
        destinationBucketArn: TOKEN,
        destinationRegion: 'eu-central-1',
        replicaKmsKeyArn: TOKEN,
        roleArn: TOKEN,
      },
      accessLogging: { targetBucket: TOKEN },
    };
    const plan = veleroBucketPlan(options, deferred);
    expect(plan.encryption).toEqual({
      sseAlgorithm: 'aws:kms',
      key: { arn: TOKEN },
      bucketKeyEnabled: true,
    });
    expect(plan.replication?.role).toEqual({ arn: TOKEN });
    expect(plan.replication?.rule.sseKmsEncryptedObjects).toBe(true);
    expect(checkVeleroBucketOptions(options).map((i) => i.path)).toEqual([
      'kmsKeyArn',
      'replication.destinationBucketArn',
      'replication.replicaKmsKeyArn',
      'replication.roleArn',
      'accessLogging.targetBucket',
    ]);
  });

  test('property: it throws exactly when the checks find problems, with those problems', () => {
    fc.assert(
      fc.property(
        fc.oneof(badName, fc.constantFrom('prod', 'eu-1')),
        fc.oneof(fc.constant(undefined), junk, fc.integer({ min: -3, max: 400 })),
        fc.boolean(),
        (cluster, noncurrentVersionExpirationDays, forceDestroy) => {
          const options = {
            cluster,
            date: '2026-01-15',
            noncurrentVersionExpirationDays: noncurrentVersionExpirationDays as number,
            forceDestroy,
          };
          const issues = checkVeleroBucketOptions(options);
          let thrown: unknown;
          try {
            veleroBucketPlan(options);
          } catch (error) {
            thrown = error;
          }
          if (issues.length === 0) return thrown === undefined;
          return (
            thrown instanceof VeleroConfigError &&
            JSON.stringify(thrown.issues) === JSON.stringify(issues)
          );
        },
      ),
    );
  });
});

describe('veleroServiceRolePlan', () => {
  const irsa = {
    bucketName: 'prod-velero-20260115',
    oidcProviderArn:
      'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    oidcProviderUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
  };

  test('documents as pure functions of the resolved values', () => {
    const plan = veleroServiceRolePlan(irsa);
    expect(plan.permissionsPolicy('prod-velero-20260115')).toEqual(
      veleroIamPolicyDocument({ bucketName: 'prod-velero-20260115' }),
    );
    expect(plan.serviceAccountAnnotations('arn:aws:iam::123456789012:role/v')).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/v',
    });
    expect(() =>
      plan.trustPolicy({
        oidcProviderArn: irsa.oidcProviderArn,
        oidcProviderUrl: 'other.example/id/X',
      }),
    ).toThrow(/does not match the OIDC provider ARN/);
  });

  test('values resolved later that are not text: an error naming the field, not a TypeError', () => {
    const plan = veleroServiceRolePlan(irsa);
    let thrown: unknown;
    try {
      plan.trustPolicy({ oidcProviderArn: irsa.oidcProviderArn, oidcProviderUrl: 42 as never });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VeleroConfigError);
    expect((thrown as VeleroConfigError).issues).toEqual([
      expect.objectContaining({ path: 'oidcProviderUrl', message: 'must be a string' }),
    ]);
  });

  test('a deferred partition, bucket and provider are not checked; known bad values are', () => {
    const options = { ...irsa, bucketName: TOKEN, partition: TOKEN, oidcProviderUrl: TOKEN };
    expect(checkVeleroServiceRoleOptions(options, deferred)).toEqual([]);
    expect(checkVeleroServiceRoleOptions(options).map((i) => i.path)).toEqual([
      'partition',
      'oidcProviderArn',
      'oidcProviderUrl',
      'bucketName',
    ]);
    const plan = veleroServiceRolePlan(options, deferred);
    expect(plan.permissionsPolicy(TOKEN).Statement[0]?.Resource).toEqual([
      `arn:${TOKEN}:s3:::${TOKEN}/*`,
    ]);
  });
});
