/**
 * The longest gap between consecutive fire times, checked against an enumeration of the fire
 * times by the real robfig/cron v3 (Go), over the same window.
 */
import fc from 'fast-check';
import {
  FIRE_GAP_WINDOW_END,
  FIRE_GAP_WINDOW_START,
  longestFireGap,
  longestFireGapBetween,
} from '../../../lib/core/alerts/fireGap';
import { checkCron, type ParsedCron, parseCron } from '../../../lib/core/rules/cron';
import { ZONE_WINDOW } from '../../oracle/corpus';
import { zonesGoAndIntlDisagreeOn } from '../../oracle/differential';
import { buildGoOracle } from '../../oracle/goOracle';
import { describeIf, needsRobfigCron, needsTool } from '../../support/requirements';
import { buildGapOracle, type GapOracle } from './gapOracle';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function parsed(cron: string): ParsedCron {
  const result = parseCron(cron);
  if (!result.ok) throw new Error(result.message);
  return result.cron;
}

function gapOf(cron: string): number | undefined {
  return longestFireGap(parsed(cron))?.milliseconds;
}

describe('longestFireGap', () => {
  test.each([
    ['0 3 * * *', DAY],
    ['@daily', DAY],
    ['@hourly', HOUR],
    ['*/15 * * * *', 15 * MINUTE],
    ['0,50 * * * *', 50 * MINUTE],
    ['0 4 * * 0', 7 * DAY],
    ['@weekly', 7 * DAY],
    ['0 9-17 * * mon-fri', 64 * HOUR], // Friday 17:00 to Monday 09:00
    ['0 0 1 * *', 31 * DAY],
    ['0 0 31 * *', 61 * DAY], // 31 May to 31 July, 31 Aug to 31 Oct, 31 Oct to 31 Dec
    ['0 0 1 1 *', 366 * DAY],
    ['0 0 29 2 *', 1461 * DAY], // every leap year; 2100 is outside the window
    ['0 0 13 * 5', 7 * DAY], // the 13th OR a Friday (neither field is *): Fridays alone bound it
    ['0 0 13 * */7', 7 * DAY], // */7 of 0-6 is Sunday only, and has no star bit: the 13th OR a Sunday
    ['0 0 * * 5/7', 7 * DAY],
    ['0 0 13 * *', 31 * DAY], // * makes the day fields AND: the 13th only
    ['0 0 */2 * *', 2 * DAY], // 31st then 1st: one day, 29th to 1st in February: 1 to 3 days
    ['@every 90m', 90 * MINUTE],
    ['@every 500ms', 1000],
    ['@every 1h30m10.5s', HOUR + 30 * MINUTE + 10_000],
    ['CRON_TZ=Asia/Tokyo 0 3 * * 1', 7 * DAY],
    ['TZ=UTC 0 3 * * *', DAY],
  ])('%s', (cron, expected) => {
    expect(gapOf(cron)).toBe(expected);
  });

  test('daylight saving: a 02:30 run is skipped on the spring-forward night; a 03:00 run is an hour late on the fall-back one', () => {
    expect(gapOf('CRON_TZ=Europe/Berlin 30 2 * * *')).toBe(47 * HOUR);
    expect(gapOf('CRON_TZ=Europe/Berlin 0 3 * * *')).toBe(25 * HOUR);
    expect(gapOf('CRON_TZ=Europe/Berlin 0 2 * * *')).toBe(47 * HOUR);
    expect(gapOf('CRON_TZ=Europe/Berlin 0 1 * * *')).toBe(25 * HOUR);
    expect(gapOf('CRON_TZ=Europe/Berlin */10 * * * *')).toBe(10 * MINUTE + 0);
    expect(gapOf('CRON_TZ=America/New_York 0 2 * * 0')).toBe(14 * DAY - HOUR); // US DST starts on a Sunday at 02:00
    expect(gapOf('CRON_TZ=Australia/Lord_Howe 15 2 * * *')).toBe(48 * HOUR + 30 * MINUTE);
    const berlin = longestFireGap(parsed('CRON_TZ=Europe/Berlin 30 2 * * *'));
    expect(berlin).toEqual({
      milliseconds: 47 * HOUR,
      timeZone: 'Europe/Berlin',
      wallClockMilliseconds: DAY,
    });
  });

  test('answers the same for equal schedules however they are written', () => {
    expect(longestFireGap(parsed('0 3 * * *'))).toEqual(longestFireGap(parsed('0 3 ? * *')));
    expect(longestFireGap(parsed('@weekly'))).toEqual(longestFireGap(parsed('0 0 * * sun')));
  });
});

