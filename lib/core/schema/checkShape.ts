import { closest, distance } from 'fastest-levenshtein';
import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import type { FieldSchema, ObjectField } from './fieldSchema';

/**
 * True for a plain JSON-like object (not an array, not null, not a class instance). Objects from
 * another realm (a `vm` context, `structuredClone` under jest) count as plain too.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  return (
    Object.getPrototypeOf(proto) === null &&
    Object.prototype.toString.call(value) === '[object Object]'
  );
}

/** The nearest known field name to a misspelt one, when it is close enough to be a likely typo. */
export function suggestField(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = key.toLowerCase();
  const caseOnly = known.find((k) => k.toLowerCase() === lower);
  if (caseOnly !== undefined) return caseOnly;
  const best = closest(key, known as string[]);
  const limit = Math.max(1, Math.min(3, Math.floor(best.length / 3)));
  return distance(key, best) <= limit ? best : undefined;
}

/** A short English name for the type of a value, for messages: `a number`, `a list`, `null`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'object') return isPlainObject(value) ? 'an object' : 'a class instance';
  if (typeof value === 'undefined') return 'undefined';
  return `a ${typeof value}`;
}

const EXPECTED: Record<FieldSchema['type'], string> = {
  string: 'a string',
  boolean: 'true or false',
  integer: 'an integer',
  array: 'a list',
  map: 'an object (map)',
  object: 'an object',
  open: 'any value',
};

function unknownFieldIssue(path: string, key: string, schema: ObjectField): ValidationIssue {
  const known = Object.keys(schema.properties);
  const suggestion = suggestField(key, known);
  const where = joinPath(path, key);
  const hint =
    suggestion !== undefined
      ? `did you mean \`${suggestion}\`?`
      : `known fields here: ${known.join(', ')}`;
  return issue(
    where,
    `unknown field \`${key}\`: the API server would silently drop it; ${hint}`,
    suggestion !== undefined ? { allowed: suggestion } : { allowed: known.join(', ') },
  );
}

/**
 * Checks `value` against a field model: types, enumerations, required and unknown fields, then
 * the field's semantic checks where its shape is right. Returns every problem found.
 */
export function checkShape(value: unknown, schema: FieldSchema, path: string): ValidationIssue[] {
  if (value === null) {
    if (schema.nullable || schema.type === 'open') return [];
    return [issue(path, `must be ${EXPECTED[schema.type]}, not null`, { received: null })];
  }
  const out: ValidationIssue[] = [];
  switch (schema.type) {
    case 'open': {
      const problem = nonJsonPart(value, path);
      if (problem !== undefined) return [problem];
      break;
    }
    case 'string':
      if (typeof value !== 'string') {
        return [issue(path, `must be a string, not ${typeName(value)}`, { received: value })];
      }
      if (schema.enum !== undefined && !schema.enum.includes(value)) {
        const shown = schema.enum.map((v) => (v === '' ? '"" (unset)' : v));
        return [
          issue(path, `must be one of ${shown.join(', ')}`, {
            received: value,
            allowed: shown.join(' | '),
          }),
        ];
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') {
        return [issue(path, `must be true or false, not ${typeName(value)}`, { received: value })];
      }
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        return [issue(path, 'must be an integer', { received: value })];
      }
      if (schema.minimum !== undefined && value < schema.minimum) {
        return [
          issue(path, `must be at least ${schema.minimum}`, {
            received: value,
            allowed: `>= ${schema.minimum}`,
          }),
        ];
      }
      break;
    case 'array': {
      if (!Array.isArray(value)) {
        return [issue(path, `must be a list, not ${typeName(value)}`, { received: value })];
      }
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        out.push(issue(path, `must have at least ${schema.minItems} item(s)`, { received: value }));
      }
      // A plain loop, not forEach: a hole in a sparse list would be skipped and then serialized as null.
      for (let index = 0; index < value.length; index += 1) {
        const itemPath = joinPath(path, index);
        if (!(index in value)) {
          out.push(issue(itemPath, `is an empty slot; must be ${EXPECTED[schema.items.type]}`));
        } else {
          out.push(...checkShape(value[index], schema.items, itemPath));
        }
      }
      break;
    }
    case 'map': {
      if (!isPlainObject(value)) {
        return [
          issue(path, `must be an object (map), not ${typeName(value)}`, { received: value }),
        ];
      }
      for (const [key, item] of Object.entries(value)) {
        out.push(...checkShape(item, schema.values, joinPath(path, key)));
      }
      break;
    }
    case 'object': {
      if (!isPlainObject(value)) {
        return [issue(path, `must be an object, not ${typeName(value)}`, { received: value })];
      }
      for (const key of schema.required ?? []) {
        // A required field set to null is reported once, by its own shape check below.
        if (value[key] === undefined) out.push(issue(joinPath(path, key), 'is required'));
      }
      for (const [key, item] of Object.entries(value)) {
        const field = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        if (field === undefined) {
          out.push(unknownFieldIssue(path, key, schema));
        } else if (item !== undefined) {
          out.push(...checkShape(item, field, joinPath(path, key)));
        }
      }
      break;
    }
  }
  // The value has the right type here (wrong types returned early), so semantic checks can run;
  // they skip children whose own shape is wrong, which were reported above.
  if (schema.checks === undefined) return out;
  // Some checks restate a type problem the shape check already reported, usually with a more
  // specific fix ("quote it"): keep one issue per path, the check's.
  for (const check of schema.checks) {
    for (const found of check(value, path)) {
      const same = out.findIndex((i) => i.path === found.path);
      if (same === -1) out.push(found);
      else out[same] = found;
    }
  }
  return out;
}

/** {@link checkShape} for an optional value: `undefined` is fine, anything else must fit `schema`. */
export function checkOptional(
  value: unknown,
  schema: FieldSchema,
  path: string,
): ValidationIssue[] {
  return value === undefined ? [] : checkShape(value, schema, path);
}

/** The first part of an open value that is not JSON data (a function, symbol, bigint, class...). */
function nonJsonPart(value: unknown, path: string): ValidationIssue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? undefined
      : issue(path, 'must be a finite number', { received: String(value) });
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = nonJsonPart(value[index], joinPath(path, index));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = nonJsonPart(item, joinPath(path, key));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return issue(
    path,
    `must be plain data (strings, numbers, booleans, lists, objects), not ${typeName(value)}`,
  );
}
