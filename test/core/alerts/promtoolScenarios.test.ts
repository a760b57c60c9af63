/**
 * The generated alert rules, run by the real Prometheus rule engine (`promtool test rules`) on
 * series shaped like Velero's and kube-state-metrics' metrics. Each scenario states when an alert
 * must fire and when it must not.
 */
import { scheduleManifest, udsDefaultSchedule } from 'velero-iac';
import type {
  AlertedSchedule,
  PrometheusAlertingRule,
  VeleroAlertRules,
  VeleroAlertRulesOptions,
} from '../../../lib/core/alerts/types';
import { VELERO_ALERT_NAMES, veleroAlertRules } from '../../../lib/core/alerts/veleroAlertRules';
import { cronFireTimes } from '../../../lib/core/rules/cronNext';
import { describeIf, needsTool } from '../../support/requirements';
import {
  type AlertCheck,
  at,
  expectedAlert,
  type InputSeries,
  seriesName,
  steps,
  testRules,
} from './promtool';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;

/** The labels Prometheus adds to every series it scrapes from Velero through the chart's Service. */
const VELERO_TARGET = {
  job: 'velero',
  namespace: 'velero',
  instance: '10.0.3.17:8085',
  pod: 'velero-7c9d5f7b8-x2x9q',
  service: 'velero',
  endpoint: 'http-monitoring',
  container: 'velero',
};
const KSM_TARGET = {
  job: 'kube-state-metrics',
  instance: '10.0.1.4:8080',
  pod: 'kube-state-metrics-5b6c8d9f-7hj2k',
  service: 'kube-state-metrics',
  endpoint: 'http',
  container: 'kube-state-metrics',
};

const ALL_ALERTS = Object.values(VELERO_ALERT_NAMES);

function findRule(
  rules: VeleroAlertRules,
  alert: string,
  labels: Record<string, string> = {},
): PrometheusAlertingRule {
  const found = rules.groups
    .flatMap((g) => g.rules)
    .filter(
      (r) => r.alert === alert && Object.entries(labels).every(([k, v]) => r.labels?.[k] === v),
    );
  if (found.length !== 1)
    throw new Error(
      `expected one ${alert} rule for ${JSON.stringify(labels)}, found ${found.length}`,
    );
  return found[0] as PrometheusAlertingRule;
}

/**
 * One promtool test case: series sampled every `res` seconds up to `end`, rules evaluated every
 * `every` seconds. Checks are put on the evaluation grid: "quiet" at the last evaluation before a
 * time, "fires" at the first evaluation at or after it.
 */
class Scenario {
  readonly series: InputSeries[] = [];
  readonly checks: AlertCheck[] = [];
  constructor(
    readonly end: number,
    readonly res = MINUTE,
    readonly every = res,
  ) {}

  /** A series with a value from each time on (`undefined`: no sample). */
  add(
    metric: string,
    labels: Record<string, string>,
    changes: readonly (readonly [number, number | undefined])[],
  ): this {
    this.series.push({
      series: seriesName(metric, labels),
      values: steps(changes, this.end, this.res),
    });
    return this;
  }

  /** Velero's own series of a healthy server: the target is up, the location available. */
  veleroBaseline(location = 'default'): this {
    return this.add('up', VELERO_TARGET, [[0, 1]])
      .add('velero_backup_total', VELERO_TARGET, [[0, 12]])
      .add(
        'velero_backup_location_status_gauge',
        { ...VELERO_TARGET, backup_location_name: location },
        [[0, 1]],
      );
  }

  /** A counter of a schedule that steps up by one at each of `times`, from 0 at time 0. */
  counter(
    metric: string,
    schedule: string,
    times: readonly number[],
    target = VELERO_TARGET,
  ): this {
    const changes: [number, number][] = [[0, 0]];
    for (const [i, t] of times.entries()) changes.push([t, i + 1]);
    return this.add(metric, { ...target, schedule }, changes);
  }

