/**
 * The wall-clock structure of a 5-field cron expression, as robfig/cron v3 matches it: the days it
 * runs on (month, day-of-month and day-of-week, with robfig's rule that a `*` day field makes the
 * two day fields AND, otherwise OR) and the same minutes of the day on every such day.
 *
 * Days are numbered from 1970-01-01 (day 0, a Thursday) in the schedule's own wall clock; a wall
 * minute is `day * 1440 + minute of the day`.
 */

import { civilFromDays } from '../rules/civilCalendar';
import type { CronFields } from '../rules/cron';

/** Minutes in a day. */
export const MINUTES_PER_DAY = 1440;

/** The days and times a cron expression runs at, in its own wall clock. */
export interface WallFireStructure {
  /** The minutes of the day it runs at on each day it runs, ascending (never empty). */
  readonly minutesOfDay: readonly number[];
  /** The longest gap in minutes between two runs on the same day; 0 when it runs once a day. */
  readonly longestGapWithinDay: number;
  /** Whether it runs on the day `day` (days since 1970-01-01). */
  readonly runsOn: (day: number) => boolean;
  /** A key that is equal for two structures exactly when they run on the same days. */
  readonly dayKey: string;
}

/**
 * The month, day-of-month and weekday of each day from 2025-12-01 to 2100-02-01 as bits
 * (`1 << value`), computed once: the gap computation asks about these days thousands of times.
 */
const TABLE_FIRST_DAY = Math.floor(Date.UTC(2025, 11, 1) / 86_400_000);
const TABLE_DAYS = Math.floor(Date.UTC(2100, 1, 1) / 86_400_000) - TABLE_FIRST_DAY;
let calendarTable: Int32Array | undefined;

/** The bits of day `day`: month (bits 1-12), day of the month (bits 1-31) and weekday (bits 0-6). */
function dayBits(day: number): { month: number; dayOfMonth: number; weekday: number } {
  const { month, day: dayOfMonth } = civilFromDays(day);
  // Day 0 (1970-01-01) was a Thursday (4).
  return { month: 1 << month, dayOfMonth: 1 << dayOfMonth, weekday: 1 << (((day % 7) + 11) % 7) };
}

function table(): Int32Array {
  if (calendarTable === undefined) {
    calendarTable = new Int32Array(TABLE_DAYS * 3);
    for (let i = 0; i < TABLE_DAYS; i++) {
      const bits = dayBits(TABLE_FIRST_DAY + i);
      calendarTable[3 * i] = bits.month;
      calendarTable[3 * i + 1] = bits.dayOfMonth;
      calendarTable[3 * i + 2] = bits.weekday;
    }
  }
  return calendarTable;
}

function mask(values: readonly number[]): number {
  let bits = 0;
  for (const value of values) bits |= 1 << value;
  return bits;
}

/** The wall-clock structure of parsed cron fields. */
export function wallFireStructure(fields: CronFields): WallFireStructure {
  const minutesOfDay: number[] = [];
  for (const hour of fields.hour.values) {
    for (const minute of fields.minute.values) minutesOfDay.push(hour * 60 + minute);
  }
  minutesOfDay.sort((a, b) => a - b);
  let longestGapWithinDay = 0;
  for (let i = 1; i < minutesOfDay.length; i++) {
    longestGapWithinDay = Math.max(
      longestGapWithinDay,
      (minutesOfDay[i] as number) - (minutesOfDay[i - 1] as number),
    );
  }
  const months = mask(fields.month.values);
  const daysOfMonth = mask(fields.dayOfMonth.values);
  const weekdays = mask(fields.dayOfWeek.values);
  const both = fields.dayOfMonth.wildcard || fields.dayOfWeek.wildcard;
  const days = table();
  const runsOn = (day: number): boolean => {
    const index = day - TABLE_FIRST_DAY;
    let month: number;
    let dayOfMonth: number;
    let weekday: number;
    if (index >= 0 && index < TABLE_DAYS) {
      month = days[3 * index] as number;
      dayOfMonth = days[3 * index + 1] as number;
      weekday = days[3 * index + 2] as number;
    } else {
      ({ month, dayOfMonth, weekday } = dayBits(day));
    }
    if ((months & month) === 0) return false;
    const domMatch = (daysOfMonth & dayOfMonth) !== 0;
    const dowMatch = (weekdays & weekday) !== 0;
    return both ? domMatch && dowMatch : domMatch || dowMatch;
  };
  return {
    minutesOfDay,
    longestGapWithinDay,
    runsOn,
    dayKey: `${months}/${daysOfMonth}/${weekdays}/${both ? 'and' : 'or'}`,
  };
}

