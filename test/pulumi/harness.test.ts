import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as time from '@pulumiverse/time';
import { DEFAULT_MOCK_NOW, outputValue, runProgram } from './harness';

const BUCKET = 'aws:s3/bucket:Bucket';

describe('test harness', () => {
  test('runs several programs in one file: each run sees only its own resources', async () => {
    const first = await runProgram(() => new aws.s3.Bucket('one', { bucket: 'one-bucket' }), {
      stack: 'dev',
    });
    const second = await runProgram(() => new aws.s3.Bucket('two', { bucket: 'two-bucket' }), {
      stack: 'prod',
      project: 'p',
    });
    expect(first.resources.map((r) => r.urn)).toEqual([
      'urn:pulumi:dev::project::aws:s3/bucket:Bucket::one',
    ]);
    expect(second.resources.map((r) => r.urn)).toEqual([
      'urn:pulumi:prod::p::aws:s3/bucket:Bucket::two',
    ]);
    expect(await outputValue(second.result!.arn)).toBe('arn:aws:s3:::two-bucket');
  });

  test('serializes concurrent runs', async () => {
    const [a, b] = await Promise.all([
      runProgram(() => new aws.s3.Bucket('a', { bucket: 'a-bucket' })),
      runProgram(() => new aws.s3.Bucket('b', { bucket: 'b-bucket' })),
    ]);
    expect(a.resources.map((r) => r.name)).toEqual(['a']);
    expect(b.resources.map((r) => r.name)).toEqual(['b']);
  });

  test('captures protect, retainOnDelete, parent, provider and dependencies from the requests', async () => {
    const run = await runProgram(() => {
      const provider = new aws.Provider('eu', { region: 'eu-west-1' });
      const parent = new pulumi.ComponentResource(
        'test:index:Parent',
        'parent',
        {},
        { protect: true },
      );
      const bucket = new aws.s3.Bucket(
        'b',
        { bucket: 'b-bucket' },
        { parent, provider, retainOnDelete: true },
      );
      new aws.s3.BucketVersioning(
        'v',
        { bucket: bucket.bucket, versioningConfiguration: { status: 'Enabled' } },
        { dependsOn: [bucket], protect: false },
      );
    });
    const parent = run.one('test:index:Parent');
    const bucket = run.one(BUCKET);
    expect(parent.options.protect).toBe(true);
    expect(bucket.options).toMatchObject({
      protect: true, // inherited from the parent
      retainOnDelete: true,
      parent: parent.urn,
    });
    expect(bucket.urn).toBe('urn:pulumi:stack::project::test:index:Parent$aws:s3/bucket:Bucket::b');
    expect(bucket.options.provider).toMatch(
      /^urn:pulumi:stack::project::pulumi:providers:aws::eu::/,
    );
    const versioning = run.one('aws:s3/bucketVersioning:BucketVersioning');
    expect(versioning.options.protect).toBe(false);
    expect(versioning.options.retainOnDelete).toBeUndefined();
    expect(versioning.options.dependencies).toEqual([bucket.urn]);
    expect(versioning.options.propertyDependencies.bucket).toEqual([bucket.urn]);
    // Companions get the bucket name as id, so they can be matched to it.
    expect(versioning.id).toBe('b-bucket');
  });

  test('a later run keeps the outputs of resources whose inputs did not change', async () => {
    const program = () => {
      new time.Static('kept', {});
      new time.Static('replaced', { triggers: { version: String(stage) } });
    };
    let stage = 1;
    const first = await runProgram(program);
    stage = 2;
    const later = new Date('2028-08-08T08:08:08Z');
    const second = await runProgram(program, { now: later, priorState: first.state });
    expect(first.one('time:index/static:Static', 'kept').outputs.rfc3339).toBe(
      '2026-01-15T10:20:30Z',
    );
    expect(second.one('time:index/static:Static', 'kept').outputs.rfc3339).toBe(
      '2026-01-15T10:20:30Z',
    );
    expect(second.one('time:index/static:Static', 'replaced').outputs.rfc3339).toBe(
      '2028-08-08T08:08:08Z',
    );
    expect(DEFAULT_MOCK_NOW.toISOString()).toBe('2026-01-15T10:20:30.000Z');
  });

  test('passes stack configuration to pulumi.Config', async () => {
    const run = await runProgram(() => new pulumi.Config().get('cluster'), {
      project: 'fleet',
      config: { 'fleet:cluster': 'prod-eu' },
    });
    expect(run.result).toBe('prod-eu');
    const none = await runProgram(() => new pulumi.Config().get('cluster'), { project: 'fleet' });
    expect(none.result).toBeUndefined();
  });

  test('a throwing program rejects the run, or is captured with captureError', async () => {
    const boom = () => {
      new aws.s3.Bucket('before', { bucket: 'before-bucket' });
      throw new Error('boom');
    };
    await expect(runProgram(boom)).rejects.toThrow('boom');
    const run = await runProgram(boom, { captureError: true });
    expect(run.error).toEqual(new Error('boom'));
    expect(run.resources.map((r) => r.name)).toEqual(['before']);
    // The runtime is usable again afterwards.
    const after = await runProgram(() => new aws.s3.Bucket('after', { bucket: 'after-bucket' }));
    expect(after.resources.map((r) => r.name)).toEqual(['after']);
  });

  test('custom outputs and invokes can be mocked per run', async () => {
    const run = await runProgram(
      async () => {
        const identity = await aws.getCallerIdentity();
        const q = new aws.sqs.Queue('q', {});
        return { account: identity.accountId, arn: q.arn };
      },
      {
        outputs: (request, defaults) =>
          request.type === 'aws:sqs/queue:Queue'
            ? { ...defaults, arn: 'arn:aws:sqs:us-east-1:1:q' }
            : undefined,
      },
    );
    expect(run.result?.account).toBe('123456789012');
    expect(await outputValue(run.result!.arn)).toBe('arn:aws:sqs:us-east-1:1:q');
  });
});
