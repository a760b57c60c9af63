/**
 * The UTC offset of an IANA time zone at any instant, from the JavaScript engine's `Intl`
 * time-zone data, as Go's `time.Location.lookup` answers it from the zoneinfo files. Internal to
 * the cron fire-time computation; not exported from the core.
 *
 * `Intl` only formats instants, so offsets are read from formatted wall-clock times and the
 * transitions between them are found by sampling every three days and bisecting to the second.
 * The result is cached per zone in chunks of 36 days. Sampling every three days is exact as long
 * as no zone changes its offset and back within three days: in the IANA database (2025b, years
 * 1800 to 2100) the shortest such round trip is 95 hours 40 minutes (Africa/Freetown).
 *
 * Before 1800 the offset of 1800-01-01 is used (the engine's calendar turns Julian before 1582,
 * and every zone keeps its local mean time before 1800).
 */

import { daysFromCivil } from './civilCalendar';

// Local bindings: global look-ups are slow inside test sandboxes (vm contexts).
const { floor, max, min } = Math;

const SECONDS_PER_DAY = 86_400;
const SAMPLE_STEP = 3 * SECONDS_PER_DAY;
const CHUNK_SECONDS = 36 * SECONDS_PER_DAY;
/** 1800-01-01T00:00:00Z. */
const EARLIEST_LOOKUP = -5_364_662_400;
/** The last second a JavaScript `Date` can hold. */
const LATEST_LOOKUP = 8_640_000_000_000;
const MAX_CHUNKS_PER_ZONE = 4096;
/** What an en-US `Intl.DateTimeFormat` with era and a 24-hour clock prints. */
const WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;

/** The offsets of one zone over one chunk: the offset at its start and each change in it. */
interface Chunk {
  readonly startOffset: number;
  /** Ascending instants at which the offset changes, and the offset from then on. */
  readonly changes: ReadonlyArray<readonly [number, number]>;
}

/** UTC offsets of one time zone. */
export interface ZoneClock {
  /** The zone's name as `Intl` resolves it. */
  readonly name: string;
  /** Seconds east of UTC in force at `unixSeconds` (an integer). */
  offsetAt(unixSeconds: number): number;
}

class IntlZoneClock implements ZoneClock {
  readonly name: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly chunks = new Map<number, Chunk>();

  constructor(format: Intl.DateTimeFormat) {
    this.format = format;
    this.name = format.resolvedOptions().timeZone;
  }

  offsetAt(unixSeconds: number): number {
    const at = min(max(unixSeconds, EARLIEST_LOOKUP), LATEST_LOOKUP);
    const index = floor(at / CHUNK_SECONDS);
    let chunk = this.chunks.get(index);
    if (chunk === undefined) {
      if (this.chunks.size >= MAX_CHUNKS_PER_ZONE) this.chunks.clear();
      chunk = this.scan(index * CHUNK_SECONDS);
      this.chunks.set(index, chunk);
    }
    let offset = chunk.startOffset;
    for (const [when, after] of chunk.changes) {
      if (when > at) break;
      offset = after;
    }
    return offset;
  }

  /** The offset `Intl` reports at one instant. */
  private probe(unixSeconds: number): number {
    const at = min(max(unixSeconds, EARLIEST_LOOKUP), LATEST_LOOKUP);
    // `format` is several times faster than `formatToParts`; en-US prints "M/D/Y AD, hh:mm:ss".
    const text = this.format.format(new Date(at * 1000));
    const match = WALL_CLOCK.exec(text);
    if (match === null) throw new Error(`unexpected wall-clock text ${JSON.stringify(text)}`);
    const [, month, day, year, era, hour, minute, second] = match;
    const fullYear = era === 'BC' ? 1 - Number(year) : Number(year);
    const local =
      daysFromCivil(fullYear, Number(month), Number(day)) * SECONDS_PER_DAY +
      Number(hour) * 3600 +
      Number(minute) * 60 +
      Number(second);
    return local - at;
  }

  private scan(start: number): Chunk {
    const end = start + CHUNK_SECONDS;
    const startOffset = this.probe(start);
    const changes: Array<readonly [number, number]> = [];
    let from = start;
    let fromOffset = startOffset;
    for (let sample = start + SAMPLE_STEP; sample <= end; sample += SAMPLE_STEP) {
      const sampleOffset = this.probe(sample);
      // Find every change between the two samples, one bisection per change: the offset stays
      // `fromOffset` up to some second and differs from then on.
      while (sampleOffset !== fromOffset) {
        let low = from;
        let high = sample;
        while (high - low > 1) {
          const middle = floor((low + high) / 2);
          if (this.probe(middle) === fromOffset) low = middle;
          else high = middle;
        }
        const offset = this.probe(high);
        if (high < end) changes.push([high, offset]);
        from = high;
        fromOffset = offset;
      }
      from = sample;
      fromOffset = sampleOffset;
    }
    return { startOffset, changes };
  }
}

const clocks = new Map<string, ZoneClock | undefined>();

/**
 * The clock of the time zone `name` (`UTC` and IANA names as `Intl` knows them), or `undefined`
 * when the JavaScript engine has no data for it.
 */
export function zoneClock(name: string): ZoneClock | undefined {
  if (!clocks.has(name)) {
    let clock: ZoneClock | undefined;
    try {
      clock = new IntlZoneClock(
        new Intl.DateTimeFormat('en-US', {
          timeZone: name,
          hourCycle: 'h23',
          era: 'short',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        }),
      );
    } catch {
      clock = undefined;
    }
    clocks.set(name, clock);
  }
  return clocks.get(name);
}
