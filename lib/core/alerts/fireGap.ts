/**
 * The longest time between two consecutive fire times of a schedule, as Velero's scheduler
 * (robfig/cron v3 `Next`) produces them: the basis of the "missed backup" alert.
 *
 * ## The window, and why it is enough
 * Fire times are considered from 2026-01-01 to 2100-01-01 (UTC).
 * - In a zone without offset changes (UTC, which is the Velero server's zone without a
 *   `CRON_TZ=`; fixed zones such as `Asia/Tokyo`), the runs of a 5-field cron depend only on the
 *   calendar. Between 1901 and 2099 every fourth year is a leap year, so the calendar, weekdays
 *   included, repeats every 28 years (10,227 days, exactly 1,461 weeks) and so do the runs. The
 *   longest gap is therefore the longest gap over one 28-year cycle taken as a cycle, computed
 *   exactly from the days the cron runs on and its minutes of the day. (2100 is not a leap year;
 *   robfig/cron's `Next` gives up after five years without a match, so a `29 2` schedule stops
 *   working then anyway.)
 * - In a zone with daylight saving, the runs are walked in order: away from an offset change
 *   the wall clock decides (the same calendar walk), and within a few hours of each change the
 *   exact robfig/cron `Next` is called, so skipped (spring forward) and repeated (fall back) wall
 *   times count exactly as Velero's scheduler counts them. Every change of the zone's offset in the
 *   window is visited, as the JavaScript engine's time-zone data (ICU, which extends each zone's
 *   current rule the way Go does) describes it; a zone's rule change that is not yet in that data
 *   cannot be known.
 * - `@every <d>` runs at a fixed interval (whole seconds, at least 1s) from the previous run.
 */

import type { CronFields, ParsedCron } from '../rules/cron';
import { type NextFireTime, nextFireTimeFunction } from './cronNextAdapter';
import {
  longestDayGap,
  MINUTES_PER_DAY,
  scanWallFires,
  type WallFireStructure,
  wallFireStructure,
} from './fireCalendar';
import { type ZoneTransition, zoneOffset, zoneTransitions } from './zoneTransitions';

/** The first instant of the window of fire times considered: 2026-01-01T00:00:00Z. */
export const FIRE_GAP_WINDOW_START = Date.UTC(2026, 0, 1);
/** The end of the window (exclusive): 2100-01-01T00:00:00Z. */
export const FIRE_GAP_WINDOW_END = Date.UTC(2100, 0, 1);

/** Days in a 28-year cycle of the Gregorian calendar between 1901 and 2099. */
const SOLAR_CYCLE_DAYS = 10_227;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The longest gap between consecutive runs of a schedule, and how it was found. */
export interface FireGap {
  /** The longest time between two consecutive runs, in milliseconds. */
  readonly milliseconds: number;
  /**
   * The zone the schedule runs in: its `CRON_TZ=`/`TZ=` zone, or `UTC` (the Velero server's zone
   * in the stock image) when it has none.
   */
  readonly timeZone: string;
  /**
   * The longest gap on the wall clock of that zone, which is the gap when daylight saving does not
   * move the runs, in milliseconds.
   */
  readonly wallClockMilliseconds: number;
}

function zoneOf(cron: ParsedCron): string {
  const name = cron.timeZone?.name;
  // Go's `Local` is the server's own zone: UTC in Velero's image.
  return name === undefined || name === '' || name === 'Local' ? 'UTC' : name;
}

/** The wall-clock gap of 5-field cron fields, in minutes, over the 28-year cycle. */
function wallClockGapMinutes(structure: WallFireStructure): number | undefined {
  const startDay = Math.floor(FIRE_GAP_WINDOW_START / 86_400_000);
  const dayGap = longestDayGap(structure, startDay, SOLAR_CYCLE_DAYS);
  if (dayGap === undefined) return undefined;
  const times = structure.minutesOfDay;
  const span = (times[times.length - 1] as number) - (times[0] as number);
  return Math.max(structure.longestGapWithinDay, dayGap * MINUTES_PER_DAY - span);
}

/** How close to an offset change the walk asks robfig/cron's `Next` rather than the calendar. */
function margin(transition: ZoneTransition): number {
  return Math.max(3 * HOUR, Math.abs(transition.offsetAfter - transition.offsetBefore) + HOUR);
}

