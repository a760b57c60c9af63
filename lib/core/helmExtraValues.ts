/**
 * A user's own values for the velero chart (resources, node selectors, metrics, server flags...),
 * merged over the values the library builds. The library's values describe the objects it checks
 * (locations, schedules, identity, plugin, image); an extra value that replaced one of them would
 * install something other than what was checked, so such a value is refused with the option to
 * use instead.
 */
import { issue, type ValidationIssue } from './errors';
import { setOwn } from './manifests/prune';
import { joinPath } from './path';
import { isPlainObject, suggestField, typeName } from './schema/checkShape';
import { VELERO_CHART_TOP_LEVEL_VALUES } from './veleroChart';

/** The values the library sets itself, each with the option that sets it. */
const LIBRARY_OWNED: readonly (readonly [path: string, option: string])[] = [
  ['fullnameOverride', 'chartFullname'],
  ['image.repository', 'veleroImage'],
  ['image.tag', 'veleroImage'],
  ['image.digest', 'veleroImage (the pinned tag)'],
  ['initContainers', 'awsPluginImage'],
  ['configuration.backupStorageLocation', 'backupStorageLocations'],
  ['configuration.volumeSnapshotLocation', 'volumeSnapshotLocations'],
  ['configuration.namespace', 'namespace'],
  ['serviceAccount.server.create', 'serviceAccountName'],
  ['serviceAccount.server.name', 'serviceAccountName'],
  ['serviceAccount.server.annotations', 'roleArn'],
  ['credentials', 'roleArn (IRSA) or EKS Pod Identity: no credentials Secret'],
  ['backupsEnabled', 'chartCreatesObjects'],
  ['snapshotsEnabled', 'chartCreatesObjects'],
  ['schedules', 'schedules (with chartCreatesObjects)'],
  ['deployNodeAgent', 'deployNodeAgent'],
];

/** Server flags in the extra values that make every backup need the node agent. */
const NODE_AGENT_FLAGS: readonly (readonly [key: string, reason: string])[] = [
  [
    'defaultVolumesToFsBackup',
    'backs up every pod volume with file-system backup by default, which runs in the node agent',
  ],
  [
    'defaultSnapshotMoveData',
    "moves CSI snapshot data by default with Velero's built-in data mover, which runs in the node agent",
  ],
];

/** The metrics values the backup-health alerts set, when they are on. */
const ALERTS_OWNED: readonly (readonly [path: string, option: string])[] = [
  ['metrics.enabled', 'alerts.enabled'],
  ['metrics.serviceMonitor.enabled', 'alerts.enabled'],
  ['metrics.serviceMonitor.autodetect', 'alerts.autodetect'],
  ['metrics.serviceMonitor.additionalLabels', 'alerts.labels'],
  [
    'metrics.prometheusRule',
    'alerts (the generated rules; `alerts: { enabled: false }` to write your own)',
  ],
];

/** Options of {@link checkExtraHelmValues}. */
export interface ExtraHelmValuesCheck {
  /** The backup-health alerts are on, so their `metrics` values are the library's. */
  readonly alerts?: boolean;
}

type Parts = readonly (string | number)[];

function dotted(parts: Parts): string {
  return parts.join('.');
}

function issuePath(parts: Parts): string {
  return parts.reduce<string>((path, part) => joinPath(path, part), 'extraValues');
}

function checkPlainData(value: unknown, parts: Parts, out: ValidationIssue[]): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      out.push(issue(issuePath(parts), 'must be a finite number', { received: value }));
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkPlainData(item, [...parts, index], out);
    });
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) checkPlainData(item, [...parts, key], out);
    return;
  }
  out.push(
    issue(issuePath(parts), 'must be plain data (text, number, true/false, null, list or map)', {
      received: typeName(value),
    }),
  );
}

function checkOwned(
  value: unknown,
  parts: Parts,
  owners: readonly (readonly [path: string, option: string])[],
  out: ValidationIssue[],
): void {
  const path = dotted(parts);
  const owner = owners.find(([owned]) => path === owned || path.startsWith(`${owned}.`));
  if (owner !== undefined) {
    out.push(
      issue(
        issuePath(parts),
        `is set by the library from its checked inputs: use the option \`${owner[1]}\` instead`,
      ),
    );
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      checkOwned(item, [...parts, key], owners, out);
    }
    return;
  }
  const below = owners.find(([owned]) => owned.startsWith(`${path}.`));
  if (below !== undefined) {
    out.push(
      issue(
        issuePath(parts),
        `must be a map: it holds \`${below[0]}\`, which the library sets (option \`${below[1]}\`)`,
        { received: value },
      ),
    );
  }
}

/**
 * Every problem of a user's extra chart values: not a map, a top-level key the chart does not
 * read (with the closest one), something other than plain data, or a value the library sets.
 */
export function checkExtraHelmValues(
  extra: unknown,
  check: ExtraHelmValuesCheck = {},
): ValidationIssue[] {
  if (!isPlainObject(extra)) {
    return [issue('extraValues', 'must be a map of chart values', { received: extra })];
  }
  const out: ValidationIssue[] = [];
  for (const key of Object.keys(extra)) {
    if (!VELERO_CHART_TOP_LEVEL_VALUES.includes(key)) {
      const suggestion = suggestField(key, VELERO_CHART_TOP_LEVEL_VALUES);
      out.push(
        issue(
          issuePath([key]),
          `is not a value the velero chart reads, so Helm would ignore it${suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`}`,
        ),
      );
    }
  }
  checkPlainData(extra, [], out);
  checkOwned(
    extra,
    [],
    check.alerts === true ? [...LIBRARY_OWNED, ...ALERTS_OWNED] : LIBRARY_OWNED,
    out,
  );
  return out;
}

/** The server flags of the extra values that need the node agent, as `[path, reason]`. */
export function extraValuesNodeAgentNeeds(
  extra: Readonly<Record<string, unknown>>,
): { path: string; reason: string }[] {
  const configuration = extra.configuration;
  if (!isPlainObject(configuration)) return [];
  return NODE_AGENT_FLAGS.filter(([key]) => {
    const value = configuration[key];
    return value === true || value === 'true';
  }).map(([key, reason]) => ({ path: issuePath(['configuration', key]), reason }));
}

/**
 * A deep copy of plain data made with this realm's arrays and objects. Not `structuredClone`:
 * under jest its arrays come from another realm, and Pulumi (which tests `instanceof Array`)
 * would then send them as maps (`{"0": ...}`) to the chart.
 */
export function copyPlainData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => copyPlainData(item)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, copyPlainData(item));
    return out as T;
  }
  return value;
}

/** `extra` merged over `base`: maps are merged key by key, anything else in `extra` wins. */
export function mergeHelmValues<T extends object>(
  base: T,
  extra: Readonly<Record<string, unknown>>,
): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    setOwn(
      out,
      key,
      isPlainObject(current) && isPlainObject(value)
        ? mergeHelmValues(current, value)
        : copyPlainData(value),
    );
  }
  return out as T;
}
