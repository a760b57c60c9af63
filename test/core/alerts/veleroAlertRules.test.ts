import { readFileSync } from 'node:fs';
import * as path from 'node:path';
/**
 * veleroAlertRules: what it builds (the fields that matter), its options, its errors, and that
 * every generated file passes the Prometheus Operator's schema and `promtool check rules`.
 */
import fc from 'fast-check';
import {
  backupStorageLocationManifest,
  scheduleManifest,
  udsDefaultSchedule,
  VeleroConfigError,
} from 'velero-iac';
import type {
  PrometheusAlertingRule,
  PrometheusRuleManifest,
  VeleroAlertRules,
  VeleroAlertRulesOptions,
} from '../../../lib/core/alerts/types';
import {
  DEFAULT_RUNBOOK_URL,
  VELERO_ALERT_NAMES,
  veleroAlertRules,
} from '../../../lib/core/alerts/veleroAlertRules';
import { describeIf, needsTool } from '../../support/requirements';
import { validatePrometheusRules } from './prometheusRuleSchema';
import { checkRules, rulesYaml } from './promtool';

const daily = udsDefaultSchedule();
const weekly = scheduleManifest({
  name: 'apps-weekly',
  schedule: 'CRON_TZ=Europe/Berlin 30 2 * * 0',
  template: {
    includedNamespaces: ['apps'],
    itemOperationTimeout: '1h',
    storageLocation: 'offsite',
  },
});
const drill = {
  name: 'drill-udsbackup',
  namespace: 'velero-drills',
  schedule: daily.metadata.name,
  cron: '30 5 * * 6',
  timeZone: 'Europe/Berlin',
  maxDurationSeconds: 3600,
};

function rules(result: VeleroAlertRules): PrometheusAlertingRule[] {
  return result.groups.flatMap((g) => g.rules);
}

function rule(
  result: VeleroAlertRules,
  alert: string,
  labels: Record<string, string> = {},
): PrometheusAlertingRule {
  const found = rules(result).filter(
    (r) => r.alert === alert && Object.entries(labels).every(([k, v]) => r.labels?.[k] === v),
  );
  expect(found).toHaveLength(1);
  return found[0] as PrometheusAlertingRule;
}

function configError(run: () => unknown): VeleroConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof VeleroConfigError) return error;
    throw error;
  }
  throw new Error('expected a VeleroConfigError');
}

