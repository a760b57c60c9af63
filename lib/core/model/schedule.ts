import { issue } from '../errors';
import { CRON_ALLOWED, checkCron } from '../rules/cron';
import { checkEveryInterval } from '../rules/everyInterval';
import { bool, type ObjectField, obj, str, withChecks } from '../schema/fieldSchema';
import { backupSpecSchema } from './backupSpec';

/** Velero's `ScheduleSpec`: a cron expression and a backup template. */
export const scheduleSpecSchema: ObjectField = obj(
  {
    schedule: withChecks(
      str(),
      (value, path) => {
        const problem = checkCron(value);
        return problem === undefined
          ? []
          : [issue(path, problem, { received: value, allowed: CRON_ALLOWED })];
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
