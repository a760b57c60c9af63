/**
 * When a Velero schedule fires: robfig/cron's `Schedule.Next`, which Velero's schedule controller
 * calls with the time of the last backup (`SpecSchedule.Next` for fields and descriptors,
 * `ConstantDelaySchedule.Next` for `@every`), reproduced step by step, including Go's `time.Date`
 * normalisation of wall-clock times that daylight saving skips or repeats.
 */

import { describeValue, issue, VeleroConfigError } from '../errors';
import { civilFromDays, daysFromCivil } from './civilCalendar';
import { type CronFields, type CronParseOptions, type ParsedCron, parseCron } from './cron';
import { bothDayFieldsMustMatch, matchesNoTime } from './cronNeverRuns';
import { isIanaTimeZone } from './timeZone';
import { type ZoneClock, zoneClock } from './zoneClock';

// Local bindings: global look-ups are slow inside test sandboxes (vm contexts).
const { floor } = Math;

/** Options of {@link nextCronFireTime} and {@link cronFireTimes}. */
export interface CronFireTimeOptions extends CronParseOptions {
  /**
   * The Velero server's own time zone (Go's `time.Local`, from the pod's `TZ`): the zone of
   * schedules without a `CRON_TZ=`/`TZ=` prefix, of `TZ=Local`, and of every schedule in the
   * `v1.1.0` dialect. An IANA name such as `Europe/Berlin`.
   * @default 'UTC' (the stock Velero image sets no `TZ`)
   */
  readonly serverTimeZone?: string;
}

const SECONDS_PER_DAY = 86_400;
/** The range of a JavaScript `Date`, in milliseconds either side of 1970. */
const MAX_DATE_MILLISECONDS = 8.64e15;

/** A wall-clock reading of an instant in one zone. */
interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

function floorMod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

/** Go's `t.Date()`, `t.Clock()` and `t.Weekday()` of `unix` (whole seconds) in `clock`'s zone. */
function wallClock(unix: number, clock: ZoneClock): WallClock {
  const local = unix + clock.offsetAt(unix);
  const days = floor(local / SECONDS_PER_DAY);
  const secondOfDay = local - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: floor(secondOfDay / 3600),
    minute: floor((secondOfDay % 3600) / 60),
    second: secondOfDay % 60,
    // 1970-01-01 was a Thursday.
    weekday: floorMod(days + 4, 7),
  };
}

/**
 * Go's `time.Date(year, month, day, hour, minute, second, 0, loc)`: out-of-range values carry
 * over, and a wall-clock time that a zone transition skips or repeats is resolved with Go's two
 * look-ups (the offset at the wall-clock time read as UTC, then at the time that offset gives).
 */
function goDate(
  clock: ZoneClock,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const monthIndex = month - 1;
  const carriedYear = year + floor(monthIndex / 12);
  const local =
    (daysFromCivil(carriedYear, floorMod(monthIndex, 12) + 1, 1) + day - 1) * SECONDS_PER_DAY +
    hour * 3600 +
    minute * 60 +
    second;
  const guess = clock.offsetAt(local);
  if (guess === 0) return local;
  return local - clock.offsetAt(local - guess);
}

/** Go's `t.AddDate(0, months, days)`. */
function addDate(clock: ZoneClock, unix: number, months: number, days: number): number {
  const t = wallClock(unix, clock);
  return goDate(clock, t.year, t.month + months, t.day + days, t.hour, t.minute, t.second);
}

/** The bit sets of a `SpecSchedule`, as lookup tables. */
interface SpecMatcher {
  readonly minute: readonly boolean[];
  readonly hour: readonly boolean[];
  readonly dayOfMonth: readonly boolean[];
  readonly month: readonly boolean[];
  readonly dayOfWeek: readonly boolean[];
  /** Whether either day field has robfig's star bit (then both day fields must match). */
  readonly bothDays: boolean;
}

function table(values: readonly number[], size: number): boolean[] {
  const out: boolean[] = new Array<boolean>(size).fill(false);
  for (const value of values) out[value] = true;
  return out;
}

function matcherOf(fields: CronFields): SpecMatcher {
  return {
    minute: table(fields.minute.values, 60),
    hour: table(fields.hour.values, 24),
    dayOfMonth: table(fields.dayOfMonth.values, 32),
    month: table(fields.month.values, 13),
    dayOfWeek: table(fields.dayOfWeek.values, 7),
    bothDays: bothDayFieldsMustMatch(fields),
  };
}

/** robfig's `dayMatches`. */
function dayMatches(spec: SpecMatcher, t: WallClock): boolean {
  const byMonth = spec.dayOfMonth[t.day] === true;
  const byWeek = spec.dayOfWeek[t.weekday] === true;
  return spec.bothDays ? byMonth && byWeek : byMonth || byWeek;
}

