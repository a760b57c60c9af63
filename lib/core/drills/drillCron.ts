/**
 * When a restore drill runs: the Kubernetes CronJob rules for its cron and time zone, its default
 * (weekly, after the schedule's backup), and the rule that it never starts at a minute at which
 * the schedule it verifies starts a backup.
 *
 * "The same minute", decided: two crons collide when some wall-clock minute matches both, in the
 * same time zone: the minute, the hour, the month and the day (robfig's day-of-month/day-of-week
 * rule) all match. A schedule with many minutes (`*\/15 * * * *`) therefore leaves the drill the
 * other minutes; a schedule that runs every minute leaves it the hours it does not run. When the
 * drill's zone differs from the schedule's, the offset between them is some multiple of 15
 * minutes that changes with daylight saving time, so the rule is stricter: no drill minute may
 * equal a schedule minute modulo 15. A schedule written `@every <duration>` runs relative to its
 * last backup, so no drill time can be checked against it: the rule does not apply.
 */
import { issue, type ValidationIssue } from '../errors';
import { type CronFields, type ParsedCron, parseCron } from '../rules/cron';
import { isIanaTimeZone, suggestIanaTimeZone } from '../rules/timeZone';
import { typeName } from '../schema/checkShape';

/** The drill's cron when the schedule runs `@every <duration>`: Sundays at 05:30. */
export const FALLBACK_DRILL_CRON = '30 5 * * 0';

/** Hours between the schedule's backup and the default drill: time for the backup to finish. */
const DRILL_DELAY_HOURS = 3;

/** Minutes the default drill is offset from the schedule's minute. */
const DRILL_MINUTE_OFFSET = 30;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The five fields of a parsed cron as text, e.g. `['0', '3', '*', '*', '*']`. */
function fieldTexts(fields: CronFields): string[] {
  return [
    fields.minute.text,
    fields.hour.text,
    fields.dayOfMonth.text,
    fields.month.text,
    fields.dayOfWeek.text,
  ];
}

/**
 * Checks a drill's cron as a Kubernetes CronJob `spec.schedule`: what robfig/cron v3
 * `ParseStandard` accepts (the parser Kubernetes uses too), that can run, without a `TZ=` or
 * `CRON_TZ=` prefix (Kubernetes rejects any `TZ` in the schedule: the zone goes in `timeZone`),
 * and not `@every` (a drill runs at calendar times, so it can be kept off the schedule's minutes
 * and its alert knows when it is due).
 *
 * @returns the parsed cron, or the issues
 */
export function checkDrillCron(
  value: unknown,
  path: string,
): { cron?: ParsedCron; issues: ValidationIssue[] } {
  if (typeof value !== 'string') {
    return {
      issues: [
        issue(path, `must be a cron expression string, not ${typeName(value)}`, {
          received: value,
          allowed: 'e.g. "30 6 * * 0" (Sundays at 06:30)',
        }),
      ],
    };
  }
  if (value.includes('TZ')) {
    return {
      issues: [
        issue(
          path,
          'must not contain a time zone (TZ= or CRON_TZ=): Kubernetes rejects it in a CronJob schedule; put the zone in `timeZone`',
          { received: value, allowed: 'e.g. cron "30 6 * * 0" with timeZone "Europe/Berlin"' },
        ),
      ],
    };
  }
  const parsed = parseCron(value);
  if (!parsed.ok) return { issues: [issue(path, parsed.message, { received: value })] };
  if (parsed.cron.kind === 'every') {
    return {
      issues: [
        issue(
          path,
          'must name calendar times (5 fields or @weekly etc.), not "@every": a drill must be kept off the minutes of the schedule it verifies, and its alert must know when it is due',
          { received: value, allowed: 'e.g. "30 6 * * 0" (Sundays at 06:30)' },
        ),
      ],
    };
  }
  if (parsed.cron.kind === 'fields' && parsed.cron.neverRunsBecause !== undefined) {
    return { issues: [issue(path, parsed.cron.neverRunsBecause, { received: value })] };
  }
  return { cron: parsed.cron, issues: [] };
}

/**
 * Checks a CronJob `spec.timeZone` as Kubernetes does: a zone Go's `time.LoadLocation` loads, but
 * not `Local` (it must be explicit).
 */
