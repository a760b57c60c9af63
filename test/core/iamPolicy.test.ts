import fc from 'fast-check';
import { type IamPolicyDocument, VeleroConfigError, veleroIamPolicyDocument } from 'velero-iac';
import { checkKmsKeyArn } from '../../lib/core/iamPolicy';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function configError(fn: () => unknown): VeleroConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof VeleroConfigError) return error;
    throw error;
  }
  throw new Error('expected a VeleroConfigError, nothing was thrown');
}

const S3_OBJECTS = {
  Sid: 'VeleroBucketObjects',
  Effect: 'Allow',
  Action: [
    's3:GetObject',
    's3:DeleteObject',
    's3:PutObject',
    's3:AbortMultipartUpload',
    's3:ListMultipartUploadParts',
  ],
  Resource: ['arn:aws:s3:::prod-velero-20260115/*'],
};
const S3_LIST = {
  Sid: 'VeleroBucketList',
  Effect: 'Allow',
  Action: ['s3:ListBucket'],
  Resource: ['arn:aws:s3:::prod-velero-20260115'],
};
const EC2 = {
  Sid: 'VeleroEbsSnapshots',
  Effect: 'Allow',
  Action: [
    'ec2:DescribeVolumes',
    'ec2:DescribeSnapshots',
    'ec2:CreateTags',
    'ec2:CreateVolume',
    'ec2:CreateSnapshot',
    'ec2:DeleteSnapshot',
  ],
  Resource: '*',
};

describe('veleroIamPolicyDocument', () => {
  test('defaults: S3 objects and list scoped to the bucket, plus EBS snapshots', () => {
    const expected: IamPolicyDocument = {
      Version: '2012-10-17',
      Statement: [S3_OBJECTS, S3_LIST, EC2] as IamPolicyDocument['Statement'],
    };
    expect(veleroIamPolicyDocument({ bucketName: 'prod-velero-20260115' })).toEqual(expected);
  });

  test('without volume snapshots there is no EC2 statement at all', () => {
    expect(
      veleroIamPolicyDocument({ bucketName: 'prod-velero-20260115', volumeSnapshots: false }),
    ).toEqual({ Version: '2012-10-17', Statement: [S3_OBJECTS, S3_LIST] });
  });

  test('a KMS key adds exactly one statement on exactly that key', () => {
    const doc = veleroIamPolicyDocument({
      bucketName: 'prod-velero-20260115',
      volumeSnapshots: false,
      kmsKeyArn: KEY,
    });
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        S3_OBJECTS,
        S3_LIST,
        {
          Sid: 'VeleroKmsKey',
          Effect: 'Allow',
          Action: [
            'kms:Encrypt',
            'kms:Decrypt',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:DescribeKey',
          ],
          Resource: [KEY],
        },
      ],
    });
  });

  test('object tagging adds only s3:PutObjectTagging to the object statement', () => {
    const doc = veleroIamPolicyDocument({
      bucketName: 'prod-velero-20260115',
      objectTagging: true,
      volumeSnapshots: false,
    });
    expect(doc.Statement[0]?.Action).toEqual([...S3_OBJECTS.Action, 's3:PutObjectTagging']);
    expect(doc.Statement).toHaveLength(2);
  });

  test('uses the partition in every ARN', () => {
    const doc = veleroIamPolicyDocument({
      bucketName: 'b-velero-20260115',
      partition: 'aws-cn',
      volumeSnapshots: false,
      kmsKeyArn: 'arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234567890abcdef1234567890abcdef',
    });
    expect(doc.Statement.map((s) => s.Resource)).toEqual([
      ['arn:aws-cn:s3:::b-velero-20260115/*'],
      ['arn:aws-cn:s3:::b-velero-20260115'],
      ['arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234567890abcdef1234567890abcdef'],
    ]);
  });

  test('never grants anything beyond its own bucket and key, and never bucket-level deletes', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (snapshots, tagging, kms) => {
        const doc = veleroIamPolicyDocument({
          bucketName: 'prod-velero-20260115',
          volumeSnapshots: snapshots,
          objectTagging: tagging,
          ...(kms ? { kmsKeyArn: KEY } : {}),
        });
        const actions = doc.Statement.flatMap((s) =>
          Array.isArray(s.Action) ? s.Action : [s.Action],
        );
        expect(actions).not.toContain('s3:*');
        expect(actions).not.toContain('s3:DeleteBucket');
        expect(actions.filter((a) => a.startsWith('ec2:')).length > 0).toBe(snapshots);
        expect(actions.filter((a) => a.startsWith('kms:')).length > 0).toBe(kms);
        for (const statement of doc.Statement) {
          expect(statement.Effect).toBe('Allow');
          const resources = Array.isArray(statement.Resource)
            ? statement.Resource
            : [statement.Resource];
          if (statement.Sid === 'VeleroEbsSnapshots') continue;
          for (const resource of resources) {
            expect([
              'arn:aws:s3:::prod-velero-20260115',
              'arn:aws:s3:::prod-velero-20260115/*',
              KEY,
            ]).toContain(resource);
          }
        }
        expect(new Set(doc.Statement.map((s) => s.Sid)).size).toBe(doc.Statement.length);
      }),
    );
  });

  test('rejects an alias ARN, naming the key form needed', () => {
    const error = configError(() =>
      veleroIamPolicyDocument({
        bucketName: 'prod-velero-20260115',
        kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/velero',
      }),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'kmsKeyArn',
        message: expect.stringContaining('is an alias ARN'),
      }),
    ]);
  });

  test.each([
    ['alias/velero', 'must be a full key ARN, not a key id or alias name'],
    ['1234abcd-12ab-34cd-56ef-1234567890ab', 'must be a full key ARN, not a key id or alias name'],
    ['arn:aws:s3:::bucket', 'must be a KMS key ARN'],
    [
      'arn:aws:kms:eu-west-1:1234:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'names no valid 12-digit account',
    ],
    [
      'arn:aws:kms:europe:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'names no valid region',
    ],
    ['arn:aws:kms:eu-west-1:123456789012:key/not-a-key', 'must end with "key/<key-id>"'],
    [
      'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'is in partition "aws-cn", not "aws"',
    ],
  ])('rejects the key %j', (arn, message) => {
    const issues = checkKmsKeyArn(arn, 'kmsKeyArn', 'aws');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain(message);
  });

  test('lists every invalid option at once', () => {
    const error = configError(() =>
      veleroIamPolicyDocument({
        bucketName: 'Bad_Bucket',
        partition: 'aws-mars',
        volumeSnapshots: 'yes' as unknown as boolean,
        kmsKeyArn: 'alias/x',
      }),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      'bucketName',
      'partition',
      'volumeSnapshots',
      'kmsKeyArn',
    ]);
  });
});
