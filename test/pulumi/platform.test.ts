import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import {
  udsDefaultSchedule,
  VELERO_AWS_PLUGIN_IMAGE,
  VeleroConfigError,
  type VeleroHelmValues,
} from 'velero-iac';
import { VeleroBackupPlatform, type VeleroBackupPlatformArgs } from 'velero-iac/pulumi';
import { checkVeleroBackupPlatformArgs } from '../../lib/pulumi/platform';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import {
  type CapturedResource,
  MOCK_ACCOUNT_ID,
  outputValue,
  type ProgramRun,
  runProgram,
} from './harness';

const OIDC_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF';
const IRSA = {
  oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${OIDC_ISSUER}`,
  oidcProviderUrl: `https://${OIDC_ISSUER}`,
};
const BASE: VeleroBackupPlatformArgs = {
  cluster: 'prod-eu',
  date: '2026-01-15',
  region: 'eu-west-1',
  ...IRSA,
};

const VELERO_PREFIX = 'kubernetes:velero.io/v1:';

function veleroObjects(run: ProgramRun<unknown>): CapturedResource[] {
  return run.resources.filter((r) => r.type.startsWith(VELERO_PREFIX));
}

function manifestOf(resource: CapturedResource): Record<string, unknown> {
  const { apiVersion, kind, metadata, spec } = resource.inputs;
  return { apiVersion, kind, metadata, spec };
}

function specOf(resource: CapturedResource): Record<string, unknown> {
  return resource.inputs.spec as Record<string, unknown>;
}

/** Runs one platform (with a Kubernetes provider) and returns the run and its Helm values. */
async function platformRun(args: Partial<VeleroBackupPlatformArgs> = {}) {
  return runProgram(async () => {
    const provider = new k8s.Provider('cluster', { kubeconfig: 'apiVersion: v1' });
    const platform = new VeleroBackupPlatform('prod', {
      ...BASE,
      kubernetesProvider: provider,
      ...args,
    });
    return {
      helmValues: await outputValue(platform.helmValues),
      bucketName: await outputValue(platform.bucketName),
    };
  });
}

async function failure(
  args: VeleroBackupPlatformArgs,
): Promise<{ error: VeleroConfigError; registered: number }> {
  const run = await runProgram(() => new VeleroBackupPlatform('bad', args), { captureError: true });
  expect(run.error).toBeInstanceOf(VeleroConfigError);
  return { error: run.error as VeleroConfigError, registered: run.resources.length };
}

