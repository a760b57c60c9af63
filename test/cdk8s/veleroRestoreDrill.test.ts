/**
 * VeleroRestoreDrill: one ApiObject per object of the core's drill, exactly the core's manifests;
 * cluster-scoped objects stay cluster-scoped in a namespaced chart; errors name the construct.
 */
import { Chart, Testing } from 'cdk8s';
import { restoreDrill, udsDefaultSchedule, VeleroConfigError } from 'velero-iac';
import { UdsDefaultSchedule, VeleroRestoreDrill } from 'velero-iac/cdk8s';
import { validateKubernetesObject } from '../conformance/kubernetesValidator';
import { testApp } from '../support/cdk8sApp';
import { newChart, synth } from './cdk8sTestKit';

describe('VeleroRestoreDrill', () => {
  test('renders exactly the core drill of a schedule construct', () => {
    const chart = newChart();
    const schedule = new UdsDefaultSchedule(chart, 'default');
    const drill = new VeleroRestoreDrill(chart, 'drill', { schedule, cron: '15 7 * * 6' });
    const objects = synth(chart).filter((o) => o.kind !== 'Schedule');
    const expected = restoreDrill({ schedule: udsDefaultSchedule(), cron: '15 7 * * 6' });
    expect(objects).toEqual(expected.manifests);
    expect(drill.name).toBe('velero-velero-udsbackup-drill');
    expect(drill.alertTarget).toEqual(expected.alertTarget);
    expect(drill.cronJob.kind).toBe('CronJob');
    expect(drill.apiObjects.map((o) => o.node.id)).toEqual([
      'AdmissionPolicy',
      'AdmissionPolicyBinding',
      'ServiceAccount',
      'ScratchClusterRole',
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'Script',
      'CronJob',
    ]);
    for (const object of objects) expect(validateKubernetesObject(object)).toEqual([]);
  });

  test('takes a Schedule manifest too', () => {
    const chart = newChart();
    new VeleroRestoreDrill(chart, 'drill', {
      schedule: udsDefaultSchedule(),
      restore: 'namespace',
    });
    expect(synth(chart).find((o) => o.kind === 'CronJob')?.metadata.name).toBe(
      'velero-velero-udsbackup-drill',
    );
  });

  test('cluster-scoped objects get no namespace from a namespaced chart; namespaced keep theirs', () => {
    const chart = new Chart(testApp(), 'ns', { namespace: 'apps' });
    new VeleroRestoreDrill(chart, 'drill', { schedule: udsDefaultSchedule() });
    const objects = Testing.synth(chart) as { kind: string; metadata: { namespace?: string } }[];
    const namespaces = Object.fromEntries(objects.map((o) => [o.kind, o.metadata.namespace]));
    expect(namespaces).toEqual({
      ValidatingAdmissionPolicy: undefined,
      ValidatingAdmissionPolicyBinding: undefined,
      ClusterRole: undefined,
      ClusterRoleBinding: undefined,
      ServiceAccount: 'velero',
      Role: 'velero',
      RoleBinding: 'velero',
      ConfigMap: 'velero',
      CronJob: 'velero',
    });
  });

  test('an invalid option throws a VeleroConfigError naming the construct, and adds nothing', () => {
    const chart = newChart();
    const schedule = new UdsDefaultSchedule(chart, 'default');
    let error: unknown;
    try {
      new VeleroRestoreDrill(chart, 'drill', { schedule, cron: '0 3 * * *' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VeleroConfigError);
    expect((error as VeleroConfigError).subject).toBe(
      'VeleroRestoreDrill at "test/drill" (restore drill "velero-velero-udsbackup-drill")',
    );
    expect(chart.node.tryFindChild('drill')).toBeUndefined();
  });
});
