import { VeleroConfigError } from 'velero-iac';
import { VeleroBucket, type VeleroBucketArgs } from 'velero-iac/pulumi';
import { veleroBucketPolicies } from 'velero-iac/pulumi/policies';
import { checkAccessLogTarget } from '../../lib/core/bucket/bucketOptions';
import {
  type CapturedResource,
  outputValue,
  type ProgramRun,
  runPolicies,
  runProgram,
  withInputs,
} from './harness';

const T = {
  component: 'velero-iac:storage:VeleroBucket',
  bucket: 'aws:s3/bucket:Bucket',
  key: 'aws:kms/key:Key',
  static: 'time:index/static:Static',
  versioning: 'aws:s3/bucketVersioning:BucketVersioning',
  encryption:
    'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  publicAccessBlock: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  ownership: 'aws:s3/bucketOwnershipControls:BucketOwnershipControls',
  policy: 'aws:s3/bucketPolicy:BucketPolicy',
  lifecycle: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
  logging: 'aws:s3/bucketLogging:BucketLogging',
  replication: 'aws:s3/bucketReplicationConfig:BucketReplicationConfig',
  notification: 'aws:s3/bucketNotification:BucketNotification',
  objectLock: 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration',
  role: 'aws:iam/role:Role',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  acl: 'aws:s3/bucketAcl:BucketAcl',
} as const;

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DEST_KEY = 'arn:aws:kms:eu-central-1:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab';
const DAY_A = new Date('2026-01-15T10:20:30Z');
const DAY_B = new Date('2027-07-04T08:00:00Z');

function bucketRun(
  args: Partial<VeleroBucketArgs> = {},
  options = {},
): Promise<ProgramRun<VeleroBucket>> {
  return runProgram(() => new VeleroBucket('velero', { cluster: 'prod', ...args }), options);
}

function parsedPolicy(run: ProgramRun<unknown>): { Statement: { Sid: string; Action: unknown }[] } {
  const text = run.one(T.policy).inputs.policy;
  if (typeof text !== 'string') throw new Error('the bucket policy is not a JSON string');
  return JSON.parse(text);
}

async function configErrorOf(args: Partial<VeleroBucketArgs>): Promise<{
  error: VeleroConfigError;
  registered: readonly CapturedResource[];
}> {
  const run = await runProgram(
    () => new VeleroBucket('velero', { cluster: 'prod', ...args } as VeleroBucketArgs),
    { captureError: true },
  );
  if (!(run.error instanceof VeleroConfigError)) {
    throw new Error(`expected a VeleroConfigError, got ${String(run.error)}`);
  }
  return { error: run.error, registered: run.resources };
}

/** Only `Date` is faked: timers stay real so the Pulumi runtime keeps working. */
function setSystemClock(now: Date): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

afterEach(() => {
  jest.useRealTimers();
});

describe('VeleroBucket: deletion protection', () => {
  test('protects and retains the bucket, never force-destroys it', async () => {
    const run = await bucketRun({ date: '2026-01-15' });
    const bucket = run.one(T.bucket);
    expect(bucket.options.protect).toBe(true);
    expect(bucket.options.retainOnDelete).toBe(true);
    expect(bucket.inputs.forceDestroy).toBe(false);
    expect(bucket.inputs.bucket).toBe('prod-velero-20260115');
    const statements = parsedPolicy(run).Statement;
    expect(statements.find((s) => s.Sid === 'DenyBucketDeletion')).toEqual({
      Sid: 'DenyBucketDeletion',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:DeleteBucket',
      Resource: 'arn:aws:s3:::prod-velero-20260115',
    });
  });

  test('protects, retains and rotates a KMS key it creates, and encrypts with it', async () => {
    const run = await bucketRun({ date: '2026-01-15', createKmsKey: true });
    const key = run.one(T.key);
    expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(key.inputs.enableKeyRotation).toBe(true);
    const arn = key.outputs.arn;
    expect(run.one(T.encryption).inputs.rules).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: arn },
        bucketKeyEnabled: true,
      },
    ]);
    expect(await outputValue(run.result!.kmsKeyArn)).toBe(arn);
  });

  test('the only way to turn protection off is dangerouslyDisableDeletionProtection', async () => {
    const run = await bucketRun({
      date: '2026-01-15',
      createKmsKey: true,
      dangerouslyDisableDeletionProtection: true,
      forceDestroy: true,
    });
    for (const type of [T.bucket, T.key]) {
      expect(run.one(type).options).toMatchObject({ protect: false, retainOnDelete: false });
    }
    expect(run.one(T.bucket).inputs.forceDestroy).toBe(true);
    expect(parsedPolicy(run).Statement.map((s) => s.Sid)).toEqual(['DenyInsecureTransport']);
    // The baseline notices exactly what was given up.
    const violations = await runPolicies(veleroBucketPolicies, run.resources);
    expect(violations.map((v) => [v.policy, v.message])).toEqual([
      [
        'velero-s3-bucket-policy',
        'The bucket policy must deny s3:DeleteBucket to every principal (deletion protection).',
      ],
      [
        'velero-s3-bucket-no-force-destroy',
        'forceDestroy must be false: a destroy would delete every backup in the bucket.',
      ],
    ]);
  });

  test('forceDestroy while protected is an error, raised before anything is registered', async () => {
    const { error, registered } = await configErrorOf({ forceDestroy: true });
    expect(registered).toHaveLength(0);
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'forceDestroy',
        message: expect.stringContaining('dangerouslyDisableDeletionProtection'),
      }),
    ]);
  });
});

