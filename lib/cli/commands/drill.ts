import type { Command } from 'commander';
import { type RestoreDrill, restoreDrill } from '../../core/drills/restoreDrill';
import { VeleroConfigError } from '../../core/errors';
import {
  UDS_DEFAULT_SCHEDULE_NAME,
  udsDefaultSchedule,
} from '../../core/manifests/udsDefaultSchedule';
import type { ScheduleManifest } from '../../core/types/schedule';
import { CliError, EXIT_USAGE } from '../cliError';
import { renderObjects } from '../render';
import { describeIssueForFlags } from '../velero/coreErrors';
import {
  addVeleroVersionOption,
  outputFormat,
  type RawOptions,
  rawString,
  veleroVersionOption,
} from '../velero/options';
import { findSchedule, readTextInput } from '../velero/scheduleFile';
import type { CommandContext } from './context';

const FLAGS = {
  schedule: '--schedule-file',
  name: '--name',
  namespace: '--drill-namespace',
  namespaces: '--include-namespaces',
  scratchPrefix: '--scratch-prefix',
  cron: '--cron',
  timeZone: '--time-zone',
  restore: '--restore',
  verifyCommand: '--verify-command',
  restoreTimeout: '--restore-timeout',
  checkTimeout: '--check-timeout',
  cleanupTimeout: '--cleanup-timeout',
  image: '--image',
};

function list(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : text.split(',').filter((item) => item !== '');
}

/**
 * `velero-iac drill`: the restore drill of a schedule (the default schedule, or one read from
 * `--schedule-file`) as YAML or JSON, or with `--script` the drill script alone, to run one drill
 * by hand with one's own kubectl context.
 */
export function registerDrill(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('drill')
    .summary('print a restore drill of a schedule (CronJob, RBAC, script), or its script')
    .description(
      'Print the restore drill of a schedule: a CronJob that restores the newest Completed backup into scratch namespaces, ' +
        'checks the data came back, cleans up and succeeds only when every check passed, with its ServiceAccount, RBAC, admission policy and script.\n' +
        'The schedule is the default schedule unless --schedule-file names a file holding it. --script prints only the script ' +
        '(run it with sh and a kubectl context of your own). No cluster, cloud or network needed.',
    )
    .option(
      '--schedule-file <file>',
      'A YAML file (or - for stdin) holding the Schedule --schedule-name (default: the default schedule)',
    )
    .option('--schedule-name <name>', 'The Schedule to drill', UDS_DEFAULT_SCHEDULE_NAME)
    .option('-n, --namespace <namespace>', 'The namespace Velero runs in', 'velero')
    .option('--name <name>', 'The drill name (default: <schedule>-drill)')
    .option('--drill-namespace <namespace>', "The drill CronJob's namespace (default: Velero's)")
    .option(
      '--include-namespaces <stringArray>',
      "Namespaces to restore and verify, comma-separated (default: the schedule's)",
    )
    .option('--scratch-prefix <prefix>', 'Prefix of the scratch namespaces', 'velero-drill-')
    .option('--cron <expression>', 'When the drill runs (default: weekly, after the backup)')
    .option('--time-zone <zone>', "The cron's IANA time zone (default: the schedule's)")
    .option('--restore <what>', 'volumes (claims, checked by a pod each) or namespace', 'volumes')
    .option('--verify-command <command>', 'With --restore volumes: the check each pod runs')
    .option('--restore-timeout <duration>', 'How long Velero gets for the Restore', '1h')
    .option('--check-timeout <duration>', 'How long the checks get', '30m')
    .option('--cleanup-timeout <duration>', 'How long the clean-up gets', '15m')
    .option(
      '--image <image>',
      'An image with kubectl and a POSIX shell (default: pinned alpine/kubectl)',
    )
    .option('--script', 'Print only the drill script')
    .option('-o, --output <format>', 'yaml (documents separated by ---) or json (a list)', 'yaml');
  addVeleroVersionOption(cmd);
  cmd.action(async (opts: RawOptions) => {
    const format = outputFormat(opts);
    const veleroVersion = veleroVersionOption(opts);
    const namespace = rawString(opts, 'namespace') ?? 'velero';
    const scheduleName = rawString(opts, 'scheduleName') ?? UDS_DEFAULT_SCHEDULE_NAME;
    const file = rawString(opts, 'scheduleFile');
    let schedule: ScheduleManifest;
    try {
      schedule =
        file === undefined
          ? udsDefaultSchedule({ name: scheduleName, namespace, veleroVersion })
          : findSchedule(
              await readTextInput(file, ctx.io, '--schedule-file'),
              file,
              scheduleName,
              namespace,
            );
    } catch (error) {
      if (!(error instanceof VeleroConfigError)) throw error;
      throw new CliError(
        error.issues
          .map((i) => describeIssueForFlags(i, { name: '--schedule-name', namespace: '-n' }))
          .join('; '),
        EXIT_USAGE,
      );
    }
    let drill: RestoreDrill;
    try {
      drill = restoreDrill({
        schedule,
        veleroVersion,
        name: rawString(opts, 'name'),
        namespace: rawString(opts, 'drillNamespace'),
        namespaces: list(rawString(opts, 'includeNamespaces')),
        scratchPrefix: rawString(opts, 'scratchPrefix'),
        cron: rawString(opts, 'cron'),
        timeZone: rawString(opts, 'timeZone'),
        restore: rawString(opts, 'restore') as 'volumes' | 'namespace' | undefined,
        verifyCommand: rawString(opts, 'verifyCommand'),
        restoreTimeout: rawString(opts, 'restoreTimeout'),
        checkTimeout: rawString(opts, 'checkTimeout'),
        cleanupTimeout: rawString(opts, 'cleanupTimeout'),
        image: rawString(opts, 'image'),
      });
    } catch (error) {
      if (!(error instanceof VeleroConfigError)) throw error;
      const lines = error.issues.map((i) => describeIssueForFlags(i, FLAGS));
      throw new CliError(
        lines.length === 1
          ? (lines[0] ?? '')
          : `${lines.length} problems:\n  ${lines.join('\n  ')}`,
      );
    }
    if (opts.script === true) ctx.io.stdout(drill.script);
    else ctx.io.stdout(renderObjects(drill.manifests, format));
  });
}
