import type { Command } from 'commander';
import { restoreManifest } from '../../core/manifests/builders';
import { uncheckedRestoreSource } from '../../core/manifests/restoreSource';
import type { RestoreSourceOptions, RestoreSpec } from '../../core/types/restore';
import { usageError } from '../cliError';
import { renderObject } from '../render';
import { localTimestamp } from '../time';
import { checkOneSelectorKind } from '../velero/backupFlags';
import { FlagProblems } from '../velero/flagProblems';
import {
  parseBool,
  parseDuration,
  parseInteger,
  parseList,
  parseMap,
  parseOrSelector,
  parseSelector,
  parseString,
} from '../velero/flagValues';
import {
  addMetadataOptions,
  addNamespaceOption,
  addOutputOption,
  addVeleroVersionOption,
  collect,
  outputFormat,
  type RawOptions,
  rawString,
  rawStrings,
  veleroVersionOption,
} from '../velero/options';
import type { CommandContext } from './context';

/** Which restore flag sets which spec field (for error messages). */
export const RESTORE_FLAGS_BY_FIELD = {
  name: 'NAME',
  namespace: '--namespace',
  labels: '--labels',
  annotations: '--annotations',
  backupName: '--from-backup',
  scheduleName: '--from-schedule',
  includedNamespaces: '--include-namespaces',
  excludedNamespaces: '--exclude-namespaces',
  includedResources: '--include-resources',
  excludedResources: '--exclude-resources',
  includeClusterResources: '--include-cluster-resources',
  namespaceMapping: '--namespace-mappings',
  labelSelector: '--selector',
  orLabelSelectors: '--or-selector',
  restorePVs: '--restore-volumes',
  preserveNodePorts: '--preserve-nodeports',
  existingResourcePolicy: '--existing-resource-policy',
  'restoreStatus.includedResources': '--status-include-resources',
  'restoreStatus.excludedResources': '--status-exclude-resources',
  itemOperationTimeout: '--item-operation-timeout',
  resourceModifier: '--resource-modifier-configmap',
  'uploaderConfig.writeSparseFiles': '--write-sparse-files',
  'uploaderConfig.parallelFilesDownload': '--parallel-files-download',
} as const;

/** The optional-boolean flags of `restore create` (bare = true, absent = unset), and `--wait`. */
export const RESTORE_CREATE_BARE_TRUE_FLAGS: readonly string[] = [
  '--allow-partially-failed',
  '--include-cluster-resources',
  '--restore-volumes',
  '--preserve-nodeports',
  '--write-sparse-files',
  '--wait',
  '-w',
];

/**
 * The RestoreSpec the flags set, as velero fills it in. `restoreStatus` only when
 * `--status-include-resources` is non-empty; `uploaderConfig` holds what was given (velero always
 * sends the object, empty when no uploader flag is given, which means the same as leaving it out).
 * Flags that exclude each other are usage errors; rejected values are noted in `problems`.
 */
