/**
 * When an IANA time zone changes its UTC offset (daylight saving and rule changes), read from the
 * same offset table robfig/cron's `Next` uses here (`zoneClock`, from the JavaScript engine's
 * time-zone data). Used to find the runs of a `CRON_TZ=` schedule that daylight saving moves.
 */

import { zoneClock } from '../rules/zoneClock';

/** One change of a zone's UTC offset. */
export interface ZoneTransition {
  /** The first instant (epoch milliseconds, whole seconds) with the new offset. */
  readonly at: number;
  /** The offset before, in milliseconds east of UTC. */
  readonly offsetBefore: number;
  /** The offset from `at` on. */
  readonly offsetAfter: number;
}

/** The UTC offset of `zone` at the instant `at` (epoch milliseconds), in milliseconds. */
export function zoneOffset(zone: string, at: number): number {
  const clock = zoneClock(zone);
  if (clock === undefined)
    throw new RangeError(`the JavaScript engine has no data for time zone ${zone}`);
  return clock.offsetAt(Math.floor(at / 1000)) * 1000;
}

const DAY_SECONDS = 86_400;
const cache = new Map<string, readonly ZoneTransition[]>();

/**
 * Every change of `zone`'s offset in `[start, end)` (epoch milliseconds), in order. The table is
 * sampled once a day and each change bisected to the second; it holds no change that reverts
 * within a day (none does, see `zoneClock`).
 */
export function zoneTransitions(
  zone: string,
  start: number,
  end: number,
): readonly ZoneTransition[] {
  const key = `${zone}|${start}|${end}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const clock = zoneClock(zone);
  if (clock === undefined)
    throw new RangeError(`the JavaScript engine has no data for time zone ${zone}`);
  const first = Math.floor(start / 1000);
  const last = Math.ceil(end / 1000);
  const found: ZoneTransition[] = [];
  let at = first;
  let offset = clock.offsetAt(at);
  while (at < last) {
    const next = Math.min(at + DAY_SECONDS, last);
    if (clock.offsetAt(next) === offset) {
      at = next;
      continue;
    }
    // The offset is `offset` up to `low` and another one from `high` on.
    let low = at;
    let high = next;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (clock.offsetAt(middle) === offset) low = middle;
      else high = middle;
    }
    const after = clock.offsetAt(high);
    if (high < last)
      found.push({ at: high * 1000, offsetBefore: offset * 1000, offsetAfter: after * 1000 });
    at = high;
    offset = after;
  }
  cache.set(key, found);
  return found;
}
