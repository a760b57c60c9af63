/**
 * Prometheus durations (`model.ParseDuration`, used by `for:`, `interval:` and range selectors),
 * and the durations the alert options accept: a Prometheus duration or a Go duration.
 */

import { GO_DURATION_ALLOWED, parseGoDuration } from '../rules/duration';

/** What the alert options accept as a duration, for the `allowed` text of validation issues. */
export const ALERT_DURATION_ALLOWED = `a Prometheus duration such as 5m, 1h30m or 2d (units y, w, d, h, m, s, ms, largest first), or ${GO_DURATION_ALLOWED}`;

// Prometheus 2.x `model.ParseDuration`: each unit at most once, largest first; a year is 365 days.
const PROMETHEUS_DURATION =
  /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [
  365 * 86_400_000,
  7 * 86_400_000,
  86_400_000,
  3_600_000,
  60_000,
  1_000,
  1,
] as const;

/**
 * Parses a Prometheus duration (`5m`, `1h30m`, `2d`, `0`) as Prometheus 2.x does and returns
 * milliseconds, or `undefined` when Prometheus would reject it (an empty string, `1.5h`, `30m1h`).
 */
export function parsePrometheusDuration(text: string): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  if (text === '0') return 0;
  const match = PROMETHEUS_DURATION.exec(text);
  if (match === null) return undefined;
  let total = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const digits = match[i + 1];
    if (digits !== undefined) total += Number(digits) * (UNIT_MS[i] as number);
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/**
 * Parses a duration given to the alert options: a Prometheus duration (`2d`, `90m`) or a Go
 * duration (`1h30m0s`, `1.5h`), in milliseconds; `undefined` when it is neither or negative.
 */
export function parseAlertDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const prometheus = parsePrometheusDuration(text);
  if (prometheus !== undefined) return prometheus;
  const go = parseGoDuration(text);
  return go === undefined || go < 0 ? undefined : go;
}

/**
 * Formats milliseconds as a Prometheus duration with days, hours, minutes, seconds and
 * milliseconds, largest first: `1d1h`, `47h` is `1d23h`, `5m`, `0s`. Prometheus reads it back to
 * the same value.
 */
export function formatPrometheusDuration(milliseconds: number): string {
  let rest = Math.max(0, Math.round(milliseconds));
  if (rest === 0) return '0s';
  let text = '';
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
    ['ms', 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
