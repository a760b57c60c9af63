/**
 * Velero's cron rules: `Schedule.spec.schedule` is parsed with robfig/cron's `cron.ParseStandard`
 * (v1.1.0 up to Velero 1.14, v3.0.1 from Velero 1.15), and this module accepts exactly what that
 * parser accepts (see {@link parseCron}), with messages that name the field, the bad token and
 * what is allowed.
 */

import { describeValue, issue, type ValidationIssue } from '../errors';
import { typeName } from '../schema/checkShape';
import { neverRunsReason } from './cronNeverRuns';
import {
  checkGoDuration,
  formatGoDurationNanoseconds,
  parseGoDurationNanoseconds,
} from './duration';
import { explainNonIanaTimeZone, isIanaTimeZone, suggestIanaTimeZone } from './timeZone';

/**
 * The robfig/cron releases whose `ParseStandard` Velero has parsed schedules with: `v1.1.0` in
 * Velero 1.12 to 1.14, `v3.0.1` from Velero 1.15 on. They differ in three ways (robfig/cron
 * `parser.go` and `spec.go` at those tags):
 * - only `v3.0.1` reads a `CRON_TZ=<zone> ` or `TZ=<zone> ` prefix; `v1.1.0` takes it for the
 *   minute field and rejects the schedule;
 * - in `v1.1.0` a day field written `*` or `?` with a step (`*\/2`) still counts as a wildcard,
 *   so a day must match both day fields; in `v3.0.1` only `*`, `?` or a step of 1 does;
 * - `v3.0.1`'s `Next` steps over a midnight that daylight saving skips; `v1.1.0`'s does not.
 */
export const CRON_DIALECTS = ['v1.1.0', 'v3.0.1'] as const;

/** One of {@link CRON_DIALECTS}: the robfig/cron release a Velero server parses schedules with. */
export type CronDialect = (typeof CRON_DIALECTS)[number];

/** The dialect of the newest Velero releases (1.15 and later), used when none is given. */
export const DEFAULT_CRON_DIALECT: CronDialect = 'v3.0.1';

/** Options of {@link parseCron} and {@link checkCron}. */
export interface CronParseOptions {
  /**
   * The robfig/cron release to parse as: `v1.1.0` for Velero 1.14 and older, `v3.0.1` for
   * Velero 1.15 and newer (see {@link cronDialectForVeleroVersion}).
   * @default 'v3.0.1'
   */
  readonly dialect?: CronDialect;
}

/**
 * The robfig/cron dialect of a Velero release written `major.minor` or `major.minor.patch`
 * (e.g. `1.14` or `1.18.1`): `v1.1.0` up to 1.14, `v3.0.1` from 1.15 on (Velero's `go.mod`).
 * The version is not validated here; anything that is not a 1.x release up to 1.14 reads as
 * `v3.0.1`.
 */
export function cronDialectForVeleroVersion(version: string): CronDialect {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(String(version));
  if (match === null) return DEFAULT_CRON_DIALECT;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major < 1 || (major === 1 && minor <= 14) ? 'v1.1.0' : 'v3.0.1';
}

const CRON_ALLOWED_FIELDS =
  'a 5-field cron expression "minute hour day-of-month month day-of-week" such as "0 3 * * *" ' +
  '(each field *, ?, N, N-M, */S, N/S or N-M/S, or a comma-separated list of them; months ' +
  'jan-dec, days sun-sat), a descriptor (@yearly, @annually, @monthly, @weekly, @daily, ' +
  '@midnight, @hourly) or "@every <Go duration>"';

/** What each dialect accepts as a schedule, for the `allowed` text of validation issues. */
export const CRON_ALLOWED_BY_DIALECT: Readonly<Record<CronDialect, string>> = {
  'v1.1.0': `${CRON_ALLOWED_FIELDS} (no time-zone prefix before Velero 1.15)`,
  'v3.0.1': `${CRON_ALLOWED_FIELDS}, optionally after "CRON_TZ=<IANA zone> "`,
};

