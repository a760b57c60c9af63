import { issue, VeleroConfigError } from '../errors';
import { isPlainObject } from '../schema/checkShape';
import type { BackupManifest } from '../types/backup';
import type { ScheduleManifest } from '../types/schedule';
import { validateManifest } from '../validateManifest';
import type { VeleroTargetOptions } from '../versions/veleroVersion';
import { backupManifest } from './builders';
import { subjectOf } from './buildVeleroManifest';
import { timestampedName } from './timestampedName';

/** The label Velero puts on every Backup created from a Schedule, holding the raw schedule name. */
export const SCHEDULE_NAME_LABEL = 'velero.io/schedule-name';

/** Options for {@link backupFromSchedule}. */
export interface BackupFromScheduleOptions extends VeleroTargetOptions {
  /**
   * The Backup's name.
   * @default `<schedule>-<YYYYMMDDhhmmss>` of `at`, in UTC (as the velero CLI names it)
   */
  name?: string;
  /**
   * The instant the default name is taken from.
   * @default now
   */
  at?: Date;
  /**
   * Extra labels, merged over the ones copied from the schedule (as `--labels` does).
   * @default none
   */
  labels?: Record<string, string>;
  /**
   * Extra annotations, merged over the schedule's (as `--annotations` does).
   * @default none
   */
  annotations?: Record<string, string>;
}

/**
 * The Backup that `velero backup create [NAME] --from-schedule S` creates: the spec is the
 * schedule's template (including `template.metadata`); labels come from `template.metadata.labels`
 * when set, else from the schedule, plus `velero.io/schedule-name: S`; annotations are the
 * schedule's. A `resourcePolicy` is rewritten to `{kind: configmap, name}` as Velero does.
 *
 * The ownerReference Velero adds when `useOwnerReferencesInBackup` is true needs the Schedule's
 * uid, which only exists in a cluster, so it is not added here. The schedule and the Backup are
 * checked against the target release (`veleroVersion`, default 1.18).
 *
 * @throws VeleroConfigError when the schedule or the resulting Backup is invalid.
 */
export function backupFromSchedule(
  schedule: ScheduleManifest,
  options: BackupFromScheduleOptions = {},
): BackupManifest {
  if (options !== undefined && options !== null && !isPlainObject(options)) {
    throw new VeleroConfigError('backup from schedule', [
      issue('', 'the options must be an object', {
        received: options,
        allowed: '{ name?, at?, labels?, annotations?, veleroVersion? }',
      }),
    ]);
  }
  const { name, at, labels, annotations, veleroVersion }: BackupFromScheduleOptions = options ?? {};
  for (const [field, map] of [
    ['labels', labels],
    ['annotations', annotations],
  ] as const) {
    if (map !== undefined && !isPlainObject(map)) {
      throw new VeleroConfigError('backup from schedule', [
        issue(field, 'must be an object of string values', { received: map }),
      ]);
    }
  }
  // How often the Schedule fires does not change the Backup: a Schedule the builders allowed with
  // `allowIntervalsUnderOneMinute` (which a manifest does not carry) is not refused here.
  const problems = validateManifest(schedule, {
    veleroVersion,
    allowIntervalsUnderOneMinute: true,
  });
  if (problems.length > 0 || schedule.kind !== 'Schedule') {
    throw new VeleroConfigError(
      `source ${subjectOf('Schedule', isPlainObject(schedule?.metadata) ? schedule.metadata.name : undefined)}`,
      problems.length > 0
        ? problems
        : [
            {
              path: 'kind',
              message: 'backupFromSchedule needs a Schedule manifest',
              received: JSON.stringify(schedule.kind),
            },
          ],
    );
  }
  const scheduleName = schedule.metadata.name;
  const template = structuredClone(schedule.spec.template);
  if (template.resourcePolicy !== undefined) {
    template.resourcePolicy = { kind: 'configmap', name: template.resourcePolicy.name };
  }
  const copiedLabels =
    template.metadata?.labels !== undefined ? template.metadata.labels : schedule.metadata.labels;
  return backupManifest({
    name: name ?? timestampedName(scheduleName, at ?? new Date()),
    namespace: schedule.metadata.namespace,
    labels: { ...copiedLabels, [SCHEDULE_NAME_LABEL]: scheduleName, ...labels },
    annotations: { ...schedule.metadata.annotations, ...annotations },
    ...template,
    ...(veleroVersion === undefined ? {} : { veleroVersion }),
  });
}
