/**
 * Go durations (`time.ParseDuration` and `time.Duration.String()`), exactly as Velero reads and
 * prints its `metav1.Duration` fields (`ttl`, `csiSnapshotTimeout`, `itemOperationTimeout`, hook
 * timeouts, `backupSyncPeriod`, `validationFrequency`) and the `@every` cron descriptor.
 *
 * The arithmetic runs on 64-bit integers of nanoseconds (as `bigint`), so acceptance, overflow
 * and rounding match Go to the nanosecond.
 */

import { describeValue } from '../errors';

/** What a Go duration looks like, for the `allowed` text of validation issues. */
export const GO_DURATION_ALLOWED =
  'a Go duration such as 720h0m0s, 4h or 90m (units ns, us, ms, s, m, h; no d)';

/** The longest Go duration in nanoseconds (`math.MaxInt64`, printed `2562047h47m16.854775807s`). */
export const MAX_GO_DURATION_NANOSECONDS = (1n << 63n) - 1n;

/** The most negative Go duration in nanoseconds (`math.MinInt64`). */
export const MIN_GO_DURATION_NANOSECONDS = -(1n << 63n);

const TWO_TO_63 = 1n << 63n;
const NANOSECONDS_PER_MILLISECOND = 1_000_000n;
const NANOSECONDS_PER_SECOND = 1_000_000_000n;
const NANOSECONDS_PER_HOUR = 3_600_000_000_000n;

const UNIT_NANOSECONDS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n],
  ['\u03bcs', 1_000n],
  ['ms', NANOSECONDS_PER_MILLISECOND],
  ['s', NANOSECONDS_PER_SECOND],
  ['m', 60n * NANOSECONDS_PER_SECOND],
  ['h', NANOSECONDS_PER_HOUR],
]);

/** Why Go's `time.ParseDuration` rejected a text. */
type GoDurationFailure =
  | { readonly kind: 'empty' }
  | { readonly kind: 'syntax' }
  | { readonly kind: 'missingUnit' }
  | { readonly kind: 'unknownUnit'; readonly unit: string }
  | { readonly kind: 'overflow' };

type GoDurationOutcome =
  | { readonly ok: true; readonly nanoseconds: bigint }
  | { readonly ok: false; readonly failure: GoDurationFailure };

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const DOT = 46;

/** Go's `time.ParseDuration`, step for step, with the reason for a rejection. */
function goParseDuration(original: string): GoDurationOutcome {
  const fail = (failure: GoDurationFailure): GoDurationOutcome => ({ ok: false, failure });
  let at = 0;
  const end = original.length;
  let negative = false;
  if (end > 0 && (original[0] === '-' || original[0] === '+')) {
    negative = original[0] === '-';
    at = 1;
  }
  if (end - at === 1 && original[at] === '0') return { ok: true, nanoseconds: 0n };
  if (at === end) return fail(original === '' ? { kind: 'empty' } : { kind: 'syntax' });

  let total = 0n;
  while (at < end) {
    const first = original.charCodeAt(at);
    if (!(first === DOT || isAsciiDigit(first))) return fail({ kind: 'syntax' });

    // Whole part: [0-9]*, an error when it exceeds 2^63.
    let whole = 0n;
    const wholeStart = at;
    while (at < end && isAsciiDigit(original.charCodeAt(at))) {
      if (whole > TWO_TO_63 / 10n) return fail({ kind: 'overflow' });
      whole = whole * 10n + BigInt(original.charCodeAt(at) - 48);
      if (whole > TWO_TO_63) return fail({ kind: 'overflow' });
      at++;
    }
    const hasWhole = at > wholeStart;

    // Fraction: (\.[0-9]*)?, which stops gaining precision instead of overflowing.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (at < end && original.charCodeAt(at) === DOT) {
      at++;
      const fractionStart = at;
      let saturated = false;
      while (at < end && isAsciiDigit(original.charCodeAt(at))) {
        if (!saturated) {
          if (fraction > (TWO_TO_63 - 1n) / 10n) {
            saturated = true;
          } else {
            const next = fraction * 10n + BigInt(original.charCodeAt(at) - 48);
            if (next > TWO_TO_63) {
              saturated = true;
            } else {
              fraction = next;
              scale *= 10;
            }
          }
        }
        at++;
      }
      hasFraction = at > fractionStart;
    }
    if (!hasWhole && !hasFraction) return fail({ kind: 'syntax' });

    // Unit: everything up to the next digit or dot.
    const unitStart = at;
    while (at < end) {
      const code = original.charCodeAt(at);
      if (code === DOT || isAsciiDigit(code)) break;
      at++;
    }
    if (at === unitStart) return fail({ kind: 'missingUnit' });
    const unitText = original.slice(unitStart, at);
    const unit = UNIT_NANOSECONDS.get(unitText);
    if (unit === undefined) return fail({ kind: 'unknownUnit', unit: unitText });

    if (whole > TWO_TO_63 / unit) return fail({ kind: 'overflow' });
    let value = whole * unit;
    if (fraction > 0n) {
      // Go computes the fraction in float64: uint64(float64(f) * (float64(unit) / scale)).
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > TWO_TO_63) return fail({ kind: 'overflow' });
    }
    total += value;
    if (total > TWO_TO_63) return fail({ kind: 'overflow' });
  }
  if (negative) return { ok: true, nanoseconds: -total };
  if (total > MAX_GO_DURATION_NANOSECONDS) return fail({ kind: 'overflow' });
  return { ok: true, nanoseconds: total };
}

