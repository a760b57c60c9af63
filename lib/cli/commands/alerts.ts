import type { Command } from 'commander';
import { parseAllDocuments, stringify } from 'yaml';
import type { AlertedLocation, AlertedSchedule } from '../../core/alerts/types';
import { veleroAlertRules } from '../../core/alerts/veleroAlertRules';
import { formatIssue, VeleroConfigError } from '../../core/errors';
import { isPlainObject } from '../../core/schema/checkShape';
import { VELERO_API_VERSION } from '../../core/types/meta';
import { CliError, EXIT_USAGE } from '../cliError';
import { collectInputs } from '../lint/collectInputs';
import { lintSource } from '../lint/lintSource';
import { formatInputError, formatProblem } from '../lint/report';
import { parseMap } from '../velero/flagValues';
import {
  addVeleroVersionOption,
  collect,
  type RawOptions,
  rawString,
  rawStrings,
  veleroVersionOption,
} from '../velero/options';
import type { CommandContext } from './context';

/** The objects of one parsed document: a `kind: List`'s items, a list's items, or the document. */
function objectsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value) && value['kind'] === 'List' && Array.isArray(value['items'])) {
    return value['items'];
  }
  return [value];
}

function isVelero(value: unknown, kind: string): value is Record<string, unknown> {
  return (
    isPlainObject(value) && value['apiVersion'] === VELERO_API_VERSION && value['kind'] === kind
  );
}

/**
 * `velero-iac alerts [FILES|DIRS|-]`: the backup-health alert rules of the Schedules (and
 * BackupStorageLocations) in Velero manifests, as a Prometheus Operator PrometheusRule or a plain
 * Prometheus rules file. The manifests are linted first: a problem in them is reported, not
 * turned into rules.
 */
