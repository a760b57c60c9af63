import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import { isPlainObject } from '../schema/checkShape';
import { checkIncludesExcludes, checkScopedIncludesExcludes } from './namespaceFilters';

/** The old-style resource filter fields of a Backup spec. */
export const OLD_STYLE_RESOURCE_FILTERS = [
  'includedResources',
  'excludedResources',
  'includeClusterResources',
] as const;

/** The new-style (scoped) resource filter fields of a Backup spec. */
export const NEW_STYLE_RESOURCE_FILTERS = [
  'includedClusterScopedResources',
  'excludedClusterScopedResources',
  'includedNamespaceScopedResources',
  'excludedNamespaceScopedResources',
] as const;

const listOrUndefined = (value: unknown): unknown[] | undefined =>
  Array.isArray(value) ? value : undefined;

function used(spec: Record<string, unknown>, field: string): boolean {
  const value = spec[field];
  if (value === undefined || value === null) return false;
  return Array.isArray(value) ? value.length > 0 : true;
}

/**
 * `labelSelector` and `orLabelSelectors` together: Velero rejects the Backup or Restore
 * ("only one can be specified").
 */
export function checkSelectorExclusivity(
  spec: Record<string, unknown>,
  path: string,
): ValidationIssue[] {
  if (!isPlainObject(spec.labelSelector) || !Array.isArray(spec.orLabelSelectors)) return [];
  if (spec.orLabelSelectors.length === 0) return [];
  return [
    issue(
      joinPath(path, 'orLabelSelectors'),
      'cannot be combined with `labelSelector`: Velero accepts only one of them; put every alternative in `orLabelSelectors`, or use `labelSelector` alone',
      { allowed: 'labelSelector xor orLabelSelectors' },
    ),
  ];
}

/** The namespace include/exclude rules of a Backup or Restore spec. */
export function checkNamespaceFilters(
  spec: Record<string, unknown>,
  path: string,
): ValidationIssue[] {
  return checkIncludesExcludes(
    listOrUndefined(spec.includedNamespaces),
    listOrUndefined(spec.excludedNamespaces),
    {
      includes: joinPath(path, 'includedNamespaces'),
      excludes: joinPath(path, 'excludedNamespaces'),
    },
    { kind: 'namespaces' },
  );
}

/** The old-style include/exclude resource rules (`includedResources`/`excludedResources`). */
export function checkOldStyleResourceLists(
  spec: Record<string, unknown>,
  path: string,
): ValidationIssue[] {
  return checkIncludesExcludes(
    listOrUndefined(spec.includedResources),
    listOrUndefined(spec.excludedResources),
    {
      includes: joinPath(path, 'includedResources'),
      excludes: joinPath(path, 'excludedResources'),
    },
    { kind: 'resources' },
  );
}

/**
 * Every resource-filter rule of a Backup spec (also a Schedule's template): old- and new-style
 * filters never mixed, each include/exclude pair valid, selectors exclusive.
 */
export function checkBackupFilters(spec: unknown, path: string): ValidationIssue[] {
  if (!isPlainObject(spec)) return [];
  const out: ValidationIssue[] = [];
  const oldUsed = OLD_STYLE_RESOURCE_FILTERS.filter((f) => used(spec, f));
  const newUsed = NEW_STYLE_RESOURCE_FILTERS.filter((f) => used(spec, f));
  if (oldUsed.length > 0 && newUsed.length > 0) {
    out.push(
      issue(
        joinPath(path, newUsed[0]),
        `old-style resource filters (${oldUsed.join(', ')}) and new-style ones (${newUsed.join(', ')}) cannot be used together: Velero fails such a backup validation; use only the four *ScopedResources fields, or only includedResources/excludedResources/includeClusterResources`,
        { allowed: 'either old-style or new-style resource filters' },
      ),
    );
  }
  out.push(...checkNamespaceFilters(spec, path));
  out.push(...checkOldStyleResourceLists(spec, path));
  out.push(
    ...checkScopedIncludesExcludes(
      listOrUndefined(spec.includedClusterScopedResources),
      listOrUndefined(spec.excludedClusterScopedResources),
      {
        includes: joinPath(path, 'includedClusterScopedResources'),
        excludes: joinPath(path, 'excludedClusterScopedResources'),
      },
    ),
  );
  out.push(
    ...checkScopedIncludesExcludes(
      listOrUndefined(spec.includedNamespaceScopedResources),
      listOrUndefined(spec.excludedNamespaceScopedResources),
      {
        includes: joinPath(path, 'includedNamespaceScopedResources'),
        excludes: joinPath(path, 'excludedNamespaceScopedResources'),
      },
    ),
  );
  out.push(...checkSelectorExclusivity(spec, path));
  return out;
}