/** What Velero 1.15 and later accept as a schedule, for the `allowed` text of validation issues. */
export const CRON_ALLOWED = CRON_ALLOWED_BY_DIALECT[DEFAULT_CRON_DIALECT];

/** The five fields of a standard cron expression, in order, as messages name them. */
export type CronFieldName = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

/** The descriptors robfig/cron's standard parser knows (besides `@every <duration>`). */
export const CRON_DESCRIPTORS = [
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
] as const;

/** One of {@link CRON_DESCRIPTORS}. */
export type CronDescriptor = (typeof CRON_DESCRIPTORS)[number];

/** The 5-field expression each descriptor stands for. */
export const CRON_DESCRIPTOR_EQUIVALENTS: Readonly<Record<CronDescriptor, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** One parsed field of a cron expression. */
export interface CronField {
  /** The field as written, e.g. `mon-fri` or `*\/15`. */
  readonly text: string;
  /** Every value the field matches, ascending (months 1-12, days of the week 0-6 with 0 = Sunday). */
  readonly values: readonly number[];
  /**
   * Whether an element of the field starts with `*` or `?` (robfig's "star bit"); in the `v3.0.1`
   * dialect only without a step above 1. When the day-of-month or the day-of-week field has it, a
   * day must match both day fields; otherwise matching either one is enough.
   */
  readonly wildcard: boolean;
}

/** The five parsed fields of a cron expression. */
export interface CronFields {
  /** Minutes 0-59. */
  readonly minute: CronField;
  /** Hours 0-23. */
  readonly hour: CronField;
  /** Days of the month 1-31. */
  readonly dayOfMonth: CronField;
  /** Months 1-12. */
  readonly month: CronField;
  /** Days of the week 0-6, 0 = Sunday. */
  readonly dayOfWeek: CronField;
}

/** The time-zone prefix of a schedule. */
export interface CronTimeZone {
  /** Which prefix was written: `CRON_TZ=` or `TZ=` (they mean the same). */
  readonly prefix: 'CRON_TZ' | 'TZ';
  /** The zone Go loads, e.g. `Europe/Berlin`; an empty name (`TZ= ...`) is Go's `UTC`. */
  readonly name: string;
}

/** What every parsed schedule carries. */
export interface ParsedCronBase {
  /** The schedule exactly as given. */
  readonly expression: string;
  /** The robfig/cron release it was parsed as, which also decides how it runs. */
  readonly dialect: CronDialect;
  /**
   * The time-zone prefix, or `undefined` when there is none: then the schedule runs in the Velero
   * server process's local zone, which is UTC in the stock image.
   */
  readonly timeZone: CronTimeZone | undefined;
}

/** A schedule written as five fields, e.g. `0 3 * * *`. */
export interface ParsedCronFields extends ParsedCronBase {
  /** Discriminant. */
  readonly kind: 'fields';
  /** The parsed fields. */
  readonly fields: CronFields;
  /**
   * Why robfig/cron accepts the expression but finds no time to run it, or `undefined` when it
   * runs. Decided by robfig's matching rule: a time field that lists only commas (`, * * * *`);
   * day fields that match no day, where a day must match either day field, or both when either
   * starts with a wildcard (`0 0 , * *` and `0 0 30 2 *` never run, `0 0 , * 1` runs on Mondays);
   * in the `v1.1.0` dialect also runs more than five years apart. Velero counts such a schedule
   * as always due and starts a backup every minute; {@link checkCron} rejects it.
   */
  readonly neverRunsBecause: string | undefined;
}

/** A schedule written as a descriptor, e.g. `@daily`. */
export interface ParsedCronDescriptor extends ParsedCronBase {
  /** Discriminant. */
  readonly kind: 'descriptor';
  /** The descriptor as written. */
  readonly descriptor: CronDescriptor;
  /** The 5-field expression it stands for, e.g. `0 0 * * *` for `@daily`. */
  readonly equivalent: string;
  /** The parsed fields of {@link ParsedCronDescriptor.equivalent}. */
  readonly fields: CronFields;
}