/**
 * The longest gap between consecutive runs that start in `[start, end)`, walking the runs in a
 * zone with offset changes (see the module comment).
 */
function walkedGap(
  structure: WallFireStructure,
  zone: string,
  transitions: readonly ZoneTransition[],
  next: NextFireTime,
  start: number,
  end: number,
): number {
  let longest = 0;
  let fire = next(start - 1000);
  let index = 0; // the first transition after `fire`
  while (fire !== undefined && fire < end) {
    while (index < transitions.length && (transitions[index] as ZoneTransition).at <= fire) index++;
    const before = transitions[index - 1];
    const after = transitions[index];
    const clear = before === undefined || fire > before.at + margin(before);
    if (clear) {
      // Until the next change comes close, the runs are the wall clock's.
      const offset = zone === 'UTC' ? 0 : zoneOffset(zone, fire);
      const limit = after === undefined ? end : Math.min(end, after.at - margin(after));
      const scan = scanWallFires(
        structure,
        Math.round((fire + offset) / MINUTE),
        Math.ceil((limit + offset) / MINUTE),
      );
      longest = Math.max(longest, scan.longestGap * MINUTE);
      fire = scan.last * MINUTE - offset;
    }
    let following = next(fire);
    if (following !== undefined && following <= fire) {
      // robfig/cron can answer a time that is not later during a fall-back hour; Velero then runs
      // the schedule again at its next check, a minute later.
      following = fire + MINUTE;
    }
    if (following === undefined || following >= end) break;
    longest = Math.max(longest, following - fire);
    fire = following;
  }
  return longest;
}

/** The gap of parsed 5-field fields in a zone, over `[start, end)`. */
function fieldsGap(
  cron: ParsedCron & { readonly fields: CronFields },
  zone: string,
  start: number,
  end: number,
): { milliseconds: number; wallClockMilliseconds: number } | undefined {
  const structure = wallFireStructure(cron.fields);
  const wall = wallClockGapMinutes(structure);
  if (wall === undefined) return undefined;
  const transitions = zone === 'UTC' ? [] : zoneTransitions(zone, start, end);
  if (transitions.length === 0) {
    return { milliseconds: wall * MINUTE, wallClockMilliseconds: wall * MINUTE };
  }
  const walked = walkedGap(structure, zone, transitions, nextFireTimeFunction(cron), start, end);
  return { milliseconds: walked, wallClockMilliseconds: wall * MINUTE };
}

const remembered = new Map<string, FireGap | undefined>();
const MAX_REMEMBERED = 512;

/**
 * The longest time between two consecutive runs of a parsed schedule (see the module comment for
 * the window and why it is exact), or `undefined` when it never runs in the window.
 */
export function longestFireGap(cron: ParsedCron): FireGap | undefined {
  const zone = zoneOf(cron);
  if (cron.kind === 'every') {
    return {
      milliseconds: cron.intervalMilliseconds,
      timeZone: zone,
      wallClockMilliseconds: cron.intervalMilliseconds,
    };
  }
  // Schedules differing only in their minutes and hours share the calendar walk; remember the
  // answers by what decides them.
  const f = cron.fields;
  const key = `${zone}|${f.minute.values.join(',')}|${f.hour.values.join(',')}|${f.dayOfMonth.values.join(',')}|${f.month.values.join(',')}|${f.dayOfWeek.values.join(',')}|${f.dayOfMonth.wildcard}|${f.dayOfWeek.wildcard}`;
  if (remembered.has(key)) return remembered.get(key);
  const found = fieldsGap(cron, zone, FIRE_GAP_WINDOW_START, FIRE_GAP_WINDOW_END);
  const gap = found === undefined ? undefined : { ...found, timeZone: zone };
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(key, gap);
  return gap;
}

/**
 * The longest gap between consecutive runs starting in `[start, end)` (epoch milliseconds), for
 * tests that compare it with an enumeration of the runs over the same window. Internal.
 */
export function longestFireGapBetween(
  cron: ParsedCron,
  start: number,
  end: number,
): number | undefined {
  if (cron.kind === 'every') return cron.intervalMilliseconds;
  const zone = zoneOf(cron);
  const structure = wallFireStructure(cron.fields);
  const transitions = zone === 'UTC' ? [] : zoneTransitions(zone, start, end);
  return walkedGap(structure, zone, transitions, nextFireTimeFunction(cron), start, end);
}