/**
 * Parses `text` exactly as Go's `time.ParseDuration` does and returns whole nanoseconds, or
 * `undefined` when Go would reject the text.
 */
export function parseGoDurationNanoseconds(text: string): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const outcome = goParseDuration(text);
  return outcome.ok ? outcome.nanoseconds : undefined;
}

/**
 * Parses `text` exactly as Go's `time.ParseDuration` does and returns milliseconds (fractional
 * below one millisecond, e.g. `1.5` for `1500us`), or `undefined` when Go would reject it.
 *
 * Go's grammar: an optional sign, then either the single string `0` or one or more
 * `<decimal><unit>` pairs (`1.5h`, `.5h`, `1.h`, `1h30m`) with the units `ns`, `us`, `µs`, `μs`,
 * `ms`, `s`, `m` and `h`; no spaces, no `d`, at most 2562047h47m16.854775807s. Above 2^53
 * nanoseconds (about 104 days) the millisecond number is the nearest double; use
 * {@link parseGoDurationNanoseconds} for exact values.
 */
export function parseGoDuration(text: string): number | undefined {
  const nanoseconds = parseGoDurationNanoseconds(text);
  return nanoseconds === undefined ? undefined : Number(nanoseconds) / 1e6;
}

/**
 * Go's `fmtFrac`: the fraction of `value / 10^precision` as `.123` without trailing zeros (empty
 * when it is zero), and the whole part that remains.
 */
function formatFraction(value: bigint, precision: number): { text: string; rest: bigint } {
  let digits = '';
  let printing = false;
  let rest = value;
  for (let i = 0; i < precision; i++) {
    const digit = rest % 10n;
    printing = printing || digit !== 0n;
    if (printing) digits = `${digit}${digits}`;
    rest /= 10n;
  }
  return { text: printing ? `.${digits}` : '', rest };
}

/**
 * Formats a number of nanoseconds exactly as Go's `time.Duration.String()` does: `240h0m0s`,
 * `1h30m0s`, `1.5s`, `500ms`, `1µs`, `0s`.
 *
 * @throws RangeError when `nanoseconds` is outside Go's 64-bit duration range.
 */
export function formatGoDurationNanoseconds(nanoseconds: bigint): string {
  if (nanoseconds > MAX_GO_DURATION_NANOSECONDS || nanoseconds < MIN_GO_DURATION_NANOSECONDS) {
    throw new RangeError(
      `${nanoseconds} ns is outside the range of a Go duration (at most 2562047h47m16.854775807s either way)`,
    );
  }
  const negative = nanoseconds < 0n;
  let rest = negative ? -nanoseconds : nanoseconds;
  let text: string;
  if (rest < NANOSECONDS_PER_SECOND) {
    if (rest === 0n) return '0s';
    let unit: string;
    let precision: number;
    if (rest < 1_000n) {
      unit = 'ns';
      precision = 0;
    } else if (rest < NANOSECONDS_PER_MILLISECOND) {
      unit = '\u00b5s';
      precision = 3;
    } else {
      unit = 'ms';
      precision = 6;
    }
    const fraction = formatFraction(rest, precision);
    text = `${fraction.rest}${fraction.text}${unit}`;
  } else {
    const fraction = formatFraction(rest, 9);
    rest = fraction.rest;
    text = `${rest % 60n}${fraction.text}s`;
    rest /= 60n;
    if (rest > 0n) {
      text = `${rest % 60n}m${text}`;
      rest /= 60n;
      if (rest > 0n) text = `${rest}h${text}`;
    }
  }
  return negative ? `-${text}` : text;
}