/** A schedule written as `@every <duration>`: runs at a fixed interval from the last run. */
export interface ParsedCronEvery extends ParsedCronBase {
  /** Discriminant. */
  readonly kind: 'every';
  /** The duration as Go prints it, e.g. `1h30m0s` for `@every 90m`. */
  readonly duration: string;
  /**
   * The interval robfig/cron actually uses, in milliseconds: the duration rounded down to whole
   * seconds, and at least one second (`@every 500ms` and `@every -1h` both run every second).
   */
  readonly intervalMilliseconds: number;
}

/** A schedule robfig/cron's `ParseStandard` accepts, described. */
export type ParsedCron = ParsedCronFields | ParsedCronDescriptor | ParsedCronEvery;

/** {@link parseCron}'s answer for a schedule Velero accepts. */
export interface CronParseSuccess {
  /** Discriminant: the schedule parsed. */
  readonly ok: true;
  /** The parsed schedule. */
  readonly cron: ParsedCron;
}

/** {@link parseCron}'s answer for a schedule Velero rejects. */
export interface CronParseFailure {
  /** Discriminant: the schedule did not parse. */
  readonly ok: false;
  /** What is wrong and what is allowed, as one sentence (the same text {@link checkCron} returns). */
  readonly message: string;
}

/** The outcome of {@link parseCron}: the parsed schedule, or why Velero would reject it. */
export type CronParseResult = CronParseSuccess | CronParseFailure;

interface FieldRule {
  readonly name: CronFieldName;
  readonly key: keyof CronFields;
  readonly min: number;
  readonly max: number;
  readonly names: ReadonlyMap<string, number> | undefined;
  readonly allowed: string;
}

const MONTH_NAMES: ReadonlyMap<string, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
    (name, index) => [name, index + 1],
  ),
);

const DAY_NAMES: ReadonlyMap<string, number> = new Map(
  ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((name, index) => [name, index]),
);

const FIELD_RULES: readonly FieldRule[] = [
  { name: 'minute', key: 'minute', min: 0, max: 59, names: undefined, allowed: '0-59' },
  { name: 'hour', key: 'hour', min: 0, max: 23, names: undefined, allowed: '0-23' },
  { name: 'day-of-month', key: 'dayOfMonth', min: 1, max: 31, names: undefined, allowed: '1-31' },
  { name: 'month', key: 'month', min: 1, max: 12, names: MONTH_NAMES, allowed: '1-12 or jan-dec' },
  {
    name: 'day-of-week',
    key: 'dayOfWeek',
    min: 0,
    max: 6,
    names: DAY_NAMES,
    allowed: '0-6 or sun-sat (0 = Sunday)',
  },
];

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const ONE_SECOND_NANOSECONDS = 1_000_000_000n;

type Step<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

function failed<T>(message: string): Step<T> {
  return { ok: false, message };
}

/** Go's `unicode.IsSpace`, which `strings.Fields` and `strings.TrimSpace` use. */
function isGoSpace(code: number): boolean {
  switch (code) {
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return code >= 0x2000 && code <= 0x200a;
  }
}

/** Go's `strings.Fields`: the runs of non-space characters. */
function goFields(text: string): string[] {
  const fields: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isGoSpace(text.charCodeAt(i));
    if (space && start >= 0) {
      fields.push(text.slice(start, i));
      start = -1;
    } else if (!space && start < 0) {
      start = i;
    }
  }
  return fields;
}

/** Go's `strings.TrimSpace`. */
function goTrimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Go's `strings.ToLower` as far as it matters for ASCII names (Go maps `İ` to a plain `i`). */
function goToLower(text: string): string {
  return text.replace(/\u0130/g, 'i').toLowerCase();
}