  /** The series Velero exports for a schedule whose backups complete at `completions`. */
  schedule(
    schedule: string,
    completions: readonly number[],
    failures: { failed?: readonly number[]; partiallyFailed?: readonly number[] } = {},
  ): this {
    if (completions.length > 0) {
      this.add('velero_backup_last_successful_timestamp', { ...VELERO_TARGET, schedule }, [
        [0, undefined],
        ...completions.map((t) => [t, t] as const),
      ]);
    }
    const failed = failures.failed ?? [];
    const partial = failures.partiallyFailed ?? [];
    return this.counter(
      'velero_backup_attempt_total',
      schedule,
      [...completions, ...failed, ...partial].sort((a, b) => a - b),
    )
      .counter('velero_backup_success_total', schedule, completions)
      .counter('velero_backup_failure_total', schedule, failed)
      .counter('velero_backup_partial_failure_total', schedule, partial)
      .counter('velero_backup_validation_failure_total', schedule, []);
  }

  /** No alert of `alerts` fires at the last evaluation before each of `times`. */
  quiet(times: readonly number[], alerts: readonly string[] = ALL_ALERTS): this {
    for (const t of times) {
      for (const alertname of alerts)
        this.checks.push({ eval_time: at(t - 1, this.every, 'before'), alertname, exp_alerts: [] });
    }
    return this;
  }

  /**
   * At the first evaluation after `t`, exactly this alert of `rule` fires for the series labels;
   * `valueAt` gives `$value` at that evaluation time.
   */
  fires(
    t: number,
    rule: PrometheusAlertingRule,
    labels: Record<string, string>,
    valueAt?: (evalTime: number) => number,
  ): this {
    const evalTime = at(t, this.every, 'after');
    const seconds = Number(evalTime.slice(0, -1));
    this.checks.push({
      eval_time: evalTime,
      alertname: rule.alert,
      exp_alerts: [expectedAlert(rule, labels, valueAt?.(seconds))],
    });
    return this;
  }

  /** Runs promtool; fails the test with promtool's output when a check fails. */
  run(rules: VeleroAlertRules): void {
    const result = testRules(rules.groups, this.series, this.checks, this.res, this.every);
    if (result.status !== 0) throw new Error(`promtool test rules failed:\n${result.output}`);
  }
}

function rulesFor(
  schedules: readonly AlertedSchedule[],
  options: VeleroAlertRulesOptions = {},
): VeleroAlertRules {
  return veleroAlertRules(schedules, options);
}

const daily = udsDefaultSchedule(); // 0 3 * * *
const DAILY = daily.metadata.name;
const weekly = scheduleManifest({
  name: 'apps-weekly',
  schedule: '0 4 * * 0',
  template: { includedNamespaces: ['apps'] },
});

/** Every day at 03:00 UTC, completed ten minutes later, for `days` days from day 0. */
function dailyCompletions(days: number): number[] {
  return Array.from({ length: days }, (_, d) => d * DAY + 3 * HOUR + 10 * MINUTE);
}

/** Every Sunday 04:00 UTC (1970-01-04 was day 3), completed 25 minutes later. */
function weeklyCompletions(weeks: number): number[] {
  return Array.from({ length: weeks }, (_, w) => 3 * DAY + w * WEEK + 4 * HOUR + 25 * MINUTE);
}

