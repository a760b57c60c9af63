import { stringify } from 'yaml';

/** The formats the create commands and `synth` print. */
export type OutputFormat = 'yaml' | 'json';

/** The values `-o/--output` accepts. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['yaml', 'json'];

/**
 * A deep copy with every object's keys in alphabetical order: how velero prints `-o yaml` (its YAML
 * encoder goes through a JSON map, which sorts keys).
 */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      Object.defineProperty(out, key, {
        value: sortKeysDeep((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/**
 * One object as YAML in kubectl's style: sorted keys, list items not indented, single quotes where
 * quoting is needed (`- '*'`), no line folding.
 */
export function toYaml(value: unknown): string {
  return stringify(sortKeysDeep(value), { indentSeq: false, lineWidth: 0, singleQuote: true });
}

/** One object in the given format (JSON indented by 2, ending in a newline). */
export function renderObject(value: unknown, format: OutputFormat): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : toYaml(value);
}

/** Several objects: YAML documents separated by `---`, or one JSON list. */
export function renderObjects(values: readonly unknown[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(values, null, 2)}\n`;
  return values.map(toYaml).join('---\n');
}
