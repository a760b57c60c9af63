import fc from 'fast-check';
import {
  CRON_ALLOWED,
  CRON_DESCRIPTORS,
  type CronFields,
  checkCron,
  type ParsedCron,
  parseCron,
} from '../../../lib/core/rules/cron';
import { nextCronFireTime } from '../../../lib/core/rules/cronNext';

function parsed(expression: string): ParsedCron {
  const result = parseCron(expression);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(expression)} to parse: ${result.message}`);
  return result.cron;
}

function fieldsOf(expression: string): CronFields {
  const cron = parsed(expression);
  if (cron.kind === 'every') throw new Error(`${expression} has no fields`);
  return cron.fields;
}

describe('robfig/cron v3.0.1 ParseStandard acceptance', () => {
  // Expressions robfig's ParseStandard accepts (and that can run).
  const accepted: string[] = [
    '0 3 * * *',
    '*/15 * * * *',
    '0 0 * * mon-fri',
    '0 0 1 jan,jul ?',
    '5/10 * * * *',
    '0 0 * * 0',
    '0 0 * * 6',
    '0 0 * * sun',
    '0 0 * * SAT',
    '0 0 * * Mon-Fri',
    '0 0 1 JAN *',
    '0 0 1 dec *',
    '59 23 31 12 6',
    '0-59 0-23 1-31 1-12 0-6',
    '? ? ? ? ?',
    '0 0 * * ?',
    '1,2,3 * * * *',
    '1,,2 * * * *',
    ',5 * * * *',
    '5, * * * *',
    '0-30/5 * * * *',
    '*/5 */2 */3 */4 */2',
    '+5 * * * *',
    '05 03 * * *',
    '0 0 * * mon/2',
    '0 0 1 jan-dec/3 *',
    '*/+5 * * * *',
    '*-5 * * * *',
    '*/60 * * * *',
    '0 0 29 2 *',
    '0 0 31 2 1',
    '  0   3  *  *  *  ',
    '0\t3\t*\t*\t*',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
    '@every 1h30m',
    '@every 24h',
    '@every 500ms',
    '@every -1h',
    '@every 0',
    'CRON_TZ=Europe/Berlin 0 3 * * *',
    'TZ=Europe/Berlin 0 3 * * *',
    'TZ=UTC 0 3 * * *',
    'TZ=Local 0 3 * * *',
    'TZ=US/Eastern @daily',
    'CRON_TZ=Asia/Calcutta @every 1h',
    'TZ= 0 3 * * *',
    'TZ=UTC    0 3 * * *   ',
  ];
  it.each(accepted)('accepts %j', (expression) => {
    expect(parseCron(expression).ok).toBe(true);
    expect(checkCron(expression)).toBeUndefined();
  });

  // [expression, what the message must say]
  const rejected: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /blank/],
    ['0 0 * * 7', /^day-of-week "7" is above the maximum 6 \(use 0 or sun for Sunday\)/],
    ['0 0 0 * *', /^day-of-month "0" is below the minimum 1/],
    ['0 0 3 * * *', /6 fields.*no seconds field.*"0 3 \* \* \*"/],
    ['0 0 3 * * * 2030', /7 fields.*no seconds field/],
    ['0 0 * *', /4 fields.*exactly 5: minute hour day-of-month month day-of-week/],
    ['@reboot', /unrecognized descriptor "@reboot"/],
    ['@every 1d', /"@every" needs a Go duration: .*no day unit.*24h0m0s/],
    ['@every', /unrecognized descriptor "@every".*"@every 1h"/],
    ['@every ', /"@every" needs a Go duration: .*empty/],
    ['@every 1h ', /"@every" needs a Go duration/],
    ['@DAILY', /lowercase: write "@daily"/],
    ['@daily ', /remove the whitespace after "@daily"/],
    [' @daily', /remove the whitespace before "@daily"/],
    ['@fortnightly', /unrecognized descriptor/],
    ['TZ=Mars/Olympus 0 3 * * *', /time zone "Mars\/Olympus" is not one Go/],
    ['TZ=europe/berlin 0 3 * * *', /case-sensitive: did you mean "Europe\/Berlin"/],
    ['TZ=PST 0 3 * * *', /time zone "PST"/],
    ['TZ=Europe/Berlin', /time-zone prefix but no schedule/],
    ['TZ=Europe/Berlin ', /time-zone prefix but no schedule/],
    ['CRON_TZ=UTC\t0\t3\t*\t*\t*', /followed by a plain space/],
    ['cron_tz=UTC 0 3 * * *', /6 fields/],
    ['1-2-3 * * * *', /^minute "1-2-3" has more than one "-"/],
    ['*/0 * * * *', /^minute "\*\/0" has a step of 0/],
    ['5-1 * * * *', /^minute "5-1" starts after it ends \(5 > 1\).*"5-59,0-1"/],
    ['1/2/3 * * * *', /^minute "1\/2\/3" has more than one "\/"/],
    ['*/-1 * * * *', /negative step/],
    ['*/x * * * *', /step "x"/],
    ['*/ * * * *', /no step after "\/"/],
    ['60 * * * *', /^minute "60" is above the maximum 59/],
    ['0 24 * * *', /^hour "24" is above the maximum 23 \(use 0 for midnight\)/],
    ['0 0 32 * *', /^day-of-month "32" is above the maximum 31/],
    ['0 0 1 13 *', /^month "13" is above the maximum 12/],
    ['0 0 1 0 *', /^month "0" is below the minimum 1/],
    ['0 0 * * monday', /three-letter name "mon"/],
    ['0 0 * * 1-7', /^day-of-week "1-7" goes above the maximum 6/],
    ['0 0 * * sat-sun', /starts after it ends/],
    ['jan * * * *', /^minute "jan" is not a number; allowed 0-59/],
    ['0 0 * jan-x *', /month "jan-x": "x" is not a number or a name/],
    ['-5 * * * *', /^minute "-5" is missing a number/],
    ['5- * * * *', /^minute "5-" is missing a number/],
    ['/5 * * * *', /missing a number/],
    ['5-* * * * *', /"\*" is not a number/],
    ['0 0 L * *', /Quartz syntax/],
    ['0 0 * * 5#3', /Quartz syntax/],
    ['0x1 * * * *', /not a number/],
    ['1.5 * * * *', /not a number/],
    ['99999999999999999999 * * * *', /far above the maximum 59/],
    ['60/5 * * * *', /starts at 60, above the maximum 59/],
    ['0 0 * * *\u00a0*', /6 fields/],
    ['0 0 * * *\ufeff', /^day-of-week "\*\ufeff" is not a number or a name/],
    [', * * * *', /^minute "," lists no value, only commas.*finds no time to run it.*always due/],
    ['0 0 30 2 *', /day-of-month "30" never falls in month "2".*finds no time to run it/],
    ['0 ,, * * *', /^hour ",," lists no value/],
    ['0 0 * , *', /^month "," lists no value/],
    ['0 0 , * ,', /neither day field lists a day/],
    ['0 0 , * *', /day-of-month "," lists no value.*both day fields.*day-of-week "\*"/],
    ['0 0 * * ,', /day-of-week "," lists no value.*both day fields.*day-of-month "\*"/],
    ['0 0 30 2 ,', /never falls in month "2".*and day-of-week "," lists no value/],
    ['0 0 31 4,6,9,11 *', /never falls in month.*April, June, September, November have fewer days/],
  ];
  it.each(rejected)('rejects %j', (expression, pattern) => {
    const message = checkCron(expression);
    expect(message).toBeDefined();
    expect(message).toMatch(pattern);
  });

  it('has at least 40 accepted and rejected expressions in its tables', () => {
    expect(accepted.length + rejected.length).toBeGreaterThanOrEqual(40);
  });

  it('rejects non-strings with what a schedule looks like', () => {
    for (const value of [undefined, null, 3, true, {}, ['0 3 * * *']]) {
      expect(checkCron(value)).toContain(CRON_ALLOWED);
    }
    expect(checkCron(3)).toMatch(/received a number/);
    expect(checkCron(null)).toMatch(/received null/);
  });

  it('accepts but flags expressions robfig accepts that never run', () => {
    for (const expression of [', * * * *', '0 0 30 2 *', '0 ,, * * *', '0 0 , * ,']) {
      const cron = parsed(expression);
      expect(cron.kind).toBe('fields');
      if (cron.kind === 'fields') expect(cron.neverRunsBecause).toMatch(/finds no time to run it/);
    }
    const runs = parsed('0 0 31 2 mon');
    expect(runs.kind === 'fields' && runs.neverRunsBecause).toBe(undefined);
  });

  // robfig's dayMatches: with neither day field starting with a wildcard, a day matching either
  // field is enough, so a day field of only commas leaves the other field's days.
  it.each([
    ['0 0 , * 1', '2024-01-01T00:00:00.000Z'],
    ['0 0 ,, * mon,fri', '2024-01-01T00:00:00.000Z'],
    ['0 0 15 * ,', '2024-01-15T00:00:00.000Z'],
    ['0 0 31 2 1', '2024-02-05T00:00:00.000Z'],
    ['0 0 30 2 */2', '2024-02-01T00:00:00.000Z'],
  ])('accepts %j, which runs on the other day field (first run %s)', (expression, first) => {
    expect(checkCron(expression)).toBeUndefined();
    expect(nextCronFireTime(expression, new Date('2023-12-31T23:59:59Z'))?.toISOString()).toBe(
      first,
    );
  });
});

describe('parseCron result', () => {
  it('expands fields to their values', () => {
    const fields = fieldsOf('*/15 0,12 1-3 jan,jul mon-fri');
    expect(fields.minute.values).toEqual([0, 15, 30, 45]);
    expect(fields.hour.values).toEqual([0, 12]);
    expect(fields.dayOfMonth.values).toEqual([1, 2, 3]);
    expect(fields.month.values).toEqual([1, 7]);
    expect(fields.dayOfWeek.values).toEqual([1, 2, 3, 4, 5]);
    expect(fields.dayOfWeek.text).toBe('mon-fri');
  });

  it('reads N/step as N through the maximum', () => {
    expect(fieldsOf('5/10 * * * *').minute.values).toEqual([5, 15, 25, 35, 45, 55]);
    expect(fieldsOf('0 0 * * mon/2').dayOfWeek.values).toEqual([1, 3, 5]);
  });

  it('keeps robfig quirks: empty list elements, "*-" and leading zeros', () => {
    expect(fieldsOf('1,,2 * * * *').minute.values).toEqual([1, 2]);
    expect(fieldsOf('*-5 * * * *').minute.values).toHaveLength(60);
    expect(fieldsOf('+05 * * * *').minute.values).toEqual([5]);
    expect(fieldsOf('*/1000000000000 * * * *').minute.values).toEqual([0]);
  });

  it("tracks robfig's wildcard (star bit), which decides how the two day fields combine", () => {
    const fields = fieldsOf('0 0 * * 1');
    expect(fields.dayOfMonth.wildcard).toBe(true);
    expect(fields.dayOfWeek.wildcard).toBe(false);
    expect(fieldsOf('0 0 */2 * 1').dayOfMonth.wildcard).toBe(false);
    expect(fieldsOf('0 0 */1 * 1').dayOfMonth.wildcard).toBe(true);
    expect(fieldsOf('0 0 ?,5 * 1').dayOfMonth.wildcard).toBe(true);
  });

  it('describes descriptors with their equivalent expression', () => {
    const cron = parsed('@weekly');
    expect(cron).toMatchObject({
      kind: 'descriptor',
      descriptor: '@weekly',
      equivalent: '0 0 * * 0',
    });
    if (cron.kind === 'descriptor') expect(cron.fields.dayOfWeek.values).toEqual([0]);
    for (const descriptor of CRON_DESCRIPTORS) expect(parsed(descriptor).kind).toBe('descriptor');
    expect(parsed('@daily')).toMatchObject({ equivalent: '0 0 * * *', timeZone: undefined });
  });

  it('describes @every with the interval robfig really uses', () => {
    expect(parsed('@every 1h30m')).toMatchObject({
      kind: 'every',
      duration: '1h30m0s',
      intervalMilliseconds: 5_400_000,
    });
    expect(parsed('@every 500ms')).toMatchObject({ duration: '500ms', intervalMilliseconds: 1000 });
    expect(parsed('@every -1h')).toMatchObject({ intervalMilliseconds: 1000 });
    expect(parsed('@every 1.9s')).toMatchObject({ duration: '1.9s', intervalMilliseconds: 1000 });
  });

  it('reports the time zone and its prefix', () => {
    expect(parsed('CRON_TZ=Europe/Berlin 0 3 * * *').timeZone).toEqual({
      prefix: 'CRON_TZ',
      name: 'Europe/Berlin',
    });
    expect(parsed('TZ=America/New_York @daily').timeZone).toEqual({
      prefix: 'TZ',
      name: 'America/New_York',
    });
    expect(parsed('TZ= 0 3 * * *').timeZone).toEqual({ prefix: 'TZ', name: 'UTC' });
    expect(parsed('0 3 * * *').timeZone).toBeUndefined();
    expect(parsed('0 3 * * *').expression).toBe('0 3 * * *');
  });
});

const CRON_ALPHABET = '0123456789*?,-/ abcdefghijklmnopqrstuvwxyzLW#@+=_TZCRON\t';

/** A random valid element of a field's list, and the values robfig matches for it. */
function rangeArbitrary(min: number, max: number, names: readonly string[]) {
  const number = fc.integer({ min, max });
  const token = (value: number) =>
    names.length > 0
      ? fc.constantFrom(String(value), names[value - min] ?? String(value), `0${value}`)
      : fc.constantFrom(String(value), `0${value}`, `+${value}`);
  const step = fc.integer({ min: 1, max: 70 });
  const spread = (from: number, to: number, by: number) => {
    const values: number[] = [];
    for (let v = from; v <= to; v += by) values.push(v);
    return values;
  };
  return fc.oneof(
    number.chain((n) => token(n).map((text) => ({ text, values: [n] }))),
    fc
      .tuple(number, number)
      .map(([a, b]) => (a <= b ? [a, b] : [b, a]))
      .chain(([a = min, b = max]) =>
        fc
          .tuple(token(a), token(b))
          .map(([x, y]) => ({ text: `${x}-${y}`, values: spread(a, b, 1) })),
      ),
    fc
      .tuple(fc.constantFrom('*', '?'), step)
      .map(([star, by]) => ({ text: `${star}/${by}`, values: spread(min, max, by) })),
    fc.tuple(number, step).map(([n, by]) => ({ text: `${n}/${by}`, values: spread(n, max, by) })),
    fc.constant({ text: '*', values: spread(min, max, 1) }),
  );
}

function fieldArbitrary(min: number, max: number, names: readonly string[] = []) {
  return fc.array(rangeArbitrary(min, max, names), { minLength: 1, maxLength: 3 }).map((list) => ({
    text: list.map((r) => r.text).join(','),
    values: [...new Set(list.flatMap((r) => r.values))].sort((a, b) => a - b),
  }));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

describe('properties', () => {
  it('checkCron never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.string(),
          fc.string({ unit: fc.constantFrom(...CRON_ALPHABET.split('')), maxLength: 40 }),
          fc
            .array(fc.string({ unit: fc.constantFrom(...CRON_ALPHABET.split('')), maxLength: 8 }), {
              minLength: 5,
              maxLength: 5,
            })
            .map((fields) => fields.join(' ')),
        ),
        (value) => {
          const message = checkCron(value);
          expect(message === undefined || (typeof message === 'string' && message !== '')).toBe(
            true,
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('accepts every well-formed 5-field expression and matches the values robfig would', () => {
    fc.assert(
      fc.property(
        fieldArbitrary(0, 59),
        fieldArbitrary(0, 23),
        fieldArbitrary(1, 31),
        fieldArbitrary(1, 12, MONTHS),
        fieldArbitrary(0, 6, DAYS),
        (minute, hour, dayOfMonth, month, dayOfWeek) => {
          const expression = [minute, hour, dayOfMonth, month, dayOfWeek]
            .map((f) => f.text)
            .join(' ');
          const result = parseCron(expression);
          expect(result.ok).toBe(true);
          if (!result.ok || result.cron.kind !== 'fields') return;
          const { fields } = result.cron;
          expect(fields.minute.values).toEqual(minute.values);
          expect(fields.hour.values).toEqual(hour.values);
          expect(fields.dayOfMonth.values).toEqual(dayOfMonth.values);
          expect(fields.month.values).toEqual(month.values);
          expect(fields.dayOfWeek.values).toEqual(dayOfWeek.values);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects any field value beyond its bounds, naming the field', () => {
    const cases = fc.oneof(
      fc
        .integer({ min: 60, max: 10_000 })
        .map((n) => ({ expression: `${n} * * * *`, field: 'minute' })),
      fc
        .integer({ min: 24, max: 10_000 })
        .map((n) => ({ expression: `0 ${n} * * *`, field: 'hour' })),
      fc
        .constantFrom(0, 32, 100)
        .map((n) => ({ expression: `0 0 ${n} * *`, field: 'day-of-month' })),
      fc.constantFrom(0, 13, 99).map((n) => ({ expression: `0 0 * ${n} *`, field: 'month' })),
      fc
        .integer({ min: 7, max: 10_000 })
        .map((n) => ({ expression: `0 0 * * ${n}`, field: 'day-of-week' })),
    );
    fc.assert(
      fc.property(cases, ({ expression, field }) => {
        expect(checkCron(expression)).toMatch(new RegExp(`^${field} "`));
      }),
      { numRuns: 1000 },
    );
  });
});