/** Go's `strconv.Atoi` on a 64-bit platform. */
function goAtoi(text: string): { kind: 'ok'; value: bigint } | { kind: 'syntax' | 'range' } {
  if (!/^[+-]?[0-9]+$/.test(text)) return { kind: 'syntax' };
  const value = BigInt(text);
  if (value > INT64_MAX || value < INT64_MIN) return { kind: 'range' };
  return { kind: 'ok', value };
}

function quote(text: string): string {
  return describeValue(text);
}

/** A hint for the usual off-by-one mistakes with a number outside a field's range. */
function boundHint(rule: FieldRule, value: bigint): string {
  if (rule.name === 'day-of-week' && value === 7n) return ' (use 0 or sun for Sunday)';
  if (rule.name === 'hour' && value === 24n) return ' (use 0 for midnight)';
  if (rule.name === 'minute' && value === 60n) return ' (use 0 for the full hour)';
  if (rule.name === 'day-of-month' && value === 0n) return ' (days of the month start at 1)';
  if (rule.name === 'month' && value === 0n) return ' (months start at 1 = jan)';
  return '';
}

/** robfig's `parseIntOrName` with a message naming the field and the range expression. */
function parseBound(part: string, rule: FieldRule, expr: string): Step<bigint> {
  if (rule.names !== undefined) {
    const named = rule.names.get(goToLower(part));
    if (named !== undefined) return { ok: true, value: BigInt(named) };
  }
  const parsed = goAtoi(part);
  if (parsed.kind === 'ok') {
    // Bounds cannot be negative: a "-" always splits the range first.
    return { ok: true, value: parsed.value };
  }
  const where = `${rule.name} ${quote(expr)}`;
  const what = part === expr ? where : `${where}: ${quote(part)}`;
  if (part === '') {
    return failed(
      `${where} is missing a number (write N, N-M, */S or N/S); allowed ${rule.allowed}`,
    );
  }
  if (parsed.kind === 'range') {
    return failed(`${what} is far above the maximum ${rule.max}; allowed ${rule.allowed}`);
  }
  if (/#|^\d*[LW]+$/.test(part)) {
    return failed(
      `${where} uses Quartz syntax (L, W or #), which Velero's parser does not support; allowed ${rule.allowed}`,
    );
  }
  if (rule.names !== undefined) {
    const lower = goToLower(part);
    const abbreviation = lower.slice(0, 3);
    const hint =
      lower.length > 3 && rule.names.has(abbreviation)
        ? ` (use the three-letter name ${quote(abbreviation)})`
        : '';
    return failed(`${what} is not a number or a name${hint}; allowed ${rule.allowed}`);
  }
  return failed(`${what} is not a number; allowed ${rule.allowed}`);
}

interface ParsedRange {
  readonly values: readonly number[];
  readonly wildcard: boolean;
}

