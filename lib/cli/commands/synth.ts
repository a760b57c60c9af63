import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SETUP_SUBJECT, defaultVeleroSetup } from '../../core/defaultSetup';
import { VeleroConfigError } from '../../core/errors';
import { CliError, usageError } from '../cliError';
import { renderObject, renderObjects } from '../render';
import { utcDate } from '../time';
import { describeIssueForFlags, formatProblemList } from '../velero/coreErrors';
import {
  addVeleroVersionOption,
  outputFormat,
  type RawOptions,
  rawString,
  veleroVersionOption,
} from '../velero/options';
import type { CommandContext } from './context';

const FLAGS = {
  cluster: '--cluster',
  date: '--date',
  region: '--region',
  namespace: '--namespace',
  scheduleName: '--schedule-name',
  bucket: '--bucket',
  kmsKeyId: '--kms-key-id',
};

/** The file a manifest is written to under `--out`: `<kind>-<name>.<ext>`, lowercase. */
export function manifestFileName(
  manifest: { kind: string; metadata: { name: string } },
  ext: string,
): string {
  return `${manifest.kind.toLowerCase()}-${manifest.metadata.name}.${ext}`;
}

/**
 * `velero-iac synth`: the default Velero set-up for one cluster (BackupStorageLocation, VolumeSnapshotLocation,
 * default Prometheus/Tempo schedule) as YAML or JSON, on stdout or one file per object in `--out`.
 * Needs no cluster, cloud or network.
 */
export function registerSynth(program: Command, ctx: CommandContext): void {
  addVeleroVersionOption(program.command('synth'))
    .summary('print the default Velero set-up for one cluster (locations and schedule)')
    .description(
      'Print the default Velero set-up for one cluster: BackupStorageLocation "default" (bucket <cluster>-velero-<YYYYMMDD>), ' +
        'VolumeSnapshotLocation "default" and the default Prometheus/Tempo schedule. No cluster, cloud or network needed.\n' +
        "The default --date is today in UTC, the rule of velero-iac's own commands.",
    )
    .option('--cluster <name>', 'The cluster name, the first part of the bucket name (required)')
    .option('--region <region>', 'The AWS region of the bucket and the EBS volumes (required)')
    .option(
      '--date <date>',
      'The bucket date, YYYY-MM-DD or YYYYMMDD (default: today in UTC; pin it: another date names another bucket)',
    )
    .option('--namespace <namespace>', 'The namespace Velero runs in', 'velero')
    .option(
      '--schedule-name <name>',
      'The name of the default schedule (default: velero-velero-udsbackup)',
    )
    .option('--bucket <name>', 'An existing bucket to use instead of <cluster>-velero-<date>')
    .option(
      '--kms-key-id <key>',
      'A KMS key id, alias/<name> or ARN the AWS plugin encrypts backups with',
    )
    .option('--out <dir>', 'Write one file per object into this directory instead of stdout')
    .option('-o, --output <format>', 'yaml (documents separated by ---) or json (a list)', 'yaml')
    .action((opts: RawOptions) => {
      const format = outputFormat(opts);
      const veleroVersion = veleroVersionOption(opts);
      const missing = ['cluster', 'region'].filter((key) => rawString(opts, key) === undefined);
      if (missing.length > 0) {
        throw usageError(`${missing.map((m) => `--${m}`).join(' and ')} required`);
      }
      const bucket = rawString(opts, 'bucket');
      let date = rawString(opts, 'date');
      if (date === undefined) {
        date = utcDate(ctx.io.now());
        if (bucket === undefined) {
          ctx.io.stderr(
            `Note: --date not given: using today (UTC), ${date}. Pin it with --date ${date}: another date names another bucket.\n`,
          );
        }
      }
      let setup: ReturnType<typeof defaultVeleroSetup>;
      try {
        setup = defaultVeleroSetup({
          cluster: rawString(opts, 'cluster') ?? '',
          date,
          region: rawString(opts, 'region') ?? '',
          namespace: rawString(opts, 'namespace'),
          scheduleName: rawString(opts, 'scheduleName'),
          bucket,
          kmsKeyId: rawString(opts, 'kmsKeyId'),
          veleroVersion,
        });
      } catch (error) {
        if (!(error instanceof VeleroConfigError)) throw error;
        const lines = error.issues.map((i) => describeIssueForFlags(i, FLAGS));
        const subject = error.subject === DEFAULT_SETUP_SUBJECT ? '' : `${error.subject}: `;
        throw new CliError(subject + formatProblemList(lines));
      }
      const out = rawString(opts, 'out');
      if (out === undefined) {
        ctx.io.stdout(renderObjects(setup.manifests, format));
        return;
      }
      try {
        mkdirSync(out, { recursive: true });
        for (const manifest of setup.manifests) {
          const file = join(out, manifestFileName(manifest, format === 'json' ? 'json' : 'yaml'));
          writeFileSync(file, renderObject(manifest, format));
          ctx.io.stdout(
            `wrote ${file} (${manifest.kind} ${manifest.metadata.namespace}/${manifest.metadata.name})\n`,
          );
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw usageError(`--out ${out}: cannot write: ${reason}`);
      }
    });
}
