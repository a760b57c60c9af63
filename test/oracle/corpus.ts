/**
 * The corpus of the differential test: hand-written edge cases, and fast-check generators that
 * produce thousands of cron expressions and Go duration strings, valid and not.
 */
import fc from 'fast-check';
import { CRON_DESCRIPTORS } from '../../lib/core/rules/cron';

/**
 * The zones fire times are compared in (as the server's zone and in `CRON_TZ=`/`TZ=`), chosen for
 * their daylight-saving oddities: transitions at midnight (Havana, Santiago, and Sao Paulo and
 * Tehran until 2019 and 2022), half-hour shifts (Lord Howe), odd offsets (Chatham, Kathmandu,
 * St Johns), a skipped day (Apia, 2011-12-30), a two-hour shift (Troll), negative DST in the data
 * (Dublin), yearly-varying rules (Casablanca, Gaza).
 */
export const FIRE_TIME_ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'America/Havana',
  'America/Santiago',
  'America/St_Johns',
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Gaza',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Antarctica/Troll',
  'Europe/Dublin',
  'Africa/Casablanca',
] as const;

/** The window (seconds since 1970) start instants are drawn from: 2011-01-01 to 2035-01-01. */
export const START_WINDOW: { readonly from: number; readonly to: number } = {
  from: 1_293_840_000,
  to: 2_051_222_400,
};

/** The window whose zone data Go and `Intl` must agree on: the start window plus six years. */
export const ZONE_WINDOW: { readonly from: number; readonly to: number } = {
  from: START_WINDOW.from,
  to: START_WINDOW.to + 6 * 366 * 86_400,
};

