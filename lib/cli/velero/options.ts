import type { Command } from 'commander';
import {
  DEFAULT_VELERO_VERSION,
  parseVeleroVersion,
  VELERO_VERSIONS,
  type VeleroVersion,
} from '../../core/versions/veleroVersion';
import { usageError } from '../cliError';
import { OUTPUT_FORMATS, type OutputFormat } from '../render';

/** The option values commander collected, as the raw strings the user typed. */
export type RawOptions = Readonly<Record<string, unknown>>;

/** A string option's raw value (`undefined` when absent). */
export function rawString(opts: RawOptions, key: string): string | undefined {
  const value = opts[key];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable option's raw values (`undefined` when absent). */
export function rawStrings(opts: RawOptions, key: string): string[] | undefined {
  const value = opts[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** Commander's argument collector for repeatable options (velero's map flags accumulate). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The velero namespace every create command takes (`-n/--namespace`, default `velero`). */
export function addNamespaceOption(cmd: Command): Command {
  return cmd.option(
    '-n, --namespace <namespace>',
    'The namespace in which Velero should operate',
    'velero',
  );
}

/** `-o/--output yaml|json` (default yaml): the create commands print and never submit. */
export function addOutputOption(cmd: Command): Command {
  return cmd.option(
    '-o, --output <format>',
    'Output format: yaml or json. The object is printed, never submitted (there is no cluster)',
    'yaml',
  );
}

/** `--labels` and `--annotations` (`k1=v1,k2=v2`, repeatable). */
export function addMetadataOptions(cmd: Command, annotationsNote = ''): Command {
  return cmd
    .option('--labels <mapStringString>', 'Labels to apply to the object (k1=v1,k2=v2)', collect)
    .option(
      '--annotations <mapStringString>',
      `Annotations to apply to the object (k1=v1,k2=v2)${annotationsNote}`,
      collect,
    );
}

/**
 * Reads `-o/--output`: `yaml` or `json` (velero's `table` needs a cluster's view, so it is refused
 * as a usage error).
 */
export function outputFormat(opts: RawOptions): OutputFormat {
  const raw = rawString(opts, 'output') ?? 'yaml';
  if ((OUTPUT_FORMATS as readonly string[]).includes(raw)) return raw as OutputFormat;
  throw usageError(
    `invalid output format ${JSON.stringify(raw)}: velero-iac prints yaml or json (table is not supported)`,
  );
}

/**
 * `--velero-version <release>` (default 1.18), on every command: the Velero release the cluster
 * runs. Fields it lacks are refused and schedules are parsed with its cron dialect.
 */
export function addVeleroVersionOption(cmd: Command): Command {
  return cmd.option(
    '--velero-version <release>',
    `The Velero release the cluster runs: ${VELERO_VERSIONS.join(', ')} (1.15.2 or v1.15 mean 1.15). Fields it lacks are refused; schedules use its cron parser`,
    DEFAULT_VELERO_VERSION,
  );
}

/** Reads `--velero-version`: `1.15`, `v1.15`, `1.15.2` and `v1.15.2` all mean `'1.15'`. */
export function veleroVersionOption(opts: RawOptions): VeleroVersion {
  const raw = rawString(opts, 'veleroVersion') ?? DEFAULT_VELERO_VERSION;
  const version = parseVeleroVersion(raw);
  if (version !== undefined) return version;
  throw usageError(
    `invalid --velero-version ${JSON.stringify(raw)}: use one of ${VELERO_VERSIONS.join(', ')} (releases before 1.12 are not supported)`,
  );
}
