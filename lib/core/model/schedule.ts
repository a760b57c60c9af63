import { type CronDialect, checkCronField, DEFAULT_CRON_DIALECT } from '../rules/cron';
import { checkEveryInterval } from '../rules/everyInterval';
import { bool, type ObjectField, obj, str, withChecks } from '../schema/fieldSchema';
import { backupSpecSchema } from './backupSpec';

const schemas = new Map<string, ObjectField>();

/**
 * Velero's `ScheduleSpec` for a Velero release whose server parses the cron expression with the
 * robfig/cron `dialect` (`v1.1.0` up to Velero 1.14, `v3.0.1` from 1.15). The `@every` interval
 * rule (at least one minute) applies unless `allowIntervalsUnderOneMinute` is true.
 */
export function scheduleSpecSchemaFor(
  dialect: CronDialect,
  allowIntervalsUnderOneMinute = false,
): ObjectField {
  const key = `${dialect} ${allowIntervalsUnderOneMinute}`;
  const cached = schemas.get(key);
  if (cached !== undefined) return cached;
  const checkCronOf = (value: unknown, path: string) => checkCronField(value, path, { dialect });
  const schema = obj(
    {
      schedule: allowIntervalsUnderOneMinute
        ? withChecks(str(), checkCronOf)
        : withChecks(str(), checkCronOf, checkEveryInterval),
      template: backupSpecSchema,
      useOwnerReferencesInBackup: bool({ nullable: true }),
      paused: bool(),
      skipImmediately: bool(),
    },
    { required: ['schedule', 'template'] },
  );
  schemas.set(key, schema);
  return schema;
}

/** Velero's `ScheduleSpec` as the newest release checks it: a cron expression and a backup template. */
export const scheduleSpecSchema: ObjectField = scheduleSpecSchemaFor(DEFAULT_CRON_DIALECT);
