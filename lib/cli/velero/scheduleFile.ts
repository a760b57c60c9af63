import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { normalizeGoDuration } from '../../core/rules/duration';
import { isPlainObject } from '../../core/schema/checkShape';
import type { ScheduleManifest } from '../../core/types/schedule';
import { CliError, EXIT_USAGE, usageError } from '../cliError';
import type { CliIo } from '../io';
import { describeYamlError } from '../lint/yamlLocation';
import { formatProblemList } from './coreErrors';

/** Reads a file (or stdin for `-`) as UTF-8 text; unreadable input is a usage error. */
export async function readTextInput(file: string, io: CliIo, flag: string): Promise<string> {
  try {
    const bytes = file === '-' ? await io.readStdin() : readFileSync(file);
    return bytes.toString('utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${flag} ${file}: cannot read it: ${reason}`, EXIT_USAGE);
  }
}

const DURATION_FIELDS = ['ttl', 'csiSnapshotTimeout', 'itemOperationTimeout'];

/**
 * The template's durations as velero prints them after a round trip through its Go types
 * (`24h` -> `24h0m0s`); values that do not parse are left for validation to report.
 */
function normalizeTemplateDurations(template: Record<string, unknown>): void {
  for (const field of DURATION_FIELDS) {
    const value = template[field];
    if (typeof value === 'string') {
      const normalized = normalizeGoDuration(value);
      if (normalized !== undefined) template[field] = normalized;
    }
  }
  const hooks = template.hooks;
  const resources = isPlainObject(hooks) && Array.isArray(hooks.resources) ? hooks.resources : [];
  for (const resource of resources) {
    if (!isPlainObject(resource)) continue;
    for (const phase of ['pre', 'post']) {
      const list = resource[phase];
      if (!Array.isArray(list)) continue;
      for (const hook of list) {
        const exec = isPlainObject(hook) ? hook.exec : undefined;
        if (isPlainObject(exec) && typeof exec.timeout === 'string') {
          exec.timeout = normalizeGoDuration(exec.timeout) ?? exec.timeout;
        }
      }
    }
  }
}

/**
 * Finds Schedule `name` in a manifest file (velero reads it from the cluster; velero-iac reads
 * `--schedule-file`). A Schedule without a namespace is taken to be in `namespace`; one in another
 * namespace does not match, as velero only looks in its own.
 *
 * @throws CliError when the file is malformed or holds no such Schedule.
 */
export function findSchedule(
  text: string,
  file: string,
  name: string,
  namespace: string,
): ScheduleManifest {
  const elsewhere: string[] = [];
  const docs = parseAllDocuments(text);
  const yamlErrors = docs.flatMap((doc) => doc.errors.map(describeYamlError));
  if (yamlErrors.length > 0) {
    const lines = yamlErrors.map((e) =>
      e.line === undefined ? e.message : `${file}:${e.line}:${e.column ?? 1}: ${e.message}`,
    );
    throw usageError(`--schedule-file ${file}: malformed YAML: ${formatProblemList(lines)}`);
  }
  for (const doc of docs) {
    const items: unknown[] = [];
    const value: unknown = doc.toJS();
    if (Array.isArray(value)) items.push(...value);
    else if (isPlainObject(value) && value.kind === 'List' && Array.isArray(value.items))
      items.push(...value.items);
    else items.push(value);
    for (const item of items) {
      if (!isPlainObject(item) || item.kind !== 'Schedule' || !isPlainObject(item.metadata))
        continue;
      const metadata = item.metadata;
      if (metadata.name !== name) continue;
      const ns = metadata.namespace ?? namespace;
      if (ns !== namespace) {
        elsewhere.push(String(ns));
        continue;
      }
      const schedule = structuredClone(item);
      (schedule.metadata as Record<string, unknown>).namespace = namespace;
      if (isPlainObject(schedule.spec) && isPlainObject(schedule.spec.template)) {
        normalizeTemplateDurations(schedule.spec.template);
      }
      return schedule as unknown as ScheduleManifest;
    }
  }
  const hint =
    elsewhere.length > 0
      ? ` (the file has it in namespace ${elsewhere.join(', ')}; pass -n ${elsewhere[0]})`
      : '';
  throw new CliError(
    `schedules.velero.io "${name}" not found in namespace ${namespace} in ${file}${hint}`,
  );
}
