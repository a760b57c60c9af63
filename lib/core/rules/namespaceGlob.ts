/**
 * Velero's namespace patterns (gobwas/glob without separators): `*` matches any run of
 * characters, `?` one character, `[abc]` and `[a-z]` one of a set. The patterns the core accepts
 * (see `namespaceFilters.ts`) use nothing else.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A regular expression matching exactly the names `pattern` matches. */
export function namespaceGlobRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*') {
      source += '.*';
    } else if (c === '?') {
      source += '.';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) {
        source += escapeRegExp(c);
        continue;
      }
      const body = pattern.slice(i + 1, end);
      source += `[${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else {
      source += escapeRegExp(c);
    }
  }
  return new RegExp(`^${source}$`);
}

/** Whether namespace `name` matches Velero namespace pattern `pattern`. */
export function namespaceGlobMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (!/[*?[]/.test(pattern)) return pattern === name;
  return namespaceGlobRegExp(pattern).test(name);
}

/** Whether `pattern` holds a wildcard (`*`, `?` or `[`). */
export function isNamespacePattern(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}