// ---- random schedules ------------------------------------------------------------------------

/** One element of a cron field list: `*`, `?`, N, N-M, with an optional step. */
function element(min: number, max: number, bias: readonly number[] = []): fc.Arbitrary<string> {
  const value =
    bias.length > 0
      ? fc.oneof(fc.constantFrom(...bias), fc.integer({ min, max }))
      : fc.integer({ min, max });
  const range = fc.tuple(value, value).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
  const step = fc.integer({ min: 1, max: Math.max(1, Math.floor((max - min) / 2)) });
  return fc.oneof(
    { weight: 4, arbitrary: value.map(String) },
    { weight: 2, arbitrary: range },
    { weight: 1, arbitrary: fc.tuple(range, step).map(([r, s]) => `${r}/${s}`) },
    { weight: 1, arbitrary: step.map((s) => `*/${s}`) },
    { weight: 1, arbitrary: fc.tuple(value, step).map(([v, s]) => `${v}/${s}`) },
    { weight: 1, arbitrary: fc.constant('*') },
  );
}

function field(min: number, max: number, bias: readonly number[] = []): fc.Arbitrary<string> {
  return fc
    .array(element(min, max, bias), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join(','));
}

/** 5-field schedules that run, with their minutes and hours kept sparse enough to enumerate. */
function cronFields(sparseTimes: boolean): fc.Arbitrary<string> {
  const few = (min: number, max: number, bias: readonly number[] = []) =>
    fc
      .array(fc.oneof(fc.constantFrom(...bias), fc.integer({ min, max })), {
        minLength: 1,
        maxLength: 3,
      })
      .map((v) => v.join(','));
  const minute = sparseTimes ? few(0, 59, [0, 30, 59]) : field(0, 59, [0, 30, 59]);
  // Hours around midnight and the usual 01:00-03:00 daylight-saving changes come up often.
  const hour = sparseTimes ? few(0, 23, [0, 1, 2, 3, 23]) : field(0, 23, [0, 1, 2, 3, 23]);
  const dayOfMonth = fc.oneof(fc.constant('*'), field(1, 31, [1, 28, 29, 30, 31]));
  const month = fc.oneof(fc.constant('*'), field(1, 12, [2, 3, 10, 11]));
  const dayOfWeek = fc.oneof(fc.constant('*'), field(0, 6, [0, 6]));
  return fc
    .tuple(minute, hour, dayOfMonth, month, dayOfWeek)
    .map((parts) => parts.join(' '))
    .filter((cron) => checkCron(cron) === undefined);
}

const FIXED_ZONE_PREFIXES = [
  '',
  'CRON_TZ=UTC ',
  'TZ=Asia/Tokyo ',
  'CRON_TZ=Asia/Kolkata ',
  'CRON_TZ=Etc/GMT+5 ',
];
/** Zones with offset changes: ordinary, negative (Dublin), half-hour (Lord Howe), at midnight (Santiago, Havana), 45-minute offsets (Chatham), and Ramadan changes (Casablanca). */
const CHANGING_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Europe/Dublin',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'Asia/Gaza',
];

