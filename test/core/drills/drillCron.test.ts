/**
 * When drills run: the default cron for common schedules, and "never at the same minute as the
 * schedule" for crons with many minutes, day rules, time zones and @every.
 */
import { defaultDrillCron, drillCollision } from '../../../lib/core/drills/drillCron';
import { type ParsedCron, parseCron } from '../../../lib/core/rules/cron';

function cron(expression: string): ParsedCron {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.cron;
}

describe('defaultDrillCron', () => {
  test.each([
    ['0 3 * * *', '30 6 * * 0'], // daily: Sundays, three hours later, 30 minutes off
    ['@daily', '30 3 * * 0'],
    ['0 1 * * 0', '30 4 * * 0'], // weekly on Sunday: the same day
    ['0 23 * * 6', '30 2 * * 0'], // Saturday night: Sunday morning
    ['30 22 * * mon-fri', '0 1 * * 2'], // the first weekday, moved past midnight
    ['*/15 * * * *', '1 3 * * 0'], // 30 is taken: the first free minute
    ['0,30 */6 * * *', '1 3 * * 0'],
    ['* 0-11 * * *', '30 12 * * 0'], // every minute of the morning: an afternoon hour
    ['0 0 1 * *', '30 3 * * 0'], // monthly: still weekly
    ['@every 6h', '30 5 * * 0'], // no fixed times: the fallback
    ['CRON_TZ=Europe/Berlin 0 2 * * *', '30 5 * * 0'],
  ])('%s -> %s', (schedule, expected) => {
    expect(defaultDrillCron(cron(schedule))).toBe(expected);
  });

  test('a schedule that runs every minute leaves no time for a drill', () => {
    expect(defaultDrillCron(cron('* * * * *'))).toBeUndefined();
  });
});

describe('drillCollision', () => {
  test('the same minute, hour and day collides; another hour does not', () => {
    expect(drillCollision(cron('0 3 * * 0'), undefined, cron('0 3 * * *'))?.suggestion).toBe(
      '30 3 * * 0',
    );
    expect(drillCollision(cron('0 5 * * 0'), undefined, cron('0 3 * * *'))).toBeUndefined();
  });

  test("robfig's day rule: restricted day-of-month and day-of-week match either", () => {
    // "1st of the month or Monday" meets "every Monday" on Mondays.
    expect(drillCollision(cron('0 3 * * 1'), undefined, cron('0 3 1 * 1'))).toBeDefined();
    // The 1st of every month meets a Monday drill whenever the 1st is a Monday.
    expect(drillCollision(cron('0 3 * * 1'), undefined, cron('0 3 1 * *'))).toBeDefined();
    expect(drillCollision(cron('0 3 2 * *'), undefined, cron('0 3 1 * *'))).toBeUndefined();
    expect(drillCollision(cron('0 3 29 2 *'), undefined, cron('0 3 * 2 4'))).toBeDefined();
    expect(drillCollision(cron('0 3 31 * *'), undefined, cron('0 3 * 4,6,9,11 *'))).toBeUndefined();
  });

  test('many minutes: the drill takes another one', () => {
    const every15 = cron('*/15 * * * *');
    expect(drillCollision(cron('45 4 * * 0'), undefined, every15)?.suggestion).toBe('1 4 * * 0');
    expect(drillCollision(cron('7 4 * * 0'), undefined, every15)).toBeUndefined();
    expect(drillCollision(cron('30 5 * * 0'), undefined, cron('* 5 * * *'))?.suggestion).toBe(
      '30 0 * * 0',
    );
  });

  test('another time zone: no drill minute may equal a schedule minute modulo 15', () => {
    const daily = cron('0 3 * * *');
    expect(drillCollision(cron('30 9 * * 0'), 'Asia/Kolkata', daily)?.suggestion).toBe(
      '31 9 * * 0',
    );
    expect(drillCollision(cron('45 9 * * 0'), 'Asia/Kathmandu', daily)).toBeDefined();
    expect(drillCollision(cron('10 9 * * 0'), 'Asia/Kolkata', daily)).toBeUndefined();
    // The same zone by name: the exact rule.
    expect(
      drillCollision(cron('0 9 * * 0'), 'Europe/Berlin', cron('CRON_TZ=Europe/Berlin 0 3 * * *')),
    ).toBeUndefined();
    expect(drillCollision(cron('0 9 * * 0'), 'UTC', daily)).toBeUndefined();
  });

  test('@every schedules cannot be checked', () => {
    expect(drillCollision(cron('0 3 * * 0'), undefined, cron('@every 1h'))).toBeUndefined();
  });
});
