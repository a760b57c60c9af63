import { parseGoDuration } from './rules/duration';
import type { ScheduleManifest } from './types/schedule';

/**
 * The TTL Velero gives a backup whose `ttl` is unset or `0`: the server's `--default-backup-ttl`
 * (720h unless the server was started with another value).
 */
export const VELERO_DEFAULT_BACKUP_TTL = '720h0m0s';

/** A backup TTL as Velero applies it: the text and its length in milliseconds. */
export interface EffectiveBackupTtl {
  /** The Go duration, `VELERO_DEFAULT_BACKUP_TTL` when unset or zero. */
  readonly ttl: string;
  /** Its length in milliseconds. */
  readonly ms: number;
}

/** The TTL Velero applies for a `ttl` field: the field itself, or the server default when unset or `0`. */
export function effectiveBackupTtl(ttl: string | undefined): EffectiveBackupTtl {
  const ms = ttl === undefined ? undefined : parseGoDuration(ttl);
  if (ttl === undefined || ms === undefined || ms <= 0) {
    return { ttl: VELERO_DEFAULT_BACKUP_TTL, ms: parseGoDuration(VELERO_DEFAULT_BACKUP_TTL) ?? 0 };
  }
  return { ttl, ms };
}

/** The shortest effective TTL among schedules, with the schedule it comes from. */
export function shortestScheduleTtl(
  schedules: readonly ScheduleManifest[],
): (EffectiveBackupTtl & { schedule: string }) | undefined {
  let best: (EffectiveBackupTtl & { schedule: string }) | undefined;
  for (const schedule of schedules) {
    const effective = effectiveBackupTtl(schedule.spec.template.ttl);
    if (best === undefined || effective.ms < best.ms) {
      best = { ...effective, schedule: schedule.metadata.name };
    }
  }
  return best;
}
