import type { FileLintResult, LintInputError, LintProblem, LintSummary } from './types';

/** Sums the results of every input (plus inputs that could not even be opened). */
export function summarize(
  results: readonly FileLintResult[],
  openErrors: readonly LintInputError[],
): LintSummary {
  const summary: LintSummary = {
    files: results.length,
    documents: 0,
    veleroObjects: 0,
    skipped: 0,
    problems: 0,
    unreadable: openErrors.length,
  };
  for (const result of results) {
    summary.documents += result.documents;
    summary.veleroObjects += result.veleroObjects;
    summary.skipped += result.skipped;
    summary.problems += result.problems.length;
    summary.unreadable += result.inputErrors.length;
  }
  return summary;
}

/** The exit code: 2 if any input could not be checked, else 1 if problems were found, else 0. */
export function lintExitCode(summary: LintSummary): number {
  if (summary.unreadable > 0) return 2;
  return summary.problems > 0 ? 1 : 0;
}

/** `file:line:col` of a problem or input error, or just `file` when its position is unknown. */
export function formatLocation(item: { file: string; line?: number; column?: number }): string {
  return item.line === undefined ? item.file : `${item.file}:${item.line}:${item.column ?? 1}`;
}

/**
 * A problem's text after its location: `Kind/name: path: message (received ...; allowed: ...)`, or
 * the message alone for a file-level problem. `allowed` is left out when the message already
 * suggests the fix (`did you mean`).
 */
export function describeProblem(problem: LintProblem): string {
  if (problem.kind === undefined) return problem.message;
  const extras: string[] = [];
  if (problem.received !== undefined) extras.push(`received ${problem.received}`);
  if (problem.allowed !== undefined && !problem.message.includes('did you mean')) {
    extras.push(`allowed: ${problem.allowed}`);
  }
  const details = extras.length > 0 ? ` (${extras.join('; ')})` : '';
  const path = problem.path === '' ? '(object)' : problem.path;
  return `${problem.kind}/${problem.name}: ${path}: ${problem.message}${details}`;
}

/**
 * One problem as a line editors and CI problem matchers read:
 * `file:line:col: Kind/name: field.path: message (received ...; allowed: ...)`, where line and
 * column are those of the offending field; `file:1:1: message` for a file-level problem (an empty
 * file); `file: ...` when the field cannot be located.
 */
export function formatProblem(problem: LintProblem): string {
  const where =
    problem.kind === undefined && problem.line === undefined
      ? `${problem.file}:1:1`
      : formatLocation(problem);
  return `${where}: ${describeProblem(problem)}`;
}

/** One input error as a line: `file:line:col: error: message`, or `file: error: message`. */
export function formatInputError(error: LintInputError): string {
  return `${formatLocation(error)}: error: ${error.message}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The summary line, e.g. `lint: 2 files, 5 documents, 4 Velero objects, 1 skipped (not Velero), 3 problems`. */
export function formatSummary(summary: LintSummary): string {
  const parts = [
    plural(summary.files, 'file'),
    plural(summary.documents, 'document'),
    plural(summary.veleroObjects, 'Velero object'),
    `${summary.skipped} skipped (not Velero)`,
    plural(summary.problems, 'problem'),
  ];
  if (summary.unreadable > 0) parts.push(plural(summary.unreadable, 'unreadable input'));
  return `lint: ${parts.join(', ')}`;
}
