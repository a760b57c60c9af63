/**
 * Pulumi VeleroRestoreDrill and the platform's `drills`: typed Kubernetes resources holding
 * exactly the core's manifests, the admission policy first, checks before anything registers.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { restoreDrill, udsDefaultSchedule, VeleroConfigError } from 'velero-iac';
import {
  VeleroBackupPlatform,
  type VeleroBackupPlatformArgs,
  VeleroRestoreDrill,
} from 'velero-iac/pulumi';
import { validateKubernetesObject } from '../conformance/kubernetesValidator';
import { type CapturedResource, MOCK_ACCOUNT_ID, type ProgramRun, runProgram } from './harness';

const DRILL_TYPES = [
  'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy',
  'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding',
  'kubernetes:core/v1:ServiceAccount',
  'kubernetes:rbac.authorization.k8s.io/v1:ClusterRole',
  'kubernetes:rbac.authorization.k8s.io/v1:ClusterRole',
  'kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding',
  'kubernetes:rbac.authorization.k8s.io/v1:Role',
  'kubernetes:rbac.authorization.k8s.io/v1:RoleBinding',
  'kubernetes:core/v1:ConfigMap',
  'kubernetes:batch/v1:CronJob',
];

function drillResources(run: ProgramRun<unknown>): CapturedResource[] {
  return run.resources.filter((r) => DRILL_TYPES.includes(r.type));
}

/** A captured resource's inputs as a manifest (the mock adds nothing). */
function manifestOf(resource: CapturedResource): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resource.inputs).filter(([, v]) => v !== undefined));
}