/** robfig's `getRange`: one element of a field's comma-separated list. */
function parseRange(expr: string, rule: FieldRule, dialect: CronDialect): Step<ParsedRange> {
  const where = `${rule.name} ${quote(expr)}`;
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const single = lowAndHigh.length === 1;
  const min = BigInt(rule.min);
  const max = BigInt(rule.max);
  let start: bigint;
  let end: bigint;
  let wildcard = false;
  const first = lowAndHigh[0] ?? '';
  if (first === '*' || first === '?') {
    // robfig ignores anything after "*-" or "?-".
    start = min;
    end = max;
    wildcard = true;
  } else {
    const low = parseBound(first, rule, expr);
    if (!low.ok) return low;
    start = low.value;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const high = parseBound(lowAndHigh[1] ?? '', rule, expr);
      if (!high.ok) return high;
      end = high.value;
    } else {
      return failed(
        `${where} has more than one "-"; a range is written N-M, e.g. 1-5; allowed ${rule.allowed}`,
      );
    }
  }

  let step = 1n;
  if (rangeAndStep.length === 2) {
    const stepText = rangeAndStep[1] ?? '';
    const parsed = goAtoi(stepText);
    if (parsed.kind !== 'ok') {
      if (stepText === '') return failed(`${where} has no step after "/"; write e.g. */5`);
      return failed(
        `${where} has the step ${quote(stepText)}, which is not a whole number; write e.g. */5`,
      );
    }
    if (parsed.value < 0n) {
      return failed(`${where} has a negative step; the step must be at least 1, e.g. */5`);
    }
    step = parsed.value;
    // "N/S" means N through the field's maximum.
    if (single) end = max;
    // v3.0.1 drops the star bit of "*/S" (robfig/cron commit 0f01e6b, issue #70); v1.1.0 keeps it.
    if (step > 1n && dialect === 'v3.0.1') wildcard = false;
  } else if (rangeAndStep.length > 2) {
    return failed(`${where} has more than one "/"; a step is written once, e.g. */5 or 10-50/5`);
  }

  if (start < min) {
    return failed(
      `${where} ${single ? 'is' : 'starts'} below the minimum ${rule.min}${boundHint(rule, start)}; allowed ${rule.allowed}`,
    );
  }
  if (end > max) {
    const plain = single && rangeAndStep.length === 1;
    return failed(
      `${where} ${plain ? 'is above' : 'goes above'} the maximum ${rule.max}${boundHint(rule, end)}; allowed ${rule.allowed}`,
    );
  }
  if (start > end) {
    if (start > max) {
      return failed(
        `${where} starts at ${start}, above the maximum ${rule.max}${boundHint(rule, start)}; allowed ${rule.allowed}`,
      );
    }
    const wrapped =
      rangeAndStep.length === 1
        ? `; ranges do not wrap around, so write ${quote(
            `${start === max ? `${start}` : `${start}-${max}`},${min === end ? `${end}` : `${min}-${end}`}`,
          )}`
        : '; ranges do not wrap around';
    return failed(`${where} starts after it ends (${start} > ${end})${wrapped}`);
  }
  if (step === 0n) {
    return failed(`${where} has a step of 0; the step must be at least 1, e.g. */5`);
  }

  const values: number[] = [];
  const stride = Number(step > 64n ? 64n : step);
  for (let value = Number(start); value <= Number(end); value += stride) values.push(value);
  return { ok: true, value: { values, wildcard } };
}

/** robfig's `getField`: a comma-separated list of ranges (empty list elements are skipped). */
function parseField(text: string, rule: FieldRule, dialect: CronDialect): Step<CronField> {
  const seen = new Set<number>();
  let wildcard = false;
  for (const expr of text.split(',')) {
    if (expr === '') continue;
    const range = parseRange(expr, rule, dialect);
    if (!range.ok) return range;
    for (const value of range.value.values) seen.add(value);
    wildcard = wildcard || range.value.wildcard;
  }
  const values = [...seen].sort((a, b) => a - b);
  return { ok: true, value: { text, values, wildcard } };
}

