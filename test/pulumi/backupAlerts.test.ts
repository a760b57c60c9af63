import * as k8s from '@pulumi/kubernetes';
import { Analyzer } from '@pulumi/pulumi/provider/experimental/analyzer';
import { udsDefaultSchedule, VeleroConfigError, veleroAlertRules } from 'velero-iac';
import {
  VeleroBackupAlerts,
  VeleroBackupPlatform,
  type VeleroBackupPlatformArgs,
} from 'velero-iac/pulumi';
import { validatePrometheusRules } from '../core/alerts/prometheusRuleSchema';
import { MOCK_ACCOUNT_ID, outputValue, runProgram } from './harness';

const PROMETHEUS_RULE_TYPE = 'kubernetes:monitoring.coreos.com/v1:PrometheusRule';
const drill = {
  name: 'drill-udsbackup',
  namespace: 'velero',
  schedule: 'velero-velero-udsbackup',
  cron: '30 5 * * 6',
  maxDurationSeconds: 3600,
};

describe('VeleroBackupAlerts', () => {
  test('registers one PrometheusRule, the one the core builds, under the component and its provider', async () => {
    const run = await runProgram(() => {
      const provider = new k8s.Provider('cluster', { kubeconfig: '{}' });
      return new VeleroBackupAlerts(
        'alerts',
        {
          schedules: [
            { name: 'velero-velero-udsbackup', schedule: '0 3 * * *' },
            {
              name: 'weekly',
              schedule: 'CRON_TZ=Europe/Berlin 0 3 * * 0',
              itemOperationTimeout: '1h',
              storageLocation: 'offsite',
            },
          ],
          backupStorageLocations: [{ name: 'default' }],
          restoreDrills: [drill],
          labels: { release: 'kube-prometheus-stack' },
          severities: { failed: 'page' },
        },
        { provider },
      );
    });
    const expected = veleroAlertRules(
      [
        udsDefaultSchedule(),
        {
          metadata: { name: 'weekly' },
          spec: {
            schedule: 'CRON_TZ=Europe/Berlin 0 3 * * 0',
            template: { itemOperationTimeout: '1h', storageLocation: 'offsite' },
          },
        },
      ],
      {
        backupStorageLocations: [{ metadata: { name: 'default' } }],
        restoreDrills: [drill],
        labels: { release: 'kube-prometheus-stack' },
        severities: { failed: 'page' },
      },
    ).prometheusRule;
    const rules = run.resources.filter((r) => r.type === PROMETHEUS_RULE_TYPE);
    expect(rules).toHaveLength(1);
    const rule = rules[0]!;
    expect(rule.inputs).toEqual(expected);
    const component = run.resources.find((r) => r.type === 'velero-iac:alerts:VeleroBackupAlerts')!;
    expect(rule.options.parent).toBe(component.urn);
    expect(rule.options.provider).toMatch(/::cluster::/);
    const alerts = run.result!;
    expect(alerts.ruleName).toBe('velero-backup-alerts');
    expect(alerts.ruleNamespace).toBe('velero');
    expect(
      alerts.schedulePlans.map((p) => [p.name, p.longestGapSeconds, p.allowanceSeconds]),
    ).toEqual([
      ['velero-velero-udsbackup', 86_400, 14_700],
      ['weekly', 7 * 86_400 + 3600, 3900],
    ]);
    expect(alerts.prometheusRule).toBeInstanceOf(k8s.apiextensions.CustomResource);
    expect(validatePrometheusRules([rule.inputs])).toEqual([null]);
  });

  test('invalid arguments: a VeleroConfigError naming the component and every problem, nothing registered', async () => {
    const run = await runProgram(
      () =>
        new VeleroBackupAlerts('bad', {
          schedules: [{ name: 'daily', schedule: '0 3 * * 8' }],
          forDurations: { missed: 'a while' },
        }),
      { captureError: true },
    );
    expect(run.resources).toHaveLength(0);
    expect(run.error).toBeInstanceOf(VeleroConfigError);
    const error = run.error as VeleroConfigError;
    expect(error.message).toContain('VeleroBackupAlerts "bad"');
    expect(error.issues.map((i) => i.path)).toEqual([
      'schedules[0].spec.schedule',
      'forDurations.missed',
    ]);
  });

  test("Pulumi's schema inference accepts the component's arguments and outputs", () => {
    // The analyzer behind `pulumi package add` for source-based TypeScript components.
    const analyzer = new Analyzer(
      process.cwd(),
      'velero-iac',
      { exports: { '.': './lib/pulumi/index.ts' } },
      new Set(['VeleroBackupAlerts']),
    );
    const { components } = analyzer.analyze();
    const component = components['VeleroBackupAlerts'];
    expect(Object.keys(component?.inputs ?? {})).toEqual(
      expect.arrayContaining([
        'schedules',
        'backupStorageLocations',
        'restoreDrills',
        'severities',
        'forDurations',
        'labels',
      ]),
    );
    expect(Object.keys(component?.outputs ?? {})).toEqual([
      'ruleName',
      'ruleNamespace',
      'groups',
      'schedulePlans',
    ]);
  }, 120_000);
});

