/**
 * The Pulumi components target a Velero release (`veleroVersion`), and `VeleroBackupPlatform`
 * passes its release to everything it builds: the locations, every schedule (cron dialect
 * included), the chart values and the AWS plugin image paired with that release.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { awsPluginImageFor, VeleroConfigError, type VeleroVersion } from 'velero-iac';
import {
  installVeleroChart,
  VeleroBackupPlatform,
  type VeleroBackupPlatformArgs,
  VeleroRestore,
  VeleroRestoreDrill,
  VeleroSchedule,
  veleroHelmRelease,
} from 'velero-iac/pulumi';
import { checkVeleroBackupPlatformArgs } from '../../lib/pulumi/platform';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import { type CapturedResource, MOCK_ACCOUNT_ID, outputValue, runProgram } from './harness';

const OIDC_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF';
const BASE: VeleroBackupPlatformArgs = {
  cluster: 'prod-eu',
  date: '2026-01-15',
  region: 'eu-west-1',
  oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${OIDC_ISSUER}`,
  oidcProviderUrl: `https://${OIDC_ISSUER}`,
};

function manifestOf(resource: CapturedResource): Record<string, unknown> {
  const { apiVersion, kind, metadata, spec } = resource.inputs;
  return { apiVersion, kind, metadata, spec };
}

async function platformRun(args: Partial<VeleroBackupPlatformArgs>) {
  return runProgram(async () => {
    const provider = new k8s.Provider('cluster', { kubeconfig: 'apiVersion: v1' });
    const platform = new VeleroBackupPlatform('prod', {
      ...BASE,
      kubernetesProvider: provider,
      ...args,
    });
    return { helmValues: await outputValue(platform.helmValues) };
  });
}

describe('components', () => {
  test('a field the target lacks is refused before anything is registered', async () => {
    const run = await runProgram(
      () =>
        new VeleroSchedule('daily', {
          name: 'daily',
          schedule: '0 3 * * *',
          skipImmediately: true,
          template: {},
          veleroVersion: '1.12',
        }),
      { captureError: true },
    );
    expect(run.error).toBeInstanceOf(VeleroConfigError);
    const error = run.error as VeleroConfigError;
    expect(error.issues.map((i) => i.path)).toEqual(['skipImmediately']);
    expect(error.message).toContain('was added in Velero 1.13');
    expect(run.resources).toHaveLength(0);
  });

  test('a Restore from a schedule whose name is an output gets backupName "" for 1.13', async () => {
    const run = await runProgram(() => {
      new VeleroRestore('restore', {
        name: 'restore',
        scheduleName: pulumi.output('daily'),
        veleroVersion: '1.13',
      });
    });
    const restore = run.resources.find((r) => r.type === 'kubernetes:velero.io/v1:Restore');
    expect(restore?.inputs.spec).toEqual({ backupName: '', scheduleName: 'daily' });
  });
});

/** The Restore a drill's script creates, from the drill's ConfigMap among the resources. */
function drillRestoreSpecs(resources: readonly CapturedResource[]): unknown[] {
  return resources
    .filter((r) => r.type === 'kubernetes:core/v1:ConfigMap')
    .map((r) => {
      const script = String((r.inputs.data as Record<string, unknown>)['drill.sh']);
      const line = script.split('\n').find((l) => l.includes('"kind":"Restore"')) ?? '{}';
      return (JSON.parse(line) as { spec?: unknown }).spec;
    });
}

const DAILY = { name: 'daily', schedule: '0 3 * * *', template: { includedNamespaces: ['apps'] } };

describe('VeleroRestoreDrill', () => {
  test('targets its release, or its schedule\'s: the Restore carries backupName "" for 1.13', async () => {
    const run = await runProgram(() => {
      new VeleroRestoreDrill('own', { schedule: DAILY, veleroVersion: '1.13' });
      new VeleroRestoreDrill('from-schedule', {
        schedule: { ...DAILY, name: 'nightly', veleroVersion: '1.13' },
      });
      new VeleroRestoreDrill('newest', { schedule: { ...DAILY, name: 'hourly' } });
    });
    expect(drillRestoreSpecs(run.resources)).toEqual([
      expect.objectContaining({ backupName: '', scheduleName: 'daily' }),
      expect.objectContaining({ backupName: '', scheduleName: 'nightly' }),
      expect.not.objectContaining({ backupName: '' }),
    ]);
  });

  test("refuses a release other than its schedule's, and a field the release lacks", async () => {
    const differing = await runProgram(
      () =>
        new VeleroRestoreDrill('drill', {
          schedule: { ...DAILY, veleroVersion: '1.15' },
          veleroVersion: '1.13',
        }),
      { captureError: true },
    );
    expect((differing.error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
      'veleroVersion',
    ]);
    const lacking = await runProgram(
      () =>
        new VeleroRestoreDrill('drill', {
          schedule: { ...DAILY, skipImmediately: true },
          veleroVersion: '1.12',
        }),
      { captureError: true },
    );
    expect((lacking.error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
      'schedule.skipImmediately',
    ]);
    expect(lacking.resources).toHaveLength(0);
  });
});