describe('VeleroBucket: the component', () => {
  test('registers a velero-iac:storage:VeleroBucket with every child parented to it', async () => {
    const run = await bucketRun({ date: '2026-01-15', eventBridgeNotifications: true });
    const component = run.one(T.component, 'velero');
    expect(component.custom).toBe(false);
    const children = run.resources.filter((r) => r !== component);
    expect(children.length).toBeGreaterThanOrEqual(7);
    for (const child of children) expect(child.options.parent).toBe(component.urn);
    expect(run.resources[0]).toBe(component);
  });

  test('outputs the bucket name, ARN, region and no key for AES256', async () => {
    const run = await bucketRun({ date: '2026-01-15', region: 'eu-west-1' });
    const bucket = run.result!;
    expect(await outputValue(bucket.bucketName)).toBe('prod-velero-20260115');
    expect(await outputValue(bucket.bucketArn)).toBe('arn:aws:s3:::prod-velero-20260115');
    expect(await outputValue(bucket.region)).toBe('eu-west-1');
    expect(await outputValue(bucket.kmsKeyArn)).toBeUndefined();
    expect(run.one(T.encryption).inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
    ]);
    expect(run.ofType(T.key)).toHaveLength(0);
  });

  test('passes the region to every regional resource and merges tags', async () => {
    const run = await bucketRun({
      date: '2026-01-15',
      region: 'eu-west-1',
      createKmsKey: true,
      tags: { team: 'platform', 'velero-iac/cluster': 'override' },
      eventBridgeNotifications: true,
    });
    for (const resource of run.resources.filter((r) => r.custom)) {
      expect([resource.type, resource.inputs.region]).toEqual([resource.type, 'eu-west-1']);
    }
    for (const type of [T.bucket, T.key]) {
      expect(run.one(type).inputs.tags).toEqual({
        'velero-iac/cluster': 'override',
        team: 'platform',
      });
    }
    const plain = await bucketRun({ date: '2026-01-15' });
    expect(plain.one(T.bucket).inputs.tags).toEqual({ 'velero-iac/cluster': 'prod' });
    expect(plain.one(T.bucket).inputs).not.toHaveProperty('region');
  });

  test('uses a given KMS key without creating one', async () => {
    const run = await bucketRun({ date: '2026-01-15', kmsKeyArn: KEY });
    expect(run.ofType(T.key)).toHaveLength(0);
    expect(run.one(T.encryption).inputs.rules).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY },
        bucketKeyEnabled: true,
      },
    ]);
    expect(await outputValue(run.result!.kmsKeyArn)).toBe(KEY);
  });

  test('lifecycle: noncurrent versions, delete markers and multipart uploads; days configurable', async () => {
    const run = await bucketRun({
      date: '2026-01-15',
      noncurrentVersionExpirationDays: 14,
      abortIncompleteMultipartUploadDays: 2,
    });
    expect(run.one(T.lifecycle).inputs.rules).toEqual([
      {
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: 14 },
        expiration: { expiredObjectDeleteMarker: true },
      },
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: {},
        abortIncompleteMultipartUpload: { daysAfterInitiation: 2 },
      },
    ]);
    const defaults = await bucketRun({ date: '2026-01-15' });
    const rules = defaults.one(T.lifecycle).inputs.rules as {
      noncurrentVersionExpiration?: { noncurrentDays: number };
      abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
    }[];
    expect(rules[0]?.noncurrentVersionExpiration?.noncurrentDays).toBe(30);
    expect(rules[1]?.abortIncompleteMultipartUpload?.daysAfterInitiation).toBe(7);
  });

  test('the bucket policy denies plain HTTP, and optionally versioning changes', async () => {
    const run = await bucketRun({ date: '2026-01-15', denyVersioningSuspension: true });
    expect(parsedPolicy(run).Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::prod-velero-20260115', 'arn:aws:s3:::prod-velero-20260115/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      expect.objectContaining({ Sid: 'DenyBucketDeletion' }),
      {
        Sid: 'DenyVersioningChanges',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutBucketVersioning',
        Resource: 'arn:aws:s3:::prod-velero-20260115',
      },
    ]);
    // The policy is applied after versioning, which it could otherwise block.
    const versioning = run.one(T.versioning);
    expect(run.one(T.policy).options.dependencies).toContain(versioning.urn);
  });
});