describe('one call registers the whole set-up', () => {
  test('bucket, role, both locations and the default schedule, once each', async () => {
    const run = await platformRun();
    const count = (type: string) => run.ofType(type).length;
    expect(count('velero-iac:platform:VeleroBackupPlatform')).toBe(1);
    expect(count('velero-iac:storage:VeleroBucket')).toBe(1);
    expect(count('velero-iac:iam:VeleroServiceRole')).toBe(1);
    expect(count('aws:s3/bucket:Bucket')).toBe(1);
    expect(count('aws:iam/role:Role')).toBe(1);
    expect(count('velero-iac:velero:VeleroBackupStorageLocation')).toBe(1);
    expect(count('velero-iac:velero:VeleroVolumeSnapshotLocation')).toBe(1);
    expect(count('velero-iac:velero:VeleroSchedule')).toBe(1);
    expect(
      veleroObjects(run)
        .map((r) => r.type)
        .sort(),
    ).toEqual([
      `${VELERO_PREFIX}BackupStorageLocation`,
      `${VELERO_PREFIX}Schedule`,
      `${VELERO_PREFIX}VolumeSnapshotLocation`,
    ]);
    // Children of the platform, named after it.
    const platform = run.one('velero-iac:platform:VeleroBackupPlatform');
    for (const type of ['velero-iac:storage:VeleroBucket', 'velero-iac:iam:VeleroServiceRole']) {
      expect(run.one(type).options.parent).toBe(platform.urn);
    }
    for (const resource of run.resources.filter((r) => r.type !== 'pulumi:providers:kubernetes')) {
      expect(resource.name.startsWith('prod')).toBe(true);
    }
  });

  test('the bucket is named after the cluster and date, protected and retained', async () => {
    const run = await platformRun();
    const bucket = run.one('aws:s3/bucket:Bucket');
    expect(bucket.inputs.bucket).toBe('prod-eu-velero-20260115');
    expect(bucket.inputs.region).toBe('eu-west-1');
    expect(bucket.options.protect).toBe(true);
    expect(bucket.options.retainOnDelete).toBe(true);
    expect(run.result?.bucketName).toBe('prod-eu-velero-20260115');
  });

  test('the storage location points at the bucket in the region; the snapshot location at the region', async () => {
    const run = await platformRun();
    const bsl = run.one(`${VELERO_PREFIX}BackupStorageLocation`);
    expect(bsl.inputs.metadata).toEqual({ name: 'default', namespace: 'velero' });
    expect(specOf(bsl)).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'prod-eu-velero-20260115' },
      config: { region: 'eu-west-1' },
      default: true,
    });
    const vsl = run.one(`${VELERO_PREFIX}VolumeSnapshotLocation`);
    expect(specOf(vsl)).toEqual({ provider: 'aws', config: { region: 'eu-west-1' } });
  });

  test('with KMS the storage location names the key', async () => {
    const run = await platformRun({ bucket: { createKmsKey: true } });
    const key = run.one('aws:kms/key:Key');
    const config = specOf(run.one(`${VELERO_PREFIX}BackupStorageLocation`)).config;
    expect(config).toEqual({ region: 'eu-west-1', kmsKeyId: key.outputs.arn });
    expect(run.result?.helmValues.configuration.backupStorageLocation[0]?.config.kmsKeyId).toBe(
      key.outputs.arn,
    );
  });

  test('the default schedule is the core udsDefaultSchedule', async () => {
    const run = await platformRun();
    expect(manifestOf(run.one(`${VELERO_PREFIX}Schedule`))).toEqual(udsDefaultSchedule());
  });

  test('every Velero object goes through the cluster provider and waits for the role', async () => {
    const run = await platformRun();
    const provider = run.one('pulumi:providers:kubernetes');
    const role = run.one('aws:iam/role:Role');
    for (const object of veleroObjects(run)) {
      expect(object.options.provider).toBe(`${provider.urn}::${provider.id}`);
    }
    expect(run.one(`${VELERO_PREFIX}BackupStorageLocation`).options.dependencies).toContain(
      role.urn,
    );
    expect(run.one(`${VELERO_PREFIX}Schedule`).options.dependencies).toContain(
      run.one(`${VELERO_PREFIX}BackupStorageLocation`).urn,
    );
  });

  test('the role trusts the service account the chart values name', async () => {
    const run = await platformRun({ namespace: 'backup', serviceAccount: 'velero' });
    const trust = JSON.parse(String(run.one('aws:iam/role:Role').inputs.assumeRolePolicy)) as {
      Statement: { Condition: { StringEquals: Record<string, string> } }[];
    };
    expect(trust.Statement[0]?.Condition.StringEquals[`${OIDC_ISSUER}:sub`]).toBe(
      'system:serviceaccount:backup:velero',
    );
    expect(run.result?.helmValues.serviceAccount.server.name).toBe('velero');
    for (const object of veleroObjects(run)) {
      expect((object.inputs.metadata as { namespace: string }).namespace).toBe('backup');
    }
  });
});

describeWithCrds('CRD conformance', () => {
  test('every Velero object the platform registers, with extra schedules', async () => {
    const run = await platformRun({
      backupStorageLocation: {
        prefix: 'cluster-a',
        config: { checksumAlgorithm: 'CRC32C' },
        validationFrequency: '5m',
      },
      extraSchedules: [
        {
          name: 'weekly-cluster',
          schedule: '0 4 * * 0',
          template: {
            includedClusterScopedResources: ['*'],
            ttl: '720h0m0s',
            storageLocation: 'default',
          },
        },
      ],
    });
    const objects = veleroObjects(run);
    expect(objects).toHaveLength(4);
    for (const object of objects) expect(validateAgainstCrd(manifestOf(object))).toEqual([]);
  });
});

