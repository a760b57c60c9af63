/**
 * Which schedules robfig/cron accepts but never runs, decided by robfig's own matching rule
 * (`spec.go` `dayMatches`): a day matches when its day of the month **or** its day of the week is
 * listed, unless either day field carries the star bit (see {@link CronField.wildcard}), in which
 * case it must match **both**. So `0 0 , * 1` (no day of the month, only commas) runs every
 * Monday, while `0 0 , * *` never runs.
 *
 * For such a schedule `Next` searches five years and returns Go's zero time, and Velero's schedule
 * controller then takes the schedule as always due (`asOf.After(zero)`): it starts a backup at
 * every one-minute sync while none is running. Internal; the core exports the verdict through
 * {@link ParsedCronFields.neverRunsBecause} and {@link checkCron}.
 */

import { describeValue } from '../errors';
import { civilFromDays, daysFromCivil } from './civilCalendar';
import type { CronDialect, CronField, CronFields } from './cron';

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_LABELS = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The years over which {@link neverRunsReason} looks for runs too rare for robfig's search. */
const RARE_RUN_FIRST_YEAR = 2000;
const RARE_RUN_LAST_YEAR = 2100;
/** robfig's `Next` gives up once the year passes the starting year plus this. */
const SEARCH_YEARS = 5;

const ALWAYS_DUE =
  "Velero's schedule controller then counts the schedule as always due: it starts a new backup at every one-minute sync while none is running";
const CONSEQUENCE = `Velero's parser accepts it, but robfig/cron finds no time to run it, and ${ALWAYS_DUE}`;

function quote(text: string): string {
  return describeValue(text);
}

/** Whether either day field has robfig's star bit, so that a day must match both. */
export function bothDayFieldsMustMatch(fields: CronFields): boolean {
  return fields.dayOfMonth.wildcard || fields.dayOfWeek.wildcard;
}

function someDayFitsAMonth(fields: CronFields): boolean {
  return fields.dayOfMonth.values.some((day) =>
    fields.month.values.some((month) => day <= (DAYS_IN_MONTH[month] ?? 31)),
  );
}

/**
 * Whether no time at all matches `fields` under robfig's rule: a time field without values, or no
 * day the day fields accept in a chosen month. (Every month has every weekday, and each date
 * falls on each weekday in some year.)
 */
export function matchesNoTime(fields: CronFields): boolean {
  if (fields.minute.values.length === 0) return true;
  if (fields.hour.values.length === 0) return true;
  if (fields.month.values.length === 0) return true;
  const fits = someDayFitsAMonth(fields);
  const anyWeekday = fields.dayOfWeek.values.length > 0;
  return bothDayFieldsMustMatch(fields) ? !(fits && anyWeekday) : !(fits || anyWeekday);
}

function onlyCommas(name: string, field: CronField): string {
  return `${name} ${quote(field.text)} lists no value, only commas`;
}

function monthMismatch(fields: CronFields): string {
  const { dayOfMonth, month } = fields;
  const months = month.values.map((m) => MONTH_LABELS[m] ?? String(m));
  return `day-of-month ${quote(dayOfMonth.text)} never falls in month ${quote(month.text)} (${months.join(', ')} ${months.length === 1 ? 'has' : 'have'} fewer days)`;
}

function noDayReason(fields: CronFields): string {
  const { dayOfMonth, dayOfWeek } = fields;
  if (bothDayFieldsMustMatch(fields)) {
    const wildcardName = dayOfMonth.wildcard ? 'day-of-month' : 'day-of-week';
    const wildcardText = dayOfMonth.wildcard ? dayOfMonth.text : dayOfWeek.text;
    const because = `a day must match both day fields because ${wildcardName} ${quote(wildcardText)} starts with a wildcard`;
    if (dayOfWeek.values.length === 0)
      return `${onlyCommas('day-of-week', dayOfWeek)}, and ${because}`;
    if (dayOfMonth.values.length === 0) {
      return `${onlyCommas('day-of-month', dayOfMonth)}, and ${because}`;
    }
    return monthMismatch(fields);
  }
  if (dayOfMonth.values.length === 0) {
    return `neither day field lists a day: day-of-month ${quote(dayOfMonth.text)} and day-of-week ${quote(dayOfWeek.text)} hold only commas`;
  }
  return `${monthMismatch(fields)}, and day-of-week ${quote(dayOfWeek.text)} lists no value, only commas`;
}