describe('VeleroBucket: documented exceptions of the baseline', () => {
  test('creates no account-level resources and no MFA delete', async () => {
    const run = await bucketRun({
      date: '2026-01-15',
      createKmsKey: true,
      eventBridgeNotifications: true,
    });
    // S3.1 (account-level Block Public Access) and S3.22/S3.23 (CloudTrail data events) are
    // account-wide settings, out of this component's scope.
    expect(run.ofType('aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock')).toHaveLength(0);
    expect(run.ofType('aws:cloudtrail/trail:Trail')).toHaveLength(0);
    // S3.20 (MFA delete) needs the root user's live MFA token: it cannot be automated.
    expect(run.one(T.versioning).inputs.versioningConfiguration).toEqual({ status: 'Enabled' });
    expect(run.one(T.versioning).inputs).not.toHaveProperty('mfa');
  });
});

describe('VeleroBucket: the security baseline, checked by the policies', () => {
  test.each([
    ['AES256', {}],
    ['a created KMS key', { createKmsKey: true }],
    ['a given KMS key', { kmsKeyArn: KEY }],
    [
      'every opt-in',
      {
        createKmsKey: true,
        denyVersioningSuspension: true,
        eventBridgeNotifications: true,
        accessLogging: { targetBucket: 'prod-access-logs' },
        objectLock: { retentionDays: 7, shortestBackupTtl: '240h' },
        replication: {
          destinationBucketArn: 'arn:aws:s3:::prod-velero-dr',
          destinationRegion: 'eu-central-1',
          replicaKmsKeyArn: DEST_KEY,
        },
        region: 'eu-west-1',
      },
    ],
  ] as [string, Partial<VeleroBucketArgs>][])('%s: no violation at all', async (_label, args) => {
    const run = await bucketRun(args);
    expect(await runPolicies(veleroBucketPolicies, run.resources)).toEqual([]);
  });

  /** Each mutation breaks one control; the policies must report exactly that one. */
  const mutations: [
    string,
    Partial<VeleroBucketArgs>,
    string,
    (inputs: Record<string, unknown>) => void,
    string,
    string,
  ][] = [
    [
      'a public access block flag off',
      {},
      T.publicAccessBlock,
      (i) => {
        i.restrictPublicBuckets = false;
      },
      'velero-s3-bucket-public-access-block',
      'Block Public Access: restrictPublicBuckets must be true (Security Hub S3.8).',
    ],
    [
      'ACLs re-enabled',
      {},
      T.ownership,
      (i) => {
        i.rule = { objectOwnership: 'ObjectWriter' };
      },
      'velero-s3-bucket-owner-enforced',
      'Object ownership must be BucketOwnerEnforced (ACLs disabled, Security Hub S3.12), not "ObjectWriter".',
    ],
    [
      'an inline ACL on the bucket',
      {},
      T.bucket,
      (i) => {
        i.acl = 'private';
      },
      'velero-s3-bucket-no-acl',
      'Bucket must not set acl: ACLs stay disabled (BucketOwnerEnforced).',
    ],
    [
      'an unsupported encryption algorithm',
      {},
      T.encryption,
      (i) => {
        i.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse' } }];
      },
      'velero-s3-bucket-encryption',
      'Default encryption must use AES256 or aws:kms, not "aws:kms:dsse".',
    ],
    [
      'KMS without bucket keys',
      { createKmsKey: true },
      T.encryption,
      (i) => {
        const rules = i.rules as { bucketKeyEnabled?: boolean }[];
        delete rules[0]?.bucketKeyEnabled;
      },
      'velero-s3-bucket-encryption',
      'aws:kms encryption must set bucketKeyEnabled: true (S3 bucket keys).',
    ],
    [
      'KMS with an alias',
      { kmsKeyArn: KEY },
      T.encryption,
      (i) => {
        i.rules = [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: 'alias/velero',
            },
            bucketKeyEnabled: true,
          },
        ];
      },
      'velero-s3-bucket-encryption',
      'aws:kms encryption must name the full ARN of a KMS key (arn:<partition>:kms:<region>:<account>:key/<id>), not "alias/velero".',
    ],
    [
      'versioning suspended',
      {},
      T.versioning,
      (i) => {
        i.versioningConfiguration = { status: 'Suspended' };
      },
      'velero-s3-bucket-versioning',
      'Versioning must be Enabled, not "Suspended".',
    ],
    [
      'no noncurrent-version expiration',
      {},
      T.lifecycle,
      (i) => {
        const rules = i.rules as Record<string, unknown>[];
        delete rules[0]?.noncurrentVersionExpiration;
      },
      'velero-s3-bucket-lifecycle',
      'No enabled lifecycle rule expires noncurrent versions: with versioning on, every deleted backup would be kept forever.',
    ],
    [
      'no delete-marker cleanup',
      {},
      T.lifecycle,
      (i) => {
        const rules = i.rules as Record<string, unknown>[];
        delete rules[0]?.expiration;
      },
      'velero-s3-bucket-lifecycle',
      'No enabled lifecycle rule removes expired object delete markers.',
    ],
    [
      'the multipart rule disabled',
      {},
      T.lifecycle,
      (i) => {
        const rules = i.rules as Record<string, unknown>[];
        if (rules[1] !== undefined) rules[1].status = 'Disabled';
      },
      'velero-s3-bucket-lifecycle',
      'No enabled lifecycle rule aborts incomplete multipart uploads.',
    ],
    [
      'current objects expired',
      {},
      T.lifecycle,
      (i) => {
        const rules = i.rules as Record<string, unknown>[];
        rules.push({ id: 'expire-all', status: 'Enabled', filter: {}, expiration: { days: 90 } });
      },
      'velero-s3-bucket-lifecycle',
      'Lifecycle rule "expire-all" expires current objects: Velero\'s backup TTL decides when a backup goes; expire only noncurrent versions.',
    ],
    [
      'current objects sent to Glacier',
      {},
      T.lifecycle,
      (i) => {
        const rules = i.rules as Record<string, unknown>[];
        rules.push({
          id: 'glacier',
          status: 'Enabled',
          filter: {},
          transitions: [{ days: 30, storageClass: 'GLACIER' }],
        });
      },
      'velero-s3-bucket-lifecycle',
      'Lifecycle rule "glacier" transitions current objects: Velero must be able to read every backup at once.',
    ],
    [
      'plain HTTP allowed',
      {},
      T.policy,
      (i) => {
        const doc = JSON.parse(String(i.policy)) as { Statement: { Sid: string }[] };
        doc.Statement = doc.Statement.filter((s) => s.Sid !== 'DenyInsecureTransport');
        i.policy = JSON.stringify(doc);
      },
      'velero-s3-bucket-policy',
      'The bucket policy must deny every request without TLS: Deny s3:* to "*" on the bucket and its objects when aws:SecureTransport is false (Security Hub S3.5).',
    ],
    [
      'the TLS deny on objects only',
      {},
      T.policy,
      (i) => {
        const doc = JSON.parse(String(i.policy)) as {
          Statement: { Sid: string; Resource: unknown }[];
        };
        for (const s of doc.Statement) {
          if (s.Sid === 'DenyInsecureTransport')
            s.Resource = ['arn:aws:s3:::prod-velero-20260115/*'];
        }
        i.policy = JSON.stringify(doc);
      },
      'velero-s3-bucket-policy',
      'The bucket policy must deny every request without TLS: Deny s3:* to "*" on the bucket and its objects when aws:SecureTransport is false (Security Hub S3.5).',
    ],
    [
      'bucket deletion allowed',
      {},
      T.policy,
      (i) => {
        const doc = JSON.parse(String(i.policy)) as { Statement: { Sid: string }[] };
        doc.Statement = doc.Statement.filter((s) => s.Sid !== 'DenyBucketDeletion');
        i.policy = JSON.stringify(doc);
      },
      'velero-s3-bucket-policy',
      'The bucket policy must deny s3:DeleteBucket to every principal (deletion protection).',
    ],
    [
      'forceDestroy switched on',
      {},
      T.bucket,
      (i) => {
        i.forceDestroy = true;
      },
      'velero-s3-bucket-no-force-destroy',
      'forceDestroy must be false: a destroy would delete every backup in the bucket.',
    ],
  ];

  test.each(mutations)(
    '%s: exactly one violation',
    async (_label, args, type, mutate, policy, message) => {
      const run = await bucketRun({ date: '2026-01-15', ...args });
      const target = run.one(type);
      const resources = run.resources.map((r) => (r === target ? withInputs(r, mutate) : r));
      const violations = await runPolicies(veleroBucketPolicies, resources);
      expect(violations.map((v) => [v.policy, v.message, v.urn])).toEqual([
        [policy, message, target.urn],
      ]);
    },
  );

  test('an added BucketAcl is a violation', async () => {
    const run = await bucketRun({ date: '2026-01-15' });
    const bucket = run.one(T.bucket);
    const acl: CapturedResource = {
      ...bucket,
      type: T.acl,
      name: 'velero-acl',
      urn: bucket.urn.replace(T.bucket, T.acl).replace(/::velero$/, '::velero-acl'),
      inputs: { bucket: 'prod-velero-20260115', acl: 'private' },
      outputs: { bucket: 'prod-velero-20260115', acl: 'private' },
    };
    const violations = await runPolicies(veleroBucketPolicies, [...run.resources, acl]);
    expect(violations.map((v) => [v.policy, v.urn])).toEqual([
      ['velero-s3-bucket-no-acl', acl.urn],
    ]);
  });

  test.each([T.versioning, T.encryption, T.publicAccessBlock, T.ownership, T.policy, T.lifecycle])(
    'a bucket without its %s is reported by the stack policy',
    async (type) => {
      const run = await bucketRun({ date: '2026-01-15' });
      const label = type.split(':').pop();
      const violations = await runPolicies(
        veleroBucketPolicies,
        run.resources.filter((r) => r.type !== type),
      );
      expect(violations.map((v) => [v.policy, v.message, v.urn])).toEqual([
        ['velero-s3-bucket-companions', `Bucket "velero" has no ${label}.`, run.one(T.bucket).urn],
      ]);
    },
  );
});

