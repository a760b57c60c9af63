/**
 * What the chart tests share: reading the chart's own files, comparing what the chart renders
 * with what the library builds, and checking the library's values against the keys the chart
 * reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { RenderedObject } from '../support/helm';
import { VELERO_CHART_DIR } from '../support/helm';

/** The labels the chart puts on every object it creates. */
export const CHART_LABELS: readonly string[] = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/managed-by',
  'app.kubernetes.io/version',
  'helm.sh/chart',
];

/** The chart's `values.yaml`, parsed. */
export function chartDefaults(): Record<string, unknown> {
  return parse(readFileSync(path.join(VELERO_CHART_DIR, 'values.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** The chart's `Chart.yaml`, parsed. */
export function chartMetadata(): { version: string; appVersion: string; name: string } {
  return parse(readFileSync(path.join(VELERO_CHART_DIR, 'Chart.yaml'), 'utf8')) as {
    version: string;
    appVersion: string;
    name: string;
  };
}

/**
 * The text of every template of the chart but `NOTES.txt`, which only tests for removed values
 * (`resticTimeout`, `deployRestic`...) to print that they are gone.
 */
function templateTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'NOTES.txt') out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(VELERO_CHART_DIR, 'templates'));
  return out;
}

/** The top-level values the templates read (`.Values.<key>`). */
export function templateTopLevelValues(): string[] {
  const keys = new Set<string>();
  for (const text of templateTexts()) {
    for (const match of text.matchAll(/\.Values\.([A-Za-z0-9_]+)/g)) keys.add(match[1] as string);
    for (const match of text.matchAll(/hasKey \.Values "([A-Za-z0-9_]+)"/g)) {
      keys.add(match[1] as string);
    }
  }
  return [...keys];
}

/** The fields of one `schedules` entry that `templates/schedule.yaml` reads (`$schedule.<key>`). */
export function scheduleEntryKeys(): string[] {
  const text = readFileSync(path.join(VELERO_CHART_DIR, 'templates', 'schedule.yaml'), 'utf8');
  return [...new Set([...text.matchAll(/\$schedule\.([A-Za-z]+)/g)].map((m) => m[1] as string))];
}

/**
 * Value paths whose content the chart copies without reading keys of its own, so no key under
 * them can be unknown to it; `[]` stands for any list item, `*` for any map key.
 */
export const FREE_FORM_VALUES: Readonly<Record<string, string>> = {
  initContainers: 'Kubernetes Container objects, copied verbatim (toYaml) into the Deployment',
  'serviceAccount.server.annotations': 'a map of annotations (toYaml)',
  'configuration.backupStorageLocation[].config': 'the provider plugin config map (quoted values)',
  'configuration.backupStorageLocation[].annotations': 'a map of annotations',
  'configuration.volumeSnapshotLocation[].config': 'the provider plugin config map (quoted values)',
  'configuration.volumeSnapshotLocation[].annotations': 'a map of annotations',
  'schedules.*.template':
    "a Velero Backup spec, copied verbatim (toYaml); the rendered Schedule's CRD check covers it",
  'schedules.*.labels': 'a map of labels (toYaml)',
  'schedules.*.annotations': 'a map of annotations (toYaml)',
  'metrics.prometheusRule.spec':
    "Prometheus alerting rules, copied verbatim (toYaml) into the PrometheusRule's group; the Prometheus Operator schema test covers them",
  'metrics.prometheusRule.additionalLabels': 'a map of labels (toYaml)',
  'metrics.serviceMonitor.additionalLabels': 'a map of labels (toYaml)',
};

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The paths of `values` the chart does not read: every key must exist in the chart's
 * `values.yaml` at the same place (list items compared with the chart's example item), except
 * under {@link FREE_FORM_VALUES}; the entries of the `schedules` map (keyed by schedule name)
 * may hold only the fields `templates/schedule.yaml` reads.
 */
export function unknownValuePaths(values: unknown): string[] {
  const defaults = chartDefaults();
  const scheduleKeys = scheduleEntryKeys();
  const out: string[] = [];
  const walk = (value: unknown, reference: unknown, at: string): void => {
    if (at in FREE_FORM_VALUES) return;
    if (Array.isArray(value)) {
      const example = Array.isArray(reference) ? reference[0] : undefined;
      for (const item of value) walk(item, example, `${at}[]`);
      return;
    }
    if (!isMap(value)) return;
    for (const [key, item] of Object.entries(value)) {
      const child = at === '' ? key : `${at}.${key}`;
      if (at === 'schedules') {
        if (!isMap(item)) {
          out.push(child);
          continue;
        }
        for (const [field, fieldValue] of Object.entries(item)) {
          if (!scheduleKeys.includes(field)) out.push(`schedules.*.${field}`);
          else walk(fieldValue, undefined, `schedules.*.${field}`);
        }
        continue;
      }
      if (!isMap(reference) || !(key in reference)) {
        out.push(child);
        continue;
      }
      walk(item, reference[key], child);
    }
  };
  walk(values, defaults, '');
  return out;
}

/** `kind namespace/name` of an object. */
export function keyOf(object: { kind: string; metadata: { name: string; namespace?: string } }) {
  return `${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** The Velero objects (`velero.io/v1`) among rendered objects. */
export function veleroObjectsOf(objects: readonly RenderedObject[]): RenderedObject[] {
  return objects.filter((object) => object.apiVersion === 'velero.io/v1');
}

/** The one rendered object of a kind (and name); throws otherwise. */
export function oneOf(objects: readonly RenderedObject[], kind: string, name?: string) {
  const found = objects.filter(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  }
  return found[0] as RenderedObject;
}

/**
 * A Velero manifest with the differences that do not change what Velero does removed, applied
 * alike to what the chart renders and what the library builds, so that any other difference
 * fails the comparison:
 * - the chart's own labels (`app.kubernetes.io/*`, `helm.sh/chart`) are dropped;
 * - a BackupStorageLocation's `accessMode` is made explicit (`ReadWrite` when absent): the chart
 *   always writes it, Velero reads an absent one as `ReadWrite`;
 * - `false` is dropped where the chart writes a field only when true and Velero reads an absent
 *   one as false: BSL `default`, Schedule `paused` and `useOwnerReferencesInBackup`, and Schedule
 *   `skipImmediately` (absent takes the server's `--schedule-skip-immediately`, false unless set
 *   through `configuration.extraArgs`).
 */
export function semantic(manifest: {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
  spec?: unknown;
}): Record<string, unknown> {
  const metadata = { ...(manifest.metadata as Record<string, unknown>) };
  const labels = Object.fromEntries(
    Object.entries((metadata.labels as Record<string, string> | undefined) ?? {}).filter(
      ([key]) => !CHART_LABELS.includes(key),
    ),
  );
  delete metadata.labels;
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  const spec = structuredClone(manifest.spec as Record<string, unknown>);
  if (manifest.kind === 'BackupStorageLocation') {
    spec.accessMode ??= 'ReadWrite';
    if (spec.default === false) delete spec.default;
  }
  if (manifest.kind === 'Schedule') {
    for (const field of ['paused', 'useOwnerReferencesInBackup', 'skipImmediately']) {
      if (spec[field] === false) delete spec[field];
    }
  }
  return { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata, spec };
}