function parseFields(texts: readonly string[], dialect: CronDialect): Step<CronFields> {
  const parsed: CronField[] = [];
  for (const [index, rule] of FIELD_RULES.entries()) {
    const field = parseField(texts[index] ?? '', rule, dialect);
    if (!field.ok) return field;
    parsed.push(field.value);
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parsed as [
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
  ];
  return { ok: true, value: { minute, hour, dayOfMonth, month, dayOfWeek } };
}

function fieldCountMessage(spec: string, fields: readonly string[], dialect: CronDialect): string {
  const count = fields.length;
  if (count === 0) {
    return `the schedule is blank; expected ${CRON_ALLOWED_BY_DIALECT[dialect]}`;
  }
  let message = `${quote(spec)} has ${count} field${count === 1 ? '' : 's'}, but Velero's cron parser takes exactly 5: minute hour day-of-month month day-of-week`;
  if (count === 1 && (fields[0] ?? '').startsWith('@')) {
    return `${message}; a descriptor must start the schedule, so remove the whitespace before ${quote(fields[0] ?? '')}`;
  }
  if (count > 5) {
    message += `; it has no seconds field${count > 6 ? ' and no year field' : ''}`;
    const withoutSeconds = fields.slice(1, 6);
    if (parseFields(withoutSeconds, dialect).ok) {
      message += `, so drop the ${count > 6 ? 'first and last fields' : 'first field'}: ${quote(withoutSeconds.join(' '))}`;
    }
  }
  return message;
}

function descriptorMessage(spec: string, dialect: CronDialect): string {
  const known =
    'Velero\'s parser accepts @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly and "@every <Go duration>"';
  const lower = spec.toLowerCase();
  const trimmed = goTrimSpace(spec);
  let hint = '';
  if (trimmed !== spec && parseSpec(trimmed, spec, undefined, dialect).ok) {
    hint = `; remove the whitespace after ${quote(trimmed)}`;
  } else if ((CRON_DESCRIPTORS as readonly string[]).includes(goTrimSpace(lower))) {
    hint = `; descriptors are lowercase: write ${quote(goTrimSpace(lower))}`;
  } else if (lower.startsWith('@every')) {
    hint =
      spec.startsWith('@every') || lower === '@every'
        ? '; write "@every <duration>" with one space before the duration, e.g. "@every 1h"'
        : '; descriptors are lowercase: write "@every <duration>", e.g. "@every 1h"';
  } else if (lower === '@reboot') {
    hint = ' (@reboot has no meaning for Velero)';
  }
  return `unrecognized descriptor ${quote(spec)}${hint}; ${known}`;
}

/** robfig's `parseDescriptor`. */
function parseDescriptor(
  spec: string,
  expression: string,
  timeZone: CronTimeZone | undefined,
  dialect: CronDialect,
): CronParseResult {
  const descriptor = CRON_DESCRIPTORS.find((candidate) => candidate === spec);
  if (descriptor !== undefined) {
    const equivalent = CRON_DESCRIPTOR_EQUIVALENTS[descriptor];
    const fields = parseFields(goFields(equivalent), dialect);
    if (!fields.ok) return fields;
    return {
      ok: true,
      cron: {
        kind: 'descriptor',
        expression,
        dialect,
        timeZone,
        descriptor,
        equivalent,
        fields: fields.value,
      },
    };
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    const durationText = spec.slice(every.length);
    const nanoseconds = parseGoDurationNanoseconds(durationText);
    if (nanoseconds === undefined) {
      const why = checkGoDuration(durationText, { allowNegative: true }) ?? 'not a Go duration';
      return { ok: false, message: `"@every" needs a Go duration: ${why}` };
    }
    const interval =
      nanoseconds < ONE_SECOND_NANOSECONDS
        ? ONE_SECOND_NANOSECONDS
        : nanoseconds - (nanoseconds % ONE_SECOND_NANOSECONDS);
    return {
      ok: true,
      cron: {
        kind: 'every',
        expression,
        dialect,
        timeZone,
        duration: formatGoDurationNanoseconds(nanoseconds),
        intervalMilliseconds: Number(interval / 1_000_000n),
      },
    };
  }
  return { ok: false, message: descriptorMessage(spec, dialect) };
}

/** The part of robfig's `Parse` after the time-zone prefix. */
function parseSpec(
  spec: string,
  expression: string,
  timeZone: CronTimeZone | undefined,
  dialect: CronDialect,
): CronParseResult {
  if (spec.startsWith('@')) return parseDescriptor(spec, expression, timeZone, dialect);
  const texts = goFields(spec);
  if (texts.length !== 5) return { ok: false, message: fieldCountMessage(spec, texts, dialect) };
  const fields = parseFields(texts, dialect);
  if (!fields.ok) return fields;
  return {
    ok: true,
    cron: {
      kind: 'fields',
      expression,
      dialect,
      timeZone,
      fields: fields.value,
      neverRunsBecause: neverRunsReason(fields.value, dialect),
    },
  };
}

function zoneMessage(zone: string): string {
  const refused = explainNonIanaTimeZone(zone);
  if (refused !== undefined) return `time zone ${quote(zone)}: ${refused}`;
  const suggestion = suggestIanaTimeZone(zone);
  const hint =
    suggestion === undefined
      ? ''
      : suggestion.toLowerCase() === zone.toLowerCase()
        ? ` (names are case-sensitive: did you mean ${quote(suggestion)}?)`
        : ` (did you mean ${quote(suggestion)}?)`;
  return `time zone ${quote(zone)} is not one Go's time.LoadLocation can load${hint}; use an IANA name such as Europe/Berlin, America/New_York or UTC`;
}

/**
 * Parses a Velero schedule exactly as robfig/cron's `cron.ParseStandard` (and so Velero's
 * schedule controller) does, in the dialect of the target Velero release (`options.dialect`:
 * robfig/cron `v3.0.1`, the default, for Velero 1.15 and later; `v1.1.0` for Velero 1.14 and
 * older), and describes it: its kind (`fields`, `descriptor` or `every`), its time zone, and the
 * values each field matches.
 *
 * Accepted: in `v3.0.1` only, an optional `CRON_TZ=<zone> ` or `TZ=<zone> ` prefix (the zone runs
 * to the first space and must be a zone Go can load, see {@link isIanaTimeZone}); then
 * `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`,
 * `@every <Go duration>`, or exactly five whitespace-separated fields (minute 0-59, hour 0-23,
 * day-of-month 1-31, month 1-12 or `jan`-`dec`, day-of-week 0-6 or `sun`-`sat`, names in any
 * case). Each field is a comma list of `*`, `?`, `N` or `N-M`, each optionally followed by
 * `/step`; `N/step` runs from N to the field's maximum. Numbers are read like Go's
 * `strconv.Atoi` (`+5` and `05` are fine).
 *
 * Quirks of robfig/cron kept on purpose, because Velero accepts them too: empty list elements are
 * skipped (`1,,2`), anything after `*-` is ignored, and `@every` below one second runs every
 * second. Expressions that parse but can never run are accepted here and flagged in
 * {@link ParsedCronFields.neverRunsBecause}; {@link checkCron} rejects them.
 */
export function parseCron(value: string, options: CronParseOptions = {}): CronParseResult {
  const dialect = dialectOf(options);
  if (dialect === undefined) {
    return {
      ok: false,
      message: `unknown cron dialect ${describeValue(options?.dialect)}; allowed ${CRON_DIALECTS.join(', ')}`,
    };
  }
  const allowed = CRON_ALLOWED_BY_DIALECT[dialect];
  if (typeof value !== 'string') {
    return {
      ok: false,
      message: `expected a string holding ${allowed}, but received ${typeName(value)}`,
    };
  }
  if (value.length === 0) {
    return { ok: false, message: `the schedule is empty; expected ${allowed}` };
  }
  let spec = value;
  let timeZone: CronTimeZone | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const prefix = spec.startsWith('TZ=') ? 'TZ' : 'CRON_TZ';
    if (dialect === 'v1.1.0') {
      // robfig/cron v1.1.0 has no time-zone prefix: "TZ=..." is read as the minute field.
      return {
        ok: false,
        message: `${quote(value)} starts with a time-zone prefix (${prefix}=), which only Velero 1.15 and later read (robfig/cron v3); Velero 1.14 and older parse schedules with robfig/cron v1.1.0, which takes it for the minute field and rejects the schedule; remove the prefix (the schedule then runs in the Velero server's zone, UTC in the stock image) or target Velero 1.15 or later`,
      };
    }
    const equals = spec.indexOf('=');
    const space = spec.indexOf(' ');
    if (space < 0) {
      // robfig/cron slices past the end here and panics; Velero reports "invalid schedule".
      const rest = spec.slice(equals + 1);
      const zone = goFields(rest)[0] ?? '';
      const separated = goTrimSpace(rest) !== rest || goFields(rest).length > 1;
      return {
        ok: false,
        message: separated
          ? `${quote(value)}: the time zone must be followed by a plain space, as in ${quote(`${prefix}=${zone} 0 3 * * *`)}`
          : `${quote(value)} has a time-zone prefix but no schedule after it; write e.g. ${quote(`${prefix}=${zone} 0 3 * * *`)}`,
      };
    }
    const zone = spec.slice(equals + 1, space);
    if (zone !== '' && zone !== 'UTC' && !isIanaTimeZone(zone)) {
      return { ok: false, message: zoneMessage(zone) };
    }
    timeZone = { prefix, name: zone === '' ? 'UTC' : zone };
    spec = goTrimSpace(spec.slice(space));
    if (spec === '') {
      return {
        ok: false,
        message: `${quote(value)} has a time-zone prefix but no schedule after it; write e.g. ${quote(`${prefix}=${zone} 0 3 * * *`)}`,
      };
    }
  }
  return parseSpec(spec, value, timeZone, dialect);
}

