import type { Command } from 'commander';
import { VeleroConfigError } from '../../core/errors';
import { backupFromSchedule } from '../../core/manifests/backupFromSchedule';
import { backupManifest } from '../../core/manifests/builders';
import { CliError, usageError } from '../cliError';
import { renderObject } from '../render';
import {
  addBackupSpecOptions,
  BACKUP_FLAGS_BY_FIELD,
  backupSpecFromOptions,
} from '../velero/backupFlags';
import { describeIssueForFlags, formatProblemList } from '../velero/coreErrors';
import { FlagProblems } from '../velero/flagProblems';
import { parseBool, parseMap, parseString } from '../velero/flagValues';
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
import { findSchedule, readTextInput } from '../velero/scheduleFile';
import type { CommandContext } from './context';

const FLAGS = { ...BACKUP_FLAGS_BY_FIELD, name: 'NAME' };

/** The flags of `backup create` whose bare form means true (`--wait` is a plain boolean). */
export const BACKUP_CREATE_BARE_TRUE_FLAGS: readonly string[] = ['--wait', '-w'];

/** Builds the Backup that `velero backup create NAME --from-schedule S` would create. */
async function fromSchedule(
  ctx: CommandContext,
  name: string | undefined,
  scheduleName: string,
  opts: RawOptions,
  labels: Record<string, string> | undefined,
  annotations: Record<string, string> | undefined,
  namespace: string,
  problems: FlagProblems,
): Promise<unknown> {
  const file = rawString(opts, 'scheduleFile');
  if (file === undefined) {
    throw usageError(
      `--from-schedule ${scheduleName} needs --schedule-file FILE: velero-iac has no cluster to read the Schedule from`,
    );
  }
  const schedule = findSchedule(
    await readTextInput(file, ctx.io, '--schedule-file'),
    file,
    scheduleName,
    namespace,
  );
  ctx.io.stderr('Creating backup from schedule, all other filters are ignored.\n');
  let backup: unknown;
  try {
    backup = backupFromSchedule(schedule, {
      ...(name !== undefined ? { name } : {}),
      at: ctx.io.now(),
      ...(labels !== undefined ? { labels } : {}),
      ...(annotations !== undefined ? { annotations } : {}),
      veleroVersion: veleroVersionOption(opts),
    });
  } catch (error) {
    if (!(error instanceof VeleroConfigError)) throw error;
    // The problems are in the Schedule read from the file (or in --labels/--annotations).
    const where = `Schedule ${JSON.stringify(scheduleName)} in ${file}: `;
    const lines = error.issues.map((i) => describeIssueForFlags(i, FLAGS));
    if (problems.isEmpty()) throw new CliError(where + formatProblemList(lines));
    for (const line of lines) problems.add(where + line);
  }
  problems.throwIfAny();
  return backup;
}

/**
 * `velero-iac backup create [NAME]`: every flag of `velero backup create`, printing the Backup
 * velero would submit. `--from-schedule S` reads the Schedule from `--schedule-file FILE`.
 */
export function registerBackupCreate(backup: Command, ctx: CommandContext): void {
  const cmd = backup
    .command('create')
    .summary('print the Backup `velero backup create` would create')
    .description(
      'Print the Backup `velero backup create` would create, as YAML or JSON, without a cluster.\n' +
        "NAME is required unless --from-schedule is given; then the Backup is the schedule's template " +
        'and the other filters are ignored.\n' +
        'Default name with --from-schedule: SCHEDULE-YYYYMMDDhhmmss in UTC, as velero names it.',
    )
    .argument('[NAME]', 'the Backup name');
  addBackupSpecOptions(cmd);
  addMetadataOptions(cmd);
  cmd
    .option(
      '--from-schedule <string>',
      'Create the backup from an existing schedule (read from --schedule-file)',
    )
    .option(
      '--schedule-file <file>',
      'velero-iac: a manifest file (or - for stdin) holding the --from-schedule Schedule',
    )
    .option('-w, --wait [bool]', 'Accepted for compatibility and ignored: nothing is submitted');
  addNamespaceOption(cmd);
  addOutputOption(cmd);
  addVeleroVersionOption(cmd);
  cmd.action(async (name: string | undefined, opts: RawOptions) => {
    const format = outputFormat(opts);
    const veleroVersion = veleroVersionOption(opts);
    const problems = new FlagProblems();
    const namespace = rawString(opts, 'namespace') ?? 'velero';
    const labels = problems.read(() => parseMap(rawStrings(opts, 'labels'), '--labels'));
    const annotations = problems.read(() =>
      parseMap(rawStrings(opts, 'annotations'), '--annotations'),
    );
    if (problems.read(() => parseBool(rawString(opts, 'wait'), '--wait')) === true) {
      ctx.io.stderr('Note: --wait is ignored: velero-iac prints the Backup and submits nothing.\n');
    }
    const scheduleName = parseString(rawString(opts, 'fromSchedule'));
    let manifest: unknown;
    if (scheduleName !== undefined) {
      manifest = await fromSchedule(
        ctx,
        name,
        scheduleName,
        opts,
        labels,
        annotations,
        namespace,
        problems,
      );
    } else {
      if (name === undefined) {
        throw usageError('a backup name is required, unless you are creating based on a schedule');
      }
      const spec = backupSpecFromOptions(opts, problems);
      manifest = problems.build(FLAGS, () =>
        backupManifest({ name, namespace, labels, annotations, ...spec, veleroVersion }),
      );
    }
    ctx.io.stdout(renderObject(manifest, format));
  });
}