/** What {@link scanWallFires} found after a run. */
export interface WallFireScan {
  /** The last run before the end, in wall minutes (the start run when there is none). */
  readonly last: number;
  /** The longest gap in minutes between consecutive runs from the start run to `last`. */
  readonly longestGap: number;
}

/**
 * Walks the runs after the run at wall minute `from` up to (not including) wall minute `until`,
 * and returns the last of them and the longest gap between consecutive runs on the way.
 */
export function scanWallFires(
  structure: WallFireStructure,
  from: number,
  until: number,
): WallFireScan {
  const times = structure.minutesOfDay;
  const first = times[0] as number;
  const lastOfDay = times[times.length - 1] as number;
  let previous = from;
  let longestGap = 0;
  const visitDay = (dayStart: number): boolean => {
    // Returns false once `until` is reached.
    if (dayStart + lastOfDay < until && dayStart + first > previous) {
      longestGap = Math.max(longestGap, dayStart + first - previous, structure.longestGapWithinDay);
      previous = dayStart + lastOfDay;
      return true;
    }
    for (const minute of times) {
      const at = dayStart + minute;
      if (at <= previous) continue;
      if (at >= until) return false;
      longestGap = Math.max(longestGap, at - previous);
      previous = at;
    }
    return true;
  };
  const firstDay = Math.floor(from / MINUTES_PER_DAY);
  if (visitDay(firstDay * MINUTES_PER_DAY)) {
    for (let day = firstDay + 1; day * MINUTES_PER_DAY < until; day++) {
      if (structure.runsOn(day) && !visitDay(day * MINUTES_PER_DAY)) break;
    }
  }
  return { last: previous, longestGap };
}

/** The first run at or after wall minute `from` and before wall minute `until`, if any. */
export function firstWallFire(
  structure: WallFireStructure,
  from: number,
  until: number,
): number | undefined {
  for (let day = Math.floor(from / MINUTES_PER_DAY); day * MINUTES_PER_DAY < until; day++) {
    if (!structure.runsOn(day)) continue;
    for (const minute of structure.minutesOfDay) {
      const at = day * MINUTES_PER_DAY + minute;
      if (at >= until) return undefined;
      if (at >= from) return at;
    }
  }
  return undefined;
}

/**
 * The longest number of days from one day the structure runs on to the next, over `periodDays`
 * days from `startDay` taken as a cycle (the pattern repeats after `periodDays`), or `undefined`
 * when it runs on no day of the period.
 */
export function longestDayGap(
  structure: WallFireStructure,
  startDay: number,
  periodDays: number,
): number | undefined {
  const key = `${structure.dayKey}|${startDay}|${periodDays}`;
  if (dayGaps.has(key)) return dayGaps.get(key);
  const gap = computeLongestDayGap(structure, startDay, periodDays);
  if (dayGaps.size >= MAX_REMEMBERED_DAY_GAPS) dayGaps.clear();
  dayGaps.set(key, gap);
  return gap;
}

// Schedules of a fleet share a few day patterns (every day, one weekday...).
const dayGaps = new Map<string, number | undefined>();
const MAX_REMEMBERED_DAY_GAPS = 1024;

function computeLongestDayGap(
  structure: WallFireStructure,
  startDay: number,
  periodDays: number,
): number | undefined {
  let firstRun: number | undefined;
  let previous: number | undefined;
  let longest = 0;
  for (let day = startDay; day < startDay + periodDays; day++) {
    if (!structure.runsOn(day)) continue;
    if (previous === undefined) firstRun = day;
    else longest = Math.max(longest, day - previous);
    previous = day;
  }
  if (firstRun === undefined || previous === undefined) return undefined;
  return Math.max(longest, firstRun + periodDays - previous);
}
