/**
 * Which namespaces a restore drill restores, and under which scratch names: every restored
 * namespace is mapped to `<prefix><namespace>`, and no scratch name may be a namespace the
 * schedule backs up, a system namespace or Velero's.
 */
import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import { describeDns1123LabelProblems, MAX_DNS1123_LABEL_LENGTH } from '../rules/names';
import { isNamespacePattern, namespaceGlobMatches } from '../rules/namespaceGlob';
import { typeName } from '../schema/checkShape';
import type { ScheduleManifest } from '../types/schedule';
import { PROTECTED_NAMESPACES } from './drillDefaults';

/** The namespaces of a drill: the sources it restores and their scratch names. */
export interface ScratchNamespacePlan {
  /** The namespaces restored, in order. */
  readonly sources: readonly string[];
  /** Source namespace to scratch namespace, for each source. */
  readonly mapping: Readonly<Record<string, string>>;
}

const PREFIX_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Whether the schedule's backups include namespace `name`. */
export function scheduleBacksUp(schedule: ScheduleManifest, name: string): boolean {
  const included = schedule.spec.template.includedNamespaces ?? [];
  const excluded = schedule.spec.template.excludedNamespaces ?? [];
  const includes = included.length === 0 ? ['*'] : included;
  return (
    includes.some((pattern) => namespaceGlobMatches(pattern, name)) &&
    !excluded.some((pattern) => namespaceGlobMatches(pattern, name))
  );
}

function checkPrefix(prefix: unknown): ValidationIssue[] {
  if (typeof prefix !== 'string') {
    return [
      issue('scratchPrefix', `must be a string, not ${typeName(prefix)}`, {
        received: prefix,
        allowed: 'e.g. "velero-drill-"',
      }),
    ];
  }
  if (prefix === '') {
    return [
      issue(
        'scratchPrefix',
        'must not be empty: the scratch namespaces would be the live namespaces themselves',
        { received: prefix, allowed: 'e.g. "velero-drill-"' },
      ),
    ];
  }
  if (!PREFIX_PATTERN.test(prefix) || prefix.length >= MAX_DNS1123_LABEL_LENGTH) {
    return [
      issue(
        'scratchPrefix',
        'must start a namespace name: lowercase letters, digits and "-", starting with a letter or digit, shorter than 63 characters',
        { received: prefix, allowed: 'e.g. "velero-drill-"' },
      ),
    ];
  }
  return [];
}

/** The namespaces the drill restores, from the option or else from the schedule. */
function sourceNamespaces(
  schedule: ScheduleManifest,
  namespaces: unknown,
  issues: ValidationIssue[],
): string[] {
  const scheduleName = schedule.metadata.name;
  if (namespaces === undefined) {
    const included = schedule.spec.template.includedNamespaces ?? [];
    const patterns = included.filter(isNamespacePattern);
    if (included.length === 0 || patterns.length > 0) {
      issues.push(
        issue(
          'namespaces',
          `is required: schedule "${scheduleName}" backs up namespaces by pattern (${
            included.length === 0 ? 'all namespaces' : patterns.join(', ')
          }), so the drill cannot know which namespaces exist; name the namespaces to verify`,
          { allowed: 'a list of namespace names the schedule backs up, e.g. ["monitoring"]' },
        ),
      );
      return [];
    }
    return [...included];
  }
  if (!Array.isArray(namespaces) || namespaces.length === 0) {
    issues.push(
      issue('namespaces', 'must be a non-empty list of namespace names', {
        received: namespaces,
        allowed: 'e.g. ["monitoring", "tempo"]',
      }),
    );
    return [];
  }
  const out: string[] = [];
  namespaces.forEach((item: unknown, index) => {
    const at = joinPath('namespaces', index);
    if (typeof item !== 'string') {
      issues.push(issue(at, `must be a namespace name, not ${typeName(item)}`, { received: item }));
      return;
    }
    const problems = describeDns1123LabelProblems(item);
    if (problems.length > 0 || item.length > MAX_DNS1123_LABEL_LENGTH) {
      issues.push(
        issue(
          at,
          isNamespacePattern(item)
            ? 'must be a namespace name, not a pattern: the drill maps each namespace to a scratch namespace of its own'
            : 'must be a namespace name (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)',
          { received: item },
        ),
      );
      return;
    }
    if (out.includes(item)) {
      issues.push(issue(at, 'is listed twice', { received: item }));
      return;
    }
    if (!scheduleBacksUp(schedule, item)) {
      issues.push(
        issue(
          at,
          `is not backed up by schedule "${scheduleName}" (its includedNamespaces/excludedNamespaces leave it out), so no backup of it exists to restore`,
          { received: item },
        ),
      );
      return;
    }
    out.push(item);
  });
  return out;
}

/**
 * Plans the scratch namespaces of a drill.
 *
 * @param schedule the schedule the drill verifies (already validated)
 * @param namespaces the `namespaces` option (`undefined`: the schedule's included namespaces)
 * @param prefix the `scratchPrefix` option
 * @param reserved namespaces that must never be scratch namespaces besides the system ones (the
 *   Velero namespace, the drill's own namespace)
 */
export function planScratchNamespaces(
  schedule: ScheduleManifest,
  namespaces: unknown,
  prefix: unknown,
  reserved: readonly string[],
): { plan?: ScratchNamespacePlan; issues: ValidationIssue[] } {
  const issues = checkPrefix(prefix);
  const sources = sourceNamespaces(schedule, namespaces, issues);
  if (issues.length > 0 || typeof prefix !== 'string') return { issues };
  const forbidden = new Set([...PROTECTED_NAMESPACES, ...reserved]);
  // Live namespaces known by name: the schedule's own list (patterns name none).
  const live = new Set([
    ...sources,
    ...(schedule.spec.template.includedNamespaces ?? []).filter((ns) => !isNamespacePattern(ns)),
  ]);
  const mapping: Record<string, string> = {};
  sources.forEach((source) => {
    const scratch = `${prefix}${source}`;
    const at = namespaces === undefined ? 'scratchPrefix' : 'namespaces';
    if (scratch.length > MAX_DNS1123_LABEL_LENGTH) {
      issues.push(
        issue(
          at,
          `makes the scratch namespace "${scratch}" of "${source}" ${scratch.length} characters long; namespace names are at most 63: use a shorter scratchPrefix`,
          { received: scratch },
        ),
      );
    } else if (live.has(scratch)) {
      issues.push(
        issue(
          at,
          `makes the scratch namespace of "${source}" "${scratch}", a namespace schedule "${schedule.metadata.name}" backs up: the drill would restore over a live namespace; use another scratchPrefix`,
          { received: scratch },
        ),
      );
    } else if (forbidden.has(scratch)) {
      issues.push(
        issue(
          at,
          `makes the scratch namespace of "${source}" "${scratch}", which the drill would delete after each run: use another scratchPrefix`,
          { received: scratch },
        ),
      );
    } else {
      Object.defineProperty(mapping, source, {
        value: scratch,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  });
  return issues.length > 0 ? { issues } : { plan: { sources, mapping }, issues };
}
