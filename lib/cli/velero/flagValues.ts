import {
  checkGoDuration,
  normalizeGoDuration,
  parseGoDurationNanoseconds,
} from '../../core/rules/duration';
import { parseLabelSelectorString, parseOrLabelSelectorsString } from '../../core/rules/labels';
import type { LabelSelector } from '../../core/types/labelSelector';
import { CliError } from '../cliError';

/** The error pflag gives for a value it cannot parse, with our reason. */
export function invalidArgument(value: string, flag: string, reason: string): CliError {
  return new CliError(`invalid argument ${JSON.stringify(value)} for "${flag}" flag: ${reason}`);
}

/**
 * A velero list flag (`a,b,c`): split on commas, as velero's `StringArray` does (no trimming;
 * repeating the flag replaces the earlier value). `undefined` when the flag was not given.
 */
export function parseList(raw: string | undefined): string[] | undefined {
  return raw === undefined ? undefined : raw.split(',');
}

/**
 * A velero map flag (`k1=v1,k2=v2`, given one or more times; the entries accumulate and a later
 * key wins). `undefined` when the flag was not given.
 *
 * @param raws every value the flag was given
 * @param flag the flag, for messages
 * @param keyValueDelimiter `=` (labels, annotations) or `:` (`--namespace-mappings`)
 */
export function parseMap(
  raws: readonly string[] | undefined,
  flag: string,
  keyValueDelimiter = '=',
): Record<string, string> | undefined {
  if (raws === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const raw of raws) {
    for (const entry of raw.split(',')) {
      const at = entry.indexOf(keyValueDelimiter);
      if (at < 0) {
        throw invalidArgument(
          raw,
          flag,
          `error parsing ${JSON.stringify(entry)}: expected key${keyValueDelimiter}value entries separated by ","`,
        );
      }
      Object.defineProperty(out, entry.slice(0, at), {
        value: entry.slice(at + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * A boolean flag value as Go's `strconv.ParseBool` reads it (`true`, `false`, `1`, `0`, `t`, `f`,
 * in the usual cases). An empty value means unset (velero's `OptionalBool`), as does an absent flag.
 */
export function parseBool(raw: string | undefined, flag: string): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (GO_TRUE.has(raw)) return true;
  if (GO_FALSE.has(raw)) return false;
  throw invalidArgument(
    raw,
    flag,
    'strconv.ParseBool: parsing: invalid syntax (use true or false)',
  );
}

/**
 * A duration flag, normalised the way velero prints it (`24h` -> `24h0m0s`). A zero duration is
 * `undefined`: velero sends `0s`, which means "the server default" exactly as an absent field does.
 */
export function parseDuration(raw: string | undefined, flag: string): string | undefined {
  if (raw === undefined) return undefined;
  const problem = checkGoDuration(raw);
  if (problem !== undefined) throw invalidArgument(raw, flag, problem);
  if (parseGoDurationNanoseconds(raw) === 0n) return undefined;
  return normalizeGoDuration(raw);
}

/** An integer flag (decimal, optional sign), as Go's `strconv.ParseInt` reads it. */
export function parseInteger(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw invalidArgument(
      raw,
      flag,
      'strconv.ParseInt: parsing: invalid syntax (use a whole number)',
    );
  }
  return Number(raw);
}

/** A string flag; an empty value is unset, as velero's `omitempty` fields print it. */
export function parseString(raw: string | undefined): string | undefined {
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * velero's `--ordered-resources`: `resource=ns/a,ns/b;resource2=name`, entries separated by `;`,
 * each exactly one `=`, spaces around the parts trimmed. Empty is unset.
 */
export function parseOrderedResources(
  raw: string | undefined,
  flag: string,
): Record<string, string> | undefined {
  if (raw === undefined || raw === '') return undefined;
  const out: Record<string, string> = {};
  for (const entry of raw.split(';')) {
    const parts = entry.split('=');
    if (parts.length !== 2) {
      throw invalidArgument(
        raw,
        flag,
        `invalid entry ${JSON.stringify(entry)}: expected resource=ns/name,ns/name entries separated by ";"`,
      );
    }
    Object.defineProperty(out, parts[0].trim(), {
      value: parts[1].trim(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** `-l/--selector` in kubectl syntax; empty is unset. */
export function parseSelector(raw: string | undefined, flag: string): LabelSelector | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const result = parseLabelSelectorString(raw, flag);
  if (result.selector === undefined) {
    throw invalidArgument(raw, flag, result.issues.map((i) => i.message).join('; '));
  }
  return result.selector;
}

/** `--or-selector "a=b or c=d"`: one selector per ` or `-separated part; empty is unset. */
export function parseOrSelector(
  raw: string | undefined,
  flag: string,
): LabelSelector[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const result = parseOrLabelSelectorsString(raw, flag);
  if (result.selectors === undefined) {
    throw invalidArgument(raw, flag, result.issues.map((i) => i.message).join('; '));
  }
  return result.selectors;
}
