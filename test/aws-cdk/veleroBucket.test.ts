import { Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import fc from 'fast-check';
import { VeleroConfigError } from 'velero-iac';
import { VeleroBucket, type VeleroBucketProps } from 'velero-iac/aws-cdk';
import { checkVeleroBucketOptions } from '../../lib/core/bucket/bucketOptions';
import { badName } from '../core/arbitraries';
import { newStack, onlyResource, resourcesOf, TEST_ENV, templateOf } from './cdkTestKit';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DEST_KEY = 'arn:aws:kms:eu-central-1:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab';
const NAME = 'prod-velero-20260115';
const ARN = { 'Fn::GetAtt': [Match.stringLikeRegexp('^BucketsBucket'), 'Arn'] };

function synth(props: Partial<VeleroBucketProps> = {}) {
  const { stack } = newStack();
  const bucket = new VeleroBucket(stack, 'Buckets', {
    cluster: 'prod',
    date: '2026-01-15',
    ...props,
  });
  return { stack, bucket, template: templateOf(stack) };
}

describe('VeleroBucket (AWS CDK): deletion protection', () => {
  test('the bucket is retained on delete and on replacement, and never auto-emptied', () => {
    const { template } = synth();
    const { resource } = onlyResource(template, 'AWS::S3::Bucket');
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
    expect(resource.Properties?.BucketName).toBe(NAME);
    // No autoDeleteObjects: no custom resource, no Lambda.
    expect(Object.values(resourcesOf(template)).map((r) => r.Type)).toEqual([
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
    ]);
  });

  test('the bucket policy is exactly the core document: deny non-TLS and deny DeleteBucket', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [ARN, { 'Fn::Join': ['', [ARN, '/*']] }],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'DenyBucketDeletion',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:DeleteBucket',
            Resource: ARN,
          },
        ],
      },
    });
  });

  test('denyVersioningSuspension adds the PutBucketVersioning deny', () => {
    const { template } = synth({ denyVersioningSuspension: true });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'DenyVersioningChanges',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutBucketVersioning',
            Resource: ARN,
          },
        ]),
      },
    });
  });

  test('a created KMS key is retained too, rotates, and encrypts with bucket keys', () => {
    const { template, bucket } = synth({ createKmsKey: true });
    const key = onlyResource(template, 'AWS::KMS::Key');
    expect(key.resource.DeletionPolicy).toBe('Retain');
    expect(key.resource.UpdateReplacePolicy).toBe('Retain');
    expect(key.resource.Properties).toMatchObject({
      Description: `Encrypts the Velero backups in ${NAME}`,
      EnableKeyRotation: true,
      PendingWindowInDays: 30,
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [key.id, 'Arn'] },
            },
          },
        ],
      },
    });
    expect(bucket.encryptionKey).toBeDefined();
  });

  test('the only way to turn protection off is dangerouslyDisableDeletionProtection', () => {
    const { template } = synth({ dangerouslyDisableDeletionProtection: true });
    const { resource } = onlyResource(template, 'AWS::S3::Bucket');
    expect(resource.DeletionPolicy).toBe('Delete');
    const policy = onlyResource(template, 'AWS::S3::BucketPolicy').resource;
    const document = policy.Properties?.PolicyDocument as { Statement: { Sid: string }[] };
    expect(document.Statement.map((s) => s.Sid)).toEqual(['DenyInsecureTransport']);
  });

  test('forceDestroy while protected fails before anything joins the tree', () => {
    const { stack } = newStack();
    expect(
      () =>
        new VeleroBucket(stack, 'Buckets', {
          cluster: 'prod',
          date: '20260115',
          forceDestroy: true,
        }),
    ).toThrow(VeleroConfigError);
    expect(stack.node.tryFindChild('Buckets')).toBeUndefined();
  });

  test('forceDestroy without protection empties the bucket on delete (autoDeleteObjects)', () => {
    const { template } = synth({ dangerouslyDisableDeletionProtection: true, forceDestroy: true });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
  });
});

describe('VeleroBucket (AWS CDK): the security baseline', () => {
  test('versioning, lifecycle, SSE-S3, all four public-access blocks, BucketOwnerEnforced', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'expire-noncurrent-versions',
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            ExpiredObjectDeleteMarker: true,
          },
          {
            Id: 'abort-incomplete-multipart-uploads',
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      Tags: [{ Key: 'velero-iac/cluster', Value: 'prod' }],
    });
    const props = onlyResource(template, 'AWS::S3::Bucket').resource.Properties ?? {};
    // No rule expires or transitions current objects (Velero's TTL owns them).
    const rules = (props.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    for (const rule of rules) {
      expect(Object.keys(rule)).not.toEqual(
        expect.arrayContaining(['ExpirationInDays', 'Transitions', 'ExpirationDate']),
      );
    }
    for (const absent of ['AccessControl', 'ObjectLockEnabled', 'LoggingConfiguration']) {
      expect(props).not.toHaveProperty(absent);
    }
  });

  test('lifecycle days are configurable; a given key is used without creating one', () => {
    const { stack } = newStack();
    new VeleroBucket(stack, 'Buckets', {
      cluster: 'prod',
      date: '2026-01-15',
      noncurrentVersionExpirationDays: 90,
      abortIncompleteMultipartUploadDays: 2,
      kmsKey: kms.Key.fromKeyArn(stack, 'Key', KEY),
    });
    const template = templateOf(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } }),
        ],
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY },
          },
        ],
      },
    });
  });

  test('tags are merged over the cluster tag, on the bucket and the key', () => {
    const { template } = synth({ createKmsKey: true, tags: { team: 'platform' } });
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key']) {
      template.hasResourceProperties(type, {
        Tags: Match.arrayWith([
          { Key: 'team', Value: 'platform' },
          { Key: 'velero-iac/cluster', Value: 'prod' },
        ]),
      });
    }
  });
});