describe('VeleroBackupPlatform passes its release to everything it builds', () => {
  test('an invalid release is one issue, at veleroVersion', () => {
    const issues = checkVeleroBackupPlatformArgs({ ...BASE, veleroVersion: '1.11' as never });
    expect(issues.map((i) => i.path)).toEqual(['veleroVersion']);
  });

  test('schedules and locations are checked against it', () => {
    const issues = checkVeleroBackupPlatformArgs({
      ...BASE,
      veleroVersion: '1.14',
      defaultSchedule: { skipImmediately: true },
      extraSchedules: [
        { name: 'velero-berlin', schedule: 'CRON_TZ=Europe/Berlin 0 3 * * *', template: {} },
      ],
      backupStorageLocation: { config: { customerKeyEncryptionSecret: 'sse-c/key' } },
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'backupStorageLocation.config.customerKeyEncryptionSecret',
      'extraSchedules[0].schedule',
      // skipImmediately is known since 1.13: only the cron prefix (v1.1.0 dialect) and the plugin
      // key (plugin v1.13, Velero 1.17) are refused.
    ]);
    expect(
      checkVeleroBackupPlatformArgs({
        ...BASE,
        veleroVersion: '1.12',
        defaultSchedule: { skipImmediately: true },
      }).map((i) => i.path),
    ).toEqual(['defaultSchedule.skipImmediately']);
  });

  test('its drills: the Restore of the default drill carries backupName "" for 1.13', async () => {
    const run = await platformRun({ veleroVersion: '1.13' });
    expect(drillRestoreSpecs(run.resources)).toEqual([
      expect.objectContaining({ backupName: '', scheduleName: 'velero-velero-udsbackup' }),
    ]);
  });

  test('the install callback is told the release; the pinned chart is refused below 1.18', async () => {
    const seen: string[] = [];
    await platformRun({
      veleroVersion: '1.15',
      installVelero: (context, opts) => {
        seen.push(context.veleroVersion);
        return new k8s.core.v1.Namespace('velero', {}, opts);
      },
    });
    expect(seen).toEqual(['1.15']);
    const refused = await runProgram(
      () =>
        new VeleroBackupPlatform('prod', {
          ...BASE,
          veleroVersion: '1.15',
          installVelero: installVeleroChart(),
        }),
      { captureError: true },
    );
    expect(refused.error).toBeInstanceOf(VeleroConfigError);
    expect((refused.error as VeleroConfigError).message).toContain('--apply');
    expect(refused.resources.some((r) => r.type === 'kubernetes:helm.sh/v3:Release')).toBe(false);
  });

  test('veleroHelmRelease refuses values built for another release, and the chart below 1.18', async () => {
    const older = await platformRun({ veleroVersion: '1.15' });
    const values = older.result?.helmValues;
    expect(values?.image).toEqual({ repository: 'docker.io/velero/velero', tag: 'v1.15.2' });
    const mixed = await runProgram(() => veleroHelmRelease('velero', { values: values! }), {
      captureError: true,
    });
    expect((mixed.error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
      'values.image.tag',
    ]);
    const old = await runProgram(
      () => veleroHelmRelease('velero', { values: values!, veleroVersion: '1.15' }),
      { captureError: true },
    );
    expect((old.error as VeleroConfigError).issues.map((i) => i.path)).toEqual(['veleroVersion']);
    expect([...mixed.resources, ...old.resources]).toHaveLength(0);
  });

  test('the chart values carry the AWS plugin that pairs with the release', async () => {
    for (const version of ['1.12', '1.15', '1.18'] as VeleroVersion[]) {
      const run = await platformRun({ veleroVersion: version });
      expect(run.result?.helmValues.initContainers[0]?.image).toBe(awsPluginImageFor(version));
    }
    const pinned = await platformRun({
      veleroVersion: '1.12',
      awsPluginImage: 'registry.example.com/velero-plugin-for-aws:v1.8.1',
    });
    expect(pinned.result?.helmValues.initContainers[0]?.image).toBe(
      'registry.example.com/velero-plugin-for-aws:v1.8.1',
    );
  });
});

describeWithCrds('what the platform registers conforms to the CRDs of its release', () => {
  test.each(['1.12', '1.13', '1.16', '1.18'] as VeleroVersion[])('Velero %s', async (version) => {
    const run = await platformRun({
      veleroVersion: version,
      extraSchedules: [{ name: 'velero-hourly', schedule: '@hourly', template: { ttl: '24h' } }],
    });
    const objects = run.resources.filter((r) => r.type.startsWith('kubernetes:velero.io/v1:'));
    expect(objects.map((r) => r.inputs.kind).sort()).toEqual([
      'BackupStorageLocation',
      'Schedule',
      'Schedule',
      'VolumeSnapshotLocation',
    ]);
    for (const object of objects) {
      expect(validateAgainstCrd(manifestOf(object), version)).toEqual([]);
    }
  });
});
