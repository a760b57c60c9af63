import { describeProblem } from './report';
import type { LintInputError, LintProblem } from './types';

/** Escapes the message of a GitHub Actions workflow command (`%`, CR and LF). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a GitHub Actions workflow command (also `:` and `,`). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=F,line=L,col=C,title=T::message`, leaving out what is unknown. */
function errorCommand(
  at: { file: string; line?: number; column?: number },
  title: string,
  message: string,
): string {
  const properties = [`file=${escapeProperty(at.file)}`];
  if (at.line !== undefined) {
    properties.push(`line=${at.line}`);
    if (at.column !== undefined) properties.push(`col=${at.column}`);
  }
  properties.push(`title=${escapeProperty(title)}`);
  return `::error ${properties.join(',')}::${escapeData(message)}`;
}

/**
 * One GitHub Actions `::error` annotation per problem, shown on the file and line in a pull
 * request (`velero-iac lint --format github` in a workflow step). File-level problems have no line.
 */
export function githubAnnotation(problem: LintProblem): string {
  const title =
    problem.kind === undefined
      ? 'velero-iac lint'
      : `velero-iac lint: ${problem.kind}/${problem.name}`;
  return errorCommand(problem, title, describeProblem(problem));
}

/** The `::error` annotation of an input that could not be checked. */
export function githubInputErrorAnnotation(error: LintInputError): string {
  return errorCommand(error, 'velero-iac lint: unreadable input', error.message);
}