const EXACT_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** Milliseconds to the nearest whole nanosecond, computed from the number's shortest decimal form. */
function millisecondsToNanoseconds(milliseconds: number): bigint {
  const match = EXACT_DECIMAL.exec(String(milliseconds));
  if (match === null)
    throw new RangeError(`${milliseconds} is not a finite number of milliseconds`);
  const [, sign = '', whole = '0', fractionDigits = '', exponentText = '0'] = match;
  const digits = BigInt(`${whole}${fractionDigits}`);
  // value = digits * 10^(exponent - fractionDigits.length) ms = digits * 10^(that + 6) ns
  const power = Number(exponentText) - fractionDigits.length + 6;
  let nanoseconds: bigint;
  if (power >= 0) {
    nanoseconds = digits * 10n ** BigInt(power);
  } else {
    const divisor = 10n ** BigInt(-power);
    nanoseconds = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) nanoseconds += 1n;
  }
  return sign === '-' ? -nanoseconds : nanoseconds;
}

/**
 * The whole number of nanoseconds nearest to `guess` that {@link parseGoDuration} turns back into
 * exactly `milliseconds` (both non-negative), or `guess` when none is near. Above 2^53 ns several
 * nanosecond counts share one double, and the nearest decimal may not be among them.
 */
function nanosecondsThatReadBackAs(milliseconds: number, guess: bigint): bigint {
  const readBack = (nanoseconds: bigint): number => Number(nanoseconds) / 1e6;
  const first = readBack(guess);
  if (first === milliseconds) return guess;
  // readBack is monotonic: search outwards from the guess in the direction of the target.
  const direction = first < milliseconds ? 1n : -1n;
  const before = (nanoseconds: bigint): boolean =>
    direction === 1n ? readBack(nanoseconds) < milliseconds : readBack(nanoseconds) > milliseconds;
  let near = guess;
  let step = 1n;
  while (before(guess + direction * step)) {
    near = guess + direction * step;
    step *= 2n;
    if (step > 1n << 24n) return guess;
  }
  let far = guess + direction * step;
  while ((far - near) * direction > 1n) {
    const middle = (near + far) / 2n;
    if (before(middle)) near = middle;
    else far = middle;
  }
  return far >= 0n && readBack(far) === milliseconds ? far : guess;
}

const MAX_GO_DURATION_MILLISECONDS = Number(MAX_GO_DURATION_NANOSECONDS) / 1e6;

/**
 * Formats a number of milliseconds exactly as Go's `time.Duration.String()` does (after rounding
 * to the nearest nanosecond): `240h0m0s` for ten days, `1h30m0s`, `1.5s`, `500ms`, `1µs`, `0s`.
 * This is how Velero's CLI prints durations (`ttl: 24h0m0s`).
 *
 * @throws RangeError when `milliseconds` is not finite or lies outside Go's duration range
 * (about ±292 years).
 */
export function formatGoDuration(milliseconds: number): string {
  if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds)) {
    throw new RangeError(`${String(milliseconds)} is not a finite number of milliseconds`);
  }
  if (Math.abs(milliseconds) > MAX_GO_DURATION_MILLISECONDS) {
    throw new RangeError(
      `${milliseconds} ms is outside the range of a Go duration (at most 2562047h47m16.854775807s either way)`,
    );
  }
  const magnitude = nanosecondsThatReadBackAs(
    Math.abs(milliseconds),
    millisecondsToNanoseconds(Math.abs(milliseconds)),
  );
  let nanoseconds = milliseconds < 0 ? -magnitude : magnitude;
  // The largest doubles in range may round a few nanoseconds past Go's limits.
  if (nanoseconds > MAX_GO_DURATION_NANOSECONDS) nanoseconds = MAX_GO_DURATION_NANOSECONDS;
  if (nanoseconds < MIN_GO_DURATION_NANOSECONDS) nanoseconds = MIN_GO_DURATION_NANOSECONDS;
  return formatGoDurationNanoseconds(nanoseconds);
}

