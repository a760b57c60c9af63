import { Testing } from 'cdk8s';
import { scheduleManifest, VELERO_ALERT_NAMES, veleroAlertRules } from 'velero-iac';
import {
  UdsDefaultSchedule,
  VeleroBackupAlerts,
  VeleroBackupStorageLocation,
  VeleroSchedule,
} from 'velero-iac/cdk8s';
import { validatePrometheusRules } from '../core/alerts/prometheusRuleSchema';
import { expectConstructError, newChart } from './cdk8sTestKit';

const drillTarget = {
  name: 'drill-udsbackup',
  namespace: 'velero',
  schedule: 'velero-velero-udsbackup',
  cron: '30 5 * * 6',
  maxDurationSeconds: 3600,
};

describe('VeleroBackupAlerts', () => {
  it('synthesizes one PrometheusRule from schedule constructs, the same the core builds', () => {
    const chart = newChart();
    const daily = new UdsDefaultSchedule(chart, 'default');
    const weekly = new VeleroSchedule(chart, 'weekly', {
      name: 'apps-weekly',
      schedule: '0 4 * * 0',
      template: { includedNamespaces: ['apps'], storageLocation: 'offsite' },
    });
    const offsite = new VeleroBackupStorageLocation(chart, 'offsite', {
      name: 'offsite',
      provider: 'aws',
      objectStorage: { bucket: 'prod-velero-offsite-20260101' },
      config: { region: 'eu-central-1' },
    });
    const alerts = new VeleroBackupAlerts(chart, 'alerts', {
      schedules: [daily, weekly],
      backupStorageLocations: [offsite],
      restoreDrills: [{ alertTarget: drillTarget }],
      labels: { release: 'kube-prometheus-stack' },
    });
    const objects = Testing.synth(chart);
    const rule = objects.find((o) => o.kind === 'PrometheusRule');
    const expected = veleroAlertRules([daily.manifest, weekly.manifest], {
      backupStorageLocations: [offsite.manifest],
      restoreDrills: [drillTarget],
      labels: { release: 'kube-prometheus-stack' },
    });
    expect(rule).toEqual(expected.prometheusRule);
    expect(rule.metadata).toEqual({
      name: 'velero-backup-alerts',
      namespace: 'velero',
      labels: { release: 'kube-prometheus-stack' },
    });
    expect(alerts.schedules.map((s) => [s.name, s.longestGapSeconds])).toEqual([
      ['velero-velero-udsbackup', 86_400],
      ['apps-weekly', 604_800],
    ]);
    expect(alerts.groups).toEqual(expected.groups);
    expect(validatePrometheusRules([rule])).toEqual([null]);
  });

  it('takes plain schedule options and Schedule manifests too, and drill targets as they are', () => {
    const chart = newChart();
    new VeleroBackupAlerts(chart, 'alerts', {
      schedules: [
        { name: 'hourly', schedule: '@every 1h', template: {} },
        scheduleManifest({
          name: 'nightly',
          schedule: 'CRON_TZ=Europe/Berlin 30 2 * * *',
          template: {},
        }),
      ],
      restoreDrills: [drillTarget],
      name: 'backups',
      namespace: 'monitoring',
    });
    const [rule] = Testing.synth(chart);
    expect(rule.metadata).toEqual({ name: 'backups', namespace: 'monitoring' });
    const alertNames = rule.spec.groups[0].rules.map((r: { alert: string }) => r.alert);
    expect(alertNames.filter((a: string) => a === VELERO_ALERT_NAMES.missed)).toHaveLength(2);
    expect(alertNames).toContain(VELERO_ALERT_NAMES.drillMissed);
    expect(rule.spec.groups[0].rules[0].expr).toMatch(/> 18300$/); // 1h + 4h5m
  });

  it('throws naming the construct path for an invalid schedule or option', () => {
    expectConstructError(
      () =>
        new VeleroBackupAlerts(newChart(), 'alerts', {
          schedules: [{ metadata: { name: 'daily' }, spec: { schedule: '0 25 * * *' } }],
        }),
      'VeleroBackupAlerts',
      'test/alerts',
      'schedules[0].spec.schedule',
    );
    expectConstructError(
      () =>
        new VeleroBackupAlerts(newChart(), 'alerts', {
          schedules: [],
          forDurations: { missed: '5 minutes' },
        }),
      'VeleroBackupAlerts',
      'test/alerts',
      'forDurations.missed',
    );
    const chart = newChart();
    expect(() => new VeleroBackupAlerts(chart, 'bad', { schedules: 'daily' as never })).toThrow(
      /schedules: must be a list/,
    );
    expect(chart.node.children).toHaveLength(0);
  });
});
