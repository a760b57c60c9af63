const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends an object key to a dotted path; keys that are not plain identifiers are quoted. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (PLAIN_KEY.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}