/**
 * The form Velero writes back for a duration: `format(parse(text))`, e.g. `24h` → `24h0m0s`,
 * `90m` → `1h30m0s`, `1500ms` → `1.5s`, `0` → `0s`. `undefined` when Go rejects `text`.
 */
export function normalizeGoDuration(text: string): string | undefined {
  const nanoseconds = parseGoDurationNanoseconds(text);
  return nanoseconds === undefined ? undefined : formatGoDurationNanoseconds(nanoseconds);
}

/** Options of {@link checkGoDuration}. */
export interface GoDurationCheckOptions {
  /**
   * Accept negative durations. Go parses them, but a negative TTL or timeout makes no sense to
   * Velero, so they are rejected unless this is set.
   *
   * @default false
   */
  readonly allowNegative?: boolean;
}

/** Units people write that Go does not have, as multiples of a Go unit. */
const FOREIGN_UNITS: ReadonlyMap<string, { readonly go: string; readonly times: bigint }> = new Map(
  [
    ['d', { go: 'h', times: 24n }],
    ['day', { go: 'h', times: 24n }],
    ['days', { go: 'h', times: 24n }],
    ['w', { go: 'h', times: 168n }],
    ['wk', { go: 'h', times: 168n }],
    ['week', { go: 'h', times: 168n }],
    ['weeks', { go: 'h', times: 168n }],
    ['hr', { go: 'h', times: 1n }],
    ['hrs', { go: 'h', times: 1n }],
    ['hour', { go: 'h', times: 1n }],
    ['hours', { go: 'h', times: 1n }],
    ['min', { go: 'm', times: 1n }],
    ['mins', { go: 'm', times: 1n }],
    ['minute', { go: 'm', times: 1n }],
    ['minutes', { go: 'm', times: 1n }],
    ['sec', { go: 's', times: 1n }],
    ['secs', { go: 's', times: 1n }],
    ['second', { go: 's', times: 1n }],
    ['seconds', { go: 's', times: 1n }],
    ['msec', { go: 'ms', times: 1n }],
    ['msecs', { go: 'ms', times: 1n }],
  ],
);

const UNFIXED_UNITS = new Set(['y', 'yr', 'yrs', 'year', 'years', 'mo', 'month', 'months']);

/** The Go spelling of `text` read leniently (any case, spaces, day and week units), if any. */
function lenientGoDuration(text: string): bigint | undefined {
  const compact = text.replace(/\s+/g, '').toLowerCase();
  const match = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)[a-zµμ]+)+)$/.exec(compact);
  if (match === null) return undefined;
  let total = 0n;
  for (const part of (match[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)([a-zµμ]+)/g)) {
    const [, amount = '', unit = ''] = part;
    const foreign = FOREIGN_UNITS.get(unit);
    const nanoseconds = parseGoDurationNanoseconds(`${amount}${foreign?.go ?? unit}`);
    if (nanoseconds === undefined) return undefined;
    total += nanoseconds * (foreign?.times ?? 1n);
  }
  if (match[1] === '-') total = -total;
  if (total > MAX_GO_DURATION_NANOSECONDS || total < MIN_GO_DURATION_NANOSECONDS) return undefined;
  return total;
}

const ISO_8601_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Reads an ISO-8601 duration (`P30D`, `PT1H30M`, `P1W`) as a Go duration, if it has a fixed length. */
function isoDurationAdvice(text: string): string | undefined {
  const match = ISO_8601_DURATION.exec(text.trim().toUpperCase());
  if (match === null || !/\d/.test(text)) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const quoted = describeValue(text);
  const isNonZero = (part: string | undefined): boolean =>
    part !== undefined && Number(part.replace(',', '.')) !== 0;
  if (isNonZero(years) || isNonZero(months)) {
    return `${quoted} is an ISO-8601 duration, which Velero does not read, and years and months have no fixed length; write hours instead, e.g. 8760h0m0s for 365 days or 720h0m0s for 30 days`;
  }
  const pieces: Array<[string | undefined, string, bigint]> = [
    [weeks, 'h', 168n],
    [days, 'h', 24n],
    [hours, 'h', 1n],
    [minutes, 'm', 1n],
    [seconds, 's', 1n],
  ];
  let total = 0n;
  for (const [amount, unit, times] of pieces) {
    if (amount === undefined) continue;
    const nanoseconds = parseGoDurationNanoseconds(`${amount.replace(',', '.')}${unit}`);
    if (nanoseconds === undefined) return undefined;
    total += nanoseconds * times;
  }
  if (total > MAX_GO_DURATION_NANOSECONDS) return undefined;
  return `${quoted} is an ISO-8601 duration, which Velero does not read; write the Go duration ${formatGoDurationNanoseconds(total)} instead`;
}