function dialectOf(options: CronParseOptions | undefined): CronDialect | undefined {
  const dialect: unknown = options?.dialect;
  if (dialect === undefined) return DEFAULT_CRON_DIALECT;
  return (CRON_DIALECTS as readonly unknown[]).includes(dialect)
    ? (dialect as CronDialect)
    : undefined;
}

/**
 * Checks that `value` is a schedule Velero accepts and that can run, in the dialect of the target
 * Velero release (`options.dialect`, default `v3.0.1`, see {@link parseCron}). Returns
 * `undefined` when it is, and otherwise one message naming the problem: the field (e.g.
 * `day-of-week`), the bad token and the allowed range, e.g.
 * `day-of-week "7" is above the maximum 6 (use 0 or sun for Sunday)`. Accepts exactly what
 * {@link parseCron} accepts, except expressions that can never run
 * ({@link ParsedCronFields.neverRunsBecause}). Never throws.
 */
export function checkCron(value: unknown, options: CronParseOptions = {}): string | undefined {
  const dialect = dialectOf(options);
  if (typeof value !== 'string' || dialect === undefined) {
    const result = parseCron(value as string, options);
    return result.ok ? undefined : result.message;
  }
  // Programs declare many schedules with the same few expressions: remember the verdicts.
  const key = `${dialect} ${value}`;
  if (checkedCrons.has(key)) return checkedCrons.get(key);
  const result = parseCron(value, { dialect });
  const verdict = !result.ok
    ? result.message
    : result.cron.kind === 'fields'
      ? result.cron.neverRunsBecause
      : undefined;
  if (checkedCrons.size >= MAX_REMEMBERED_CRONS) checkedCrons.clear();
  checkedCrons.set(key, verdict);
  return verdict;
}

/**
 * {@link checkCron} as the validation issue of a field: none for a good schedule, else one at
 * `path` with what the dialect allows.
 *
 * @param value the schedule
 * @param path the field's path, e.g. `spec.schedule`
 * @param options the dialect
 */
export function checkCronField(
  value: unknown,
  path: string,
  options: CronParseOptions = {},
): ValidationIssue[] {
  const problem = checkCron(value, options);
  if (problem === undefined) return [];
  const dialect = dialectOf(options) ?? DEFAULT_CRON_DIALECT;
  return [issue(path, problem, { received: value, allowed: CRON_ALLOWED_BY_DIALECT[dialect] })];
}

const MAX_REMEMBERED_CRONS = 256;
const checkedCrons = new Map<string, string | undefined>();
