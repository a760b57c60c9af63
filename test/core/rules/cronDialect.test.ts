import {
  CRON_ALLOWED,
  CRON_ALLOWED_BY_DIALECT,
  CRON_DIALECTS,
  type CronDialect,
  checkCron,
  cronDialectForVeleroVersion,
  DEFAULT_CRON_DIALECT,
  type ParsedCron,
  parseCron,
} from '../../../lib/core/rules/cron';

function parsedAs(expression: string, dialect: CronDialect): ParsedCron {
  const result = parseCron(expression, { dialect });
  if (!result.ok) throw new Error(`${expression} (${dialect}): ${result.message}`);
  return result.cron;
}

function dayWildcards(expression: string, dialect: CronDialect): [boolean, boolean] {
  const cron = parsedAs(expression, dialect);
  if (cron.kind === 'every') throw new Error(`${expression} has no fields`);
  return [cron.fields.dayOfMonth.wildcard, cron.fields.dayOfWeek.wildcard];
}

describe('cron dialects (robfig/cron v1.1.0 for Velero <= 1.14, v3.0.1 for Velero >= 1.15)', () => {
  it('lists both dialects and defaults to v3.0.1', () => {
    expect(CRON_DIALECTS).toEqual(['v1.1.0', 'v3.0.1']);
    expect(DEFAULT_CRON_DIALECT).toBe('v3.0.1');
    expect(parsedAs('0 3 * * *', 'v3.0.1').dialect).toBe('v3.0.1');
    const result = parseCron('0 3 * * *');
    expect(result.ok && result.cron.dialect).toBe('v3.0.1');
    expect(CRON_ALLOWED).toBe(CRON_ALLOWED_BY_DIALECT['v3.0.1']);
    expect(CRON_ALLOWED_BY_DIALECT['v1.1.0']).not.toContain('CRON_TZ');
  });

  it.each([
    ['1.12', 'v1.1.0'],
    ['1.13', 'v1.1.0'],
    ['1.14', 'v1.1.0'],
    ['1.14.1', 'v1.1.0'],
    ['v1.14.0', 'v1.1.0'],
    ['1.15', 'v3.0.1'],
    ['1.15.0', 'v3.0.1'],
    ['1.18', 'v3.0.1'],
    ['1.18.1', 'v3.0.1'],
    ['2.0', 'v3.0.1'],
  ])("maps Velero %s to robfig/cron %s (Velero's go.mod)", (version, dialect) => {
    expect(cronDialectForVeleroVersion(version)).toBe(dialect);
  });

  it('refuses an unknown dialect with the allowed ones, never throwing', () => {
    const options = { dialect: 'v2' } as unknown as { dialect: CronDialect };
    const result = parseCron('0 3 * * *', options);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /unknown cron dialect "v2"; allowed v1.1.0, v3.0.1/,
    );
    expect(checkCron('0 3 * * *', options)).toMatch(/unknown cron dialect/);
  });

  // v3.0.1 parser.go lines 93-103 read the prefix; v1.1.0 parser.go has no such code, so the
  // prefix becomes part of the minute field ("Failed to parse int") or a sixth field.
  it.each([
    'CRON_TZ=Europe/Berlin 0 3 * * *',
    'TZ=Europe/Berlin 0 3 * * *',
    'TZ=UTC 0 3 * * *',
    'TZ= 0 3 * * *',
    'TZ=UTC @daily',
    'CRON_TZ=Local @every 1h',
    'TZ=UTC * * * * *',
  ])('v1.1.0 rejects the time-zone prefix of %j, which v3.0.1 accepts', (expression) => {
    expect(checkCron(expression, { dialect: 'v3.0.1' })).toBeUndefined();
    const message = checkCron(expression, { dialect: 'v1.1.0' });
    expect(message).toMatch(/time-zone prefix.*Velero 1\.15.*robfig\/cron v1\.1\.0/);
    expect(message).toMatch(/remove the prefix/);
  });

  it('v1.1.0 rejects malformed prefixes too, with the same advice', () => {
    for (const expression of ['TZ=Mars/Olympus 0 3 * * *', 'TZ=UTC', 'CRON_TZ=']) {
      expect(checkCron(expression, { dialect: 'v1.1.0' })).toMatch(/time-zone prefix/);
    }
  });

  // v1.1.0 parser_test.go TestRange: {"*/2", 1, 3, 1<<1 | 1<<3 | starBit}; v3.0.1 parser.go lines
  // 297-299 clear the star bit when the step is above 1 (commit 0f01e6b, robfig/cron issue #70).
  it.each([
    ['0 0 */2 * 1', [true, false], [false, false]],
    ['0 0 ?/3 * 1', [true, false], [false, false]],
    ['0 0 1 * */2', [false, true], [false, false]],
    ['0 0 */1 * 1', [true, false], [true, false]],
    ['0 0 * * 1', [true, false], [true, false]],
    ['0 0 *-5/2 * 1', [true, false], [false, false]],
    ['0 0 1,*/2 * 1', [true, false], [false, false]],
    ['0 0 1-31/2 * 1', [false, false], [false, false]],
  ])('star bit of %j: v1.1.0 %j, v3.0.1 %j', (expression, v1, v3) => {
    expect(dayWildcards(expression, 'v1.1.0')).toEqual(v1);
    expect(dayWildcards(expression, 'v3.0.1')).toEqual(v3);
  });

  it('keeps the step-less wildcard of descriptors in both dialects', () => {
    for (const dialect of CRON_DIALECTS) {
      expect(dayWildcards('@weekly', dialect)).toEqual([true, false]);
      expect(dayWildcards('@monthly', dialect)).toEqual([false, true]);
    }
  });

  // Everything else of ParseStandard is the same at both tags (getField, getRange bounds and
  // errors, parseIntOrName, mustParseInt, parseDescriptor, Every).
  it.each([
    '0 3 * * *',
    '*/15 * * * *',
    '0 0 * * mon-fri',
    '0 0 1 jan,jul ?',
    '1,,2 * * * *',
    '*-5 * * * *',
    '+5 * * * *',
    '@daily',
    '@every 1h30m',
    '@every 500ms',
  ])('both dialects accept %j', (expression) => {
    for (const dialect of CRON_DIALECTS) expect(checkCron(expression, { dialect })).toBeUndefined();
  });

  it.each([
    '0 0 * * 7',
    '0 0 3 * * *',
    '5--5 * * * *',
    '*/-12 * * * *',
    '*//2 * * * *',
    '*/0 * * * *',
    '5-3 * * * *',
    '@reboot',
    ' @daily',
    '@daily ',
    '',
  ])('both dialects reject %j', (expression) => {
    for (const dialect of CRON_DIALECTS) expect(checkCron(expression, { dialect })).toBeDefined();
  });

  // The star bit decides how the day fields combine (spec.go dayMatches), and so which schedules
  // never run.
  it.each([
    [
      '0 0 ?/5 * ,',
      /day-of-week "," lists no value.*both day fields.*"\?\/5" starts with a wildcard/,
    ],
    ['0 0 */2 * ,', /day-of-week "," lists no value/],
    ['0 0 , * */2', /day-of-month "," lists no value/],
    [
      '0 0 */29 2 1',
      /must both match.*v1\.1\.0 counts "\*\/29" as a wildcard.*no run between 20\d\d and 20\d\d.*five years/,
    ],
  ])('v1.1.0 refuses %j, which v3.0.1 runs on either day field', (expression, message) => {
    expect(checkCron(expression, { dialect: 'v3.0.1' })).toBeUndefined();
    expect(checkCron(expression, { dialect: 'v1.1.0' })).toMatch(message);
  });

  it('v1.1.0 accepts rare but regular both-field days', () => {
    // Fridays falling on the 1st, 14th or 27th: several a year.
    expect(checkCron('0 0 */13 * 5', { dialect: 'v1.1.0' })).toBeUndefined();
    // Any Monday on an odd day of a 31-day month comes often enough.
    expect(checkCron('0 0 */2 1,3 1', { dialect: 'v1.1.0' })).toBeUndefined();
  });

  it('v1.1.0 never reports a time zone', () => {
    expect(parsedAs('@hourly', 'v1.1.0').timeZone).toBeUndefined();
    expect(parsedAs('0 3 * * *', 'v1.1.0').timeZone).toBeUndefined();
  });

  it('remembers verdicts per dialect', () => {
    const expression = 'TZ=Europe/Berlin 5 4 * * *';
    expect(checkCron(expression, { dialect: 'v3.0.1' })).toBeUndefined();
    expect(checkCron(expression, { dialect: 'v1.1.0' })).toBeDefined();
    expect(checkCron(expression)).toBeUndefined();
  });
});
