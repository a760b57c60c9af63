import type { Command } from 'commander';
import { VeleroConfigError } from '../../core/errors';
import { type RestorePlan, restorePlan } from '../../core/restorePlan';
import { usageError } from '../cliError';
import { renderObject } from '../render';
import { toCliError } from '../velero/coreErrors';
import { parseBool } from '../velero/flagValues';
import {
  addVeleroVersionOption,
  collect,
  type RawOptions,
  rawString,
  rawStrings,
  veleroVersionOption,
} from '../velero/options';
import type { CommandContext } from './context';

const FLAGS = {
  namespace: '--namespace',
  release: '--release',
  fluxNamespace: '--flux-namespace',
  backupName: '--backup',
  scheduleName: '--schedule',
  restoreName: '--name',
  veleroNamespace: '--velero-namespace',
  selector: '--selector',
  pvcs: '--pvc',
  workloads: '--workload',
  includedResources: '--include-resources',
};

/** The formats `restore plan` prints: the runbook, the Restore alone, or everything as JSON. */
const PLAN_FORMATS = ['text', 'yaml', 'json'];

/** Flags of `restore plan` whose bare form means true. */
export const RESTORE_PLAN_BARE_TRUE_FLAGS: readonly string[] = ['--keep-existing-pv'];

/**
 * Wraps a note into `#    `-prefixed comment lines of at most 100 characters; a `quoted command`
 * is never broken, so it can be copied from one line.
 */
function commentLines(text: string, indent = '#    '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.match(/`[^`]*`\S*|\S+/g) ?? []) {
    if (line !== '' && indent.length + line.length + 1 + word.length > 100) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/**
 * The runbook as a shell-pasteable text: step titles and notes as `#` comments, the commands
 * flush left (so here-documents work when pasted), a blank line between steps.
 */
export function renderRestorePlan(plan: RestorePlan): string {
  const out: string[] = [
    ...commentLines(plan.title, '# '),
    ...commentLines(
      `Restore ${plan.restore.metadata.namespace}/${plan.restore.metadata.name}. Run one step at a time and check its result before the next.`,
      '# ',
    ),
    '',
  ];
  plan.steps.forEach((step, i) => {
    out.push(`# ${i + 1}. ${step.title}`);
    out.push(...step.commands);
    if (step.note !== undefined) out.push(...commentLines(step.note));
    out.push('');
  });
  return out.join('\n');
}

/**
 * `velero-iac restore plan`: the safe restore procedure for a workload's volumes as numbered steps
 * with exact commands (built by the core's `restorePlan`); `-o yaml` prints only the Restore.
 */
export function registerRestorePlan(restore: Command, ctx: CommandContext): void {
  addVeleroVersionOption(restore.command('plan'))
    .summary("print the safe restore procedure for a workload's volumes")
    .description(
      "Print the safe procedure to restore a workload's volumes: numbered steps with exact flux, kubectl and velero commands.\n" +
        'Default: suspend the HelmRelease, delete the workload, its PVCs and PVs, restore, verify Bound, resume.\n' +
        '--keep-existing-pv (the hard way): keep the old disks, restore, delete the PVCs and old PVs, remove claimRef from the restored PVs, delete the pods, verify.\n' +
        "Default Restore name: <backup or schedule>-YYYYMMDDhhmmss in UTC, the rule of velero-iac's own commands " +
        '(restore create uses local time, as velero does).',
    )
    .option('--namespace <namespace>', 'The namespace of the workload (required)')
    .option('--release <name>', 'The Flux HelmRelease that deploys the workload (required)')
    .option(
      '--flux-namespace <namespace>',
      "The namespace of the HelmRelease (the flux CLI's default)",
      'flux-system',
    )
    .option('--backup <name>', 'The Backup to restore from (this or --schedule)')
    .option(
      '--schedule <name>',
      'Restore from the newest Completed backup of this Schedule (this or --backup)',
    )
    .option(
      '--keep-existing-pv [bool]',
      'The hard way: keep the workload and the old disks, swap the volumes under the pods',
    )
    .option('--name <name>', 'The Restore name (default: <backup or schedule>-YYYYMMDDhhmmss, UTC)')
    .option('--velero-namespace <namespace>', 'The namespace Velero runs in', 'velero')
    .option(
      '--selector <labelSelector>',
      "Label selector of the workload's pods, controllers and PVCs (default: app.kubernetes.io/instance=<release>)",
    )
    .option(
      '--pvc <name>',
      'A PVC of the workload, by name (repeatable; default: the PVCs matching --selector)',
      collect,
    )
    .option(
      '--workload <kind/name>',
      'A controller of the workload, e.g. statefulset/prometheus-db (repeatable; default: StatefulSets and Deployments matching --selector)',
      collect,
    )
    .option(
      '--include-resources <stringArray>',
      'Resources the Restore brings back (default: persistentvolumeclaims,persistentvolumes; "" for everything in the namespace)',
    )
    .option(
      '-o, --output <format>',
      'text (the numbered steps), yaml (only the Restore) or json (steps and Restore)',
      'text',
    )
    .action((opts: RawOptions) => {
      const format = rawString(opts, 'output') ?? 'text';
      if (!PLAN_FORMATS.includes(format)) {
        throw usageError(`invalid output format ${JSON.stringify(format)}: use text, yaml or json`);
      }
      const missing = ['namespace', 'release'].filter((key) => rawString(opts, key) === undefined);
      if (missing.length > 0) {
        throw usageError(`${missing.map((m) => `--${m}`).join(' and ')} required`);
      }
      if (
        (rawString(opts, 'backup') === undefined) ===
        (rawString(opts, 'schedule') === undefined)
      ) {
        throw usageError('give exactly one of --backup and --schedule');
      }
      const resources = rawString(opts, 'includeResources');
      const veleroVersion = veleroVersionOption(opts);
      let plan: RestorePlan;
      try {
        plan = restorePlan({
          namespace: rawString(opts, 'namespace') ?? '',
          release: rawString(opts, 'release') ?? '',
          fluxNamespace: rawString(opts, 'fluxNamespace'),
          backupName: rawString(opts, 'backup'),
          scheduleName: rawString(opts, 'schedule'),
          keepExistingPv:
            parseBool(rawString(opts, 'keepExistingPv'), '--keep-existing-pv') === true,
          restoreName: rawString(opts, 'name'),
          at: ctx.io.now(),
          veleroNamespace: rawString(opts, 'veleroNamespace'),
          selector: rawString(opts, 'selector'),
          pvcs: rawStrings(opts, 'pvc'),
          workloads: rawStrings(opts, 'workload'),
          includedResources:
            resources === undefined ? undefined : resources === '' ? [] : resources.split(','),
          veleroVersion,
        });
      } catch (error) {
        if (!(error instanceof VeleroConfigError)) throw error;
        throw toCliError(error, FLAGS);
      }
      if (format === 'text') ctx.io.stdout(renderRestorePlan(plan));
      else if (format === 'yaml') ctx.io.stdout(renderObject(plan.restore, 'yaml'));
      else ctx.io.stdout(renderObject(plan, 'json'));
    });
}
