import { formatIssue, type ValidationIssue, VeleroConfigError } from '../../core/errors';
import { CliError } from '../cliError';

/** Which flag (or argument) set a field, keyed by the field's option path (longest prefix wins). */
export type FlagsByField = Readonly<Record<string, string>>;

/** The field (key of `flags`) behind the option path `path`, longest prefix first. */
function fieldFor(path: string, flags: FlagsByField): string | undefined {
  const bare = path.startsWith('template.') ? path.slice('template.'.length) : path;
  let best: string | undefined;
  for (const field of Object.keys(flags)) {
    const matches = bare === field || bare.startsWith(`${field}.`) || bare.startsWith(`${field}[`);
    if (matches && (best === undefined || field.length > best.length)) best = field;
  }
  return best;
}

/** The flag that set the field at `path` (e.g. `template.ttl` -> `--ttl`), if known. */
export function flagFor(path: string, flags: FlagsByField): string | undefined {
  const field = fieldFor(path, flags);
  return field === undefined ? undefined : flags[field];
}

/**
 * One issue as `<flag>: <message> (received ...)`, naming the flag that set the field; the field
 * path is kept when it says more than the flag (`--labels: labels["a b"]: ...`).
 */
export function describeIssueForFlags(item: ValidationIssue, flags: FlagsByField): string {
  const field = fieldFor(item.path, flags);
  if (field === undefined) return formatIssue(item);
  const bare = item.path.startsWith('template.') ? item.path.slice('template.'.length) : item.path;
  const text =
    bare === field
      ? formatIssue({ ...item, path: '' }).replace(/^\(object\): /, '')
      : formatIssue(item);
  return `${flags[field]}: ${text}`;
}

/**
 * Problems as the CLI prints them: one alone on its line, several as `N problems:` followed by
 * one indented line each.
 */
export function formatProblemList(lines: readonly string[]): string {
  return lines.length === 1 ? lines[0]! : `${lines.length} problems:\n  ${lines.join('\n  ')}`;
}

/**
 * Turns the core's {@link VeleroConfigError} into a {@link CliError} (invalid configuration,
 * exit code 1) whose message names the flag behind each problem, after the problems in
 * `earlier` (e.g. flag values that could not be read); other errors are returned unchanged.
 */
export function toCliError(
  error: unknown,
  flags: FlagsByField,
  earlier: readonly string[] = [],
): unknown {
  if (!(error instanceof VeleroConfigError)) return error;
  const lines = error.issues.map((i) => describeIssueForFlags(i, flags));
  return new CliError(formatProblemList([...earlier, ...lines]));
}