describe('helmValues for the vmware-tanzu velero chart', () => {
  test('field by field', async () => {
    const run = await platformRun();
    const values = run.result?.helmValues as VeleroHelmValues;
    const role = run.one('aws:iam/role:Role');
    expect(values.initContainers).toEqual([
      {
        name: 'velero-plugin-for-aws',
        image: VELERO_AWS_PLUGIN_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
      },
    ]);
    expect(values.configuration.backupStorageLocation).toEqual([
      {
        name: 'default',
        provider: 'aws',
        bucket: 'prod-eu-velero-20260115',
        default: true,
        config: { region: 'eu-west-1' },
      },
    ]);
    expect(values.configuration.volumeSnapshotLocation).toEqual([
      { name: 'default', provider: 'aws', config: { region: 'eu-west-1' } },
    ]);
    expect(values.serviceAccount.server).toEqual({
      create: true,
      name: 'velero-server',
      annotations: { 'eks.amazonaws.com/role-arn': role.outputs.arn },
    });
    expect(values.credentials).toEqual({ useSecret: false });
    // The platform creates the locations and schedule; the chart must not create them again.
    expect(values.backupsEnabled).toBe(false);
    expect(values.snapshotsEnabled).toBe(false);
    expect(values.schedules).toEqual({});
  });

  test('EKS Pod Identity: no IRSA annotation, an association for the service account', async () => {
    const run = await platformRun({
      trust: 'podIdentity',
      oidcProviderArn: undefined,
      oidcProviderUrl: undefined,
      eksClusterName: 'prod-eu',
    });
    expect(run.result?.helmValues.serviceAccount.server.annotations).toEqual({});
    const association = run.one('aws:eks/podIdentityAssociation:PodIdentityAssociation');
    expect(association.inputs).toMatchObject({
      clusterName: 'prod-eu',
      namespace: 'velero',
      serviceAccount: 'velero-server',
    });
  });

  test('chartCreatesObjects: the chart creates locations and schedules, the platform registers none', async () => {
    const run = await platformRun({
      chartCreatesObjects: true,
      extraSchedules: [
        { name: 'velero-weekly', schedule: '@weekly', template: { ttl: '720h0m0s' } },
      ],
    });
    expect(veleroObjects(run)).toEqual([]);
    const values = run.result?.helmValues as VeleroHelmValues;
    expect(values.backupsEnabled).toBe(true);
    expect(values.snapshotsEnabled).toBe(true);
    expect(Object.keys(values.schedules)).toEqual(['velero-udsbackup', 'weekly']);
    expect(values.schedules['weekly']).toEqual({
      disabled: false,
      schedule: '@weekly',
      template: { ttl: '720h0m0s' },
    });
    expect(values.configuration.backupStorageLocation[0]?.bucket).toBe('prod-eu-velero-20260115');
  });
});

