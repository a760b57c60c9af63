/**
 * Rewrites velero-style boolean flags so commander reads them as pflag (the Go flag library velero
 * uses) does: a bare boolean flag means `true` and never takes the next word as its value
 * (`--snapshot-volumes false` is the flag plus a positional `false`; write
 * `--snapshot-volumes=false`), and `-x=value` means `-x value`. Flags in `bareUnset` become `--flag=` (unset), for velero's
 * `--skip-immediately`, which has no bare form. Words after `--` are left alone.
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
  for (const word of argv) {
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