function restoreSpecFromOptions(
  opts: RawOptions,
  ctx: CommandContext,
  problems: FlagProblems,
): Omit<RestoreSpec, 'backupName' | 'scheduleName'> & RestoreSourceOptions {
  const backupName = parseString(rawString(opts, 'fromBackup'));
  const scheduleName = parseString(rawString(opts, 'fromSchedule'));
  if (backupName !== undefined && scheduleName !== undefined) {
    throw usageError('either a backup or schedule must be specified, but not both');
  }
  if (backupName === undefined && scheduleName === undefined) {
    throw usageError(
      'either a backup or schedule must be specified (--from-backup or --from-schedule)',
    );
  }
  const allowPartiallyFailed = problems.read(() =>
    parseBool(rawString(opts, 'allowPartiallyFailed'), '--allow-partially-failed'),
  );
  if (scheduleName !== undefined && allowPartiallyFailed === true) {
    throw usageError(
      `--allow-partially-failed with --from-schedule makes velero pick the newest Completed or PartiallyFailed backup of ${scheduleName} in the cluster and send its name; velero-iac has no cluster. Use --from-backup NAME with that backup, or drop --allow-partially-failed (the server then restores the newest Completed backup)`,
    );
  }
  checkOneSelectorKind(opts);
  const parallel = problems.read(() =>
    parseInteger(rawString(opts, 'parallelFilesDownload'), '--parallel-files-download'),
  );
  if (parallel !== undefined && parallel < 0) {
    problems.add(`--parallel-files-download must be 0 or more, got ${parallel}`);
  }
  const statusInclude = parseList(rawString(opts, 'statusIncludeResources'));
  const statusExclude = parseList(rawString(opts, 'statusExcludeResources'));
  if (statusExclude !== undefined && (statusInclude === undefined || statusInclude.length === 0)) {
    ctx.io.stderr(
      'Note: --status-exclude-resources is ignored without --status-include-resources (velero writes restoreStatus only when the include list is non-empty).\n',
    );
  }
  const modifier = parseString(rawString(opts, 'resourceModifierConfigmap'));
  const writeSparseFiles = problems.read(() =>
    parseBool(rawString(opts, 'writeSparseFiles'), '--write-sparse-files'),
  );
  return {
    ...uncheckedRestoreSource(backupName, scheduleName),
    includedNamespaces: parseList(rawString(opts, 'includeNamespaces')) ?? ['*'],
    excludedNamespaces: parseList(rawString(opts, 'excludeNamespaces')),
    includedResources: parseList(rawString(opts, 'includeResources')),
    excludedResources: parseList(rawString(opts, 'excludeResources')),
    includeClusterResources: problems.read(() =>
      parseBool(rawString(opts, 'includeClusterResources'), '--include-cluster-resources'),
    ),
    namespaceMapping: problems.read(() =>
      parseMap(rawStrings(opts, 'namespaceMappings'), '--namespace-mappings', ':'),
    ),
    labelSelector: problems.read(() => parseSelector(rawString(opts, 'selector'), '--selector')),
    orLabelSelectors: problems.read(() =>
      parseOrSelector(rawString(opts, 'orSelector'), '--or-selector'),
    ),
    restorePVs: problems.read(() =>
      parseBool(rawString(opts, 'restoreVolumes'), '--restore-volumes'),
    ),
    preserveNodePorts: problems.read(() =>
      parseBool(rawString(opts, 'preserveNodeports'), '--preserve-nodeports'),
    ),
    existingResourcePolicy: parseString(
      rawString(opts, 'existingResourcePolicy'),
    ) as RestoreSpec['existingResourcePolicy'],
    restoreStatus:
      statusInclude !== undefined && statusInclude.length > 0
        ? { includedResources: statusInclude, excludedResources: statusExclude }
        : undefined,
    itemOperationTimeout: problems.read(() =>
      parseDuration(rawString(opts, 'itemOperationTimeout'), '--item-operation-timeout'),
    ),
    resourceModifier:
      modifier === undefined ? undefined : { apiGroup: '', kind: 'configmap', name: modifier },
    uploaderConfig: {
      writeSparseFiles,
      parallelFilesDownload: parallel !== undefined && parallel > 0 ? parallel : undefined,
    },
  };
}

/**
 * `velero-iac restore create [NAME] --from-backup B | --from-schedule S`: every flag of
 * `velero restore create`, printing the Restore velero would submit. The default name is
 * `<source>-<YYYYMMDDhhmmss>` in the machine's local time, as velero names it.
 */
