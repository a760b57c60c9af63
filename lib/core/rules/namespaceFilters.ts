import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import { typeName } from '../schema/checkShape';
import { describeDns1123LabelProblems, joinPhrases, MAX_DNS1123_LABEL_LENGTH } from './names';

/** Field paths of an include/exclude pair, used in issue paths and messages. */
export interface IncludesExcludesPaths {
  /** Path of the include list, e.g. `spec.includedNamespaces`. */
  readonly includes: string;
  /** Path of the exclude list, e.g. `spec.excludedNamespaces`. */
  readonly excludes: string;
}

/** Options of {@link checkIncludesExcludes}. */
export interface IncludesExcludesOptions {
  /**
   * What the lists filter. For `namespaces` every entry must also be a valid namespace name or
   * wildcard pattern.
   */
  readonly kind: 'namespaces' | 'resources';
}

/** Characters Velero rejects in namespace wildcard patterns. */
export const UNSUPPORTED_NAMESPACE_PATTERN_CHARACTERS: readonly string[] = [
  '|',
  '(',
  ')',
  '!',
  '{',
  '}',
  ',',
];

const NAMESPACE_PATTERN_RULE =
  'a namespace name (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters) in which the wildcards *, ? and [...] may appear';

interface ListItem {
  readonly value: string;
  readonly index: number;
}

/**
 * Reads an include/exclude list: `undefined` and `null` are empty lists; anything but an array is
 * reported; non-string items are reported and skipped.
 */
function readStringList(value: unknown, path: string, issues: ValidationIssue[]): ListItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.push(
      issue(path, `${path || 'The list'} must be a list of strings, but got ${typeName(value)}.`, {
        received: value,
        allowed: 'a list of strings',
      }),
    );
    return [];
  }
  const items: ListItem[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string') {
      items.push({ value: item, index });
    } else {
      issues.push(
        issue(joinPath(path, index), `Each entry must be a string, but got ${typeName(item)}.`, {
          received: item,
          allowed: 'a string',
        }),
      );
    }
  });
  return items;
}

function bracketProblems(pattern: string): string[] {
  const problems: string[] = [];
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') {
      if (open >= 0) {
        problems.push('nests "[" inside "[...]"');
        return problems;
      }
      if (pattern[i + 1] === ']') {
        problems.push('contains an empty "[]"');
        return problems;
      }
      open = i;
    } else if (c === ']') {
      if (open < 0) {
        problems.push('has a "]" without a matching "["');
        return problems;
      }
      open = -1;
    }
  }
  if (open >= 0) problems.push('has a "[" that is never closed');
  return problems;
}

/**
 * Lists why `pattern` is not a namespace name or wildcard pattern Velero accepts, as phrases such
 * as `contains uppercase letters`. Empty for valid patterns and for `""`, which Velero allows.
 */
export function describeNamespacePatternProblems(pattern: string): string[] {
  if (pattern === '') return [];
  const syntax: string[] = [];
  const unsupported = [
    ...new Set([...pattern].filter((c) => UNSUPPORTED_NAMESPACE_PATTERN_CHARACTERS.includes(c))),
  ];
  if (unsupported.length > 0) {
    syntax.push(
      `uses ${unsupported.map((c) => JSON.stringify(c)).join(', ')}, which Velero's wildcards do not support`,
    );
  }
  if (pattern.includes('**')) syntax.push('contains "**" (only a single "*" is supported)');
  syntax.push(...bracketProblems(pattern));
  if (syntax.length > 0) return syntax;
  const asName = pattern.replace(/[*?[\]]/g, 'x');
  const problems = describeDns1123LabelProblems(asName);
  if (asName.length > MAX_DNS1123_LABEL_LENGTH) {
    problems.push(
      `is ${asName.length} characters long (at most ${MAX_DNS1123_LABEL_LENGTH} are allowed)`,
    );
  }
  return problems;
}