describe('VeleroRestoreDrill', () => {
  test('registers one typed resource per core manifest, exactly the manifest, the admission policy first', async () => {
    const run = await runProgram(() => {
      const provider = new k8s.Provider('cluster', { kubeconfig: 'apiVersion: v1' });
      const schedule = udsDefaultSchedule();
      return new VeleroRestoreDrill(
        'default-drill',
        { schedule: { ...schedule.metadata, ...schedule.spec } },
        { provider },
      ).alertTarget;
    });
    const expected = restoreDrill({ schedule: udsDefaultSchedule() });
    const resources = drillResources(run);
    // Registration completes in any order; the objects are exactly the core's.
    const key = (m: { kind?: unknown; metadata?: unknown }) =>
      `${String(m.kind)} ${String((m.metadata as { name: string }).name)}`;
    const byKey = (list: readonly Record<string, unknown>[]) =>
      [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(resources.map((r) => r.type).sort()).toEqual([...DRILL_TYPES].sort());
    expect(byKey(resources.map(manifestOf))).toEqual(
      byKey(expected.manifests as unknown as Record<string, unknown>[]),
    );
    for (const resource of resources)
      expect(validateKubernetesObject(manifestOf(resource))).toEqual([]);
    const component = run.one('velero-iac:drill:VeleroRestoreDrill');
    const policy = run.one('kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy');
    for (const resource of resources) {
      expect(resource.options.parent).toBe(component.urn);
      expect(resource.options.deleteBeforeReplace).toBe(true);
      expect(resource.options.provider).toMatch(/::cluster::/);
      if (resource !== policy) expect(resource.options.dependencies).toContain(policy.urn);
    }
    const cronJob = run.one('kubernetes:batch/v1:CronJob');
    expect(cronJob.options.dependencies).toEqual(
      expect.arrayContaining(resources.filter((r) => r !== cronJob).map((r) => r.urn)),
    );
    expect(run.result).toEqual(expected.alertTarget);
  });

  test('takes schedule arguments whose location names are outputs', async () => {
    const run = await runProgram(
      () =>
        new VeleroRestoreDrill('apps-drill', {
          schedule: {
            name: 'apps',
            schedule: '0 1 * * 0',
            template: { includedNamespaces: ['apps'], storageLocation: pulumi.output('default') },
          },
          restore: 'namespace',
        }).drillName,
    );
    expect(run.result).toBe('apps-drill');
    expect(drillResources(run)).toHaveLength(10);
  });

  test('invalid arguments throw before anything is registered', async () => {
    const run = await runProgram(
      () =>
        new VeleroRestoreDrill('bad', {
          schedule: {
            name: 'apps',
            schedule: '0 1 * * 0',
            template: { includedNamespaces: ['apps'] },
          },
          cron: '0 1 * * 0',
          restore: 'everything',
        }),
      { captureError: true },
    );
    expect(run.error).toBeInstanceOf(VeleroConfigError);
    expect((run.error as VeleroConfigError).subject).toBe('VeleroRestoreDrill "bad"');
    expect((run.error as VeleroConfigError).issues.map((i) => i.path)).toEqual(['restore']);
    expect(run.resources).toHaveLength(0);
    const badSchedule = await runProgram(
      () =>
        new VeleroRestoreDrill('bad', { schedule: { name: 'a', schedule: 'nope', template: {} } }),
      { captureError: true },
    );
    expect((badSchedule.error as VeleroConfigError).issues[0]?.path).toBe('schedule.schedule');
  });
});

const OIDC = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF';
const BASE: VeleroBackupPlatformArgs = {
  cluster: 'prod-eu',
  date: '2026-01-15',
  region: 'eu-west-1',
  oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${OIDC}`,
  oidcProviderUrl: `https://${OIDC}`,
};

async function platform(args: Partial<VeleroBackupPlatformArgs>) {
  return runProgram(
    () => new VeleroBackupPlatform('prod', { ...BASE, ...args }).drills.map((d) => d.drillName),
    { captureError: true },
  );
}

describe('VeleroBackupPlatform drills', () => {
  test('by default: a weekly drill of the default schedule, after the schedules', async () => {
    const run = await platform({});
    expect(run.result).toEqual(['velero-velero-udsbackup-drill']);
    const cronJob = run.one('kubernetes:batch/v1:CronJob');
    expect((cronJob.inputs.spec as { schedule: string }).schedule).toBe('30 6 * * 0');
    const drill = run.one('velero-iac:drill:VeleroRestoreDrill');
    expect(drill.name).toBe('prod-drill-velero-velero-udsbackup-drill');
    expect(drill.options.parent).toBe(run.one('velero-iac:platform:VeleroBackupPlatform').urn);
    const schedule = run.one('kubernetes:velero.io/v1:Schedule');
    expect(drill.options.dependencies).toContain(schedule.urn);
  });

  test('drills of extra schedules by name, or none', async () => {
    const extra = {
      extraSchedules: [
        { name: 'apps-weekly', schedule: '0 1 * * 0', template: { includedNamespaces: ['apps'] } },
      ],
    };
    const run = await platform({
      ...extra,
      drills: [{}, { schedule: 'apps-weekly', restore: 'namespace' }],
    });
    expect(run.result).toEqual(['velero-velero-udsbackup-drill', 'apps-weekly-drill']);
    expect((await platform({ drills: [] })).result).toEqual([]);
    expect((await platform({ defaultSchedule: false })).result).toEqual([]);
  });

  test('bad drills are reported with the platform, before anything is registered', async () => {
    const run = await platform({
      drills: [{ schedule: 'nightly' }, { cron: '0 3 * * *' }, {}, {}],
    });
    expect(run.error).toBeInstanceOf(VeleroConfigError);
    expect((run.error as VeleroConfigError).issues.map((i) => i.path)).toEqual([
      'drills[0].schedule',
      'drills[1].cron',
      'drills[3].name',
    ]);
    expect(run.resources).toHaveLength(0);
    const noDefault = await platform({ defaultSchedule: false, drills: [{}] });
    expect((noDefault.error as VeleroConfigError).issues[0]?.message).toBe(
      'is required: the platform has no default schedule',
    );
  });
});