export function registerRestoreCreate(restore: Command, ctx: CommandContext): void {
  const cmd = restore
    .command('create')
    .summary('print the Restore `velero restore create` would create')
    .description(
      'Print the Restore `velero restore create` would create, as YAML or JSON, without a cluster.\n' +
        "Default NAME: <backup or schedule>-YYYYMMDDhhmmss in this machine's local time, as velero restore create names it " +
        "(velero-iac's own commands, such as restore plan, use UTC).",
    )
    .argument('[NAME]', 'the Restore name')
    .option('--from-backup <string>', 'Backup to restore from')
    .option(
      '--from-schedule <string>',
      'Schedule to restore from (the server picks its newest Completed backup)',
    )
    .option(
      '--allow-partially-failed [optionalBool]',
      'With --from-schedule, velero picks the newest Completed or PartiallyFailed backup in the cluster: refused here (no cluster)',
    )
    .option(
      '--include-namespaces <stringArray>',
      'Namespaces to include in the restore (use \'*\' for all namespaces) (default "*")',
    )
    .option('--exclude-namespaces <stringArray>', 'Namespaces to exclude from the restore')
    .option(
      '--include-resources <stringArray>',
      "Resources to include in the restore, formatted as resource.group (use '*' for all resources)",
    )
    .option(
      '--exclude-resources <stringArray>',
      'Resources to exclude from the restore, formatted as resource.group',
    )
    .option(
      '--include-cluster-resources [optionalBool]',
      'Include cluster-scoped resources in the restore (bare flag = true)',
    )
    .option(
      '--namespace-mappings <mapStringString>',
      'Namespace mappings from the backup to the restore: src1:dst1,src2:dst2',
      collect,
    )
    .option('-l, --selector <labelSelector>', 'Only restore resources matching this label selector')
    .option(
      '--or-selector <orLabelSelector>',
      'Restore resources matching at least one of the label selectors separated by " or "',
    )
    .option(
      '--restore-volumes [optionalBool]',
      'Restore PersistentVolumes from snapshots (bare flag = true)',
    )
    .option(
      '--preserve-nodeports [optionalBool]',
      "Keep the Services' node ports from the backup (bare flag = true)",
    )
    .option(
      '--existing-resource-policy <string>',
      'What to do with resources that already exist: none or update (default: unset, never overwrite)',
    )
    .option(
      '--status-include-resources <stringArray>',
      'Resources whose status is restored (restoreStatus is written only when this is non-empty)',
    )
    .option(
      '--status-exclude-resources <stringArray>',
      'Resources whose status is not restored (only with --status-include-resources)',
    )
    .option(
      '--item-operation-timeout <duration>',
      'How long to wait for asynchronous plugin operations (Go duration)',
    )
    .option(
      '--resource-modifier-configmap <string>',
      'The resource-modifier ConfigMap to use for the restore',
    )
    .option(
      '--write-sparse-files [optionalBool]',
      'Write sparse files when restoring volumes with the file system uploader (bare flag = true)',
    )
    .option(
      '--parallel-files-download <int>',
      'Number of files downloaded in parallel by the file system uploader (0 or more)',
    )
    .option('-w, --wait [bool]', 'Accepted for compatibility and ignored: nothing is submitted');
  addMetadataOptions(cmd);
  addNamespaceOption(cmd);
  addOutputOption(cmd);
  addVeleroVersionOption(cmd);
  cmd.action((name: string | undefined, opts: RawOptions) => {
    const format = outputFormat(opts);
    const veleroVersion = veleroVersionOption(opts);
    const problems = new FlagProblems();
    const namespace = rawString(opts, 'namespace') ?? 'velero';
    const labels = problems.read(() => parseMap(rawStrings(opts, 'labels'), '--labels'));
    const annotations = problems.read(() =>
      parseMap(rawStrings(opts, 'annotations'), '--annotations'),
    );
    if (problems.read(() => parseBool(rawString(opts, 'wait'), '--wait')) === true) {
      ctx.io.stderr(
        'Note: --wait is ignored: velero-iac prints the Restore and submits nothing.\n',
      );
    }
    const spec = restoreSpecFromOptions(opts, ctx, problems);
    const source = spec.backupName ?? spec.scheduleName ?? '';
    const restoreName = name ?? `${source}-${localTimestamp(ctx.io.now())}`;
    const manifest = problems.build(RESTORE_FLAGS_BY_FIELD, () =>
      restoreManifest({
        name: restoreName,
        namespace,
        labels,
        annotations,
        ...spec,
        veleroVersion,
      }),
    );
    ctx.io.stdout(renderObject(manifest, format));
  });
}