describeIf(
  [needsTool('go'), needsRobfigCron()],
  'longestFireGap against robfig/cron v3 (Go)',
  () => {
    let oracle: GapOracle;
    /** The zones both sides read alike: Debian's tzdata moves on faster than Node's ICU. */
    let zones: string[];
    beforeAll(() => {
      oracle = buildGapOracle();
      const zoneOracle = buildGoOracle();
      try {
        // The oracle's zone window from 2026 on (Go's ZoneBounds walk gives up before 2100).
        const disagreeing = zonesGoAndIntlDisagreeOn(zoneOracle, CHANGING_ZONES, {
          from: FIRE_GAP_WINDOW_START / 1000,
          to: ZONE_WINDOW.to,
        });
        zones = CHANGING_ZONES.filter((zone) => !disagreeing.includes(zone));
      } finally {
        zoneOracle.dispose();
      }
    }, 120_000);
    afterAll(() => oracle?.dispose());

    test('UTC and fixed zones: the 28-year cycle answer is the longest gap Go enumerates over 2026-2100', () => {
      const crons = fc.sample(
        fc
          .tuple(
            fc.constantFrom(...FIXED_ZONE_PREFIXES),
            fc.oneof(
              cronFields(false),
              fc.constantFrom('0 0 29 2 *', '0 12 29 2 1', '30 23 31 12 *', '0 0 * 2 1'),
            ),
          )
          .map(([zone, cron]) => `${zone}${cron}`),
        { numRuns: 150, seed: 20260110 },
      );
      const expected = oracle.longestGaps(
        crons.map((cron) => ({
          mode: 'days' as const,
          cron,
          startMs: FIRE_GAP_WINDOW_START,
          endMs: FIRE_GAP_WINDOW_END,
        })),
      );
      const wrong = crons
        .map((cron, i) => ({ cron, go: expected[i], ours: gapOf(cron) }))
        .filter((r) => r.go !== r.ours);
      expect(wrong).toEqual([]);
    }, 120_000);

    const readAlike = (cron: string) => zones.some((zone) => cron.startsWith(`CRON_TZ=${zone} `));

    test('most zones with daylight saving read alike in Go and Intl', () => {
      expect(zones.length).toBeGreaterThanOrEqual(CHANGING_ZONES.length - 3);
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
        expect(zones).toContain(zone);
      }
    });

    test('zones with daylight saving: the walked answer is the longest gap Go enumerates, run by run', () => {
      const start = Date.UTC(2026, 0, 1);
      const end = Date.UTC(2029, 0, 1);
      const crons = fc
        .sample(
          fc
            .tuple(fc.constantFrom(...CHANGING_ZONES), cronFields(true))
            .map(([zone, cron]) => `CRON_TZ=${zone} ${cron}`),
          { numRuns: 120, seed: 20260111 },
        )
        .filter(readAlike);
      const expected = oracle.longestGaps(
        crons.map((cron) => ({ mode: 'every' as const, cron, startMs: start, endMs: end })),
      );
      const wrong = crons
        .map((cron, i) => ({
          cron,
          go: expected[i],
          ours: longestFireGapBetween(parsed(cron), start, end),
        }))
        .filter((r) => r.go !== r.ours);
      expect(wrong).toEqual([]);
    }, 300_000);

    test('zones with daylight saving over the whole window 2026-2100, for everyday schedules', () => {
      const crons = [
        'CRON_TZ=Europe/Berlin 30 2 * * *',
        'CRON_TZ=Europe/Berlin 0 3 * * *',
        'CRON_TZ=America/New_York 0 2 * * 0',
        'CRON_TZ=Australia/Lord_Howe 15 2 * * *',
        'CRON_TZ=America/Santiago 0 0 * * *',
        'CRON_TZ=America/Havana 30 0 * * 6',
        'CRON_TZ=Europe/Dublin 0 1 1 * *',
        'CRON_TZ=Africa/Casablanca 0 2 * * *',
      ].filter(readAlike);
      const expected = oracle.longestGaps(
        crons.map((cron) => ({
          mode: 'every' as const,
          cron,
          startMs: FIRE_GAP_WINDOW_START,
          endMs: FIRE_GAP_WINDOW_END,
        })),
      );
      expect(crons.map((cron) => gapOf(cron))).toEqual(expected);
    }, 120_000);
  },
);
