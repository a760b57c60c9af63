import { issue } from '../errors';
import {
  CRON_ALLOWED_BY_DIALECT,
  type CronDialect,
  checkCron,
  DEFAULT_CRON_DIALECT,
} from '../rules/cron';
import { checkEveryInterval } from '../rules/everyInterval';
import { bool, type ObjectField, obj, str, withChecks } from '../schema/fieldSchema';
import { backupSpecSchema } from './backupSpec';

const schemas = new Map<CronDialect, ObjectField>();

/**
 * Velero's `ScheduleSpec` for a Velero release whose server parses the cron expression with the
 * robfig/cron `dialect` (`v1.1.0` up to Velero 1.14, `v3.0.1` from 1.15).
 */
export function scheduleSpecSchemaFor(dialect: CronDialect): ObjectField {
  const cached = schemas.get(dialect);
  if (cached !== undefined) return cached;
  const schema = obj(
    {
      schedule: withChecks(
        str(),
        (value, path) => {
          const problem = checkCron(value, { dialect });
          return problem === undefined
            ? []
            : [
                issue(path, problem, {
                  received: value,
                  allowed: CRON_ALLOWED_BY_DIALECT[dialect],
                }),
              ];
        },
        checkEveryInterval,
      ),
      template: backupSpecSchema,
      useOwnerReferencesInBackup: bool({ nullable: true }),
      paused: bool(),
      skipImmediately: bool(),
    },
    { required: ['schedule', 'template'] },
  );
  schemas.set(dialect, schema);
  return schema;
}

/** Velero's `ScheduleSpec` as the newest release checks it: a cron expression and a backup template. */
export const scheduleSpecSchema: ObjectField = scheduleSpecSchemaFor(DEFAULT_CRON_DIALECT);