function suggestNamespacePattern(pattern: string): string | undefined {
  const fixed = pattern
    .toLowerCase()
    .replace(/[^a-z0-9*?[\]-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (fixed === '' || fixed === pattern) return undefined;
  return describeNamespacePatternProblems(fixed).length === 0 ? fixed : undefined;
}

function namespacePatternIssues(items: readonly ListItem[], listPath: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const { value, index } of items) {
    const problems = describeNamespacePatternProblems(value);
    if (problems.length === 0) continue;
    const suggestion = suggestNamespacePattern(value);
    issues.push(
      issue(
        joinPath(listPath, index),
        `${JSON.stringify(value)} is not a valid namespace name or pattern: it ${joinPhrases(problems)}. Use ${NAMESPACE_PATTERN_RULE}.${
          suggestion === undefined ? '' : ` For example ${JSON.stringify(suggestion)}.`
        }`,
        { received: value, allowed: NAMESPACE_PATTERN_RULE },
      ),
    );
  }
  return issues;
}

/** Items of the exclude list that are also included; `*` is left to the rules about `*`. */
function overlapIssues(
  includes: readonly ListItem[],
  excludes: readonly ListItem[],
  paths: IncludesExcludesPaths,
): ValidationIssue[] {
  const included = new Set(includes.map((item) => item.value));
  return excludes
    .filter((item) => item.value !== '*' && included.has(item.value))
    .map((item) =>
      issue(
        joinPath(paths.excludes, item.index),
        `${JSON.stringify(item.value)} is in both ${paths.includes} and ${paths.excludes}; Velero rejects a Backup or Restore whose include and exclude lists share an item (phase FailedValidation). Remove it from one of the lists.`,
        { received: item.value, allowed: 'an item not in the include list' },
      ),
    );
}

function starWithOthersIssue(
  path: string,
  items: readonly ListItem[],
  what: string,
): ValidationIssue {
  return issue(
    path,
    `${path} contains "*" together with other entries; Velero requires "*" to be the only entry (it already means all ${what}). Use ["*"] alone, or list the items without "*".`,
    { received: items.map((item) => item.value), allowed: '["*"] alone, or a list without "*"' },
  );
}

/**
 * Checks an old-style include/exclude pair (`includedNamespaces`/`excludedNamespaces`,
 * `includedResources`/`excludedResources`, hook and restore filters) the way Velero validates it
 * at run time: each list is a list of strings; the include list may contain `*` only as its single
 * entry; the exclude list may not contain `*`; no item may be in both lists. For `namespaces`,
 * each entry must also be a namespace name, or a pattern with the wildcards `*`, `?` and `[...]`
 * (no `| ( ) ! { } ,`, no `**`, no empty or unbalanced brackets); `""` is allowed.
 */
export function checkIncludesExcludes(
  includes: unknown,
  excludes: unknown,
  paths: IncludesExcludesPaths,
  opts: IncludesExcludesOptions,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const inc = readStringList(includes, paths.includes, issues);
  const exc = readStringList(excludes, paths.excludes, issues);
  if (inc.length > 1 && inc.some((item) => item.value === '*')) {
    issues.push(starWithOthersIssue(paths.includes, inc, opts.kind));
  }
  for (const item of exc) {
    if (item.value !== '*') continue;
    issues.push(
      issue(
        joinPath(paths.excludes, item.index),
        `"*" is not allowed in ${paths.excludes}; Velero rejects a Backup or Restore that excludes all ${opts.kind} (phase FailedValidation). Remove it and list the ${opts.kind} to exclude.`,
        { received: item.value, allowed: `${opts.kind} to exclude, without "*"` },
      ),
    );
  }
  if (opts.kind === 'namespaces') {
    issues.push(
      ...namespacePatternIssues(inc, paths.includes),
      ...namespacePatternIssues(exc, paths.excludes),
    );
  }
  issues.push(...overlapIssues(inc, exc, paths));
  return issues;
}

/**
 * Checks a new-style scoped pair (`includedClusterScopedResources`/`excludedClusterScopedResources`
 * or `includedNamespaceScopedResources`/`excludedNamespaceScopedResources`, also used by a resource
 * policy's `includeExcludePolicy`) the way Velero validates it: each list is a list of strings;
 * `*` must be the only entry in the include list and in the exclude list; when the exclude list is
 * `*` the include list must be empty; no item may be in both lists.
 */
export function checkScopedIncludesExcludes(
  includes: unknown,
  excludes: unknown,
  paths: IncludesExcludesPaths,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const inc = readStringList(includes, paths.includes, issues);
  const exc = readStringList(excludes, paths.excludes, issues);
  const what = 'resources of this scope';
  if (inc.length > 1 && inc.some((item) => item.value === '*')) {
    issues.push(starWithOthersIssue(paths.includes, inc, what));
  }
  if (exc.length > 1 && exc.some((item) => item.value === '*')) {
    issues.push(starWithOthersIssue(paths.excludes, exc, what));
  }
  if (exc.length === 1 && exc[0]?.value === '*' && inc.length > 0) {
    issues.push(
      issue(
        paths.includes,
        `${paths.includes} must be empty when ${paths.excludes} is ["*"]: everything of this scope is excluded, so nothing can be included. Empty one of the two lists.`,
        { received: inc.map((item) => item.value), allowed: '[] when the exclude list is ["*"]' },
      ),
    );
  }
  issues.push(...overlapIssues(inc, exc, paths));
  return issues;
}