/** The message for a string Go rejects, with a concrete fix where one can be guessed. */
function rejectionMessage(text: string, failure: GoDurationFailure): string {
  const quoted = describeValue(text);
  const expected = `expected ${GO_DURATION_ALLOWED}`;
  if (failure.kind === 'empty' || text.trim() === '') {
    return `the duration is empty; ${expected}`;
  }
  if (failure.kind === 'overflow') {
    return `${quoted} is longer than the longest Go duration, 2562047h47m16.854775807s (about 292 years)`;
  }
  const iso = isoDurationAdvice(text);
  if (iso !== undefined) return iso;

  const trimmed = text.trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(trimmed)) {
    return `${quoted} has no unit; add one of ns, us, ms, s, m or h, e.g. ${trimmed}s for seconds`;
  }

  const suggestion = lenientGoDuration(text);
  const fix =
    suggestion === undefined
      ? `; ${expected}`
      : `; write ${formatGoDurationNanoseconds(suggestion)} instead`;
  if (/\s/.test(text)) return `${quoted} must not contain spaces${fix}`;
  if (failure.kind === 'unknownUnit') {
    const unit = failure.unit;
    const lower = unit.toLowerCase();
    if (UNFIXED_UNITS.has(lower)) {
      return `${quoted} uses ${describeValue(unit)}, but Go durations have no year or month unit (they have no fixed length); write hours instead, e.g. 8760h0m0s for 365 days`;
    }
    const foreign = FOREIGN_UNITS.get(lower);
    if (foreign !== undefined && foreign.times === 24n) {
      return `${quoted} uses the unit ${describeValue(unit)}, but Go durations have no day unit${fix}`;
    }
    if (foreign !== undefined && foreign.times === 168n) {
      return `${quoted} uses the unit ${describeValue(unit)}, but Go durations have no week unit${fix}`;
    }
    if (UNIT_NANOSECONDS.has(lower) || foreign !== undefined) {
      return `${quoted} uses the unit ${describeValue(unit)}; Go units are lowercase ns, us, ms, s, m and h${fix}`;
    }
    return `${quoted} uses the unknown unit ${describeValue(unit)}; Go units are ns, us, ms, s, m and h${fix}`;
  }
  if (failure.kind === 'missingUnit') {
    return `${quoted} has a number without a unit; every number needs one of ns, us, ms, s, m, h (e.g. 1h30m)${fix}`;
  }
  return `${quoted} is not a Go duration${fix}`;
}

/**
 * Checks that `value` is a Go duration Velero accepts. Returns `undefined` when it is, and
 * otherwise one message that says what is wrong and what would work, with a concrete fix for the
 * usual mistakes: `30d` → `720h0m0s` (Go has no day unit), `2w` → `336h0m0s`, ISO-8601 `P30D` →
 * `720h0m0s`, a bare `3600` → `3600s`, `1h 30m` → `1h30m0s`. Negative durations are rejected
 * unless {@link GoDurationCheckOptions.allowNegative} is set. Never throws.
 */
export function checkGoDuration(
  value: unknown,
  options?: GoDurationCheckOptions,
): string | undefined {
  if (typeof value !== 'string') {
    if (typeof value === 'number' && Number.isFinite(value)) {
      return `expected a string, not the number ${value}: a Go duration needs a unit, e.g. "${value}s" for seconds`;
    }
    const kind =
      value === null || value === undefined
        ? String(value)
        : Array.isArray(value)
          ? 'an array'
          : typeof value === 'object'
            ? 'an object'
            : `a ${typeof value}`;
    return `expected a string holding ${GO_DURATION_ALLOWED}, but received ${kind}`;
  }
  const outcome = goParseDuration(value);
  if (!outcome.ok) return rejectionMessage(value, outcome.failure);
  if (outcome.nanoseconds < 0n && options?.allowNegative !== true) {
    const positive = -outcome.nanoseconds;
    const example =
      positive <= MAX_GO_DURATION_NANOSECONDS ? formatGoDurationNanoseconds(positive) : '720h0m0s';
    return `${describeValue(value)} is negative; a Velero duration must be zero or positive, e.g. ${example}`;
  }
  return undefined;
}