describe('VeleroBucket: the name', () => {
  test('is fixed at first creation and stays the same on later runs with other clocks', async () => {
    const program = () => new VeleroBucket('velero', { cluster: 'prod' });
    // The system clock is far from both mock-provider clocks: the program must not read it.
    setSystemClock(new Date('2030-03-03T03:03:03Z'));
    expect(new Date().toISOString()).toBe('2030-03-03T03:03:03.000Z');
    const first = await runProgram(program, { now: DAY_A });
    const second = await runProgram(program, { now: DAY_B, priorState: first.state });
    jest.useRealTimers();

    expect(first.one(T.bucket).inputs.bucket).toBe('prod-velero-20260115');
    expect(second.one(T.bucket).inputs.bucket).toBe('prod-velero-20260115');
    const createdAt = first.one(T.static);
    expect(createdAt.options.parent).toBe(first.one(T.component).urn);
    expect(createdAt.inputs).toEqual({});
    expect(second.one(T.static).outputs.rfc3339).toBe('2026-01-15T10:20:30Z');
    expect(first.one(T.bucket).options.dependencies).toContain(createdAt.urn);

    // Control: a new stack on day B does get day B, so the assertion above can fail.
    const fresh = await runProgram(program, { now: DAY_B });
    expect(fresh.one(T.bucket).inputs.bucket).toBe('prod-velero-20270704');
  });

  test('an explicit date (string or Date) is used as is, without a time.Static', async () => {
    const fromString = await bucketRun({ date: '2025-12-31' }, { now: DAY_B });
    expect(fromString.one(T.bucket).inputs.bucket).toBe('prod-velero-20251231');
    expect(fromString.ofType(T.static)).toHaveLength(0);
    const fromDate = await bucketRun({ date: new Date('2024-02-29T23:00:00Z') }, { now: DAY_B });
    expect(fromDate.one(T.bucket).inputs.bucket).toBe('prod-velero-20240229');
  });

  test.each([
    [
      'an uppercase cluster',
      { cluster: 'Prod' },
      'cluster',
      'suggested valid cluster name: "prod"',
    ],
    ['an underscore', { cluster: 'prod_eu' }, 'cluster', 'suggested valid cluster name: "prod-eu"'],
    ['an empty cluster', { cluster: '' }, 'cluster', 'must not be empty'],
    ['a cluster that is too long', { cluster: 'c'.repeat(48) }, 'cluster', 'at most 47'],
    ['"--"', { cluster: 'prod--eu' }, 'cluster', 'must not contain "--"'],
    ['a bad date', { date: '2026-02-30' }, 'date', 'is not a real calendar date'],
    ['a badly written date', { date: '15.01.2026' }, 'date', 'YYYY-MM-DD'],
  ] as [string, Partial<VeleroBucketArgs>, string, string][])(
    '%s throws a VeleroConfigError before any resource is registered',
    async (_label, args, path, text) => {
      const { error, registered } = await configErrorOf(args);
      expect(registered).toHaveLength(0);
      expect(error.issues.map((i) => i.path)).toContain(path);
      expect(`${error.message}`).toContain(text);
    },
  );

  test('lists every bad argument at once', async () => {
    const { error, registered } = await configErrorOf({
      cluster: 'Prod',
      date: '2026-13-01',
      noncurrentVersionExpirationDays: 0,
      kmsKeyArn: 'alias/velero',
      region: 'Europe',
    });
    expect(registered).toHaveLength(0);
    expect(error.issues.map((i) => i.path)).toEqual([
      'cluster',
      'date',
      'region',
      'noncurrentVersionExpirationDays',
      'kmsKeyArn',
    ]);
    expect(error.subject).toBe('VeleroBucket "velero" (suggested valid cluster name: "prod")');
  });

  test('kmsKeyArn and createKmsKey together are an error', async () => {
    const { error, registered } = await configErrorOf({ kmsKeyArn: KEY, createKmsKey: true });
    expect(registered).toHaveLength(0);
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'kmsKeyArn',
        message: expect.stringContaining('createKmsKey'),
      }),
    ]);
  });
});

