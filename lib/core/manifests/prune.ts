import { isPlainObject } from '../schema/checkShape';

/** Sets a key without ever touching the prototype (a key may be `__proto__`). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * A deep copy without `undefined`, `null`, empty lists and empty objects as field values, so that
 * omitted optional fields are omitted from the manifest. List items and other values are kept.
 */
export function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    // Items are kept even when empty or null: dropping them would change a list's meaning, and
    // a null item is reported by validation instead.
    const items = value.map((item) => {
      const pruned = pruneEmpty(item);
      return pruned === undefined ? item : pruned;
    });
    return items.length === 0 ? undefined : items;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const pruned = pruneEmpty(item);
      if (pruned !== undefined) setOwn(out, key, pruned);
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

/** A shallow copy without the keys whose value is `undefined` (so they do not override defaults). */
export function definedOnly<T extends object>(value: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) setOwn(out, key, item);
  }
  return out as Partial<T>;
}