export function checkCronJobTimeZone(value: unknown, path: string): ValidationIssue[] {
  if (typeof value !== 'string' || value === '' || value.toLowerCase() === 'local') {
    return [
      issue(path, 'must be an explicit IANA time zone (not empty, not "Local")', {
        received: value,
        allowed: 'e.g. "UTC" or "Europe/Berlin"',
      }),
    ];
  }
  if (!isIanaTimeZone(value)) {
    const suggestion = suggestIanaTimeZone(value);
    return [
      issue(
        path,
        `is not an IANA time zone Kubernetes can load${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
        { received: value, allowed: suggestion ?? 'e.g. "UTC" or "Europe/Berlin"' },
      ),
    ];
  }
  return [];
}

function intersects(a: readonly number[], b: readonly number[]): boolean {
  const set = new Set(a);
  return b.some((item) => set.has(item));
}

/** robfig/cron's day rule: with a `*` in either day field both must match, else either one. */
function dayMatches(fields: CronFields, day: number, weekday: number): boolean {
  const dom = fields.dayOfMonth.values.includes(day);
  const dow = fields.dayOfWeek.values.includes(weekday);
  return fields.dayOfMonth.wildcard || fields.dayOfWeek.wildcard ? dom && dow : dom || dow;
}

/**
 * Whether some calendar day matches both crons. Every (month, day, weekday) with the day in the
 * month happens in some year (February 29 too, over 28 years), so trying them all is exact.
 */
function shareADay(a: CronFields, b: CronFields): boolean {
  for (const month of a.month.values) {
    if (!b.month.values.includes(month)) continue;
    for (let day = 1; day <= (DAYS_IN_MONTH[month - 1] ?? 31); day++) {
      for (let weekday = 0; weekday < 7; weekday++) {
        if (dayMatches(a, day, weekday) && dayMatches(b, day, weekday)) return true;
      }
    }
  }
  return false;
}

/** The zone a schedule's cron runs in: its prefix, else UTC (the Velero image's zone). */
export function scheduleTimeZone(cron: ParsedCron): string {
  return cron.timeZone?.name ?? 'UTC';
}

/** What {@link drillCollision} found. */
export interface DrillCollision {
  /** Why the drill collides with the schedule. */
  readonly reason: string;
  /** A drill cron that does not, when one exists. */
  readonly suggestion: string | undefined;
}

/**
 * Whether a drill (cron in `drillZone`, UTC when unset) could start at a minute at which the
 * schedule starts a backup, with a cron that could not; `undefined` when it never does or when
 * the schedule runs `@every` (see the module comment).
 */
export function drillCollision(
  drill: ParsedCron,
  drillZone: string | undefined,
  schedule: ParsedCron,
): DrillCollision | undefined {
  if (drill.kind === 'every' || schedule.kind === 'every') return undefined;
  const d = drill.fields;
  const s = schedule.fields;
  const texts = fieldTexts(d);
  const withMinute = (minute: number): string => [String(minute), ...texts.slice(1)].join(' ');
  if ((drillZone ?? 'UTC') === scheduleTimeZone(schedule)) {
    const collides =
      intersects(d.minute.values, s.minute.values) &&
      intersects(d.hour.values, s.hour.values) &&
      shareADay(d, s);
    if (!collides) return undefined;
    const taken = new Set(s.minute.values);
    const preferred = ((s.minute.values[0] ?? 0) + DRILL_MINUTE_OFFSET) % 60;
    const free = taken.has(preferred)
      ? Array.from({ length: 60 }, (_, m) => m).find((m) => !taken.has(m))
      : preferred;
    let suggestion: string | undefined;
    if (free !== undefined) {
      suggestion = withMinute(free);
    } else {
      const hours = new Set(s.hour.values);
      const hour = Array.from({ length: 24 }, (_, h) => h).find((h) => !hours.has(h));
      if (hour !== undefined) suggestion = ['30', String(hour), ...texts.slice(2)].join(' ');
    }
    return {
      reason: 'some minute matches both crons (minute, hour, month and day)',
      suggestion,
    };
  }
  const residues = new Set(s.minute.values.map((m) => m % 15));
  if (!d.minute.values.some((m) => residues.has(m % 15))) return undefined;
  const residue = Array.from({ length: 15 }, (_, r) => r).find((r) => !residues.has(r));
  return {
    reason:
      'the drill runs in another time zone than the schedule, whose offset is a multiple of 15 minutes that changes with daylight saving time, and a drill minute equals a schedule minute modulo 15',
    suggestion: residue === undefined ? undefined : withMinute(30 + residue),
  };
}

/**
 * The default drill cron for a schedule: weekly, three hours after the schedule's first backup
 * time of the day (so the backup has finished) and 30 minutes off its minute; on the first day
 * of the week the schedule runs (Sunday for a daily schedule), moved to the next day when the
 * three hours cross midnight. `@every` schedules get {@link FALLBACK_DRILL_CRON}. Returns
 * `undefined` when no minute avoids the schedule (it runs every minute of every hour).
 */
export function defaultDrillCron(schedule: ParsedCron): string | undefined {
  if (schedule.kind === 'every') return FALLBACK_DRILL_CRON;
  const s = schedule.fields;
  const firstHour = s.hour.values[0] ?? 0;
  const hour = (firstHour + DRILL_DELAY_HOURS) % 24;
  const nextDay = firstHour + DRILL_DELAY_HOURS >= 24 ? 1 : 0;
  const taken = new Set(s.minute.values);
  const preferred = ((s.minute.values[0] ?? 0) + DRILL_MINUTE_OFFSET) % 60;
  const minute = taken.has(preferred)
    ? Array.from({ length: 60 }, (_, m) => m).find((m) => !taken.has(m))
    : preferred;
  const weekdayOnly = !s.dayOfWeek.wildcard && s.dayOfMonth.wildcard;
  const weekday = weekdayOnly ? ((s.dayOfWeek.values[0] ?? 0) + nextDay) % 7 : 0;
  let candidate: string | undefined;
  if (minute !== undefined) {
    candidate = `${minute} ${hour} * * ${weekday}`;
  } else {
    const hours = new Set(s.hour.values);
    const freeHour = Array.from({ length: 24 }, (_, h) => h).find((h) => !hours.has(h));
    if (freeHour !== undefined) candidate = `30 ${freeHour} * * ${weekday}`;
  }
  if (candidate === undefined) return undefined;
  const parsed = parseCron(candidate);
  if (!parsed.ok) return undefined;
  return drillCollision(parsed.cron, scheduleTimeZone(schedule), schedule) === undefined
    ? candidate
    : undefined;
}
