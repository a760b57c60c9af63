import type { RestoreDrill } from '../core/drills/restoreDrill';
import { issue, type ValidationIssue } from '../core/errors';
import { joinPath } from '../core/path';
import { isPlainObject } from '../core/schema/checkShape';
import type { ScheduleManifest } from '../core/types/schedule';
import type { VeleroVersion } from '../core/versions/veleroVersion';
import { checkVeleroRestoreDrillArgs, type VeleroRestoreDrillArgs } from './restoreDrill';

/**
 * A restore drill of the platform: a `VeleroRestoreDrill`'s arguments, its schedule by name. It
 * targets the platform's `veleroVersion`.
 */
export interface VeleroPlatformDrillArgs
  extends Omit<VeleroRestoreDrillArgs, 'schedule' | 'veleroVersion'> {
  /**
   * The name of the platform's schedule the drill verifies (the default schedule or one of
   * `extraSchedules`).
   * @default the default schedule
   */
  schedule?: string;
}

/** One drill the platform will create. */
export interface PlannedPlatformDrill {
  /** Where its arguments are, e.g. `drills[0]`. */
  readonly key: string;
  /** The `VeleroRestoreDrill` arguments. */
  readonly args: VeleroRestoreDrillArgs;
  /** What the core built from them. */
  readonly drill: RestoreDrill;
}

/**
 * The platform's drills, checked: by default one weekly drill of the default schedule (none when
 * the platform has no default schedule); `[]` for none.
 *
 * @param drills the platform's `drills` argument
 * @param schedules the platform's schedules
 * @param defaultSchedule the default schedule's name, when the platform has one
 * @param veleroVersion the release the platform targets
 */
export function planPlatformDrills(
  drills: unknown,
  schedules: readonly ScheduleManifest[],
  defaultSchedule: string | undefined,
  veleroVersion: VeleroVersion,
): { drills: PlannedPlatformDrill[]; issues: ValidationIssue[] } {
  const list: unknown = drills ?? (defaultSchedule === undefined ? [] : [{}]);
  if (!Array.isArray(list)) {
    return {
      drills: [],
      issues: [issue('drills', 'must be a list of drills ([] for none)', { received: drills })],
    };
  }
  const planned: PlannedPlatformDrill[] = [];
  const issues: ValidationIssue[] = [];
  const names = new Map<string, string>();
  list.forEach((item: unknown, index) => {
    const key = joinPath('drills', index);
    if (!isPlainObject(item)) {
      issues.push(issue(key, 'must be a drill object ({} for the defaults)', { received: item }));
      return;
    }
    const { schedule: scheduleName = defaultSchedule, ...options } =
      item as VeleroPlatformDrillArgs;
    if (scheduleName === undefined) {
      issues.push(
        issue(joinPath(key, 'schedule'), 'is required: the platform has no default schedule'),
      );
      return;
    }
    const schedule = schedules.find((s) => s.metadata.name === scheduleName);
    if (schedule === undefined) {
      issues.push(
        issue(joinPath(key, 'schedule'), 'names no schedule of the platform', {
          received: scheduleName,
          allowed: schedules.map((s) => s.metadata.name).join(', '),
        }),
      );
      return;
    }
    const args: VeleroRestoreDrillArgs = {
      ...options,
      veleroVersion,
      // The platform has already checked the schedule, with its own allowance for a short
      // `@every` interval; the drill only reads it.
      schedule: {
        ...schedule.metadata,
        ...schedule.spec,
        allowIntervalsUnderOneMinute: true,
        veleroVersion,
      },
    };
    const checked = checkVeleroRestoreDrillArgs(args);
    if (checked.drill === undefined) {
      issues.push(
        ...checked.issues.map((found) => ({
          ...found,
          path: found.path === '' ? key : `${key}.${found.path}`,
        })),
      );
      return;
    }
    const first = names.get(checked.drill.name);
    if (first !== undefined) {
      issues.push(
        issue(
          joinPath(key, 'name'),
          `is the name of ${first} too: every drill needs its own name`,
          {
            received: checked.drill.name,
          },
        ),
      );
      return;
    }
    names.set(checked.drill.name, key);
    planned.push({ key, args, drill: checked.drill });
  });
  return { drills: planned, issues };
}