/**
 * robfig/cron `SpecSchedule.Next` (v3.0.1 `spec.go`; `v1.1.0` lacks only the daylight-saving
 * correction after each added day) for `after` in whole seconds, all in `clock`'s zone.
 */
/** What robfig's `Next` does: return a time (seconds), return the zero time, or never return. */
type SpecOutcome =
  | { readonly kind: 'time'; readonly at: number }
  | { readonly kind: 'zero' }
  | { readonly kind: 'hang'; readonly at: number };

function specNext(spec: SpecMatcher, clock: ZoneClock, after: number, v3: boolean): SpecOutcome {
  // Start at the earliest possible time (the upcoming second).
  let t = after + 1;
  let added = false;
  const yearLimit = wallClock(t, clock).year + 5;
  // The loop is a function of t once a field has been added: meeting the same t again at the same
  // place means robfig loops for ever. That happens where a zone skips a whole day (Pacific/Apia
  // on 2011-12-30): time.Date turns the missing midnight into the midnight before, and adding a
  // day lands there again.
  const seenInMonthLoop = new Set<number>();
  const seenInDayLoop = new Set<number>();

  wrap: for (;;) {
    let now = wallClock(t, clock);
    if (now.year > yearLimit) return { kind: 'zero' };

    while (!spec.month[now.month]) {
      if (!added) {
        added = true;
        t = goDate(clock, now.year, now.month, 1, 0, 0, 0);
      }
      if (seenInMonthLoop.has(t)) return { kind: 'hang', at: t };
      seenInMonthLoop.add(t);
      t = addDate(clock, t, 1, 0);
      now = wallClock(t, clock);
      if (now.month === 1) continue wrap;
    }

    while (!dayMatches(spec, now)) {
      if (!added) {
        added = true;
        t = goDate(clock, now.year, now.month, now.day, 0, 0, 0);
      }
      if (seenInDayLoop.has(t)) return { kind: 'hang', at: t };
      seenInDayLoop.add(t);
      t = addDate(clock, t, 0, 1);
      now = wallClock(t, clock);
      if (v3 && now.hour !== 0) {
        // Midnight skipped or repeated by daylight saving: move back to the day's start.
        t += (now.hour > 12 ? 24 - now.hour : -now.hour) * 3600;
        now = wallClock(t, clock);
      }
      if (now.day === 1) continue wrap;
    }

    while (!spec.hour[now.hour]) {
      if (!added) {
        added = true;
        t = goDate(clock, now.year, now.month, now.day, now.hour, 0, 0);
      }
      t += 3600;
      now = wallClock(t, clock);
      if (now.hour === 0) continue wrap;
    }

    while (!spec.minute[now.minute]) {
      if (!added) {
        added = true;
        // Truncate(time.Minute) works on the absolute time, not the wall clock.
        t -= floorMod(t, 60);
      }
      t += 60;
      now = wallClock(t, clock);
      if (now.minute === 0) continue wrap;
    }

    // ParseStandard fixes the seconds field at 0.
    while (now.second !== 0) {
      added = true;
      t += 1;
      now = wallClock(t, clock);
      if (now.second === 0) continue wrap;
    }
    return { kind: 'time', at: t };
  }
}

function fail(path: string, message: string, received: unknown): never {
  throw new VeleroConfigError('cron fire time', [issue(path, message, { received })]);
}

function clockOf(zone: string, path: string): ZoneClock {
  const clock = zoneClock(zone);
  if (clock === undefined) {
    fail(
      path,
      `time zone ${describeValue(zone)} is missing from this JavaScript engine's time-zone data (tz ${process.versions.tz ?? 'unknown'}), so its fire times cannot be computed; update Node.js`,
      zone,
    );
  }
  return clock;
}

function parsedSchedule(schedule: ParsedCron | string, options: CronFireTimeOptions): ParsedCron {
  if (typeof schedule !== 'string') {
    if (
      schedule === null ||
      typeof schedule !== 'object' ||
      !['fields', 'descriptor', 'every'].includes((schedule as { kind?: unknown }).kind as string)
    ) {
      fail('schedule', 'expected a schedule string or the result of parseCron', schedule);
    }
    return schedule;
  }
  const result = parseCron(schedule, options);
  if (!result.ok) fail('schedule', result.message, schedule);
  return result.cron;
}

function serverClock(options: CronFireTimeOptions): ZoneClock {
  const zone: unknown = options.serverTimeZone ?? 'UTC';
  if (typeof zone !== 'string' || zone === 'Local' || (zone !== 'UTC' && !isIanaTimeZone(zone))) {
    fail(
      'serverTimeZone',
      'expected the IANA name of the Velero server\'s time zone, such as "UTC" (the stock image) or "Europe/Berlin"',
      zone,
    );
  }
  return clockOf(zone, 'serverTimeZone');
}