describe('options', () => {
  test('no default schedule, no snapshot location (and no EC2 permissions), extra schedules', async () => {
    const run = await platformRun({
      defaultSchedule: false,
      volumeSnapshotLocation: false,
      extraSchedules: [
        {
          name: 'apps-hourly',
          schedule: '@hourly',
          template: { includedNamespaces: ['apps'], ttl: '48h' },
        },
        {
          name: 'apps-daily',
          schedule: '@daily',
          template: { includedNamespaces: ['apps'], ttl: '240h' },
        },
      ],
    });
    expect(run.ofType(`${VELERO_PREFIX}VolumeSnapshotLocation`)).toEqual([]);
    expect(
      run
        .ofType(`${VELERO_PREFIX}Schedule`)
        .map((s) => (s.inputs.metadata as { name: string }).name),
    ).toEqual(['apps-hourly', 'apps-daily']);
    expect(run.ofType('velero-iac:velero:VeleroSchedule').map((s) => s.name)).toEqual([
      'prod-schedule-apps-hourly',
      'prod-schedule-apps-daily',
    ]);
    const policy = String(run.one('aws:iam/rolePolicy:RolePolicy').inputs.policy);
    expect(policy).not.toContain('ec2:CreateSnapshot');
    expect(run.result?.helmValues.configuration.volumeSnapshotLocation).toEqual([]);
  });

  test('the default schedule can be overridden field by field', async () => {
    const run = await platformRun({
      defaultSchedule: { name: 'velero-udsbackup', schedule: '0 2 * * *' },
    });
    const schedule = run.one(`${VELERO_PREFIX}Schedule`);
    expect((schedule.inputs.metadata as { name: string }).name).toBe('velero-udsbackup');
    expect(specOf(schedule).schedule).toBe('0 2 * * *');
    expect((specOf(schedule).template as { ttl: string }).ttl).toBe('240h0m0s');
  });

  test('pins the fullname, the images; turns the node agent on for file-system backups', async () => {
    const plain = await platformRun();
    expect(plain.result?.helmValues).toMatchObject({
      fullnameOverride: 'velero',
      image: { repository: 'docker.io/velero/velero', tag: 'v1.18.1' },
      deployNodeAgent: false,
    });
    const fs = await platformRun({
      extraSchedules: [
        {
          name: 'apps-daily',
          schedule: '@daily',
          template: { includedNamespaces: ['apps'], defaultVolumesToFsBackup: true },
        },
      ],
      extraHelmValues: { nodeAgent: { resources: { requests: { cpu: '100m' } } } },
    });
    const values = fs.result?.helmValues as VeleroHelmValues & Record<string, unknown>;
    expect(values.deployNodeAgent).toBe(true);
    expect(values.nodeAgent).toEqual({ resources: { requests: { cpu: '100m' } } });
    // The schedule is still the platform's own object, not the chart's.
    expect(values.schedules).toEqual({});
    expect(fs.ofType(`${VELERO_PREFIX}Schedule`)).toHaveLength(2);
  });

  test('a default schedule under one minute needs allowIntervalsUnderOneMinute, which is not written', async () => {
    const run = await platformRun({
      defaultSchedule: { schedule: '@every 30s', allowIntervalsUnderOneMinute: true },
    });
    const schedule = run.one(`${VELERO_PREFIX}Schedule`);
    expect(specOf(schedule).schedule).toBe('@every 30s');
    expect(JSON.stringify(schedule.inputs)).not.toContain('allowIntervalsUnderOneMinute');
  });

  test('installVelero: called with the values, the Velero objects wait for what it returns', async () => {
    const seen: { platformName: string; namespace: string }[] = [];
    const run = await runProgram(async () => {
      const provider = new k8s.Provider('cluster', { kubeconfig: 'apiVersion: v1' });
      new VeleroBackupPlatform('prod', {
        ...BASE,
        kubernetesProvider: provider,
        installVelero: (context, opts) => {
          seen.push({ platformName: context.platformName, namespace: context.namespace });
          return new k8s.helm.v3.Release(
            `${context.platformName}-velero`,
            { chart: 'velero', namespace: context.namespace, values: context.helmValues },
            opts,
          );
        },
      });
    });
    expect(seen).toEqual([{ platformName: 'prod', namespace: 'velero' }]);
    const release = run.one('kubernetes:helm.sh/v3:Release');
    const provider = run.one('pulumi:providers:kubernetes');
    expect(release.options.provider).toBe(`${provider.urn}::${provider.id}`);
    expect(release.options.parent).toBe(run.one('velero-iac:platform:VeleroBackupPlatform').urn);
    expect((release.inputs.values as VeleroHelmValues).serviceAccount.server.annotations).toEqual({
      'eks.amazonaws.com/role-arn': run.one('aws:iam/role:Role').outputs.arn,
    });
    for (const object of veleroObjects(run))
      expect(object.options.dependencies).toContain(release.urn);
  });

  test('Object Lock retention shorter than the shortest schedule TTL is accepted', async () => {
    const run = await platformRun({ bucket: { objectLock: { retentionDays: 7 } } });
    const lock = run.one('aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration');
    expect(lock.inputs.rule).toEqual({ defaultRetention: { mode: 'GOVERNANCE', days: 7 } });
  });
});

describe('preview', () => {
  test('without a date the bucket name is unknown: every object still registers, names known', async () => {
    const run = await runProgram(
      () => {
        const provider = new k8s.Provider('cluster', { kubeconfig: 'apiVersion: v1' });
        new VeleroBackupPlatform('prod', {
          ...BASE,
          date: undefined,
          kubernetesProvider: provider,
        });
      },
      { preview: true },
    );
    expect(run.ofType('time:index/static:Static')).toHaveLength(1);
    const bsl = run.one(`${VELERO_PREFIX}BackupStorageLocation`);
    expect(bsl.inputs.metadata).toEqual({ name: 'default', namespace: 'velero' });
    // The spec waits for the bucket name (an unknown value in a preview).
    expect(bsl.inputs.spec).toEqual({ __pulumiUnknown: true });
    expect(veleroObjects(run)).toHaveLength(3);
  });
});