function isFull(field: CronField, size: number): boolean {
  return field.values.length === size;
}

/**
 * The longest stretch, in years, between days matching both day fields in the chosen months
 * within {@link RARE_RUN_FIRST_YEAR}-{@link RARE_RUN_LAST_YEAR}, when it exceeds robfig's
 * five-year search: `[from year, to year]`, or `undefined`.
 */
function tooRareDays(fields: CronFields): [number, number] | undefined {
  const month = new Set(fields.month.values);
  const dayOfMonth = new Set(fields.dayOfMonth.values);
  const dayOfWeek = new Set(fields.dayOfWeek.values);
  const first = daysFromCivil(RARE_RUN_FIRST_YEAR, 1, 1);
  const last = daysFromCivil(RARE_RUN_LAST_YEAR, 12, 31);
  let previousYear = RARE_RUN_FIRST_YEAR;
  for (let days = first; days <= last; days++) {
    const date = civilFromDays(days);
    if (!month.has(date.month) || !dayOfMonth.has(date.day)) continue;
    // 1970-01-01 was a Thursday.
    if (!dayOfWeek.has((((days + 4) % 7) + 7) % 7)) continue;
    if (date.year - previousYear > SEARCH_YEARS) return [previousYear, date.year];
    previousYear = date.year;
  }
  return RARE_RUN_LAST_YEAR - previousYear > SEARCH_YEARS
    ? [previousYear, RARE_RUN_LAST_YEAR]
    : undefined;
}

/**
 * Why robfig/cron never (or, for too rare runs, not reliably) finds a time to run `fields`, or
 * `undefined` when it does. Besides schedules that match no time at all ({@link matchesNoTime}),
 * this refuses, in the `v1.1.0` dialect only, day fields so restricted that whole stretches of
 * more than five years between 2000 and 2100 have no run (e.g. `0 0 *\/29 2 1`, the 1st of
 * February when it is a Monday): from within such a stretch `Next` gives up. (In `v3.0.1` a star
 * bit means a full field, so no schedule that runs at all goes five years without a run before
 * 2096.)
 */
export function neverRunsReason(fields: CronFields, dialect: CronDialect): string | undefined {
  const names: Array<[string, CronField]> = [
    ['minute', fields.minute],
    ['hour', fields.hour],
    ['month', fields.month],
  ];
  for (const [name, field] of names) {
    if (field.values.length === 0) return `${onlyCommas(name, field)}: ${CONSEQUENCE}`;
  }
  if (matchesNoTime(fields)) return `${noDayReason(fields)}: ${CONSEQUENCE}`;
  if (
    dialect === 'v1.1.0' &&
    bothDayFieldsMustMatch(fields) &&
    !isFull(fields.dayOfMonth, 31) &&
    !isFull(fields.dayOfWeek, 7)
  ) {
    const gap = tooRareDays(fields);
    if (gap !== undefined) {
      const star = fields.dayOfMonth.wildcard ? fields.dayOfMonth : fields.dayOfWeek;
      return `day-of-month ${quote(fields.dayOfMonth.text)} and day-of-week ${quote(fields.dayOfWeek.text)} must both match (robfig/cron v1.1.0 counts ${quote(star.text)} as a wildcard), which in month ${quote(fields.month.text)} leaves no run between ${gap[0]} and ${gap[1]}: robfig/cron searches only five years ahead, so from within that stretch ${ALWAYS_DUE}`;
    }
  }
  return undefined;
}
