/**
 * The `velero-iac` command as a library: {@link runCli} runs it with injected I/O.
 *
 * @packageDocumentation
 */
export { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cliError';
export { type CliIo, nodeIo } from './io';
export { lintSource } from './lint/lintSource';
export type { FileLintResult, LintInputError, LintProblem, LintSummary } from './lint/types';
export { buildProgram, runCli } from './runCli';