/** Hand-written cron edge cases, beyond the unit tests' tables. */
export const HAND_WRITTEN_CRONS: readonly string[] = [
  // Plain, lists, ranges, steps, names.
  '0 3 * * *',
  '*/15 * * * *',
  '0 0 * * mon-fri',
  '0 0 1 jan,jul ?',
  '5/10 * * * *',
  '59 23 31 12 6',
  '0-59 0-23 1-31 1-12 0-6',
  '? ? ? ? ?',
  '* * * * *',
  '0 0 * * 7',
  '0 0 * * 0-7',
  '0 24 * * *',
  '60 * * * *',
  '0 0 0 * *',
  '0 0 32 * *',
  '0 0 1 0 *',
  '0 0 1 13 *',
  '0 0 * * SUN',
  '0 0 * * Sun-Sat',
  '0 0 * JAN-dec *',
  '0 0 * * sunday',
  '0 0 * january *',
  '0 0 * * sat-sun',
  '0 0 * dec-jan *',
  '0 0 * * \u0130',
  '0 0 * * mon\u0307',
  // Go's strconv.Atoi: signs, zeros, int64 limits.
  '+5 * * * *',
  '-5 * * * *',
  '-0 * * * *',
  '+0 * * * *',
  '++5 * * * *',
  '05 03 * * *',
  '000000000000000000000000005 * * * *',
  '9223372036854775807 * * * *',
  '9223372036854775808 * * * *',
  '*/9223372036854775807 * * * *',
  '*/9223372036854775808 * * * *',
  '0-59/9223372036854775807 * * * *',
  '*/+5 * * * *',
  '*/-5 * * * *',
  '*/0 * * * *',
  '*/1 * * * *',
  '*/60 * * * *',
  '*/ * * * *',
  '/5 * * * *',
  '5/ * * * *',
  '1/2/3 * * * *',
  '1-2-3 * * * *',
  '1--2 * * * *',
  '5-1 * * * *',
  '5-5 * * * *',
  '*-5 * * * *',
  '?-5/2 * * * *',
  '*-x-y * * * *',
  '5-* * * * *',
  '60/5 * * * *',
  '59/5 * * * *',
  '0x1 * * * *',
  '1.5 * * * *',
  '1e1 * * * *',
  '\uff11 * * * *',
  // Commas and the day-field rule.
  '1,,2 * * * *',
  ',5 * * * *',
  '5, * * * *',
  ', * * * *',
  '0 , * * *',
  '0 0 * , *',
  '0 0 , * *',
  '0 0 * * ,',
  '0 0 , * ,',
  '0 0 , * 1',
  '0 0 ,, * mon,fri',
  '0 0 15 * ,',
  '0 0 30 2 *',
  '0 0 30 2 ,',
  '0 0 31 2 1',
  '0 0 30 2 */2',
  '0 0 31 4,6,9,11 *',
  '0 0 31 4,6,9,11 sun',
  '0 0 29 2 *',
  '0 0 29 2 ?',
  '0 0 */2 * 1',
  '0 0 */1 * 1',
  '0 0 ?/3 * 1',
  '0 0 1 * */2',
  '0 0 ?/5 * ,',
  '0 0 */29 2 1',
  '0 0 1,*/2 * 1',
  '0 0 *-5/2 * 1',
  '0 0 */10 * sun',
  '* * 1,15 * Sun',
  // Whitespace: Go's strings.Fields splits on Unicode spaces, not on others.
  '  0   3  *  *  *  ',
  '0\t3\t*\t*\t*',
  '0\n3\n*\n*\n*',
  '0\u000b3\u000c*\r*\t*',
  '0\u00a03 * * *',
  '0\u00853 * * *',
  '0\u20033 * * *',
  '0\u30003 * * *',
  '0\u200b3 * * *',
  '0\ufeff3 * * *',
  '0 0 * * *\ufeff',
  '0\u20283 * * *',
  '0\u180e3 * * *',
  '',
  ' ',
  '\t',
  '0 0 * *',
  '0 0 3 * * *',
  '0 0 3 * * * 2030',
  // Descriptors.
  ...CRON_DESCRIPTORS,
  '@reboot',
  '@DAILY',
  '@Daily',
  '@daily ',
  ' @daily',
  '@daily\t',
  '@',
  '@every',
  '@every ',
  '@every 1h',
  '@every  1h',
  '@every\t1h',
  '@every 1h ',
  '@every 1h30m',
  '@every 500ms',
  '@every 1.9s',
  '@every 0',
  '@every -1h',
  '@every +1h',
  '@every 1d',
  '@every 2562047h47m16.854775807s',
  '@every 2562047h47m16.854775808s',
  '@every -2562047h47m16.854775808s',
  '@every .5h',
  '@every 1.h',
  '@every 1µs',
  '@every 1μs',
  '@EVERY 1h',
  '@everyday',
  // Time-zone prefixes.
  'CRON_TZ=Europe/Berlin 0 3 * * *',
  'TZ=Europe/Berlin 0 3 * * *',
  'TZ=UTC 0 3 * * *',
  'TZ=Local 0 3 * * *',
  'CRON_TZ=Local @daily',
  'TZ= 0 3 * * *',
  'TZ=  0 3 * * *',
  'TZ=UTC    0 3 * * *   ',
  'TZ=UTC @daily',
  'TZ=UTC @daily ',
  'TZ=UTC  @daily',
  'TZ=UTC\t@daily',
  'TZ=UTC @every 1h',
  'TZ=US/Eastern @daily',
  'CRON_TZ=Asia/Calcutta @every 1h',
  'TZ=Mars/Olympus 0 3 * * *',
  'TZ=europe/berlin 0 3 * * *',
  'TZ=PST 0 3 * * *',
  'TZ=EST 0 3 * * *',
  'TZ=Europe/Berlin',
  'TZ=Europe/Berlin ',
  'TZ=',
  'TZ=UTC',
  'CRON_TZ=',
  'CRON_TZ=UTC\t0\t3\t*\t*\t*',
  'TZ=UTC\t0 3 * * *',
  'cron_tz=UTC 0 3 * * *',
  'tz=UTC 0 3 * * *',
  ' TZ=UTC 0 3 * * *',
  'TZ=TZ=UTC 0 3 * * *',
  'CRON_TZ=TZ=UTC 0 3 * * *',
  'TZ=UTC TZ=UTC 0 3 * * *',
  'TZ=/UTC 0 3 * * *',
  'TZ=../UTC 0 3 * * *',
  'TZ=Europe/../UTC 0 3 * * *',
  'TZ=Europe 0 3 * * *',
  'TZ=Europe/ 0 3 * * *',
  'TZ=Europe/Berlin/ 0 3 * * *',
  'TZ=posix/Europe/Berlin 0 3 * * *',
  'TZ=right/UTC 0 3 * * *',
  'TZ=posix 0 3 * * *',
  'TZ=Europe//Berlin 0 3 * * *',
  'TZ=Europe/./Berlin 0 3 * * *',
  'TZ=./Europe/Berlin 0 3 * * *',
  'TZ=posixrules 0 3 * * *',
  'TZ=localtime 0 3 * * *',
  'TZ=Factory 0 3 * * *',
  'TZ=zone.tab 0 3 * * *',
  'TZ=tzdata.zi 0 3 * * *',
  'TZ=leapseconds 0 3 * * *',
  'TZ=Etc/GMT+5 0 3 * * *',
  'TZ=Etc/GMT+15 0 3 * * *',
  'TZ=GMT0 0 3 * * *',
  'TZ=Europe/Kyiv 0 3 * * *',
  'TZ=America/Nuuk 0 3 * * *',
  // Quartz and other dialects.
  '0 0 L * *',
  '0 0 * * 5L',
  '0 0 * * 5#3',
  '0 0 15W * *',
  '0 0 ? * MON#1',
];

