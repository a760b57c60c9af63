import { usageError } from '../cliError';

/** The words Go's `strconv.ParseBool` reads as a boolean. */
const GO_BOOL_WORDS: ReadonlySet<string> = new Set([
  '1',
  't',
  'T',
  'TRUE',
  'true',
  'True',
  '0',
  'f',
  'F',
  'FALSE',
  'false',
  'False',
]);

/**
 * The usage error for `--flag false`: with pflag's syntax (velero's), a boolean flag never takes
 * the next word, so `--snapshot-volumes false` would mean `--snapshot-volumes=true` plus an extra
 * argument `false` (often a Backup named "false").
 */
function separateBoolValueError(flag: string, value: string): Error {
  return usageError(
    `${flag} ${value}: a boolean flag takes its value after "=": write ${flag}=${value} ` +
      `(as in velero, "${flag} ${value}" would be ${flag} alone, meaning true, plus an extra argument "${value}")`,
  );
}

/**
 * Rewrites velero-style boolean flags so commander reads them as pflag (the Go flag library velero
 * uses) does: a bare boolean flag means `true` and never takes the next word as its value
 * (`--snapshot-volumes false` is the flag plus a positional `false`; write
 * `--snapshot-volumes=false`), and `-x=value` means `-x value`. Flags in `bareUnset` become `--flag=` (unset), for velero's
 * `--skip-immediately`, which has no bare form. Words after `--` are left alone.
 *
 * @throws CliError (usage, exit code 2) for a boolean flag followed by a separate boolean word
 *   (`--snapshot-volumes false`), naming the `--snapshot-volumes=false` to write instead
 *
 * @param argv the arguments after the program name
 * @param bareTrue long flags (with `--`) whose bare form means `=true`
 * @param bareUnset long flags whose bare form leaves the value unset
 */
export function normalizeBooleanFlags(
  argv: readonly string[],
  bareTrue: ReadonlySet<string>,
  bareUnset: ReadonlySet<string> = new Set(),
): string[] {
  const out: string[] = [];
  let passThrough = false;
  for (const [index, word] of argv.entries()) {
    const next = argv[index + 1];
    if (
      !passThrough &&
      (bareTrue.has(word) || bareUnset.has(word)) &&
      next !== undefined &&
      GO_BOOL_WORDS.has(next)
    ) {
      throw separateBoolValueError(word, next);
    }
    if (passThrough) {
      out.push(word);
    } else if (word === '--') {
      passThrough = true;
      out.push(word);
    } else if (bareTrue.has(word)) {
      // Commander reads `-w=true` as the value "=true", so a short flag gets its value as the next word.
      if (word.startsWith('--')) out.push(`${word}=true`);
      else out.push(word, 'true');
    } else if (/^-[A-Za-z]=/.test(word)) {
      // pflag reads `-l=app=web` as `-l app=web`; commander would keep the `=`.
      out.push(word.slice(0, 2), word.slice(3));
    } else if (bareUnset.has(word)) {
      out.push(`${word}=`);
    } else {
      out.push(word);
    }
  }
  return out;
}