describe('VeleroBucket (AWS CDK): opt-ins', () => {
  test('access logging to another bucket, with the default prefix', () => {
    const { template } = synth({ accessLogging: { targetBucket: 'prod-access-logs' } });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: 'prod-access-logs', LogFilePrefix: 'prod/' },
    });
  });

  test('access logging into the bucket itself is refused', () => {
    const { stack } = newStack();
    expect(
      () =>
        new VeleroBucket(stack, 'Buckets', {
          cluster: 'prod',
          date: '2026-01-15',
          accessLogging: { targetBucket: NAME },
        }),
    ).toThrow(/accessLogging.targetBucket: must be another bucket/);
  });

  test('EventBridge notifications natively (no notifications Lambda)', () => {
    const { template } = synth({ eventBridgeNotifications: true });
    template.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('Object Lock in governance mode, shorter than the shortest TTL', () => {
    const { template } = synth({
      objectLock: { retentionDays: 7, shortestBackupTtl: '240h0m0s' },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 7 } },
      },
    });
  });

  test('replication with KMS: a role scoped to both buckets and keys, replicating KMS objects', () => {
    const { stack } = newStack();
    new VeleroBucket(stack, 'Buckets', {
      cluster: 'prod',
      date: '2026-01-15',
      kmsKey: kms.Key.fromKeyArn(stack, 'Key', KEY),
      replication: {
        destinationBucketArn: 'arn:aws:s3:::prod-velero-dr',
        destinationRegion: 'eu-central-1',
        replicaKmsKeyArn: DEST_KEY,
        storageClass: 'STANDARD_IA',
      },
    });
    const template = templateOf(stack);
    const role = onlyResource(template, 'AWS::IAM::Role');
    template.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [role.id, 'Arn'] },
        Rules: [
          {
            Id: 'velero-disaster-recovery',
            Status: 'Enabled',
            Priority: 0,
            Filter: { Prefix: '' },
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: {
              Bucket: 'arn:aws:s3:::prod-velero-dr',
              StorageClass: 'STANDARD_IA',
              EncryptionConfiguration: { ReplicaKmsKeyID: DEST_KEY },
            },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
          },
        ],
      },
    });
    expect(role.resource.Properties?.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'S3Replication',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    const policies = role.resource.Properties?.Policies as {
      PolicyDocument: { Statement: { Sid: string }[] };
    }[];
    expect(policies[0]?.PolicyDocument.Statement.map((s) => s.Sid)).toEqual([
      'ReadSourceConfiguration',
      'ReadSourceVersions',
      'WriteReplicas',
      'DecryptSource',
      'EncryptReplicas',
    ]);
  });

  test('replication needs a replica key when the bucket uses KMS (same issue as Pulumi)', () => {
    const { stack } = newStack();
    let error: unknown;
    try {
      new VeleroBucket(stack, 'Buckets', {
        cluster: 'prod',
        date: '2026-01-15',
        createKmsKey: true,
        replication: {
          destinationBucketArn: 'arn:aws:s3:::prod-velero-dr',
          destinationRegion: 'eu-west-1',
        },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VeleroConfigError);
    expect((error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
      'replication.destinationRegion',
      'replication.replicaKmsKeyArn',
    ]);
  });
});

test('property: the construct refuses exactly what the core refuses, with the same issues', () => {
  fc.assert(
    fc.property(
      fc.oneof(badName, fc.constantFrom('prod', 'eu-1')),
      fc.integer({ min: -1, max: 40 }),
      fc.constantFrom('72h', '240h0m0s', '24h', 'ten days'),
      fc.boolean(),
      (cluster, retentionDays, shortestBackupTtl, forceDestroy) => {
        const props = {
          cluster,
          date: '2026-01-15',
          forceDestroy,
          objectLock: { retentionDays, shortestBackupTtl },
        };
        const expected = checkVeleroBucketOptions({ ...props, region: TEST_ENV.region });
        const { stack } = newStack();
        let thrown: unknown;
        try {
          new VeleroBucket(stack, 'Buckets', props);
        } catch (error) {
          thrown = error;
        }
        if (expected.length === 0) return thrown === undefined;
        return (
          thrown instanceof VeleroConfigError &&
          JSON.stringify(thrown.issues) === JSON.stringify(expected) &&
          stack.node.tryFindChild('Buckets') === undefined
        );
      },
    ),
    { numRuns: 60 },
  );
});
