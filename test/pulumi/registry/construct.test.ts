/**
 * `construct` of the package's component provider, as the engine calls it for a program in
 * another language: the inputs are plain JSON (no `Date`, no class instances), the component is
 * built under Pulumi mocks, and the state returned is what the program's SDK reads. Bad inputs
 * come back as an `InputPropertiesError` carrying the `VeleroConfigError` message (the engine
 * prints it per property), never as a `TypeError` or a stack trace.
 */
import * as pulumi from '@pulumi/pulumi';
import * as fc from 'fast-check';
import { registryProvider } from '../../../scripts/registryProvider';
import { type CapturedResource, outputValue, runProgram } from '../harness';

const provider = registryProvider();

beforeAll(async () => {
  // `construct` reads the component definitions from the schema, as the host does.
  await provider.getSchema();
}, 120_000);

const PLATFORM = 'velero-iac:index:VeleroBackupPlatform';

/** Inputs as Python, Go, C# or YAML send them: JSON values only. */
const PLATFORM_INPUTS = {
  cluster: 'prod-eu',
  date: '2026-01-15',
  region: 'eu-west-1',
  trust: 'irsa',
  oidcProviderArn:
    'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
  oidcProviderUrl: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
  bucket: { noncurrentVersionExpirationDays: 30, tags: { team: 'platform' } },
  extraSchedules: [
    {
      name: 'apps-hourly',
      schedule: '0 * * * *',
      template: { includedNamespaces: ['apps'], ttl: '72h0m0s' },
    },
  ],
  veleroVersion: '1.17',
  alerts: {
    labels: { release: 'kube-prometheus-stack' },
    runbookUrl: 'https://runbooks.example.com/velero',
  },
};

/** Constructs a component through the provider and resolves the state it returns. */
async function construct(type: string, inputs: Record<string, unknown>) {
  return runProgram(
    async () => {
      const result = await provider.construct('platform', type, inputs as pulumi.Inputs, {});
      const state: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(result.state)) {
        state[key] = pulumi.Output.isInstance(value) ? await outputValue(value) : value;
      }
      return { urn: await outputValue(pulumi.output(result.urn)), state };
    },
    { captureError: true },
  );
}

/** The Velero objects (custom resources of `velero.io/v1`) a run registered, in order. */
function veleroObjects(run: { resources: readonly CapturedResource[] }): CapturedResource[] {
  return run.resources.filter((r) => r.type.startsWith('kubernetes:velero.io/v1:'));
}

