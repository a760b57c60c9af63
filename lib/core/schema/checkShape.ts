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

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'object') return isPlainObject(value) ? 'an object' : 'a class instance';
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
    case 'open':
      break;
    case 'string':
      if (typeof value !== 'string') {
        return [issue(path, `must be a string, not ${typeName(value)}`, { received: value })];
      }
      if (schema.enum !== undefined && !schema.enum.includes(value)) {
        return [
          issue(path, `must be one of ${schema.enum.join(', ')}`, {
            received: value,
            allowed: schema.enum.join(' | '),
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
      value.forEach((item, index) => {
        out.push(...checkShape(item, schema.items, joinPath(path, index)));
      });
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
        if (value[key] === undefined || value[key] === null) {
          out.push(issue(joinPath(path, key), `is required`));
        }
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
  for (const check of schema.checks ?? []) out.push(...check(value, path));
  return out;
}