describeIf([needsTool('promtool')], 'backup alert rules under promtool test rules', () => {
  const since = (t0: number) => (evalTime: number) => evalTime - t0;

  test('a healthy daily and a healthy weekly schedule stay silent over five weeks', () => {
    const end = 5 * WEEK;
    const rules = rulesFor([daily, weekly]);
    // Evaluated every hour; checked every 6 hours and in the hour before each backup completes,
    // when the last completed backup is oldest: nothing fires.
    new Scenario(end, 5 * MINUTE, HOUR)
      .veleroBaseline()
      .schedule(DAILY, dailyCompletions(35))
      .schedule('apps-weekly', weeklyCompletions(5))
      .quiet(
        [
          ...Array.from({ length: 5 * 28 }, (_, i) => (i + 1) * 6 * HOUR),
          ...dailyCompletions(35),
          ...weeklyCompletions(5),
        ].filter((t) => t > HOUR && t <= end),
      )
      .run(rules);
  });

  test('a daily schedule that stops completing fires "missed" after gap + allowance, not before', () => {
    const rules = rulesFor([daily]);
    const plan = rules.schedules[0]!;
    expect(plan.longestGapSeconds).toBe(DAY);
    expect(plan.allowanceSeconds).toBe(4 * HOUR + 5 * MINUTE); // itemOperationTimeout 4h + 5m
    const completions = dailyCompletions(2);
    const last = completions[completions.length - 1]!;
    const due = last + plan.missedAfterSeconds;
    const missed = findRule(rules, VELERO_ALERT_NAMES.missed);
    const labels = { namespace: 'velero', schedule: DAILY };
    new Scenario(due + 12 * HOUR)
      .veleroBaseline()
      .schedule(DAILY, completions)
      .quiet([last + DAY + HOUR, due + 1])
      .fires(due + 1, missed, labels, since(last))
      .fires(due + 12 * HOUR, missed, labels, since(last))
      .quiet(
        [due + 2 * MINUTE],
        ALL_ALERTS.filter((a) => a !== missed.alert),
      )
      .run(rules);
  });

  test('a weekly schedule does not fire 25 hours (or six days) after its backup, but after its week', () => {
    const rules = rulesFor([weekly]);
    const plan = rules.schedules[0]!;
    expect(plan.longestGapSeconds).toBe(WEEK);
    const completions = weeklyCompletions(2);
    const last = completions[1]!;
    const due = last + plan.missedAfterSeconds;
    const missed = findRule(rules, VELERO_ALERT_NAMES.missed);
    new Scenario(due + HOUR, 5 * MINUTE, 15 * MINUTE)
      .veleroBaseline()
      .schedule('apps-weekly', completions)
      .quiet([last + 25 * HOUR, last + 6 * DAY, due + 1])
      .fires(due + 1, missed, { namespace: 'velero', schedule: 'apps-weekly' }, since(last))
      .run(rules);
  });

  test('a schedule that never completes a backup fires "never succeeded" after one gap + allowance', () => {
    const rules = rulesFor([daily]);
    const threshold = rules.schedules[0]!.missedAfterSeconds;
    const never = findRule(rules, VELERO_ALERT_NAMES.neverSucceeded);
    expect(never.for).toBe('1d4h5m');
    new Scenario(threshold + HOUR, 5 * MINUTE)
      .veleroBaseline()
      .schedule(DAILY, [], { failed: [3 * HOUR + 5 * MINUTE, DAY + 3 * HOUR + 5 * MINUTE] })
      .quiet([threshold], [never.alert])
      .fires(threshold + 1, never, { job: 'velero', namespace: 'velero', schedule: DAILY })
      // No completed backup ever: "missed" has nothing to measure; "never succeeded" covers it.
      .quiet([threshold + 2 * MINUTE], [VELERO_ALERT_NAMES.missed])
      .run(rules);
  });

  test('a failure fires even when a later backup of the schedule completes, and resolves after the gap', () => {
    const rules = rulesFor([daily]);
    const failedAt = DAY + 3 * HOUR + 40 * MINUTE; // the scheduled backup fails
    const retriedAt = DAY + 4 * HOUR + 30 * MINUTE; // `velero backup create --from-schedule` completes
    const partialAt = 3 * DAY + 3 * HOUR + 5 * MINUTE;
    const completions = [3 * HOUR + 10 * MINUTE, retriedAt, 2 * DAY + 3 * HOUR + 10 * MINUTE];
    const failed = findRule(rules, VELERO_ALERT_NAMES.failed);
    const labels = (phase: string) => ({ namespace: 'velero', schedule: DAILY, phase });
    new Scenario(4 * DAY, 5 * MINUTE)
      .veleroBaseline()
      .schedule(DAILY, completions, { failed: [failedAt], partiallyFailed: [partialAt] })
      .quiet([failedAt], [failed.alert])
      .fires(failedAt, failed, labels('Failed'))
      .fires(retriedAt + HOUR, failed, labels('Failed'))
      .quiet(
        [retriedAt + HOUR],
        ALL_ALERTS.filter((a) => a !== failed.alert),
      )
      .quiet([failedAt + DAY + 10 * MINUTE, partialAt], [failed.alert])
      .fires(partialAt, failed, labels('PartiallyFailed'))
      .run(rules);
  });

  test('a Velero restart (counters back to 0, a new pod) fires no false failure and no missed backup', () => {
    const rules = rulesFor([daily]);
    const restart = 2 * DAY + 12 * HOUR;
    const back = restart + 5 * MINUTE;
    const completions = dailyCompletions(4);
    const oldPod = VELERO_TARGET;
    const newPod = { ...VELERO_TARGET, instance: '10.0.3.42:8085', pod: 'velero-7c9d5f7b8-k4m2p' };
    const s = (schedule: string, target: Record<string, string>) => ({ ...target, schedule });
    new Scenario(4 * DAY, 5 * MINUTE)
      // A container restart in the same pod: the same series drop to 0.
      .add('velero_backup_failure_total', s(DAILY, oldPod), [
        [0, 3],
        [restart, 0],
      ])
      .add('velero_backup_partial_failure_total', s(DAILY, oldPod), [
        [0, 2],
        [restart, 0],
      ])
      // A new pod: the old pod's series end, the new pod's start at 0.
      .add('velero_backup_validation_failure_total', s(DAILY, oldPod), [
        [0, 1],
        [restart, undefined],
      ])
      .add('velero_backup_validation_failure_total', s(DAILY, newPod), [
        [0, undefined],
        [back, 0],
      ])
      .add('velero_backup_last_successful_timestamp', s(DAILY, oldPod), [
        [0, undefined],
        ...completions.slice(0, 3).map((t) => [t, t] as const),
        [restart, undefined],
      ])
      // The new pod recomputes the timestamp from the Backup objects within a minute of starting.
      .add('velero_backup_last_successful_timestamp', s(DAILY, newPod), [
        [0, undefined],
        [back, completions[2]!],
        [completions[3]!, completions[3]!],
      ])
      .add('up', oldPod, [
        [0, 1],
        [restart, undefined],
      ])
      .add('up', newPod, [
        [0, undefined],
        [back, 1],
      ])
      .add('velero_backup_total', oldPod, [
        [0, 12],
        [restart, undefined],
      ])
      .add('velero_backup_total', newPod, [
        [0, undefined],
        [back, 12],
      ])
      .add('velero_backup_location_status_gauge', { ...newPod, backup_location_name: 'default' }, [
        [0, 1],
      ])
      .quiet([
        restart,
        back + MINUTE,
        restart + 10 * MINUTE,
        restart + HOUR,
        3 * DAY + 6 * HOUR,
        4 * DAY,
      ])
      .run(rules);
  });

  test('an unavailable BackupStorageLocation fires after its for: of 5m', () => {
    const offsite = scheduleManifest({
      name: 'offsite',
      schedule: '0 1 * * *',
      template: { storageLocation: 'offsite' },
    });
    const rules = rulesFor([offsite], {
      backupStorageLocations: [{ metadata: { name: 'default' } }],
    });
    const down = 2 * HOUR;
    const rule = findRule(rules, VELERO_ALERT_NAMES.locationUnavailable, {
      backup_location_name: 'offsite',
    });
    new Scenario(6 * HOUR)
      .veleroBaseline()
      .add(
        'velero_backup_location_status_gauge',
        { ...VELERO_TARGET, backup_location_name: 'offsite' },
        [
          [0, 1],
          [down, 0],
        ],
      )
      .schedule('offsite', [HOUR + 10 * MINUTE])
      .quiet([down, down + 5 * MINUTE], [rule.alert])
      .fires(down + 5 * MINUTE, rule, { namespace: 'velero', backup_location_name: 'offsite' })
      .run(rules);
  });

  test('Velero not scraped fires when its target is down and when it has no target at all', () => {
    const rules = rulesFor([daily]);
    const down = HOUR;
    const rule = findRule(rules, VELERO_ALERT_NAMES.notScraped);
    const labels = { job: 'velero', namespace: 'velero' };
    new Scenario(3 * HOUR)
      .add('up', VELERO_TARGET, [
        [0, 1],
        [down, 0],
      ])
      .add('velero_backup_total', VELERO_TARGET, [
        [0, 12],
        [down, undefined],
      ])
      .quiet([down, down + 10 * MINUTE], [rule.alert])
      .fires(down + 10 * MINUTE, rule, labels)
      .run(rules);
    new Scenario(HOUR)
      .add('up', { ...VELERO_TARGET, job: 'other' }, [[0, 1]])
      .quiet([10 * MINUTE], [rule.alert])
      .fires(10 * MINUTE, rule, labels)
      .run(rules);
  });

  test('a paused schedule gets no missed or never-succeeded alert, but its failures still fire', () => {
    const paused = scheduleManifest({
      name: 'paused-weekly',
      schedule: '0 4 * * 0',
      paused: true,
      template: {},
    });
    const rules = rulesFor([paused]);
    const names = rules.groups
      .flatMap((g) => g.rules)
      .filter((r) => r.labels?.['schedule'] === 'paused-weekly')
      .map((r) => r.alert);
    expect(names).toEqual([VELERO_ALERT_NAMES.failed]);
    const failedAt = 3 * WEEK + HOUR; // a manual --from-schedule backup fails
    const failed = findRule(rules, VELERO_ALERT_NAMES.failed);
    new Scenario(3 * WEEK + 3 * HOUR, 5 * MINUTE, HOUR)
      .veleroBaseline()
      .schedule('paused-weekly', [HOUR], { failed: [failedAt] })
      .quiet([2 * WEEK, failedAt])
      .fires(failedAt, failed, { namespace: 'velero', schedule: 'paused-weekly', phase: 'Failed' })
      .run(rules);
  });

  describe('CRON_TZ schedules across daylight saving', () => {
    /** The test clock's 0 is `from`, so the backups land where Velero's scheduler puts them. */
    function runs(cron: string, from: string, count: number) {
      const base = Date.parse(from);
      const schedule = scheduleManifest({ name: 'berlin', schedule: cron, template: {} });
      const fires = cronFireTimes(cron, new Date(base), count).map(
        (d) => (d.getTime() - base) / 1000,
      );
      const gaps = fires.slice(1).map((t, i) => t - fires[i]!);
      return { schedule, fires, gaps, completions: fires.map((t) => t + 5 * MINUTE) };
    }

    test('02:30 Europe/Berlin: the spring-forward night skips a run, so the gap is 47h and nothing fires within it', () => {
      const { schedule, gaps, completions } = runs(
        'CRON_TZ=Europe/Berlin 30 2 * * *',
        '2026-03-26T00:00:00Z',
        6,
      );
      expect(gaps).toContain(47 * HOUR);
      const rules = rulesFor([schedule]);
      const plan = rules.schedules[0]!;
      expect(plan.longestGapSeconds).toBe(47 * HOUR);
      expect(plan.timeZone).toBe('Europe/Berlin');
      const skipped = gaps.indexOf(47 * HOUR);
      const before = completions[skipped]!;
      const end = completions[completions.length - 1]! + HOUR;
      // A rule with the wall-clock gap (24h + allowance) would fire at `naive`; this one must not.
      const naive = before + DAY + plan.allowanceSeconds + HOUR;
      new Scenario(end, 5 * MINUTE, 15 * MINUTE)
        .veleroBaseline()
        .schedule('berlin', completions)
        .quiet([naive, completions[skipped + 1]!, end])
        .run(rules);
    });

    test('02:30 Europe/Berlin: when the run after the skipped night fails too, "missed" fires after 47h + allowance', () => {
      const { schedule, gaps, completions } = runs(
        'CRON_TZ=Europe/Berlin 30 2 * * *',
        '2026-03-26T00:00:00Z',
        6,
      );
      const skipped = gaps.indexOf(47 * HOUR);
      const rules = rulesFor([schedule]);
      const kept = completions.slice(0, skipped + 1);
      const last = kept[kept.length - 1]!;
      const due = last + rules.schedules[0]!.missedAfterSeconds;
      const missed = findRule(rules, VELERO_ALERT_NAMES.missed);
      new Scenario(due + HOUR, 5 * MINUTE, 15 * MINUTE)
        .veleroBaseline()
        .schedule('berlin', kept)
        .quiet([due + 1], [missed.alert])
        .fires(due + 1, missed, { namespace: 'velero', schedule: 'berlin' }, since(last))
        .run(rules);
    });

    test('03:00 Europe/Berlin: the fall-back night makes a 25h gap, which stays silent', () => {
      const { schedule, gaps, completions } = runs(
        'CRON_TZ=Europe/Berlin 0 3 * * *',
        '2026-10-22T00:00:00Z',
        6,
      );
      expect(gaps).toContain(25 * HOUR);
      const rules = rulesFor([schedule]);
      expect(rules.schedules[0]!.longestGapSeconds).toBe(25 * HOUR);
      const long = gaps.indexOf(25 * HOUR);
      const end = completions[completions.length - 1]! + HOUR;
      new Scenario(end, 5 * MINUTE, 15 * MINUTE)
        .veleroBaseline()
        .schedule('berlin', completions)
        .quiet([completions[long + 1]!, end])
        .run(rules);
    });
  });

  describe('restore drills (kube-state-metrics CronJob metrics)', () => {
    const drill = {
      name: 'drill-udsbackup',
      namespace: 'velero-drills',
      schedule: DAILY,
      cron: '30 5 * * 6', // Saturdays 05:30; 1970-01-03 was day 2
      maxDurationSeconds: 3600,
    };
    const cronJob = { ...KSM_TARGET, namespace: drill.namespace, cronjob: drill.name };
    const created = 10 * MINUTE;
    /** Drill runs that succeed 20 minutes after they start. */
    const runs = (weeks: number) =>
      Array.from({ length: weeks }, (_, w) => 2 * DAY + w * WEEK + 5 * HOUR + 50 * MINUTE);

    function drillScenario(
      end: number,
      successes: readonly number[],
      withCronJob = true,
    ): Scenario {
      const scenario = new Scenario(end, 5 * MINUTE)
        .veleroBaseline()
        .schedule(DAILY, dailyCompletions(Math.ceil(end / DAY)));
      if (withCronJob)
        scenario.add('kube_cronjob_created', cronJob, [
          [0, undefined],
          [created, created],
        ]);
      if (successes.length > 0) {
        scenario.add('kube_cronjob_status_last_successful_time', cronJob, [
          [0, undefined],
          ...successes.map((t) => [t, t] as const),
        ]);
      }
      return scenario;
    }

    test('drills that succeed every week stay silent; one that stops fires after its interval + duration, not before', () => {
      const rules = rulesFor([], { restoreDrills: [drill] });
      const plan = rules.restoreDrills[0]!;
      expect(plan.longestGapSeconds).toBe(WEEK);
      expect(plan.missedAfterSeconds).toBe(WEEK + 3600 + 5 * MINUTE);
      drillScenario(4 * WEEK, runs(4))
        .quiet([WEEK, 2 * WEEK + DAY, 3 * WEEK + 3 * DAY, 4 * WEEK])
        .run(rules);
      const successes = runs(2);
      const last = successes[1]!;
      const due = last + plan.missedAfterSeconds;
      const missed = findRule(rules, VELERO_ALERT_NAMES.drillMissed);
      drillScenario(due + HOUR, successes)
        .quiet([last + 6 * DAY, due + 1])
        .fires(due + 1, missed, { namespace: drill.namespace, cronjob: drill.name }, since(last))
        .run(rules);
    });

    test('a drill that never succeeds fires one interval + duration after its CronJob was created', () => {
      const rules = rulesFor([], { restoreDrills: [drill] });
      const due = created + rules.restoreDrills[0]!.missedAfterSeconds;
      const never = findRule(rules, VELERO_ALERT_NAMES.drillNeverSucceeded);
      drillScenario(due + HOUR, [])
        .quiet([due + 1], [never.alert])
        .fires(due + 1, never, { namespace: drill.namespace, cronjob: drill.name }, since(created))
        .quiet(
          [due + 10 * MINUTE],
          [VELERO_ALERT_NAMES.drillMissed, VELERO_ALERT_NAMES.drillMissing],
        )
        .run(rules);
    });

    test('a drill whose CronJob kube-state-metrics does not report fires "missing" after the same time', () => {
      const rules = rulesFor([], { restoreDrills: [drill] });
      const due = rules.restoreDrills[0]!.missedAfterSeconds;
      const missing = findRule(rules, VELERO_ALERT_NAMES.drillMissing);
      drillScenario(due + HOUR, [], false)
        .quiet([due], [missing.alert])
        .fires(due + 1, missing, {
          job: 'kube-state-metrics',
          namespace: drill.namespace,
          cronjob: drill.name,
        })
        .quiet([due + 10 * MINUTE], [VELERO_ALERT_NAMES.drillNeverSucceeded])
        .run(rules);
    });
  });
});