describe('veleroAlertRules for the default schedule', () => {
  const result = veleroAlertRules([daily]);

  test('per schedule: missed, never succeeded and failed; plus its location and Velero itself', () => {
    expect(rules(result).map((r) => r.alert)).toEqual([
      VELERO_ALERT_NAMES.missed,
      VELERO_ALERT_NAMES.neverSucceeded,
      VELERO_ALERT_NAMES.failed,
      VELERO_ALERT_NAMES.locationUnavailable,
      VELERO_ALERT_NAMES.notScraped,
    ]);
    expect(result.schedules).toEqual([
      {
        name: 'velero-velero-udsbackup',
        namespace: 'velero',
        cron: '0 3 * * *',
        timeZone: 'UTC',
        paused: false,
        longestGapSeconds: 86_400,
        allowanceSeconds: 4 * 3600 + 300,
        missedAfterSeconds: 86_400 + 4 * 3600 + 300,
        failureWindowSeconds: 86_400,
      },
    ]);
  });

  test('missed: time since the last completed backup against gap + allowance, per schedule', () => {
    const missed = rule(result, VELERO_ALERT_NAMES.missed);
    expect(missed.expr).toBe(
      'time() - max by (namespace, schedule) (velero_backup_last_successful_timestamp{job="velero",namespace="velero",schedule="velero-velero-udsbackup"}) > 101100',
    );
    expect(missed.for).toBeUndefined();
    expect(missed.labels).toEqual({
      severity: 'critical',
      namespace: 'velero',
      schedule: 'velero-velero-udsbackup',
    });
    expect(missed.annotations?.['runbook_url']).toBe(DEFAULT_RUNBOOK_URL);
    expect(missed.annotations?.['description']).toContain(
      '`0 3 * * *` (UTC) leaves at most 1d between runs',
    );
  });

  test('never succeeded: no series at all, for the same threshold', () => {
    const never = rule(result, VELERO_ALERT_NAMES.neverSucceeded);
    expect(never.expr).toBe(
      'absent(velero_backup_last_successful_timestamp{job="velero",namespace="velero",schedule="velero-velero-udsbackup"})',
    );
    expect(never.for).toBe('1d4h5m');
  });

  test('failed: increase() of the three failure counters within the gap, labelled with the phase', () => {
    const failed = rule(result, VELERO_ALERT_NAMES.failed);
    for (const [metric, phase] of [
      ['velero_backup_failure_total', 'Failed'],
      ['velero_backup_partial_failure_total', 'PartiallyFailed'],
      ['velero_backup_validation_failure_total', 'FailedValidation'],
    ]) {
      expect(failed.expr).toContain(
        `label_replace(increase(${metric}{job="velero",namespace="velero",schedule="velero-velero-udsbackup"}[1d]), "phase", "${phase}", "", "")`,
      );
    }
    expect(failed.expr).toMatch(/\) > 0$/);
    expect(failed.labels?.['severity']).toBe('warning');
  });

  test('never reads velero_backup_last_status, which Velero resets to 1 every minute', () => {
    expect(JSON.stringify(result)).not.toContain('velero_backup_last_status');
  });

  test('the default location and Velero not scraped', () => {
    const location = rule(result, VELERO_ALERT_NAMES.locationUnavailable);
    expect(location.expr).toBe(
      'max by (namespace, backup_location_name) (velero_backup_location_status_gauge{job="velero",namespace="velero",backup_location_name="default"}) == 0',
    );
    expect(location.for).toBe('5m');
    const scraped = rule(result, VELERO_ALERT_NAMES.notScraped);
    expect(scraped.expr).toBe(
      'max by (job, namespace) (up{job="velero",namespace="velero"}) == 0\nor absent(velero_backup_total{job="velero",namespace="velero"})',
    );
    expect(scraped.for).toBe('10m');
  });

  test('a PrometheusRule with the same groups', () => {
    expect(result.prometheusRule).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'velero-backup-alerts', namespace: 'velero' },
      spec: { groups: result.groups },
    });
    expect(result.prometheusRule.spec.groups).not.toBe(result.groups);
    expect(result.groups[0]?.name).toBe('velero-backup-health');
  });

  test('the README shows exactly these expressions', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const block = /```promql\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(
      `${rules(result)
        .map((r) => r.expr)
        .join('\n')}\n`,
    );
  });

  test('rules file snapshot (beside the assertions above)', () => {
    expect(rulesYaml(result.groups)).toMatchSnapshot();
  });
});

describe('veleroAlertRules options', () => {
  test('paused schedules: failures only', () => {
    const paused = scheduleManifest({
      name: 'paused',
      schedule: '@daily',
      paused: true,
      template: {},
    });
    const result = veleroAlertRules([paused]);
    expect(
      rules(result)
        .filter((r) => r.labels?.['schedule'] === 'paused')
        .map((r) => r.alert),
    ).toEqual([VELERO_ALERT_NAMES.failed]);
    expect(result.schedules[0]?.paused).toBe(true);
  });

  test('allowance: from itemOperationTimeout, or given for all, or per schedule', () => {
    expect(veleroAlertRules([daily, weekly]).schedules.map((s) => s.allowanceSeconds)).toEqual([
      14_700, 3900,
    ]);
    expect(
      veleroAlertRules([daily, weekly], { backupAllowance: '30m' }).schedules.map(
        (s) => s.allowanceSeconds,
      ),
    ).toEqual([1800, 1800]);
    const each = veleroAlertRules([daily, weekly], {
      backupAllowance: '1h30m0s',
      backupAllowances: { 'apps-weekly': '2d' },
    });
    expect(each.schedules.map((s) => s.allowanceSeconds)).toEqual([5400, 172_800]);
    // Sundays 02:30 Europe/Berlin: the spring-forward Sunday has no 02:30, so two weeks less an hour.
    expect(each.schedules[1]?.longestGapSeconds).toBe(14 * 86_400 - 3600);
    expect(rule(each, VELERO_ALERT_NAMES.missed, { schedule: 'apps-weekly' }).expr).toMatch(
      / > 1378800$/,
    );
  });

  test('failure window: the gap within 1h to 7d, or given', () => {
    const monthly = scheduleManifest({ name: 'monthly', schedule: '0 0 1 * *', template: {} });
    const often = scheduleManifest({ name: 'often', schedule: '*/10 * * * *', template: {} });
    expect(
      veleroAlertRules([monthly, often, daily]).schedules.map((s) => s.failureWindowSeconds),
    ).toEqual([7 * 86_400, 3600, 86_400]);
    const given = veleroAlertRules([daily], { failureWindow: '6h' });
    expect(rule(given, VELERO_ALERT_NAMES.failed).expr).toContain('[6h]');
  });

  test('label matchers: job, namespace, extra matchers', () => {
    const result = veleroAlertRules([daily], {
      veleroJob: '',
      matchNamespace: false,
      extraMatchers: { cluster: 'prod-eu' },
      kubeStateMetricsJob: 'ksm',
      restoreDrills: [drill],
    });
    expect(rule(result, VELERO_ALERT_NAMES.missed).expr).toContain(
      'velero_backup_last_successful_timestamp{cluster="prod-eu",schedule="velero-velero-udsbackup"}',
    );
    expect(rule(result, VELERO_ALERT_NAMES.notScraped).expr).toBe(
      'max by (job, namespace) (up{cluster="prod-eu"}) == 0\nor absent(velero_backup_total{cluster="prod-eu"})',
    );
    expect(rule(result, VELERO_ALERT_NAMES.drillMissed).expr).toContain(
      'kube_cronjob_status_last_successful_time{job="ksm",namespace="velero-drills",cluster="prod-eu",cronjob="drill-udsbackup"}',
    );
    const bare = veleroAlertRules([daily], { veleroJob: '', matchNamespace: false });
    expect(rule(bare, VELERO_ALERT_NAMES.notScraped).expr).toBe('absent(velero_backup_total)');
  });

  test('severities, for:, labels, annotations, runbook, group and object metadata', () => {
    const options: VeleroAlertRulesOptions = {
      severities: { missed: 'page', failed: 'ticket' },
      forDurations: { missed: '15m', notScraped: '1h30m0s' },
      alertLabels: { team: 'platform' },
      alertAnnotations: { dashboard: 'https://grafana.example/d/velero' },
      runbookUrl: 'https://wiki.example/velero-restore',
      groupName: 'backups',
      evaluationInterval: '2m',
      name: 'backup-alerts',
      namespace: 'monitoring',
      labels: { release: 'kube-prometheus-stack' },
      annotations: { owner: 'platform' },
    };
    const result = veleroAlertRules([daily], options);
    const missed = rule(result, VELERO_ALERT_NAMES.missed);
    expect(missed.labels).toEqual({
      severity: 'page',
      namespace: 'velero',
      schedule: daily.metadata.name,
      team: 'platform',
    });
    expect(missed.for).toBe('15m');
    expect(missed.annotations).toMatchObject({
      runbook_url: 'https://wiki.example/velero-restore',
      dashboard: 'https://grafana.example/d/velero',
    });
    expect(rule(result, VELERO_ALERT_NAMES.failed).labels?.['severity']).toBe('ticket');
    expect(rule(result, VELERO_ALERT_NAMES.neverSucceeded).labels?.['severity']).toBe('critical');
    expect(rule(result, VELERO_ALERT_NAMES.notScraped).for).toBe('1h30m');
    expect(result.groups[0]).toMatchObject({ name: 'backups', interval: '2m' });
    expect(result.prometheusRule.metadata).toEqual({
      name: 'backup-alerts',
      namespace: 'monitoring',
      labels: { release: 'kube-prometheus-stack' },
      annotations: { owner: 'platform' },
    });
  });

  test('locations: those given, those the schedules name, the default where a schedule relies on it', () => {
    const locationNames = (result: VeleroAlertRules) =>
      rules(result)
        .filter((r) => r.alert === VELERO_ALERT_NAMES.locationUnavailable)
        .map((r) => `${r.labels?.['namespace']}/${r.labels?.['backup_location_name']}`);
    expect(locationNames(veleroAlertRules([daily, weekly]))).toEqual([
      'velero/default',
      'velero/offsite',
    ]);
    const primary = backupStorageLocationManifest({
      name: 'primary',
      provider: 'aws',
      objectStorage: { bucket: 'prod-velero-20260101' },
      config: { region: 'eu-west-1' },
      default: true,
    });
    expect(
      locationNames(veleroAlertRules([daily, weekly], { backupStorageLocations: [primary] })),
    ).toEqual(['velero/primary', 'velero/offsite']);
    const elsewhere = scheduleManifest({
      name: 'other',
      namespace: 'velero-b',
      schedule: '@daily',
      template: {},
    });
    const two = veleroAlertRules([daily, elsewhere]);
    expect(locationNames(two)).toEqual(['velero/default', 'velero-b/default']);
    expect(
      rules(two)
        .filter((r) => r.alert === VELERO_ALERT_NAMES.notScraped)
        .map((r) => r.labels?.['namespace']),
    ).toEqual(['velero', 'velero-b']);
    expect(two.prometheusRule.metadata.namespace).toBe('velero');
    expect(rules(veleroAlertRules([])).map((r) => r.alert)).toEqual([
      VELERO_ALERT_NAMES.notScraped,
    ]);
  });

  test('restore drills: missed, never succeeded since the CronJob was created, CronJob missing', () => {
    const result = veleroAlertRules([daily], { restoreDrills: [drill] });
    expect(result.restoreDrills).toEqual([
      {
        name: 'drill-udsbackup',
        namespace: 'velero-drills',
        schedule: daily.metadata.name,
        // Saturdays 05:30 Europe/Berlin: an hour more across the fall-back night.
        longestGapSeconds: 7 * 86_400 + 3600,
        missedAfterSeconds: 7 * 86_400 + 3600 + 3600 + 300,
      },
    ]);
    const selectorLabels =
      'job="kube-state-metrics",namespace="velero-drills",cronjob="drill-udsbackup"';
    expect(rule(result, VELERO_ALERT_NAMES.drillMissed).expr).toBe(
      `time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${selectorLabels}}) > 612300`,
    );
    expect(rule(result, VELERO_ALERT_NAMES.drillNeverSucceeded).expr).toBe(
      `(time() - max by (namespace, cronjob) (kube_cronjob_created{${selectorLabels}}) > 612300)\nunless on (namespace, cronjob) kube_cronjob_status_last_successful_time{${selectorLabels}}`,
    );
    const missing = rule(result, VELERO_ALERT_NAMES.drillMissing);
    expect(missing.expr).toBe(`absent(kube_cronjob_created{${selectorLabels}})`);
    expect(missing.for).toBe('7d2h5m');
    expect(missing.labels).toEqual({
      severity: 'warning',
      namespace: 'velero-drills',
      cronjob: 'drill-udsbackup',
      schedule: daily.metadata.name,
    });
  });

  test('a drill cron across daylight saving: its timeZone counts', () => {
    const nightly = { ...drill, cron: '30 2 * * *', timeZone: 'Europe/Berlin' };
    expect(
      veleroAlertRules([], { restoreDrills: [nightly] }).restoreDrills[0]?.longestGapSeconds,
    ).toBe(47 * 3600);
    const utc = { ...nightly, timeZone: undefined };
    expect(veleroAlertRules([], { restoreDrills: [utc] }).restoreDrills[0]?.longestGapSeconds).toBe(
      86_400,
    );
  });

  test('schedules may be plain objects with only what the rules read', () => {
    const result = veleroAlertRules([
      { metadata: { name: 'tiny' }, spec: { schedule: '@every 6h' } },
    ]);
    expect(result.schedules[0]).toMatchObject({ namespace: 'velero', longestGapSeconds: 6 * 3600 });
  });
});

describe('veleroAlertRules errors', () => {
  test('every problem at once, each with its path', () => {
    const error = configError(() =>
      veleroAlertRules(
        [
          daily,
          { metadata: { name: 'Bad_Name' }, spec: { schedule: '0 3 * * 7' } },
          {
            metadata: { name: daily.metadata.name },
            spec: { schedule: '@daily', template: { itemOperationTimeout: '4 hours' } },
          },
          'not a schedule' as never,
        ],
        {
          backupAllowance: '1.5 days',
          severitys: { missed: 'page' },
          severities: { missed: '', bogus: 'x' },
          alertLabels: { severity: 'page', 'bad-name': 'x' },
          extraMatchers: { schedule: 'x' },
          forDurations: { missed: 'soon' },
          backupAllowances: { nope: '1h' },
          name: 'Not A Name',
          restoreDrills: [
            { ...drill, cron: 'CRON_TZ=UTC 0 3 * * *' },
            { ...drill, name: 'other', maxDurationSeconds: 0, timeZone: 'Mars/Olympus' },
            { ...drill, name: 'third', cron: '61 * * * *', timeZone: undefined },
          ],
        } as unknown as VeleroAlertRulesOptions,
      ),
    );
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'schedules[1].metadata.name',
        'schedules[1].spec.schedule',
        'schedules[2].spec.template.itemOperationTimeout',
        'schedules[3]',
        'backupAllowance',
        'severitys',
        'severities.missed',
        'severities.bogus',
        'alertLabels.severity',
        'alertLabels["bad-name"]',
        'extraMatchers.schedule',
        'forDurations.missed',
        'backupAllowances.nope',
        'name',
        'restoreDrills[0].cron',
        'restoreDrills[1].maxDurationSeconds',
        'restoreDrills[1].timeZone',
        'restoreDrills[2].cron',
      ]),
    );
    expect(error.issues.find((i) => i.path === 'severitys')?.message).toContain(
      'did you mean `severities`?',
    );
    expect(error.issues.find((i) => i.path === 'schedules[1].spec.schedule')?.message).toContain(
      'use 0 or sun for Sunday',
    );
    expect(error.message).toMatch(/^Invalid backup alert rules: \d+ problems/);
  });

  test('two schedules with one name', () => {
    const error = configError(() => veleroAlertRules([daily, { ...daily }]));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'schedules[1].metadata.name' })]);
  });

  test("the schedules' crons are Velero's own: the targeted release's robfig/cron parses them", () => {
    const berlin = {
      metadata: { name: 'berlin' },
      spec: { schedule: 'CRON_TZ=Europe/Berlin 0 3 * * *' },
    };
    expect(veleroAlertRules([berlin], { veleroVersion: '1.15' }).schedules).toHaveLength(1);
    const old = configError(() => veleroAlertRules([berlin], { veleroVersion: '1.14' }));
    expect(old.issues).toEqual([
      expect.objectContaining({
        path: 'schedules[0].spec.schedule',
        allowed: expect.stringContaining('no time-zone prefix before Velero 1.15'),
      }),
    ]);
    // A drill is a Kubernetes CronJob, which Velero's release does not parse.
    expect(
      veleroAlertRules([daily], {
        veleroVersion: '1.14',
        restoreDrills: [{ ...drill, timeZone: 'Europe/Berlin' }],
      }).restoreDrills,
    ).toHaveLength(1);
    const spelled = configError(() =>
      veleroAlertRules([daily], { veleroVersion: 'v1.14' as never }),
    );
    expect(spelled.issues).toEqual([
      expect.objectContaining({
        path: 'veleroVersion',
        message: expect.stringContaining("'1.14'"),
      }),
    ]);
  });

  test('anything else yields rules or a VeleroConfigError, never another error', () => {
    const anything = fc.oneof(fc.anything(), fc.constantFrom(daily, weekly, drill));
    fc.assert(
      fc.property(
        fc.array(anything, { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'veleroJob',
            'severities',
            'restoreDrills',
            'forDurations',
            'backupAllowance',
            'labels',
            'extraMatchers',
            'matchNamespace',
            'name',
          ),
          anything,
        ),
        (schedules, options) => {
          try {
            veleroAlertRules(schedules as never, options as never);
          } catch (error) {
            if (!(error instanceof VeleroConfigError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---- conformance: the Prometheus Operator's schema and promtool ---------------------------------

/** Every kind of file the rules produce, for the schema and promtool checks. */
function variants(): { label: string; result: VeleroAlertRules }[] {
  return [
    { label: 'default schedule', result: veleroAlertRules([daily]) },
    { label: 'no schedule', result: veleroAlertRules([]) },
    {
      label: 'daylight saving, paused, drills and every option',
      result: veleroAlertRules(
        [
          daily,
          weekly,
          scheduleManifest({ name: 'paused', schedule: '@every 1h', paused: true, template: {} }),
          scheduleManifest({
            name: 'other-ns',
            namespace: 'velero-b',
            schedule: 'TZ=America/New_York 0 2 * * 0',
            template: {},
          }),
        ],
        {
          restoreDrills: [
            drill,
            { ...drill, name: 'drill-weekly', schedule: 'apps-weekly', timeZone: undefined },
          ],
          veleroJob: 'velero-server',
          extraMatchers: { cluster: 'prod "eu"\\1' },
          severities: { missed: 'page' },
          forDurations: { failed: '10m' },
          alertLabels: { team: 'platform' },
          alertAnnotations: {
            dashboard: 'https://grafana.example/d/velero?var-schedule={{ $labels.schedule }}',
          },
          evaluationInterval: '30s',
          labels: { release: 'kube-prometheus-stack' },
        },
      ),
    },
    {
      label: 'no job or namespace matchers',
      result: veleroAlertRules([daily], {
        veleroJob: '',
        matchNamespace: false,
        kubeStateMetricsJob: '',
        restoreDrills: [drill],
      }),
    },
  ];
}

describe('generated PrometheusRules against the Prometheus Operator schema (@kubernetes-models/prometheus-operator)', () => {
  const validate = validatePrometheusRules;

  test('every variant is valid', () => {
    const all = variants();
    expect(validate(all.map((v) => v.result.prometheusRule))).toEqual(all.map(() => null));
  });

  test('the schema is not a rubber stamp: it refuses a bad for: and a rule without expr', () => {
    const good = veleroAlertRules([daily]).prometheusRule;
    const badFor: PrometheusRuleManifest = structuredClone(good);
    (badFor.spec.groups[0]?.rules[0] as PrometheusAlertingRule).for = '1 day';
    const noExpr = structuredClone(good) as unknown as {
      spec: { groups: { rules: Record<string, unknown>[] }[] };
    };
    delete noExpr.spec.groups[0]?.rules[0]?.['expr'];
    const [forVerdict, exprVerdict] = validate([badFor, noExpr]);
    expect(forVerdict).toContain('must match pattern');
    expect(exprVerdict).toContain('must have required property expr');
  });

  test('rules carry only the fields a Prometheus rule has', () => {
    for (const { result } of variants()) {
      for (const r of rules(result)) {
        for (const key of Object.keys(r))
          expect(['alert', 'expr', 'for', 'labels', 'annotations']).toContain(key);
      }
    }
  });
});

describeIf([needsTool('promtool')], 'generated rule files under promtool check rules', () => {
  test.each(variants().map((v) => [v.label, v.result] as const))('%s', (_, result) => {
    const checked = checkRules(rulesYaml(result.groups));
    expect(checked.output).toContain('SUCCESS');
    expect(checked.status).toBe(0);
  });

  test('1,000 schedules of a fleet', () => {
    const fleet = Array.from({ length: 1000 }, (_, i) =>
      scheduleManifest({
        name: `team-${i}-daily`,
        schedule: `${i % 60} ${i % 24} * * *`,
        template: {},
      }),
    );
    const checked = checkRules(rulesYaml(veleroAlertRules(fleet).groups));
    expect(checked.output).toContain('SUCCESS: 3002 rules found');
    expect(checked.status).toBe(0);
  });
});