/** Next fire time in milliseconds, or `undefined`; `after` is a finite millisecond count. */
function nextMilliseconds(
  cron: ParsedCron,
  afterMilliseconds: number,
  server: () => ZoneClock,
): number | undefined {
  const afterSeconds = floor(afterMilliseconds / 1000);
  if (cron.kind === 'every') {
    // ConstantDelaySchedule.Next: t.Add(Delay - t.Nanosecond()).
    return afterSeconds * 1000 + cron.intervalMilliseconds;
  }
  const ownZone =
    cron.dialect === 'v3.0.1' && cron.timeZone !== undefined && cron.timeZone.name !== 'Local'
      ? cron.timeZone.name
      : undefined;
  const clock = ownZone === undefined ? server() : clockOf(ownZone, 'schedule');
  const spec = matcherOf(cron.fields);
  if (matchesNoTime(cron.fields)) return undefined;
  const next = specNext(spec, clock, afterSeconds, cron.dialect === 'v3.0.1');
  if (next.kind === 'zero') return undefined;
  if (next.kind === 'hang') {
    const stuck = wallClock(next.at, clock);
    const day = `${stuck.year}-${String(stuck.month).padStart(2, '0')}-${String(stuck.day).padStart(2, '0')}`;
    fail(
      'after',
      `robfig/cron's Next never returns for ${describeValue(cron.expression)} from ${new Date(afterMilliseconds).toISOString()}: ${clock.name} skips the day after ${day}, and Next, adding a day to ${day} 00:00, lands on ${day} 00:00 again for ever; a Velero server computing this would hang its schedule controller`,
      new Date(afterMilliseconds).toISOString(),
    );
  }
  return next.at * 1000;
}

function afterMillisecondsOf(after: Date): number {
  const milliseconds = after instanceof Date ? after.getTime() : Number.NaN;
  if (!Number.isFinite(milliseconds)) fail('after', 'expected a valid Date', after);
  return milliseconds;
}

function inDateRange(milliseconds: number | undefined): milliseconds is number {
  return milliseconds !== undefined && Math.abs(milliseconds) <= MAX_DATE_MILLISECONDS;
}

/**
 * The first time after `after` at which Velero's schedule controller considers `schedule` due:
 * robfig/cron's `Next(after)` exactly, in the schedule's dialect (see {@link parseCron}).
 *
 * Velero calls it with the time of the schedule's last backup (or its creation, or its last
 * skip), and starts the next backup at the first sync (once a minute) after the answer. For
 * fields and descriptors the answer is the next whole second matching every field, in the
 * schedule's `CRON_TZ=`/`TZ=` zone or else `options.serverTimeZone`, with robfig's handling of
 * daylight saving: a wall-clock hour that does not exist is skipped (a 02:30 job does not run on
 * the day clocks spring forward from 02:00 to 03:00), and one that exists twice runs twice (a
 * 01:00 job runs at 01:00 summer time and again at 01:00 winter time). For `@every <d>` it is
 * `after` rounded down to the second plus `d` rounded down to the second (at least one second).
 *
 * `schedule` is a schedule string (parsed with `options.dialect`) or a {@link parseCron} result.
 * Returns `undefined` where robfig returns Go's zero time: no matching time within the five years
 * after `after` (a schedule such as `0 0 30 2 *` never fires; Velero then treats it as always
 * due), or where the answer lies beyond what a `Date` can hold. Throws a
 * {@link VeleroConfigError} for a schedule Velero rejects, an invalid `after`, an unknown
 * `serverTimeZone`, or where robfig's `Next` would never return (it loops for ever when its day
 * search meets a day the zone skipped, such as 2011-12-30 in Pacific/Apia).
 */
export function nextCronFireTime(
  schedule: ParsedCron | string,
  after: Date,
  options: CronFireTimeOptions = {},
): Date | undefined {
  const cron = parsedSchedule(schedule, options);
  const start = afterMillisecondsOf(after);
  const next = nextMilliseconds(cron, start, () => serverClock(options));
  return inDateRange(next) ? new Date(next) : undefined;
}

/**
 * Up to `count` successive fire times of `schedule` after `after`, each robfig/cron's `Next` of
 * the one before (as when every backup starts on time); fewer when {@link nextCronFireTime}
 * finds no further one. Same arguments and errors as {@link nextCronFireTime}.
 */
export function cronFireTimes(
  schedule: ParsedCron | string,
  after: Date,
  count: number,
  options: CronFireTimeOptions = {},
): Date[] {
  const cron = parsedSchedule(schedule, options);
  let at = afterMillisecondsOf(after);
  if (!Number.isSafeInteger(count) || count < 0) {
    fail('count', 'expected a whole number of fire times, 0 or more', count);
  }
  let server: ZoneClock | undefined;
  const lazyServer = () => {
    server ??= serverClock(options);
    return server;
  };
  const times: Date[] = [];
  while (times.length < count) {
    const next = nextMilliseconds(cron, at, lazyServer);
    if (!inDateRange(next)) break;
    times.push(new Date(next));
    at = next;
  }
  return times;
}