describe('construct VeleroBackupPlatform from plain JSON', () => {
  test('registers the component, the protected bucket, the role and the Velero objects', async () => {
    const run = await construct(PLATFORM, PLATFORM_INPUTS);
    expect(run.error).toBeUndefined();
    expect(run.result?.urn).toMatch(/::velero-iac:index:VeleroBackupPlatform::platform$/);
    const component = run.one(PLATFORM);
    expect(component.custom).toBe(false);
    const typed = run.one('velero-iac:platform:VeleroBackupPlatform');
    expect(typed.options.parent).toBe(component.urn);

    const bucket = run.one('aws:s3/bucket:Bucket');
    expect(bucket.options.protect).toBe(true);
    expect(bucket.options.retainOnDelete).toBe(true);
    expect(bucket.inputs.bucket).toBe('prod-eu-velero-20260115');
    expect(bucket.inputs.tags).toMatchObject({ team: 'platform', 'velero-iac/cluster': 'prod-eu' });

    const role = run.one('aws:iam/role:Role');
    expect(JSON.stringify(role.inputs.assumeRolePolicy)).toContain(
      'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub',
    );

    const objects = veleroObjects(run).map(
      (r) => `${r.type.split(':').pop()}/${(r.inputs.metadata as { name: string }).name}`,
    );
    expect(objects.sort()).toEqual([
      'BackupStorageLocation/default',
      'Schedule/apps-hourly',
      'Schedule/velero-velero-udsbackup',
      'VolumeSnapshotLocation/default',
    ]);
    expect(run.ofType('kubernetes:batch/v1:CronJob')).toHaveLength(1);
  });

  test('returns the declared outputs as state', async () => {
    const run = await construct(PLATFORM, PLATFORM_INPUTS);
    const state = run.result?.state ?? {};
    expect(Object.keys(state).sort()).toEqual([
      'backupStorageLocationName',
      'bucketArn',
      'bucketName',
      'drillNames',
      'helmValues',
      'namespace',
      'roleArn',
      'scheduleNames',
      'volumeSnapshotLocationName',
    ]);
    expect(state).toMatchObject({
      bucketName: 'prod-eu-velero-20260115',
      bucketArn: 'arn:aws:s3:::prod-eu-velero-20260115',
      namespace: 'velero',
      backupStorageLocationName: 'default',
      volumeSnapshotLocationName: 'default',
      scheduleNames: ['velero-velero-udsbackup', 'apps-hourly'],
    });
    expect(state.roleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect((state.drillNames as string[]).length).toBe(1);
    const values = state.helmValues as {
      serviceAccount: { server: { annotations: Record<string, string> } };
    };
    expect(values.serviceAccount.server.annotations['eks.amazonaws.com/role-arn']).toBe(
      state.roleArn,
    );
    // The alerts reach the chart's values: its ServiceMonitor and PrometheusRule, with the labels.
    expect(JSON.stringify((state.helmValues as { metrics?: unknown }).metrics)).toContain(
      'kube-prometheus-stack',
    );
  });

  test('the fields of its own stand for TypeScript unions: no snapshot location, no default schedule', async () => {
    const run = await construct(PLATFORM, {
      ...PLATFORM_INPUTS,
      createVolumeSnapshotLocation: false,
      createDefaultSchedule: false,
      drills: [{ schedule: 'apps-hourly' }],
    });
    expect(run.error).toBeUndefined();
    const kinds = veleroObjects(run).map((r) => r.type.split(':').pop());
    expect(kinds.sort()).toEqual(['BackupStorageLocation', 'Schedule']);
    expect(run.result?.state).toMatchObject({
      volumeSnapshotLocationName: undefined,
      scheduleNames: ['apps-hourly'],
    });
  });
});

describe('construct: every other component from plain JSON', () => {
  test('VeleroSchedule registers one Schedule and returns its name and namespace', async () => {
    const run = await construct('velero-iac:index:VeleroSchedule', {
      name: 'daily',
      schedule: '0 3 * * *',
      template: { includedNamespaces: ['apps'], ttl: '240h0m0s' },
    });
    expect(run.error).toBeUndefined();
    expect(run.one('kubernetes:velero.io/v1:Schedule').inputs).toMatchObject({
      kind: 'Schedule',
      metadata: { name: 'daily', namespace: 'velero' },
    });
    expect(run.result?.state).toEqual({ name: 'daily', namespace: 'velero' });
  });

  test('VeleroBucket takes the date as a string and protects the bucket', async () => {
    const run = await construct('velero-iac:index:VeleroBucket', {
      cluster: 'dev',
      date: '20260201',
      region: 'eu-west-1',
    });
    expect(run.error).toBeUndefined();
    expect(run.one('aws:s3/bucket:Bucket').options.protect).toBe(true);
    expect(run.result?.state).toMatchObject({ bucketName: 'dev-velero-20260201' });
  });
});

describe('construct VeleroBackupAlerts from plain JSON', () => {
  test('registers one PrometheusRule and returns its name and the alerts it raises', async () => {
    const run = await construct('velero-iac:index:VeleroBackupAlerts', {
      schedules: [{ name: 'daily', schedule: '0 3 * * *' }],
      labels: { release: 'kube-prometheus-stack' },
    });
    expect(run.error).toBeUndefined();
    const rule = run.one('kubernetes:monitoring.coreos.com/v1:PrometheusRule');
    expect(rule.inputs.metadata).toMatchObject({ labels: { release: 'kube-prometheus-stack' } });
    const state = run.result?.state ?? {};
    expect(state.ruleName).toBe((rule.inputs.metadata as { name: string }).name);
    expect(state.ruleNamespace).toBe('velero');
    expect(state.alertNames).toEqual(expect.arrayContaining([expect.stringMatching(/^Velero/)]));
  });

  test('a schedule with a bad cron is an input error, nothing registered', async () => {
    const run = await construct('velero-iac:index:VeleroBackupAlerts', {
      schedules: [{ name: 'daily', schedule: '0 25 * * *' }],
    });
    expect(pulumi.InputPropertiesError.isInstance(run.error)).toBe(true);
    expect((run.error as Error).message).toMatch(/^Invalid VeleroBackupAlerts "platform"/);
    expect(run.resources).toEqual([]);
  });
});

describe('construct: bad inputs', () => {
  test('give an InputPropertiesError with the VeleroConfigError message, one error per field', async () => {
    const run = await construct(PLATFORM, {
      ...PLATFORM_INPUTS,
      cluster: 'Prod_EU',
      date: '2026-13-45',
      trust: 'irsa',
      oidcProviderArn: undefined,
    });
    const error = run.error as pulumi.InputPropertiesError;
    expect(pulumi.InputPropertiesError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^Invalid VeleroBackupPlatform "platform": \d+ problems\n {2}- /);
    expect(error.message).not.toMatch(/\n\s+at /);
    const paths = error.errors.map((e) => e.propertyPath);
    expect(paths).toEqual(expect.arrayContaining(['cluster', 'date', 'oidcProviderArn']));
    for (const item of error.errors) expect(error.message).toContain(item.reason);
    expect(run.resources).toEqual([]);
  });

  test('the registry-only fields are checked too', async () => {
    const run = await construct(PLATFORM, {
      ...PLATFORM_INPUTS,
      createDefaultSchedule: false,
      defaultSchedule: { schedule: '0 4 * * *' },
    });
    const error = run.error as pulumi.InputPropertiesError;
    expect(error.errors.map((e) => e.propertyPath)).toContain('defaultSchedule');
  });

  test('the registry-only switches are true or false, not text that looks like it', async () => {
    const run = await construct(PLATFORM, { ...PLATFORM_INPUTS, installChart: 'yes' });
    const error = run.error as pulumi.InputPropertiesError;
    expect(error.errors).toEqual([
      expect.objectContaining({
        propertyPath: 'installChart',
        reason: expect.stringContaining('must be true or false'),
      }),
    ]);
    expect(run.resources ?? []).toHaveLength(0);
  });

  test('a Velero object with a bad cron is refused before anything is registered', async () => {
    const run = await construct('velero-iac:index:VeleroSchedule', {
      name: 'daily',
      schedule: '61 * * * *',
      template: {},
    });
    expect(pulumi.InputPropertiesError.isInstance(run.error)).toBe(true);
    expect((run.error as Error).message).toMatch(/^Invalid VeleroSchedule "platform"/);
    expect(run.resources).toEqual([]);
  });

  test('any string in a string field, any list in a list field: success or an input error', async () => {
    // Values of the schema's type (the consumer's SDK or Pulumi YAML checks the type itself).
    const strings = ['cluster', 'date', 'region', 'trust', 'namespace', 'veleroVersion'];
    const value = fc.oneof(
      fc.record({ field: fc.constantFrom(...strings), value: fc.string({ maxLength: 70 }) }),
      fc.record({
        field: fc.constantFrom('extraSchedules', 'drills'),
        value: fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()), {
          maxLength: 2,
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(value, async ({ field, value: fieldValue }) => {
        const run = await construct(PLATFORM, { ...PLATFORM_INPUTS, [field]: fieldValue });
        if (run.error !== undefined) {
          expect(pulumi.InputPropertiesError.isInstance(run.error)).toBe(true);
          expect((run.error as Error).message).toMatch(/^Invalid VeleroBackupPlatform/);
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