export function registerAlerts(program: Command, ctx: CommandContext): void {
  addVeleroVersionOption(program.command('alerts'))
    .summary(
      'print the backup-health alert rules of Velero Schedules (PrometheusRule or rules file)',
    )
    .description(
      'Print backup-health alert rules generated from the Schedules in Velero manifests: per schedule a missed-backup alert ' +
        '(the longest gap between two runs of its cron, daylight saving included, plus an allowance), a never-succeeded alert ' +
        'and a failed-backup alert; per BackupStorageLocation an unavailable alert; Velero not scraped. Folders are walked for ' +
        '.yaml, .yml and .json; - reads stdin. The manifests are linted first.\n' +
        'Exit code: 0 printed, 1 a problem in the manifests or options, 2 usage error or unreadable input.',
    )
    .argument('<paths...>', 'files, folders, or - for standard input')
    .option(
      '--format <format>',
      'prometheus-rule (a monitoring.coreos.com/v1 PrometheusRule) or rules (a Prometheus rules file)',
      'prometheus-rule',
    )
    .option('-o, --output <format>', 'yaml or json', 'yaml')
    .option('--name <name>', 'The PrometheusRule name (default: velero-backup-alerts)')
    .option(
      '-n, --namespace <namespace>',
      "The PrometheusRule namespace (default: the schedules' namespace)",
    )
    .option(
      '--labels <mapStringString>',
      'Labels of the PrometheusRule, e.g. release=kube-prometheus-stack (k1=v1,k2=v2)',
      collect,
    )
    .option(
      '--alert-labels <mapStringString>',
      'Labels added to every alert (k1=v1,k2=v2)',
      collect,
    )
    .option(
      '--velero-job <job>',
      'The job label of Velero\'s metrics; "" leaves it out (default: velero)',
    )
    .option(
      '--backup-allowance <duration>',
      'How long a backup may take, for every schedule (default: its itemOperationTimeout, 4h, plus 5m)',
    )
    .option(
      '--runbook-url <url>',
      'The runbook_url annotation (default: the README section on restores)',
    )
    .option('--group-name <name>', 'The rule group name (default: velero-backup-health)')
    .action(async (paths: string[], opts: RawOptions) => {
      const format = rawString(opts, 'format') ?? 'prometheus-rule';
      if (format !== 'prometheus-rule' && format !== 'rules') {
        throw new CliError(
          `invalid --format ${JSON.stringify(format)}: use prometheus-rule or rules`,
          EXIT_USAGE,
        );
      }
      const output = rawString(opts, 'output') ?? 'yaml';
      if (output !== 'yaml' && output !== 'json') {
        throw new CliError(
          `invalid output format ${JSON.stringify(output)}: use yaml or json`,
          EXIT_USAGE,
        );
      }
      const veleroVersion = veleroVersionOption(opts);
      const { inputs, errors } = collectInputs(paths, ctx.io);
      if (errors.length > 0)
        throw new CliError(errors.map(formatInputError).join('\n'), EXIT_USAGE);
      const schedules: AlertedSchedule[] = [];
      const locations: AlertedLocation[] = [];
      const problems: string[] = [];
      const unreadable: string[] = [];
      for (const input of inputs) {
        let bytes: Uint8Array;
        try {
          bytes = await input.read();
        } catch (error) {
          unreadable.push(
            `${input.file}: error: cannot read it: ${error instanceof Error ? error.message : String(error)}`,
          );
          continue;
        }
        const linted = lintSource(input.file, bytes, { veleroVersion });
        unreadable.push(...linted.inputErrors.map(formatInputError));
        problems.push(...linted.problems.map(formatProblem));
        if (linted.inputErrors.length > 0 || linted.problems.length > 0) continue;
        for (const doc of parseAllDocuments(Buffer.from(bytes).toString('utf8'), { merge: true })) {
          for (const object of objectsOf(doc.toJS({ maxAliasCount: 1000 }))) {
            if (isVelero(object, 'Schedule')) schedules.push(object as unknown as AlertedSchedule);
            else if (isVelero(object, 'BackupStorageLocation'))
              locations.push(object as unknown as AlertedLocation);
          }
        }
      }
      if (unreadable.length > 0) throw new CliError(unreadable.join('\n'), EXIT_USAGE);
      if (problems.length > 0) {
        throw new CliError(
          `the manifests have ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; fix them first:\n  ${problems.join('\n  ')}`,
        );
      }
      if (schedules.length === 0) {
        throw new CliError(`no Velero Schedule (${VELERO_API_VERSION}) in ${paths.join(', ')}`);
      }
      const velerojob = rawString(opts, 'veleroJob');
      const labels = parseMap(rawStrings(opts, 'labels'), '--labels');
      const alertLabels = parseMap(rawStrings(opts, 'alertLabels'), '--alert-labels');
      let rules: ReturnType<typeof veleroAlertRules>;
      try {
        rules = veleroAlertRules(schedules, {
          veleroVersion,
          ...(locations.length > 0 ? { backupStorageLocations: locations } : {}),
          ...(velerojob === undefined ? {} : { veleroJob: velerojob }),
          ...(labels === undefined ? {} : { labels }),
          ...(alertLabels === undefined ? {} : { alertLabels }),
          ...optionally('name', rawString(opts, 'name')),
          ...optionally('namespace', rawString(opts, 'namespace')),
          ...optionally('backupAllowance', rawString(opts, 'backupAllowance')),
          ...optionally('runbookUrl', rawString(opts, 'runbookUrl')),
          ...optionally('groupName', rawString(opts, 'groupName')),
        });
      } catch (error) {
        if (!(error instanceof VeleroConfigError)) throw error;
        const lines = error.issues.map((i) =>
          formatIssue({ ...i, path: OPTION_FLAGS[i.path.split(/[.[]/)[0] ?? ''] ?? i.path }),
        );
        throw new CliError(
          lines.length === 1
            ? (lines[0] as string)
            : `${lines.length} problems:\n  ${lines.join('\n  ')}`,
        );
      }
      const value = format === 'rules' ? { groups: rules.groups } : rules.prometheusRule;
      ctx.io.stdout(
        output === 'json'
          ? `${JSON.stringify(value, null, 2)}\n`
          : stringify(value, { lineWidth: 0 }),
      );
    });
}

/** The flag of each option whose problems the core reports by option name. */
const OPTION_FLAGS: Readonly<Record<string, string>> = {
  name: '--name',
  namespace: '--namespace',
  labels: '--labels',
  alertLabels: '--alert-labels',
  veleroJob: '--velero-job',
  backupAllowance: '--backup-allowance',
  runbookUrl: '--runbook-url',
  groupName: '--group-name',
};

function optionally<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
