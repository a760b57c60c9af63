import fc from 'fast-check';
import {
  backupFromSchedule,
  backupStorageLocationManifest,
  restoreDrill,
  scheduleManifest,
  udsDefaultSchedule,
  VeleroConfigError,
  validateManifest,
  veleroHelmValues,
} from 'velero-iac';
import { everyIntervalProblem } from '../../../lib/core/rules/everyInterval';

/** The issues `build` throws, or `[]` when it builds. */
function problemsOf(build: () => unknown): { path: string; message: string }[] {
  try {
    build();
    return [];
  } catch (error) {
    if (!(error instanceof VeleroConfigError)) throw error;
    return error.issues.map((i) => ({ path: i.path, message: i.message }));
  }
}

const daily = { name: 'frequent', template: { includedNamespaces: ['apps'] } };

/** `@every` durations under one minute, as Go writes them (robfig/cron runs them every 1-59s). */
const SHORT = ['0s', '1ns', '500ms', '1s', '30s', '59s', '59.999s', '-1h', '0.5m'];

describe('@every below one minute', () => {
  it.each(SHORT)('refuses "@every %s" in the builders, saying how to allow it', (duration) => {
    const problems = problemsOf(() =>
      scheduleManifest({ ...daily, schedule: `@every ${duration}` }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('schedule');
    expect(problems[0]!.message).toContain('more often than once a minute');
    expect(problems[0]!.message).toContain('allowIntervalsUnderOneMinute: true');
  });

  it('refuses any @every below 60 seconds (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59_999 }), (ms) => {
        const problems = problemsOf(() =>
          scheduleManifest({ ...daily, schedule: `@every ${ms}ms` }),
        );
        expect(problems.map((p) => p.path)).toEqual(['schedule']);
      }),
    );
  });

  it('accepts @every one minute or more, and any five-field cron (at most once a minute)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 1_000_000 }), (seconds) => {
        expect(
          problemsOf(() => scheduleManifest({ ...daily, schedule: `@every ${seconds}s` })),
        ).toEqual([]);
      }),
    );
    for (const schedule of ['@every 1m', '@every 1m0.5s', '* * * * *', '@hourly']) {
      expect(problemsOf(() => scheduleManifest({ ...daily, schedule }))).toEqual([]);
    }
  });

  it('accepts it with allowIntervalsUnderOneMinute: true, without writing the option', () => {
    const manifest = scheduleManifest({
      ...daily,
      schedule: '@every 0s',
      allowIntervalsUnderOneMinute: true,
    });
    expect(manifest.spec.schedule).toBe('@every 0s');
    expect(manifest.spec).not.toHaveProperty('allowIntervalsUnderOneMinute');
    expect(JSON.stringify(manifest)).not.toContain('allowIntervalsUnderOneMinute');
  });

  it('still reports every other problem when the short interval is allowed', () => {
    const problems = problemsOf(() =>
      scheduleManifest({
        ...daily,
        name: 'Bad_Name',
        schedule: '@every 10s',
        allowIntervalsUnderOneMinute: true,
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['name']);
  });

  it('keeps refusing with allowIntervalsUnderOneMinute: false', () => {
    expect(
      problemsOf(() =>
        scheduleManifest({ ...daily, schedule: '@every 1s', allowIntervalsUnderOneMinute: false }),
      ).map((p) => p.path),
    ).toEqual(['schedule']);
  });

  it('applies to the default schedule too', () => {
    expect(problemsOf(() => udsDefaultSchedule({ schedule: '@every 5s' }))).toHaveLength(1);
    expect(
      udsDefaultSchedule({ schedule: '@every 5s', allowIntervalsUnderOneMinute: true }).spec
        .schedule,
    ).toBe('@every 5s');
  });

  it('is reported by validateManifest for a hand-written Schedule (and so by lint)', () => {
    const issues = validateManifest({
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'hand', namespace: 'velero' },
      spec: { schedule: 'CRON_TZ=Europe/Berlin @every 30s', template: {} },
    });
    expect(issues.map((i) => i.path)).toEqual(['spec.schedule']);
  });

  it('leaves schedules Velero rejects to the cron rule', () => {
    expect(everyIntervalProblem('@every')).toBeUndefined();
    expect(everyIntervalProblem('@every 1d')).toBeUndefined();
    expect(everyIntervalProblem(42)).toBeUndefined();
    expect(problemsOf(() => scheduleManifest({ ...daily, schedule: '@every 1d' }))).toHaveLength(1);
  });

  it('validateManifest takes the same allowance as the builders, and nothing but a boolean', () => {
    const hand = {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'hand', namespace: 'velero' },
      spec: { schedule: '@every 30s', template: {} },
    };
    expect(validateManifest(hand, { allowIntervalsUnderOneMinute: true })).toEqual([]);
    expect(validateManifest(hand, { allowIntervalsUnderOneMinute: false })).toHaveLength(1);
    // The allowance waives the interval rule only: a cron Velero rejects is still reported.
    const broken = { ...hand, spec: { schedule: '@every 1d', template: {} } };
    expect(
      validateManifest(broken, { allowIntervalsUnderOneMinute: true }).map((i) => i.path),
    ).toEqual(['spec.schedule']);
    expect(
      validateManifest(hand, { allowIntervalsUnderOneMinute: 'yes' as never }).map((i) => i.path),
    ).toEqual(['allowIntervalsUnderOneMinute', 'spec.schedule']);
    // The same in a builder: a non-boolean allowance is reported, not read as false.
    expect(
      problemsOf(() =>
        scheduleManifest({
          ...daily,
          schedule: '@every 1h',
          allowIntervalsUnderOneMinute: 1 as never,
        }),
      ).map((p) => p.path),
    ).toEqual(['allowIntervalsUnderOneMinute']);
  });

  it('a Schedule the builders allowed is not refused again by what reads it', () => {
    const frequent = scheduleManifest({
      name: 'velero-frequent',
      schedule: '@every 30s',
      template: { includedNamespaces: ['apps'] },
      allowIntervalsUnderOneMinute: true,
    });
    const at = new Date(Date.UTC(2026, 0, 15));
    expect(backupFromSchedule(frequent, { at }).metadata.name).toBe(
      'velero-frequent-20260115000000',
    );
    const bsl = backupStorageLocationManifest({
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: 'b' },
      config: { region: 'eu-west-1' },
    });
    const values = veleroHelmValues({
      backupStorageLocations: [bsl],
      schedules: [frequent],
      chartCreatesObjects: true,
    });
    expect(values.schedules.frequent?.schedule).toBe('@every 30s');
    expect(restoreDrill({ schedule: frequent, cron: '30 6 * * 0' }).schedule).toBe(
      'velero-frequent',
    );
  });
});