describe('VeleroBackupPlatform alerts', () => {
  const OIDC_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF';
  const BASE: VeleroBackupPlatformArgs = {
    cluster: 'prod-eu',
    date: '2026-01-15',
    region: 'eu-west-1',
    oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:oidc-provider/${OIDC_ISSUER}`,
    oidcProviderUrl: `https://${OIDC_ISSUER}`,
  };

  async function platform(args: Partial<VeleroBackupPlatformArgs>) {
    const run = await runProgram(() => new VeleroBackupPlatform('prod', { ...BASE, ...args }), {
      captureError: true,
    });
    if (run.error !== undefined) throw run.error;
    const values = await outputValue(run.result!.helmValues);
    return { run, values, groups: run.result!.alertRuleGroups };
  }

  test('on by default: the chart gets its ServiceMonitor and the rules, both rendered only where Helm finds the operator', async () => {
    const { run, values, groups } = await platform({
      extraSchedules: [{ name: 'weekly', schedule: '0 4 * * 0', template: { ttl: '720h0m0s' } }],
    });
    // The platform's own weekly drill of the default schedule is watched too.
    const [defaultDrill] = run.result!.drills;
    expect(defaultDrill).toBeDefined();
    const expected = veleroAlertRules(
      [udsDefaultSchedule(), { metadata: { name: 'weekly' }, spec: { schedule: '0 4 * * 0' } }],
      {
        backupStorageLocations: [{ metadata: { name: 'default' } }],
        restoreDrills: [defaultDrill!.alertTarget],
      },
    );
    expect(groups).toEqual(expected.groups);
    expect(groups[0]!.rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['VeleroRestoreDrillMissed', 'VeleroRestoreDrillNeverSucceeded']),
    );
    expect(values.metrics).toEqual({
      enabled: true,
      serviceMonitor: { enabled: true, autodetect: true },
      prometheusRule: { enabled: true, autodetect: true, spec: expected.groups[0]!.rules },
    });
    // Nothing of the Prometheus Operator is registered by the platform itself.
    expect(run.resources.filter((r) => r.type.includes('monitoring.coreos.com'))).toEqual([]);
  });

  test('options: labels for the operator to select, severities, drills, autodetect off, job from the chart name', async () => {
    const { values } = await platform({
      chartFullname: 'backup',
      alerts: {
        labels: { release: 'kube-prometheus-stack' },
        namespace: 'monitoring',
        severities: { missed: 'page' },
        restoreDrills: [drill],
        autodetect: false,
      },
    });
    expect(values.metrics?.serviceMonitor).toEqual({
      enabled: true,
      autodetect: false,
      additionalLabels: { release: 'kube-prometheus-stack' },
    });
    const rule = values.metrics!.prometheusRule;
    expect(rule).toMatchObject({
      autodetect: false,
      namespace: 'monitoring',
      additionalLabels: { release: 'kube-prometheus-stack' },
    });
    expect(rule.spec[0]).toMatchObject({
      alert: 'VeleroBackupMissed',
      labels: { severity: 'page' },
    });
    expect(rule.spec[0]!.expr).toContain(
      '{job="backup",namespace="velero",schedule="velero-velero-udsbackup"}',
    );
    expect(rule.spec.map((r) => r.alert)).toContain('VeleroRestoreDrillMissed');
  });

  test("without drills, no drill alerts; drills made elsewhere are watched beside the platform's", async () => {
    const none = await platform({ drills: [] });
    expect(none.groups[0]!.rules.map((r) => r.alert)).not.toContain('VeleroRestoreDrillMissed');
    const both = await platform({ alerts: { restoreDrills: [drill] } });
    const drillRules = both.groups[0]!.rules.filter((r) => r.alert === 'VeleroRestoreDrillMissed');
    expect(drillRules).toHaveLength(2);
  });

  test('extraHelmValues tune the rest of metrics; what the alerts set is theirs while they are on', async () => {
    const tuned = await platform({
      extraHelmValues: { metrics: { serviceMonitor: { interval: '30s' }, scrapeTimeout: '20s' } },
    });
    expect(tuned.values.metrics).toMatchObject({
      scrapeTimeout: '20s',
      serviceMonitor: { enabled: true, autodetect: true, interval: '30s' },
      prometheusRule: { enabled: true, spec: tuned.groups[0]!.rules },
    });
    const run = await runProgram(
      () =>
        new VeleroBackupPlatform('prod', {
          ...BASE,
          extraHelmValues: {
            metrics: {
              enabled: false,
              prometheusRule: { spec: [] },
              serviceMonitor: { autodetect: false },
            },
          },
        }),
      { captureError: true },
    );
    expect(run.resources).toHaveLength(0);
    const issues = (run.error as VeleroConfigError).issues;
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['extraHelmValues.metrics.enabled', expect.stringContaining('`alerts.enabled`')],
      [
        'extraHelmValues.metrics.prometheusRule',
        expect.stringContaining('alerts: { enabled: false }'),
      ],
      [
        'extraHelmValues.metrics.serviceMonitor.autodetect',
        expect.stringContaining('`alerts.autodetect`'),
      ],
    ]);
    // With the alerts off, metrics are the user's own.
    const own = await platform({
      alerts: { enabled: false },
      extraHelmValues: { metrics: { enabled: true, prometheusRule: { enabled: true, spec: [] } } },
    });
    expect(own.values.metrics).toEqual({
      enabled: true,
      prometheusRule: { enabled: true, spec: [] },
    });
  });

  test('the schedules are read with the cron of the targeted release', async () => {
    await expect(
      platform({
        veleroVersion: '1.14',
        drills: [],
        extraSchedules: [
          { name: 'berlin', schedule: 'CRON_TZ=Europe/Berlin 0 4 * * *', template: {} },
        ],
      }),
    ).rejects.toThrow(/extraSchedules\[0\]\.schedule/);
  });

  test('off with enabled: false; bad alert options are reported under alerts', async () => {
    const { values, groups } = await platform({ alerts: { enabled: false } });
    expect(values.metrics).toBeUndefined();
    expect(groups).toEqual([]);
    await expect(
      platform({ alerts: { forDurations: { missed: 'later' }, veleroJob: 3 as never } }),
    ).rejects.toThrow(VeleroConfigError);
    const run = await runProgram(
      () =>
        new VeleroBackupPlatform('prod', {
          ...BASE,
          alerts: { forDurations: { missed: 'later' }, autodetect: 'yes' as never },
        }),
      { captureError: true },
    );
    expect(run.resources).toHaveLength(0);
    expect((run.error as VeleroConfigError).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['alerts.autodetect', 'alerts.forDurations.missed']),
    );
  });
});
