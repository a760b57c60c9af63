import type { Command } from 'commander';
import { usageError } from '../cliError';
import { packageVersion } from '../io';
import { collectInputs } from '../lint/collectInputs';
import { githubAnnotation, githubInputErrorAnnotation } from '../lint/githubFormat';
import { lintSource } from '../lint/lintSource';
import {
  formatInputError,
  formatProblem,
  formatSummary,
  lintExitCode,
  summarize,
} from '../lint/report';
import { sarifLog } from '../lint/sarifFormat';
import type { FileLintResult } from '../lint/types';
import {
  addVeleroVersionOption,
  type RawOptions,
  rawString,
  veleroVersionOption,
} from '../velero/options';
import type { CommandContext } from './context';

/** The values `lint --format` accepts. */
const LINT_FORMATS = ['text', 'json', 'github', 'sarif'] as const;

/**
 * `velero-iac lint [FILES|DIRS|-]`: checks hand-written Velero manifests with the core's
 * `validateManifest`. Exit 0 clean, 1 problems found, 2 usage error or an input that could not be
 * checked (missing, unreadable, binary, malformed), even when problems were found too. Prints
 * `file:line:col: ...` lines (text), GitHub Actions annotations, a SARIF 2.1.0 log, or JSON.
 */
export function registerLint(program: Command, ctx: CommandContext): void {
  addVeleroVersionOption(program.command('lint'))
    .summary('check Velero manifests (exit 0 clean, 1 problems, 2 unreadable input)')
    .description(
      'Check Velero manifests (multi-document YAML or JSON; folders are walked for .yaml, .yml and .json; - reads stdin). ' +
        'Non-Velero objects are skipped and counted.\n' +
        'Exit code: 0 clean, 1 problems found, 2 usage error or input that could not be checked (missing, unreadable, binary, malformed).',
    )
    .argument('<paths...>', 'files, folders, or - for standard input')
    .option(
      '--format <format>',
      'text (one file:line:col: line per problem), github (GitHub Actions ::error annotations), sarif (a SARIF 2.1.0 log for code scanning) or json',
      'text',
    )
    .action(async (paths: string[], opts: RawOptions) => {
      const format = rawString(opts, 'format') ?? 'text';
      if (!(LINT_FORMATS as readonly string[]).includes(format)) {
        throw usageError(
          `invalid --format ${JSON.stringify(format)}: use ${LINT_FORMATS.join(', ')}`,
        );
      }
      const veleroVersion = veleroVersionOption(opts);
      const { inputs, errors } = collectInputs(paths, ctx.io);
      const results: FileLintResult[] = [];
      for (const input of inputs) {
        let bytes: Uint8Array;
        try {
          bytes = await input.read();
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          results.push({
            file: input.file,
            documents: 0,
            veleroObjects: 0,
            skipped: 0,
            problems: [],
            inputErrors: [{ file: input.file, message: `cannot read it: ${reason}` }],
          });
          continue;
        }
        results.push(lintSource(input.file, bytes, { veleroVersion }));
      }
      const summary = summarize(results, errors);
      const problems = results.flatMap((r) => r.problems);
      const inputErrors = [...errors, ...results.flatMap((r) => r.inputErrors)];
      if (format === 'json') {
        ctx.io.stdout(`${JSON.stringify({ problems, inputErrors, summary }, null, 2)}\n`);
      } else if (format === 'sarif') {
        const log = sarifLog(problems, inputErrors, packageVersion());
        ctx.io.stdout(`${JSON.stringify(log, null, 2)}\n`);
      } else if (format === 'github') {
        for (const error of inputErrors) ctx.io.stdout(`${githubInputErrorAnnotation(error)}\n`);
        for (const problem of problems) ctx.io.stdout(`${githubAnnotation(problem)}\n`);
        ctx.io.stdout(`${formatSummary(summary)}\n`);
      } else {
        for (const error of inputErrors) ctx.io.stderr(`${formatInputError(error)}\n`);
        for (const problem of problems) ctx.io.stdout(`${formatProblem(problem)}\n`);
        ctx.io.stdout(`${formatSummary(summary)}\n`);
      }
      ctx.setExitCode(lintExitCode(summary));
    });
}
