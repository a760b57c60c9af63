/**
 * The `@every` interval rule: Velero accepts `@every 0s` (robfig/cron runs it every second), but a
 * Schedule that fires more often than once a minute makes Velero start a new Backup as soon as the
 * previous one finishes, backing up without a pause and filling the bucket. Such a schedule is a
 * mistake unless the caller says otherwise (`allowIntervalsUnderOneMinute`).
 */

import { issue, type ValidationIssue } from '../errors';
import { parseCron } from './cron';

/** The shortest `@every` interval accepted without `allowIntervalsUnderOneMinute`: one minute. */
export const MINIMUM_EVERY_INTERVAL_MILLISECONDS = 60_000;

/** The option of the Schedule builders that allows a shorter interval. */
export const ALLOW_SHORT_INTERVAL_OPTION = 'allowIntervalsUnderOneMinute';

/**
 * Why `schedule` runs too often, or `undefined` when it does not: only an `@every` schedule whose
 * effective interval (as robfig/cron rounds it: whole seconds, at least one) is under one minute.
 * Schedules Velero rejects are left to the cron rule.
 */
export function everyIntervalProblem(schedule: unknown): string | undefined {
  if (typeof schedule !== 'string') return undefined;
  const result = parseCron(schedule);
  if (!result.ok || result.cron.kind !== 'every') return undefined;
  const { intervalMilliseconds } = result.cron;
  if (intervalMilliseconds >= MINIMUM_EVERY_INTERVAL_MILLISECONDS) return undefined;
  const seconds = intervalMilliseconds / 1000;
  return (
    `fires every ${seconds === 1 ? 'second' : `${seconds} seconds`} (robfig/cron rounds "@every" to whole seconds, at least 1s), ` +
    'more often than once a minute: Velero would start a new Backup as soon as the previous one finishes, ' +
    'backing up without a pause. Use "@every 1m" or longer (e.g. "@every 1h", or a cron such as "0 3 * * *"), ' +
    `or set \`${ALLOW_SHORT_INTERVAL_OPTION}: true\` in the Schedule's options if you mean it`
  );
}

/** The `@every` interval rule as a field check: one issue at `path` when the schedule runs too often. */
export function checkEveryInterval(schedule: unknown, path: string): ValidationIssue[] {
  const problem = everyIntervalProblem(schedule);
  return problem === undefined
    ? []
    : [issue(path, problem, { received: schedule, allowed: '@every 1m or longer' })];
}
