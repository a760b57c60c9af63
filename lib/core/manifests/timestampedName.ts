import { issue, VeleroConfigError } from '../errors';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYYMMDDhhmmss` of an instant in UTC, as Velero's `TimestampedName` formats it. */
export function veleroTimestamp(at: Date): string {
  if (
    !(at instanceof Date) ||
    Number.isNaN(at.getTime()) ||
    at.getUTCFullYear() < 0 ||
    at.getUTCFullYear() > 9999
  ) {
    throw new VeleroConfigError('timestamp', [
      issue('at', 'must be a valid Date between the years 0 and 9999', {
        received: String(at),
        allowed: 'a Date, e.g. new Date()',
      }),
    ]);
  }
  return (
    pad(at.getUTCFullYear(), 4) +
    pad(at.getUTCMonth() + 1) +
    pad(at.getUTCDate()) +
    pad(at.getUTCHours()) +
    pad(at.getUTCMinutes()) +
    pad(at.getUTCSeconds())
  );
}

/** `<name>-<YYYYMMDDhhmmss>` in UTC: how Velero names backups created from a schedule. */
export function timestampedName(name: string, at: Date): string {
  return `${name}-${veleroTimestamp(at)}`;
}
