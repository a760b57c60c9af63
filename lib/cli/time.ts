const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `YYYYMMDDhhmmss` of an instant in the machine's local zone: how `velero restore create` names a
 * restore when no name is given (it formats `time.Now()` without converting to UTC).
 */
export function localTimestamp(at: Date): string {
  return (
    pad(at.getFullYear(), 4) +
    pad(at.getMonth() + 1) +
    pad(at.getDate()) +
    pad(at.getHours()) +
    pad(at.getMinutes()) +
    pad(at.getSeconds())
  );
}

/** `YYYY-MM-DD` of an instant in UTC. */
export function utcDate(at: Date): string {
  return `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}