/**
 * Zone names worth asking Go about besides `Intl`'s: aliases, zones that moved or were renamed,
 * and names only ICU or only the zoneinfo directory has.
 */
export const EXTRA_ZONE_NAMES: readonly string[] = [
  'UTC',
  'Local',
  'GMT',
  'Etc/UTC',
  'Etc/GMT-14',
  'EST5EDT',
  'US/Pacific-New',
  'SystemV/AST4',
  'Canada/East-Saskatchewan',
  'America/Coyhaique',
  'America/Ciudad_Juarez',
  'Europe/Kyiv',
  'Europe/Kiev',
  'Asia/Qostanay',
  'Pacific/Kanton',
  'Pacific/Enderbury',
  'PST',
  'IST',
  'CST6CDT',
  'ROC',
];

const DIGITS = '0123456789';

function token(...parts: string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...parts);
}

/** The bounds and names of one cron field. */
interface FieldShape {
  readonly min: number;
  readonly max: number;
  readonly names: readonly string[];
}

const FIELD_SHAPES: readonly FieldShape[] = [
  { min: 0, max: 59, names: [] },
  { min: 0, max: 23, names: [] },
  { min: 1, max: 31, names: [] },
  { min: 1, max: 12, names: ['jan', 'FEB', 'Mar', 'apr', 'jun', 'dec', 'Sep'] },
  { min: 0, max: 6, names: ['sun', 'MON', 'Tue', 'wed', 'thu', 'fri', 'sat'] },
];

/**
 * A bound as Go's `strconv.Atoi` or a name reads it: mostly in range (plain, zero-padded or with
 * a plus sign), now and then just outside it, far outside it, or malformed.
 */
function boundText(shape: FieldShape, noisy: boolean): fc.Arbitrary<string> {
  const inRange = fc.integer({ min: shape.min, max: shape.max });
  const arbitraries: Array<fc.WeightedArbitrary<string>> = [
    { weight: 60, arbitrary: inRange.map(String) },
    { weight: 3, arbitrary: inRange.map((n) => `0${n}`) },
    { weight: 2, arbitrary: inRange.map((n) => `+${n}`) },
  ];
  if (shape.names.length > 0) {
    arbitraries.push({ weight: 16, arbitrary: fc.constantFrom(...shape.names) });
  }
  if (noisy) {
    arbitraries.push(
      { weight: 2, arbitrary: fc.constantFrom(String(shape.min - 1), String(shape.max + 1)) },
      { weight: 2, arbitrary: fc.integer({ min: shape.max + 1, max: 100_000 }).map(String) },
      {
        weight: 2,
        arbitrary: token('', '-1', '1.5', '0x1', '9223372036854775808', 'x', 'L', '5#2', '\u0130'),
      },
      { weight: shape.names.length > 0 ? 2 : 0, arbitrary: token('january', 'monday', 'Sept') },
    );
  }
  return fc.oneof(...arbitraries);
}

