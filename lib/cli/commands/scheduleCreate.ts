import type { Command } from 'commander';
import { scheduleManifest } from '../../core/manifests/builders';
import { everyIntervalProblem } from '../../core/rules/everyInterval';
import { usageError } from '../cliError';
import { renderObject } from '../render';
import {
  addBackupSpecOptions,
  BACKUP_FLAGS_BY_FIELD,
  backupSpecFromOptions,
} from '../velero/backupFlags';
import { FlagProblems } from '../velero/flagProblems';
import { parseBool, parseMap } from '../velero/flagValues';
import {
  addMetadataOptions,
  addNamespaceOption,
  addOutputOption,
  addVeleroVersionOption,
  outputFormat,
  type RawOptions,
  rawString,
  rawStrings,
  veleroVersionOption,
} from '../velero/options';
import type { CommandContext } from './context';

const FLAGS = {
  ...BACKUP_FLAGS_BY_FIELD,
  name: 'NAME',
  schedule: '--schedule',
  paused: '--paused',
  skipImmediately: '--skip-immediately',
  useOwnerReferencesInBackup: '--use-owner-references-in-backup',
};

/** The plain boolean flags of `schedule create` (bare = true). */
export const SCHEDULE_CREATE_BARE_TRUE_FLAGS: readonly string[] = [
  '--paused',
  '--use-owner-references-in-backup',
];

/** `--skip-immediately` has no bare form in velero: bare, it leaves the field unset. */
export const SCHEDULE_CREATE_BARE_UNSET_FLAGS: readonly string[] = ['--skip-immediately'];

/**
 * `velero-iac schedule create NAME --schedule CRON`: every flag of `velero schedule create`,
 * printing the Schedule velero would submit (the backup flags fill `spec.template`; `--labels`
 * label the Schedule itself; `--annotations` is ignored, as velero ignores it;
 * `useOwnerReferencesInBackup` is always written).
 */
export function registerScheduleCreate(schedule: Command, ctx: CommandContext): void {
  const cmd = schedule
    .command('create')
    .summary('print the Schedule `velero schedule create` would create')
    .description(
      'Print the Schedule `velero schedule create` would create, as YAML or JSON, without a cluster.',
    )
    .argument('<NAME>', 'the Schedule name (at most 48 characters)')
    .option('--schedule <string>', 'A cron expression defining when to run the Backup (required)')
    .option(
      '--use-owner-references-in-backup [bool]',
      'Make each Backup owned by the Schedule (default false; always written)',
    )
    .option('--paused [bool]', 'Create the schedule paused')
    .option(
      '--skip-immediately <optionalBool>',
      'Skip the first scheduled backup: --skip-immediately=true|false (bare, it leaves the field unset, as in velero)',
    );
  addBackupSpecOptions(cmd);
  addMetadataOptions(cmd, '; velero ignores it on schedule create, and so does velero-iac');
  addNamespaceOption(cmd);
  addOutputOption(cmd);
  addVeleroVersionOption(cmd);
  cmd.action((name: string, opts: RawOptions) => {
    const format = outputFormat(opts);
    const veleroVersion = veleroVersionOption(opts);
    const cron = rawString(opts, 'schedule');
    if (cron === undefined || cron === '') {
      throw usageError('--schedule is required: a cron expression such as "0 3 * * *"');
    }
    const problems = new FlagProblems();
    const namespace = rawString(opts, 'namespace') ?? 'velero';
    const labels = problems.read(() => parseMap(rawStrings(opts, 'labels'), '--labels'));
    const annotations = problems.read(() =>
      parseMap(rawStrings(opts, 'annotations'), '--annotations'),
    );
    if (annotations !== undefined) {
      ctx.io.stderr(
        'Note: --annotations is ignored: velero schedule create does not write them, so neither does velero-iac.\n',
      );
    }
    if (rawString(opts, 'skipImmediately') === '') {
      ctx.io.stderr(
        'Note: --skip-immediately without =true or =false leaves spec.skipImmediately unset, as velero does.\n',
      );
    }
    const template = backupSpecFromOptions(opts, problems);
    const paused = problems.read(() => parseBool(rawString(opts, 'paused'), '--paused'));
    const useOwnerReferencesInBackup = problems.read(() =>
      parseBool(rawString(opts, 'useOwnerReferencesInBackup'), '--use-owner-references-in-backup'),
    );
    const skipImmediately = problems.read(() =>
      parseBool(rawString(opts, 'skipImmediately'), '--skip-immediately'),
    );
    const tooOften = everyIntervalProblem(cron);
    const manifest = problems.build(FLAGS, () =>
      scheduleManifest({
        name,
        namespace,
        labels,
        schedule: cron,
        template,
        useOwnerReferencesInBackup: useOwnerReferencesInBackup ?? false,
        paused: paused === true ? true : undefined,
        skipImmediately,
        veleroVersion,
        // velero accepts it, so velero-iac prints it too, with a warning.
        allowIntervalsUnderOneMinute: true,
      }),
    );
    if (tooOften !== undefined) {
      ctx.io.stderr(
        `Warning: --schedule ${JSON.stringify(cron)} ${tooOften.replace(/, or set `.*$/, '')}. velero accepts it; the velero-iac builders refuse it unless allowIntervalsUnderOneMinute is true.\n`,
      );
    }
    ctx.io.stdout(renderObject(manifest, format));
  });
}
