import { Command, CommanderError } from 'commander';
import { CliError, EXIT_OK, EXIT_USAGE } from './cliError';
import { registerAlerts } from './commands/alerts';
import { BACKUP_CREATE_BARE_TRUE_FLAGS, registerBackupCreate } from './commands/backupCreate';
import type { CommandContext } from './commands/context';
import { registerDrill } from './commands/drill';
import { registerLint } from './commands/lint';
import { RESTORE_CREATE_BARE_TRUE_FLAGS, registerRestoreCreate } from './commands/restoreCreate';
import { RESTORE_PLAN_BARE_TRUE_FLAGS, registerRestorePlan } from './commands/restorePlan';
import {
  registerScheduleCreate,
  SCHEDULE_CREATE_BARE_TRUE_FLAGS,
  SCHEDULE_CREATE_BARE_UNSET_FLAGS,
} from './commands/scheduleCreate';
import { registerSynth } from './commands/synth';
import { EXIT_CODES_HELP, HELP_LAYOUT } from './help';
import { type CliIo, packageVersion } from './io';
import { normalizeBooleanFlags } from './velero/argv';
import { BACKUP_OPTIONAL_BOOL_FLAGS } from './velero/backupFlags';

/** Every flag whose bare form means `true` (pflag's boolean and optional-boolean flags). */
const BARE_TRUE_FLAGS: ReadonlySet<string> = new Set([
  ...BACKUP_OPTIONAL_BOOL_FLAGS,
  ...BACKUP_CREATE_BARE_TRUE_FLAGS,
  ...SCHEDULE_CREATE_BARE_TRUE_FLAGS,
  ...RESTORE_CREATE_BARE_TRUE_FLAGS,
  ...RESTORE_PLAN_BARE_TRUE_FLAGS,
]);

/** Builds the `velero-iac` command tree, writing through `ctx.io`. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('velero-iac');
  program
    .description(
      'Velero as code: synthesize the default set-up, lint Velero manifests, turn velero create commands into YAML, print a safe restore runbook and restore drills.',
    )
    .version(packageVersion(), '--version', 'Print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout(text),
      writeErr: (text) => ctx.io.stderr(text),
    })
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp(HELP_LAYOUT)
    .addHelpText('afterAll', EXIT_CODES_HELP);
  registerSynth(program, ctx);
  registerLint(program, ctx);
  registerAlerts(program, ctx);
  const backup = program
    .command('backup')
    .description('Backups: print what `velero backup create` would create');
  registerBackupCreate(backup, ctx);
  const schedule = program
    .command('schedule')
    .description('Schedules: print what `velero schedule create` would create');
  registerScheduleCreate(schedule, ctx);
  const restore = program
    .command('restore')
    .description(
      'Restores: print what `velero restore create` would create, or a safe restore plan',
    );
  registerRestoreCreate(restore, ctx);
  registerRestorePlan(restore, ctx);
  registerDrill(program, ctx);
  return program;
}

/**
 * Runs `velero-iac` with the arguments after the program name and returns the exit code, by one
 * rule for every command: 0 success, 1 invalid configuration (a rejected value, printed as
 * `An error occurred: ...` as velero does, with every problem listed; lint problems), 2 usage
 * error (wrong usage, or an input that cannot be read or parsed). Never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const ctx: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(ctx);
  try {
    const args = normalizeBooleanFlags(
      argv,
      BARE_TRUE_FLAGS,
      new Set(SCHEDULE_CREATE_BARE_UNSET_FLAGS),
    );
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`An error occurred: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      // Commander has already printed its message, or the help/version text: asked-for help
      // exits 0; help shown because no command was given, and every parse error, are usage errors.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    throw error;
  }
}