describe('bad input: VeleroConfigError before anything is registered', () => {
  test.each<[string, Partial<VeleroBackupPlatformArgs>, string[]]>([
    ['an invalid cluster name', { cluster: 'Prod_EU' }, ['cluster', 'cluster']],
    ['an invalid date', { date: '2026-13-40' }, ['date']],
    ['a missing region', { region: undefined as unknown as string }, ['region']],
    [
      'a bad cron and TTL in an extra schedule',
      { extraSchedules: [{ name: 'x', schedule: '* * *', template: { ttl: '7d' } }] },
      ['extraSchedules[0].schedule', 'extraSchedules[0].template.ttl'],
    ],
    [
      'overlapping filters in the default schedule',
      { defaultSchedule: { template: { excludedNamespaces: ['tempo'] } } },
      ['defaultSchedule.template.excludedNamespaces[0]'],
    ],
    [
      'Object Lock retention not shorter than the default schedule TTL (240h)',
      { bucket: { objectLock: { retentionDays: 10 } } },
      ['bucket.objectLock.retentionDays'],
    ],
    [
      'a shortestBackupTtl longer than a schedule TTL',
      {
        bucket: { objectLock: { retentionDays: 3, shortestBackupTtl: '720h' } },
        extraSchedules: [{ name: 'short', schedule: '@hourly', template: { ttl: '24h' } }],
      },
      ['bucket.objectLock.shortestBackupTtl'],
    ],
    [
      'two schedules with one name',
      { extraSchedules: [{ name: 'velero-velero-udsbackup', schedule: '@daily', template: {} }] },
      ['extraSchedules[0].name'],
    ],
    [
      'IRSA without the OIDC provider',
      { oidcProviderArn: undefined, oidcProviderUrl: undefined },
      ['oidcProviderArn', 'oidcProviderUrl'],
    ],
    [
      'an unknown storage-location config key',
      { backupStorageLocation: { config: { regoin: 'x' } } },
      ['backupStorageLocation.config.regoin'],
    ],
    [
      'force-destroy on a protected bucket',
      { bucket: { forceDestroy: true } },
      ['bucket.forceDestroy'],
    ],
    [
      'a chart-created schedule the chart cannot name',
      {
        chartCreatesObjects: true,
        extraSchedules: [{ name: 'nightly', schedule: '@daily', template: { ttl: '24h' } }],
      },
      ['extraSchedules[0].name'],
    ],
    [
      'a chart-created schedule with an empty template (the chart would drop it)',
      {
        chartCreatesObjects: true,
        extraSchedules: [{ name: 'velero-nightly', schedule: '@daily', template: {} }],
      },
      ['extraSchedules[0].template'],
    ],
    [
      'a chart-created location with a sync period YAML reads as a number',
      { chartCreatesObjects: true, backupStorageLocation: { backupSyncPeriod: '0' } },
      ['backupStorageLocation.backupSyncPeriod'],
    ],
    [
      'file-system backup with the node agent turned off',
      {
        deployNodeAgent: false,
        defaultSchedule: { template: { defaultVolumesToFsBackup: true } },
      },
      ['defaultSchedule.template.defaultVolumesToFsBackup'],
    ],
    [
      'extra Helm values that replace what the platform sets',
      { extraHelmValues: { schedules: {}, nodeSelectr: {} } },
      ['extraHelmValues.nodeSelectr', 'extraHelmValues.schedules'],
    ],
  ])('%s', async (_case, override, paths) => {
    const { error, registered } = await failure({ ...BASE, ...override });
    expect(registered).toBe(0);
    expect(error.issues.map((i) => i.path)).toEqual(paths);
    expect(error.message).toContain('VeleroBackupPlatform "bad"');
  });

  test('every problem at once, and checkVeleroBackupPlatformArgs reports the same', async () => {
    const args: VeleroBackupPlatformArgs = {
      ...BASE,
      cluster: 'UPPER',
      namespace: 'Velero_NS',
      extraSchedules: [{ name: 'x', schedule: 'often', template: {} }],
    };
    const { error, registered } = await failure(args);
    expect(registered).toBe(0);
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['cluster', 'namespace', 'extraSchedules[0].schedule']),
    );
    expect(checkVeleroBackupPlatformArgs(args)).toEqual(error.issues);
    expect(checkVeleroBackupPlatformArgs(BASE)).toEqual([]);
  });

  test('an output cluster name is not accepted (the bucket name must be known)', () => {
    expect(() =>
      checkVeleroBackupPlatformArgs({ ...BASE, cluster: pulumi.output('x') as unknown as string }),
    ).not.toThrow();
    expect(
      checkVeleroBackupPlatformArgs({
        ...BASE,
        cluster: pulumi.output('x') as unknown as string,
      }).map((i) => i.path),
    ).toContain('cluster');
  });
});
