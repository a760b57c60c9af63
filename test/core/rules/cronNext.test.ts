import fc from 'fast-check';
import { VeleroConfigError } from '../../../lib/core/errors';
import { type CronDialect, parseCron } from '../../../lib/core/rules/cron';
import { cronFireTimes, nextCronFireTime } from '../../../lib/core/rules/cronNext';

/** robfig's test times: "Mon Jul 9 14:45 2012" (UTC) or RFC 3339 with an offset. */
function at(text: string): Date {
  const plain = /^\w{3} (\w{3}) (\d+) (\d+):(\d+)(?::(\d+))? (\d{4})$/.exec(text);
  if (plain === null) return new Date(text);
  const [, month, day, hour, minute, second, year] = plain;
  return new Date(`${month} ${day} ${year} ${hour}:${minute}:${second ?? '00'} UTC`);
}

function next(spec: string, from: string, dialect: CronDialect, serverTimeZone = 'UTC') {
  return nextCronFireTime(spec, at(from), { dialect, serverTimeZone })?.toISOString();
}

// robfig/cron v3.0.1 spec_test.go TestNext, the cases a 5-field ParseStandard schedule can say
// (their seconds field is 0), in UTC unless the schedule names a zone.
const V3_NEXT: Array<[string, string, string | undefined]> = [
  ['Mon Jul 9 14:45 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
  ['Mon Jul 9 14:59 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
  ['Mon Jul 9 14:59:59 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
  ['Mon Jul 9 15:45 2012', '20-35/15 * * * *', 'Mon Jul 9 16:20 2012'],
  ['Mon Jul 9 23:46 2012', '*/15 * * * *', 'Tue Jul 10 00:00 2012'],
  ['Mon Jul 9 23:45 2012', '20-35/15 * * * *', 'Tue Jul 10 00:20 2012'],
  ['Mon Jul 9 23:35 2012', '0 0 9 Apr-Oct ?', 'Thu Aug 9 00:00 2012'],
  ['Mon Jul 9 23:35 2012', '0 0 */5 Apr,Aug,Oct Mon', 'Tue Aug 1 00:00 2012'],
  ['Mon Jul 9 23:35 2012', '0 0 */5 Oct Mon', 'Mon Oct 1 00:00 2012'],
  ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon', 'Mon Feb 4 00:00 2013'],
  ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon/2', 'Fri Feb 1 00:00 2013'],
  ['Mon Dec 31 23:59:45 2012', '* * * * *', 'Tue Jan 1 00:00:00 2013'],
  ['Mon Jul 9 23:35 2012', '0 0 29 Feb ?', 'Mon Feb 29 00:00 2016'],
  ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 30 2 11 Mar ?', '2013-03-11T02:30:00-04:00'],
  ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 * * * ?', '2012-03-11T01:00:00-05:00'],
  ['2012-03-11T01:00:00-05:00', 'TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-04:00'],
  ['2012-03-11T03:00:00-04:00', 'TZ=America/New_York 0 * * * ?', '2012-03-11T04:00:00-04:00'],
  ['2012-03-11T01:00:00-05:00', 'CRON_TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-04:00'],
  ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 1 * * ?', '2012-03-11T01:00:00-05:00'],
  ['2012-03-11T01:00:00-05:00', 'TZ=America/New_York 0 1 * * ?', '2012-03-12T01:00:00-04:00'],
  ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 2 * * ?', '2012-03-12T02:00:00-04:00'],
  ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 30 2 04 Nov ?', '2012-11-04T02:30:00-05:00'],
  ['2012-11-04T01:45:00-04:00', 'TZ=America/New_York 30 1 04 Nov ?', '2012-11-04T01:30:00-05:00'],
  ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-04:00'],
  ['2012-11-04T01:00:00-04:00', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-05:00'],
  ['2012-11-04T01:00:00-05:00', 'TZ=America/New_York 0 * * * ?', '2012-11-04T02:00:00-05:00'],
  ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-04:00'],
  ['2012-11-04T01:00:00-04:00', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-05:00'],
  ['2012-11-04T01:00:00-05:00', 'TZ=America/New_York 0 1 * * ?', '2012-11-05T01:00:00-05:00'],
  ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 2 * * ?', '2012-11-04T02:00:00-05:00'],
  ['2012-11-04T02:00:00-05:00', 'TZ=America/New_York 0 2 * * ?', '2012-11-05T02:00:00-05:00'],
  ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 3 * * ?', '2012-11-04T03:00:00-05:00'],
  ['2012-11-04T03:00:00-05:00', 'TZ=America/New_York 0 3 * * ?', '2012-11-05T03:00:00-05:00'],
  ['Mon Jul 9 23:35 2012', '0 0 30 Feb ?', undefined],
  ['Mon Jul 9 23:35 2012', '0 0 31 Apr ?', undefined],
  ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 3 3 * ?', '2012-12-03T03:00:00-05:00'],
  // robfig/cron issue #157: a midnight that daylight saving skips.
  ['2018-10-17T05:00:00-04:00', 'TZ=America/Sao_Paulo 0 9 10 * ?', '2018-11-10T06:00:00-05:00'],
  ['2018-02-14T05:00:00-05:00', 'TZ=America/Sao_Paulo 0 9 22 * ?', '2018-02-22T07:00:00-05:00'],
];

// robfig/cron v1.1.0 spec_test.go TestNext: the same cases where v1.1.0 differs or has its own
// form. Its daylight-saving cases run in the zone of the given time (here serverTimeZone).
const V1_NEXT: Array<[string, string, string | undefined, string]> = [
  ['Mon Jul 9 23:35 2012', '0 0 */5 Apr,Aug,Oct Mon', 'Mon Aug 6 00:00 2012', 'UTC'],
  ['Mon Jul 9 23:35 2012', '0 0 */5 Oct Mon', 'Mon Oct 1 00:00 2012', 'UTC'],
  ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon/2', 'Fri Feb 1 00:00 2013', 'UTC'],
  ['Mon Jul 9 23:35 2012', '0 0 29 Feb ?', 'Mon Feb 29 00:00 2016', 'UTC'],
  ['Mon Jul 9 23:35 2012', '0 0 30 Feb ?', undefined, 'UTC'],
  ['2012-03-11T00:00:00-05:00', '30 2 11 Mar ?', '2013-03-11T02:30:00-04:00', 'America/New_York'],
  ['2012-03-11T01:00:00-05:00', '0 * * * ?', '2012-03-11T03:00:00-04:00', 'America/New_York'],
  ['2012-03-11T01:00:00-05:00', '0 1 * * ?', '2012-03-12T01:00:00-04:00', 'America/New_York'],
  ['2012-03-11T00:00:00-05:00', '0 2 * * ?', '2012-03-12T02:00:00-04:00', 'America/New_York'],
  ['2012-11-04T01:45:00-04:00', '30 1 04 Nov ?', '2012-11-04T01:30:00-05:00', 'America/New_York'],
  ['2012-11-04T01:00:00-04:00', '0 1 * * ?', '2012-11-04T01:00:00-05:00', 'America/New_York'],
  ['2012-11-04T01:00:00-05:00', '0 1 * * ?', '2012-11-05T01:00:00-05:00', 'America/New_York'],
  ['2012-11-04T00:00:00-04:00', '0 3 * * ?', '2012-11-04T03:00:00-05:00', 'America/New_York'],
];

describe('nextCronFireTime: robfig/cron SpecSchedule.Next', () => {
  it.each(V3_NEXT)('v3.0.1 from %s, %j fires at %s', (from, spec, expected) => {
    expect(next(spec, from, 'v3.0.1')).toBe(expected && at(expected).toISOString());
  });

  it.each(V1_NEXT)(
    'v1.1.0 from %s, %j fires at %s (server zone %s)',
    (from, spec, expected, zone) => {
      expect(next(spec, from, 'v1.1.0', zone)).toBe(expected && at(expected).toISOString());
    },
  );

  // spec_test.go TestActivation: Next(t - 1s) == t exactly when the schedule is active at t.
  // The "*/10" and "*/2" day cases are where the dialects differ (robfig/cron issue #70).
  it.each([
    ['Mon Jul 9 15:00 2012', '0/15 * * * *', true, true],
    ['Mon Jul 9 15:40 2012', '0/15 * * * *', false, false],
    ['Mon Jul 9 15:05 2012', '5/15 * * * *', true, true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jul *', true, true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jun *', false, false],
    ['Sun Jul 15 08:30 2012', '30 08 ? Jul Sun', true, true],
    ['Mon Jul 16 08:30 2012', '30 08 15 Jul ?', false, false],
    ['Mon Jul 9 15:00 2012', '@hourly', true, true],
    ['Mon Jul 9 00:00 2012', '@weekly', false, false],
    ['Sun Jul 8 00:00 2012', '@weekly', true, true],
    ['Sun Jul 1 00:00 2012', '@monthly', true, true],
    ['Sun Jul 15 00:00 2012', '* * 1,15 * Sun', true, true],
    ['Fri Jun 15 00:00 2012', '* * 1,15 * Sun', true, true],
    ['Wed Aug 1 00:00 2012', '* * 1,15 * Sun', true, true],
    ['Sun Jul 15 00:00 2012', '* * */10 * Sun', true, false],
    ['Sun Jul 15 00:00 2012', '* * * * Mon', false, false],
    ['Mon Jul 9 00:00 2012', '* * 1,15 * *', false, false],
    ['Sun Jul 15 00:00 2012', '* * */2 * Sun', true, true],
  ])('at %s, %j is active: v3.0.1 %s, v1.1.0 %s', (time, spec, v3, v1) => {
    const moment = at(time);
    const before = new Date(moment.getTime() - 1000);
    for (const [dialect, active] of [
      ['v3.0.1', v3],
      ['v1.1.0', v1],
    ] as const) {
      const fired = nextCronFireTime(spec, before, { dialect })?.getTime() === moment.getTime();
      expect([dialect, fired]).toEqual([dialect, active]);
    }
  });

  it('v1.1.0 has no daylight-saving correction after a skipped midnight (robfig/cron #157)', () => {
    // Sao Paulo sprang from 2018-11-04 00:00 to 01:00. Go's time.Date turns the missing midnight
    // into 23:00 the day before, and v1.1.0 keeps 23:00 for the days after: on the 10th the hour
    // search runs from 23:00 into the 11th, so the run moves to the next month.
    const from = '2018-10-17T05:00:00-04:00';
    expect(next('0 9 10 * ?', from, 'v3.0.1', 'America/Sao_Paulo')).toBe(
      '2018-11-10T11:00:00.000Z',
    );
    expect(next('0 9 10 * ?', from, 'v1.1.0', 'America/Sao_Paulo')).toBe(
      '2018-12-10T11:00:00.000Z',
    );
  });

  it('runs schedules without a zone, and TZ=Local, in the server zone; others in their own', () => {
    const from = new Date('2024-06-01T12:00:00Z');
    const berlin = { serverTimeZone: 'Europe/Berlin' };
    expect(nextCronFireTime('0 3 * * *', from, berlin)?.toISOString()).toBe(
      '2024-06-02T01:00:00.000Z',
    );
    expect(nextCronFireTime('TZ=Local 0 3 * * *', from, berlin)?.toISOString()).toBe(
      '2024-06-02T01:00:00.000Z',
    );
    expect(nextCronFireTime('TZ=UTC 0 3 * * *', from, berlin)?.toISOString()).toBe(
      '2024-06-02T03:00:00.000Z',
    );
    expect(nextCronFireTime('TZ= 0 3 * * *', from, berlin)?.toISOString()).toBe(
      '2024-06-02T03:00:00.000Z',
    );
    expect(nextCronFireTime('CRON_TZ=Asia/Kolkata 0 3 * * *', from)?.toISOString()).toBe(
      '2024-06-01T21:30:00.000Z',
    );
    expect(nextCronFireTime('0 3 * * *', from)?.toISOString()).toBe('2024-06-02T03:00:00.000Z');
  });

  it('@every adds the whole-second interval to the time rounded down to the second', () => {
    const from = new Date('2024-06-01T12:00:00.750Z');
    expect(nextCronFireTime('@every 1h30m', from)?.toISOString()).toBe('2024-06-01T13:30:00.000Z');
    expect(nextCronFireTime('@every 1.9s', from)?.toISOString()).toBe('2024-06-01T12:00:01.000Z');
    expect(nextCronFireTime('@every -5m', from)?.toISOString()).toBe('2024-06-01T12:00:01.000Z');
    expect(nextCronFireTime('TZ=Europe/Berlin @every 24h', from)?.toISOString()).toBe(
      '2024-06-02T12:00:00.000Z',
    );
    expect(nextCronFireTime('@every 2562047h', new Date(8.6e15))?.getTime()).toBe(
      8.6e15 + 2_562_047 * 3_600_000,
    );
    expect(nextCronFireTime('@every 2562047h', new Date(8.639e15))).toBeUndefined();
  });

  it('accepts a parsed schedule, whose own dialect wins', () => {
    const parsed = parseCron('0 0 */5 Apr,Aug,Oct Mon', { dialect: 'v1.1.0' });
    if (!parsed.ok) throw new Error(parsed.message);
    const from = at('Mon Jul 9 23:35 2012');
    expect(nextCronFireTime(parsed.cron, from, { dialect: 'v3.0.1' })?.toISOString()).toBe(
      at('Mon Aug 6 00:00 2012').toISOString(),
    );
  });

  it('lists successive fire times', () => {
    const times = cronFireTimes('30 2 * * *', at('2024-03-30T00:00:00Z'), 3, {
      serverTimeZone: 'Europe/Berlin',
    });
    // 2024-03-31 02:30 does not exist in Berlin: robfig steps the hour by adding an hour, from
    // 01:00 straight to 03:00, so that day has no run at all.
    expect(times.map((t) => t.toISOString())).toEqual([
      '2024-03-30T01:30:00.000Z',
      '2024-04-01T00:30:00.000Z',
      '2024-04-02T00:30:00.000Z',
    ]);
    expect(cronFireTimes('0 0 30 2 *', new Date(), 3)).toEqual([]);
    expect(cronFireTimes('@daily', new Date(), 0)).toEqual([]);
  });

  it('answers at once for schedules that match no time at all', () => {
    const start = performance.now();
    for (const spec of [', * * * *', '0 , * * *', '0 0 * , *', '0 0 , * ,', '0 0 31 2,4 *']) {
      expect(nextCronFireTime(spec, new Date('2024-01-01T00:00:00Z'))).toBeUndefined();
    }
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("throws where robfig's Next never returns: its day search meets a day the zone skipped", () => {
    // Pacific/Apia went from 2011-12-29 23:59:59 (-10) to 2011-12-31 00:00 (+14). Go's time.Date
    // turns 2011-12-30 00:00 into 2011-12-29 00:00, so adding a day never gets past the 29th (a
    // real Go build times out on these, see the differential test's main.go).
    const apia = { serverTimeZone: 'Pacific/Apia' };
    for (const spec of ['0 0 * * 6', '0 0 31 * *', 'TZ=Pacific/Apia 0 0 * * sat']) {
      const call = () => nextCronFireTime(spec, new Date('2011-12-28T00:00:00Z'), apia);
      expect(call).toThrow(VeleroConfigError);
      expect(call).toThrow(/never returns.*Pacific\/Apia skips the day after 2011-12-29.*hang/);
    }
    // Stepping by hours (a daily schedule already on a matching day) crosses the gap fine.
    expect(
      nextCronFireTime('0 0 * * *', new Date('2011-12-29T12:00:00Z'), apia)?.toISOString(),
    ).toBe('2011-12-30T10:00:00.000Z');
    expect(
      nextCronFireTime('0 0 * * 6', new Date('2012-01-01T00:00:00Z'), apia)?.toISOString(),
    ).toBe('2012-01-06T10:00:00.000Z');
  });

  it('throws a VeleroConfigError for bad input, naming the field', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => nextCronFireTime('0 0 * * 7', new Date()), /schedule.*day-of-week "7"/s],
      [() => nextCronFireTime('@daily', new Date(Number.NaN)), /after.*valid Date/s],
      [() => nextCronFireTime('@daily', '2024' as unknown as Date), /after/],
      [
        () => nextCronFireTime('@daily', new Date(), { serverTimeZone: 'Mars/Base' }),
        /serverTimeZone/,
      ],
      [() => nextCronFireTime('@daily', new Date(), { serverTimeZone: 'Local' }), /serverTimeZone/],
      [() => nextCronFireTime({} as never, new Date()), /parseCron/],
      [() => cronFireTimes('@daily', new Date(), -1), /count/],
      [() => cronFireTimes('@daily', new Date(), 1.5), /count/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(VeleroConfigError);
      expect(call).toThrow(message);
    }
  });

  it('finds a run exactly when the parser does not flag the schedule as never running', () => {
    const field = (values: string[]) =>
      fc.oneof(fc.constantFrom(',', ',,', '*', '?'), fc.constantFrom(...values));
    fc.assert(
      fc.property(
        fc.constantFrom<CronDialect>('v1.1.0', 'v3.0.1'),
        fc.tuple(
          fc.constantFrom('0', '*/20', ','),
          fc.constantFrom('3', '*', ','),
          field(['1', '15', '29', '30', '31', '*/2', '*/10', '30,31', '1-7']),
          field(['2', '4', '2,4', 'feb', 'jan-dec/6']),
          field(['0', '1', 'mon-fri', '*/3', 'sat']),
        ),
        (dialect, parts) => {
          const parsed = parseCron(parts.join(' '), { dialect });
          if (!parsed.ok || parsed.cron.kind !== 'fields') throw new Error('expected fields');
          const never = parsed.cron.neverRunsBecause !== undefined;
          const fired = nextCronFireTime(parsed.cron, new Date('2024-01-01T00:00:00Z'));
          expect([parts.join(' '), fired === undefined]).toEqual([parts.join(' '), never]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never goes backwards and always lands on a matching minute (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('0 3 * * *', '*/7 * * * *', '15 1,13 * * 1-5', '0 0 1 * *', '@hourly'),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        (spec, zone, from) => {
          const fired = nextCronFireTime(`CRON_TZ=${zone} ${spec}`, from);
          expect(fired).toBeDefined();
          if (fired === undefined) return;
          expect(fired.getTime()).toBeGreaterThan(from.getTime());
          expect(fired.getUTCSeconds()).toBe(0);
          expect(fired.getUTCMilliseconds()).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