describe('VeleroBucket: opt-ins', () => {
  test('none of them is on by default', async () => {
    const run = await bucketRun({ date: '2026-01-15' });
    for (const type of [T.logging, T.replication, T.notification, T.objectLock, T.role, T.key]) {
      expect(run.ofType(type)).toHaveLength(0);
    }
    expect(run.one(T.bucket).inputs).not.toHaveProperty('objectLockEnabled');
  });

  test('access logging to another bucket, with a default prefix', async () => {
    const run = await bucketRun({
      date: '2026-01-15',
      accessLogging: { targetBucket: 'prod-access-logs' },
    });
    expect(run.one(T.logging).inputs).toEqual({
      bucket: 'prod-velero-20260115',
      targetBucket: 'prod-access-logs',
      targetPrefix: 'prod/',
    });
    const custom = await bucketRun({
      date: '2026-01-15',
      accessLogging: { targetBucket: 'logs', targetPrefix: 's3/velero/' },
    });
    expect(custom.one(T.logging).inputs.targetPrefix).toBe('s3/velero/');
  });

  test('access logging into the bucket itself is refused', async () => {
    const own = await configErrorOf({
      date: '2026-01-15',
      accessLogging: { targetBucket: 'prod-velero-20260115' },
    });
    expect(own.registered).toHaveLength(0);
    expect(own.error.issues).toEqual([
      expect.objectContaining({
        path: 'accessLogging.targetBucket',
        message: expect.stringContaining('must be another bucket'),
      }),
    ]);
    // Without an explicit date, any bucket of this cluster's naming scheme is refused.
    const sameScheme = await configErrorOf({
      accessLogging: { targetBucket: 'prod-velero-20250101' },
    });
    expect(sameScheme.error.issues[0]?.message).toContain(
      'must not be a Velero bucket of this cluster',
    );
    // The check applied once outputs resolve.
    expect(checkAccessLogTarget('a-velero-20260101', 'a-velero-20260101')).toHaveLength(1);
    expect(checkAccessLogTarget('logs', 'a-velero-20260101')).toEqual([]);
  });

  test('EventBridge notifications', async () => {
    const run = await bucketRun({ date: '2026-01-15', eventBridgeNotifications: true });
    expect(run.one(T.notification).inputs).toEqual({
      bucket: 'prod-velero-20260115',
      eventbridge: true,
    });
  });

  test('Object Lock: enabled on the bucket with a governance default retention', async () => {
    const run = await bucketRun({
      date: '2026-01-15',
      objectLock: { retentionDays: 7, shortestBackupTtl: '240h0m0s' },
    });
    expect(run.one(T.bucket).inputs.objectLockEnabled).toBe(true);
    const lock = run.one(T.objectLock);
    expect(lock.inputs).toEqual({
      bucket: 'prod-velero-20260115',
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: 'GOVERNANCE', days: 7 } },
    });
    expect(lock.options.dependencies).toContain(run.one(T.versioning).urn);
  });

  test('Object Lock: a retention not shorter than the shortest TTL is refused', async () => {
    const { error, registered } = await configErrorOf({
      objectLock: { retentionDays: 10, shortestBackupTtl: '240h' },
    });
    expect(registered).toHaveLength(0);
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'objectLock.retentionDays',
        message: expect.stringContaining('must be shorter than the shortest backup TTL'),
        allowed: '1-9 days',
      }),
    ]);
  });

  test('Object Lock: COMPLIANCE only with allowComplianceMode', async () => {
    const refused = await configErrorOf({
      objectLock: { retentionDays: 3, shortestBackupTtl: '240h', mode: 'COMPLIANCE' },
    });
    expect(refused.error.issues[0]).toMatchObject({ path: 'objectLock.mode' });
    const run = await bucketRun({
      date: '2026-01-15',
      objectLock: {
        retentionDays: 3,
        shortestBackupTtl: '240h',
        mode: 'COMPLIANCE',
        allowComplianceMode: true,
      },
    });
    expect(run.one(T.objectLock).inputs.rule).toEqual({
      defaultRetention: { mode: 'COMPLIANCE', days: 3 },
    });
  });

  test('replication: creates the role S3 assumes, scoped to both buckets, after versioning', async () => {
    const run = await bucketRun({
      date: '2026-01-15',
      region: 'eu-west-1',
      replication: {
        destinationBucketArn: 'arn:aws:s3:::prod-velero-dr',
        destinationRegion: 'eu-central-1',
      },
    });
    const role = run.one(T.role);
    expect(JSON.parse(String(role.inputs.assumeRolePolicy))).toEqual({
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
    const policy = JSON.parse(String(run.one(T.rolePolicy).inputs.policy)) as {
      Statement: { Sid: string; Resource: string[] }[];
    };
    expect(policy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ['ReadSourceConfiguration', ['arn:aws:s3:::prod-velero-20260115']],
      ['ReadSourceVersions', ['arn:aws:s3:::prod-velero-20260115/*']],
      ['WriteReplicas', ['arn:aws:s3:::prod-velero-dr/*']],
    ]);
    const config = run.one(T.replication);
    expect(config.inputs).toEqual({
      bucket: 'prod-velero-20260115',
      role: role.outputs.arn,
      region: 'eu-west-1',
      rules: [
        {
          id: 'velero-disaster-recovery',
          status: 'Enabled',
          filter: {},
          deleteMarkerReplication: { status: 'Enabled' },
          destination: { bucket: 'arn:aws:s3:::prod-velero-dr' },
        },
      ],
    });
    expect(config.options.dependencies).toContain(run.one(T.versioning).urn);
  });

  test('replication with KMS: needs a replica key, then replicates KMS-encrypted objects with it', async () => {
    const missing = await configErrorOf({
      createKmsKey: true,
      replication: {
        destinationBucketArn: 'arn:aws:s3:::dr-bucket',
        destinationRegion: 'eu-central-1',
      },
    });
    expect(missing.registered).toHaveLength(0);
    expect(missing.error.issues.map((i) => i.path)).toEqual(['replication.replicaKmsKeyArn']);

    const run = await bucketRun({
      date: '2026-01-15',
      kmsKeyArn: KEY,
      replication: {
        destinationBucketArn: 'arn:aws:s3:::dr-bucket',
        destinationRegion: 'eu-central-1',
        replicaKmsKeyArn: DEST_KEY,
        roleArn: 'arn:aws:iam::123456789012:role/replication',
        replicateDeleteMarkers: false,
      },
    });
    expect(run.ofType(T.role)).toHaveLength(0);
    expect(run.one(T.replication).inputs.rules).toEqual([
      {
        id: 'velero-disaster-recovery',
        status: 'Enabled',
        filter: {},
        deleteMarkerReplication: { status: 'Disabled' },
        destination: {
          bucket: 'arn:aws:s3:::dr-bucket',
          encryptionConfiguration: { replicaKmsKeyId: DEST_KEY },
        },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
      },
    ]);
    expect(run.one(T.replication).inputs.role).toBe('arn:aws:iam::123456789012:role/replication');
  });

  test('replication: a created role may use both keys, and nothing else', async () => {
    const run = await bucketRun({
      date: '2026-01-15',
      createKmsKey: true,
      replication: {
        destinationBucketArn: 'arn:aws:s3:::dr-bucket',
        destinationRegion: 'eu-central-1',
        replicaKmsKeyArn: DEST_KEY,
      },
    });
    const policy = JSON.parse(String(run.one(T.rolePolicy).inputs.policy)) as {
      Statement: { Sid: string; Action: string[]; Resource: string[] }[];
    };
    expect(policy.Statement.slice(3)).toEqual([
      {
        Sid: 'DecryptSource',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [run.one(T.key).outputs.arn],
      },
      { Sid: 'EncryptReplicas', Effect: 'Allow', Action: ['kms:Encrypt'], Resource: [DEST_KEY] },
    ]);
  });

  test.each([
    [
      'a destination in the same region',
      {
        region: 'eu-west-1',
        replication: {
          destinationBucketArn: 'arn:aws:s3:::dr-bucket',
          destinationRegion: 'eu-west-1',
        },
      },
      'replication.destinationRegion',
    ],
    [
      'a destination that is not a bucket ARN',
      { replication: { destinationBucketArn: 'dr-bucket', destinationRegion: 'eu-central-1' } },
      'replication.destinationBucketArn',
    ],
    [
      'a replica key in another region',
      {
        kmsKeyArn: KEY,
        replication: {
          destinationBucketArn: 'arn:aws:s3:::dr-bucket',
          destinationRegion: 'eu-central-1',
          replicaKmsKeyArn: KEY,
        },
      },
      'replication.replicaKmsKeyArn',
    ],
    [
      'a role that is not a role ARN',
      {
        replication: {
          destinationBucketArn: 'arn:aws:s3:::dr-bucket',
          destinationRegion: 'eu-central-1',
          roleArn: 'replication',
        },
      },
      'replication.roleArn',
    ],
  ] as [string, Partial<VeleroBucketArgs>, string][])(
    'replication: %s is refused',
    async (_label, args, path) => {
      const { error, registered } = await configErrorOf(args);
      expect(registered).toHaveLength(0);
      expect(error.issues.map((i) => i.path)).toEqual([path]);
    },
  );
});
