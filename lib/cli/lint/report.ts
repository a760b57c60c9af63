import type { FileLintResult, LintInputError, LintProblem, LintSummary } from './types';

/** Sums the results of every input (plus inputs that could not even be opened). */
export function summarize(
  results: readonly FileLintResult[],
  openErrors: readonly LintInputError[],
): LintSummary {
  const summary: LintSummary = {
    files: results.length + openErrors.length,
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

/**
 * One problem as a line: `file:document: Kind/name: path: message (received ...; allowed: ...)
 * (line N)`; `file:document[item]` for an object inside a list; `file: message` for a file-level
 * problem. `allowed` is left out when the message already suggests the fix (`did you mean`).
 */
export function formatProblem(problem: LintProblem): string {
  if (problem.document === undefined) return `${problem.file}: ${problem.message}`;
  const where = `${problem.file}:${problem.document}${problem.item !== undefined ? `[${problem.item}]` : ''}`;
  const extras: string[] = [];
  if (problem.received !== undefined) extras.push(`received ${problem.received}`);
  if (problem.allowed !== undefined && !problem.message.includes('did you mean')) {
    extras.push(`allowed: ${problem.allowed}`);
  }
  const details = extras.length > 0 ? ` (${extras.join('; ')})` : '';
  const line = problem.line !== undefined ? ` (line ${problem.line})` : '';
  const path = problem.path === '' ? '(object)' : problem.path;
  return `${where}: ${problem.kind}/${problem.name}: ${path}: ${problem.message}${details}${line}`;
}

/** One input error as a line: `file: error: message (line N)`. */
export function formatInputError(error: LintInputError): string {
  return `${error.file}: error: ${error.message}${error.line !== undefined ? ` (line ${error.line})` : ''}`;
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