/** One element of a field's comma list: `*`, `?`, `N`, `N-M`, each maybe with `/S`. */
function rangeText(shape: FieldShape, noisy: boolean): fc.Arbitrary<string> {
  const bound = boundText(shape, noisy);
  return fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: token('*', '?') },
        { weight: 5, arbitrary: bound },
        {
          weight: 4,
          // Mostly ascending, so that the other fields get their say too.
          arbitrary: fc
            .tuple(bound, bound, fc.integer({ min: 0, max: 9 }))
            .map(([a, b, keep]) =>
              order(shape, a) > order(shape, b) && (!noisy || keep > 0) ? `${b}-${a}` : `${a}-${b}`,
            ),
        },
        { weight: 1, arbitrary: fc.tuple(token('*', '?'), bound).map(([a, b]) => `${a}-${b}`) },
      ),
      fc.oneof(
        { weight: 12, arbitrary: fc.constant('') },
        { weight: 8, arbitrary: fc.integer({ min: 1, max: 70 }).map((n) => `/${n}`) },
        { weight: noisy ? 2 : 0, arbitrary: token('/0', '/', '/-1', '/x', '//2', '/2/3') },
      ),
    )
    .map(([range, step]) => range + step);
}

/** The value of a bound as robfig reads it, for ordering the ends of generated ranges. */
function order(shape: FieldShape, bound: string): number {
  const names = shape.min === 1 ? MONTH_NAMES : DAY_NAMES;
  const named = shape.names.length > 0 ? names.indexOf(bound.toLowerCase()) : -1;
  return named >= 0 ? named + shape.min : Number(bound);
}

const MONTH_NAMES = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const DAY_NAMES = 'sun mon tue wed thu fri sat'.split(' ');

function fieldText(shape: FieldShape, noisy: boolean): fc.Arbitrary<string> {
  const range = rangeText(shape, noisy);
  return fc.oneof(
    {
      weight: 40,
      arbitrary: fc.array(range, { minLength: 1, maxLength: 3 }).map((l) => l.join(',')),
    },
    { weight: 1, arbitrary: token(',', ',,') },
    {
      weight: 1,
      arbitrary: fc.array(range, { minLength: 1, maxLength: 2 }).map((l) => `,${l.join(',,')},`),
    },
  );
}

const separator: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: token('  ', '\t', ' \t ', '\n', '\u00a0', '\u3000', '\u200b') },
);

const zoneName: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...FIRE_TIME_ZONES) },
  { weight: 1, arbitrary: token('', 'Local', 'UTC', 'Etc/GMT-3', 'US/Eastern', 'Asia/Calcutta') },
  {
    weight: 1,
    arbitrary: token(
      'Mars/Olympus',
      'europe/berlin',
      'PST',
      'posix/Europe/Berlin',
      'right/UTC',
      'Europe//Berlin',
      'posixrules',
      'Europe',
      '../UTC',
    ),
  },
);

const prefix: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(token('CRON_TZ=', 'TZ='), zoneName, token(' ', ' ', ' ', '  ', '\t'))
      .map(([p, zone, space]) => p + zone + space),
  },
);

const validPrefix: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(token('CRON_TZ=', 'TZ='), fc.constantFrom(...FIRE_TIME_ZONES, 'Local', ''))
      .map(([p, zone]) => `${p}${zone} `),
  },
);

/** A Go duration, often valid, sometimes subtly not. */
export const durationText: fc.Arbitrary<string> = (() => {
  const digits = (max: number) =>
    fc.string({ unit: fc.constantFrom(...DIGITS.split('')), minLength: 1, maxLength: max });
  const decimal = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 10_000 }).map(String) },
    { weight: 2, arbitrary: fc.tuple(digits(4), digits(12)).map(([a, b]) => `${a}.${b}`) },
    { weight: 1, arbitrary: digits(22) },
    { weight: 1, arbitrary: digits(30).map((d) => `.${d}`) },
    { weight: 1, arbitrary: digits(3).map((d) => `${d}.`) },
    {
      weight: 1,
      arbitrary: token('.', '', '9223372036854775807', '9223372036854775808', '2562047'),
    },
  );
  const unit = fc.oneof(
    { weight: 10, arbitrary: token('ns', 'us', '\u00b5s', '\u03bcs', 'ms', 's', 'm', 'h') },
    { weight: 1, arbitrary: token('', 'd', 'H', 'S', 'sec', 'min', 'µ', 'mss', ' s', 'hh') },
  );
  const segment = fc.tuple(decimal, unit).map(([d, u]) => d + u);
  return fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(
          token('', '', '', '-', '+', '--', ' '),
          fc.array(segment, { minLength: 1, maxLength: 4 }),
        )
        .map(([sign, segments]) => sign + segments.join('')),
    },
    { weight: 1, arbitrary: token('0', '-0', '+0', '', '00', '0.0', '1', ' 1h', '1h ', '1h 30m') },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom(...'0123456789.+-nsuµμmh d'.split('')),
        maxLength: 12,
      }),
    },
  );
})();

