import fc from 'fast-check';
import {
  scheduleManifest,
  udsDefaultSchedule,
  VeleroConfigError,
  validateManifest,
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
});