/** Hand-written duration edge cases: limits, rounding of fractions, signs and units. */
export const HAND_WRITTEN_DURATIONS: readonly string[] = [
  '0',
  '-0',
  '+0',
  '00',
  '0s',
  '',
  '-',
  '+',
  '1',
  '1h',
  '1H',
  '1d',
  '720h0m0s',
  '1h30m',
  '1h 30m',
  ' 1h',
  '1h ',
  '.5h',
  '1.h',
  '.h',
  '-.5h',
  '+.5h',
  '1.5ns',
  '-1.5ns',
  '0.9ns',
  '1.9999999999ns',
  '1µs',
  '1μs',
  '1us',
  '1ms',
  '1e3s',
  '9223372036854775807ns',
  '9223372036854775808ns',
  '-9223372036854775808ns',
  '-9223372036854775809ns',
  '2562047h47m16.854775807s',
  '2562047h47m16.854775808s',
  '-2562047h47m16.854775808s',
  '-2562047h47m16.854775809s',
  '2562048h',
  '2562047h48m',
  '9223372036.854775807s',
  '9223372036.854775808s',
  '9223372036854.775807ms',
  '0.000000000000000000000000000001h',
  '1.00000000000000000000000000000000001s',
  '0000000000000000000000000000001h',
  '1.0000000000000000000000000000000000000000000000000000000000000000009h',
  '18446744073709551616ns',
  '92233720368547758070ns',
  '1h1h1h',
  '1s1ms1us1ns',
  '1m-1s',
  '1ms2',
  '3.000000001s',
  '0.1s',
  '0.3h',
  '1.1h',
  '4.7h',
  '123456789.123456789h',
  '--1h',
  '+-1h',
];

/** Fast-check generators of cron expressions, of every kind the parser meets. */
export const cronText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .tuple(validPrefix, fc.tuple(...FIELD_SHAPES.map((shape) => fieldText(shape, false))))
      .map(([p, fields]) => p + fields.join(' ')),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        prefix,
        fc.tuple(...FIELD_SHAPES.map((shape) => fc.tuple(fieldText(shape, true), separator))),
      )
      .map(([p, fields]) => p + fields.map(([f, s], i) => (i === 0 ? f : s + f)).join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        prefix,
        fc.array(fieldText(FIELD_SHAPES[1] as FieldShape, true), { minLength: 3, maxLength: 7 }),
      )
      .map(([p, fields]) => p + fields.join(' ')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        prefix,
        fc.oneof(
          token(...CRON_DESCRIPTORS, '@reboot', '@Daily'),
          durationText.map((d) => `@every ${d}`),
        ),
        token('', '', '', ' ', '\t'),
      )
      .map(([p, d, tail]) => p + d + tail),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom(...'0123456789*?,-/ @LW#=_TZCRONjanmonsu\t'.split('')),
      maxLength: 24,
    }),
  },
);

/**
 * The earliest start per zone where it differs from the window's: robfig's `Next` never returns
 * when its day search meets 2011-12-30 in Pacific/Apia, a day the zone skipped (the library throws
 * instead; see the unit tests), so Apia's starts come after it.
 */
const EARLIEST_START: Readonly<Record<string, number>> = { 'Pacific/Apia': 1_325_376_000 };

/** Start instants in `zone`: anywhere in the window, or close to the zone's transitions. */
export function startInstants(
  zone: string,
  transitions: readonly number[],
): fc.Arbitrary<number[]> {
  const from = EARLIEST_START[zone] ?? START_WINDOW.from;
  const later = transitions.filter((t) => t - 2 * 86_400 >= from);
  const anywhere = fc
    .integer({ min: from, max: START_WINDOW.to })
    .chain((s) => fc.constantFrom(s * 1000, s * 1000 + 999, Math.floor(s / 3600) * 3_600_000));
  const nearTransition =
    later.length === 0
      ? anywhere
      : fc
          .tuple(fc.constantFrom(...later), fc.integer({ min: -2 * 86_400, max: 86_400 }))
          .map(([t, delta]) => (t + delta) * 1000);
  return fc.array(fc.oneof(anywhere, nearTransition), { minLength: 3, maxLength: 3 });
}
