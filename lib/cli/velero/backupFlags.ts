import type { Command } from 'commander';
import {
  NEW_STYLE_RESOURCE_FILTERS,
  OLD_STYLE_RESOURCE_FILTERS,
} from '../../core/rules/resourceFilters';
import type { BackupSpec } from '../../core/types/backupSpec';
import { usageError } from '../cliError';
import type { FlagsByField } from './coreErrors';
import type { FlagProblems } from './flagProblems';
import {
  parseBool,
  parseDuration,
  parseInteger,
  parseList,
  parseOrderedResources,
  parseOrSelector,
  parseSelector,
  parseString,
} from './flagValues';
import { type RawOptions, rawString } from './options';

/** The optional-boolean flags of `backup create` and `schedule create` (bare = true, absent = unset). */
export const BACKUP_OPTIONAL_BOOL_FLAGS: readonly string[] = [
  '--include-cluster-resources',
  '--snapshot-volumes',
  '--snapshot-move-data',
  '--default-volumes-to-fs-backup',
];

/** Which backup flag sets which spec field (for error messages). */
export const BACKUP_FLAGS_BY_FIELD: FlagsByField = {
  includedNamespaces: '--include-namespaces',
  excludedNamespaces: '--exclude-namespaces',
  includedResources: '--include-resources',
  excludedResources: '--exclude-resources',
  includeClusterResources: '--include-cluster-resources',
  includedClusterScopedResources: '--include-cluster-scoped-resources',
  excludedClusterScopedResources: '--exclude-cluster-scoped-resources',
  includedNamespaceScopedResources: '--include-namespace-scoped-resources',
  excludedNamespaceScopedResources: '--exclude-namespace-scoped-resources',
  labelSelector: '--selector',
  orLabelSelectors: '--or-selector',
  ttl: '--ttl',
  storageLocation: '--storage-location',
  volumeSnapshotLocations: '--volume-snapshot-locations',
  snapshotVolumes: '--snapshot-volumes',
  snapshotMoveData: '--snapshot-move-data',
  datamover: '--data-mover',
  defaultVolumesToFsBackup: '--default-volumes-to-fs-backup',
  orderedResources: '--ordered-resources',
  csiSnapshotTimeout: '--csi-snapshot-timeout',
  itemOperationTimeout: '--item-operation-timeout',
  resourcePolicy: '--resource-policies-configmap',
  uploaderConfig: '--parallel-files-upload',
  labels: '--labels',
  annotations: '--annotations',
  namespace: '--namespace',
};

/** Registers every `velero backup create` flag that sets a field of the BackupSpec. */
export function addBackupSpecOptions(cmd: Command): Command {
  return cmd
    .option(
      '--include-namespaces <stringArray>',
      'Namespaces to include in the backup (use \'*\' for all namespaces) (default "*")',
    )
    .option('--exclude-namespaces <stringArray>', 'Namespaces to exclude from the backup')
    .option(
      '--include-resources <stringArray>',
      "Resources to include in the backup, formatted as resource.group, such as storageclasses.storage.k8s.io (use '*' for all resources). Cannot work with include-cluster-scoped-resources, exclude-cluster-scoped-resources, include-namespace-scoped-resources and exclude-namespace-scoped-resources",
    )
    .option(
      '--exclude-resources <stringArray>',
      'Resources to exclude from the backup, formatted as resource.group, such as storageclasses.storage.k8s.io. Old-style filter, like --include-resources',
    )
    .option(
      '--include-cluster-resources [optionalBool]',
      'Include cluster-scoped resources in the backup (bare flag = true). Old-style filter, like --include-resources',
    )
    .option(
      '--include-cluster-scoped-resources <stringArray>',
      "Cluster-scoped resources to include in the backup, formatted as resource.group (use '*' for all). New-style filter",
    )
    .option(
      '--exclude-cluster-scoped-resources <stringArray>',
      "Cluster-scoped resources to exclude from the backup (use '*' for all). New-style filter",
    )
    .option(
      '--include-namespace-scoped-resources <stringArray>',
      "Namespaced resources to include in the backup (use '*' for all). New-style filter",
    )
    .option(
      '--exclude-namespace-scoped-resources <stringArray>',
      "Namespaced resources to exclude from the backup (use '*' for all). New-style filter",
    )
    .option('-l, --selector <labelSelector>', 'Only back up resources matching this label selector')
    .option(
      '--or-selector <orLabelSelector>',
      'Back up resources matching at least one of the label selectors separated by " or " (not with --selector)',
    )
    .option(
      '--ttl <duration>',
      'How long before the backup can be garbage collected (Go duration, e.g. 720h)',
    )
    .option('--storage-location <string>', 'Location in which to store the backup')
    .option(
      '--volume-snapshot-locations <strings>',
      'List of locations (at most one per provider) where volume snapshots should be stored',
    )
    .option(
      '--snapshot-volumes [optionalBool]',
      'Take snapshots of PersistentVolumes as part of the backup (bare flag = true)',
    )
    .option(
      '--snapshot-move-data [optionalBool]',
      'Move CSI snapshot data into the backup storage location (bare flag = true)',
    )
    .option(
      '--data-mover <string>',
      'The data mover for the backup (empty or "velero" for the built-in one)',
    )
    .option(
      '--default-volumes-to-fs-backup [optionalBool]',
      'Use the file system backup (kopia) for all volumes by default (bare flag = true)',
    )
    .option(
      '--ordered-resources <string>',
      'Order of the objects of a resource, e.g. "pods=ns1/a,ns1/b;persistentvolumes=pv4"',
    )
    .option(
      '--csi-snapshot-timeout <duration>',
      'How long to wait for CSI snapshots to become ready (Go duration)',
    )
    .option(
      '--item-operation-timeout <duration>',
      'How long to wait for asynchronous plugin operations (Go duration)',
    )
    .option(
      '--resource-policies-configmap <string>',
      'The resource-policy ConfigMap to use for the backup',
    )
    .option(
      '--parallel-files-upload <int>',
      'Number of files uploaded in parallel by the file system uploader (only a value > 0 is sent)',
    );
}

// The flags behind the core's old- and new-style filter fields: the rule's table lives in the core.
const flagsOf = (fields: readonly string[]): string[] =>
  fields.map((field) => BACKUP_FLAGS_BY_FIELD[field] ?? field);
const OLD_FILTERS = flagsOf(OLD_STYLE_RESOURCE_FILTERS);
const NEW_FILTERS = flagsOf(NEW_STYLE_RESOURCE_FILTERS);

function optionKey(flag: string): string {
  return flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Usage error: `--selector` and `--or-selector` exclude each other (velero's own check). */
export function checkOneSelectorKind(opts: RawOptions): void {
  if (rawString(opts, 'selector') !== undefined && rawString(opts, 'orSelector') !== undefined) {
    throw usageError("either a 'selector' or an 'or-selector' can be specified, but not both");
  }
}

/**
 * velero's CLI checks, as usage errors: one kind of label selector, and old and new resource
 * filters not mixed.
 */
export function checkSelectorsAndFilters(opts: RawOptions): void {
  checkOneSelectorKind(opts);
  const given = (flags: readonly string[]): string[] =>
    flags.filter((flag) => {
      const raw = rawString(opts, optionKey(flag));
      if (raw === undefined) return false;
      // An unset optional bool (`--include-cluster-resources=`) is not an old-style filter.
      return flag !== '--include-cluster-resources' || raw !== '';
    });
  const oldGiven = given(OLD_FILTERS);
  const newGiven = given(NEW_FILTERS);
  if (oldGiven.length > 0 && newGiven.length > 0) {
    throw usageError(
      `${OLD_FILTERS.join(', ')} are old filter parameters; ${NEW_FILTERS.join(', ')} are new filter parameters. ` +
        `They cannot be used together (got ${[...oldGiven, ...newGiven].join(', ')})`,
    );
  }
}

/**
 * The BackupSpec fields the backup flags set, exactly as velero fills them in: lists split on
 * commas, `--include-namespaces` `["*"]` when not given, optional booleans only when given,
 * durations normalised (`24h0m0s`, zero omitted), `--parallel-files-upload` only when > 0.
 * Rejected values are noted in `problems` (and their fields left unset), so every one is reported.
 */
export function backupSpecFromOptions(opts: RawOptions, problems: FlagProblems): BackupSpec {
  checkSelectorsAndFilters(opts);
  const policy = parseString(rawString(opts, 'resourcePoliciesConfigmap'));
  const parallel = problems.read(() =>
    parseInteger(rawString(opts, 'parallelFilesUpload'), '--parallel-files-upload'),
  );
  const spec: BackupSpec = {
    includedNamespaces: parseList(rawString(opts, 'includeNamespaces')) ?? ['*'],
    excludedNamespaces: parseList(rawString(opts, 'excludeNamespaces')),
    includedResources: parseList(rawString(opts, 'includeResources')),
    excludedResources: parseList(rawString(opts, 'excludeResources')),
    includeClusterResources: problems.read(() =>
      parseBool(rawString(opts, 'includeClusterResources'), '--include-cluster-resources'),
    ),
    includedClusterScopedResources: parseList(rawString(opts, 'includeClusterScopedResources')),
    excludedClusterScopedResources: parseList(rawString(opts, 'excludeClusterScopedResources')),
    includedNamespaceScopedResources: parseList(rawString(opts, 'includeNamespaceScopedResources')),
    excludedNamespaceScopedResources: parseList(rawString(opts, 'excludeNamespaceScopedResources')),
    labelSelector: problems.read(() => parseSelector(rawString(opts, 'selector'), '--selector')),
    orLabelSelectors: problems.read(() =>
      parseOrSelector(rawString(opts, 'orSelector'), '--or-selector'),
    ),
    ttl: problems.read(() => parseDuration(rawString(opts, 'ttl'), '--ttl')),
    storageLocation: parseString(rawString(opts, 'storageLocation')),
    volumeSnapshotLocations: parseList(rawString(opts, 'volumeSnapshotLocations')),
    snapshotVolumes: problems.read(() =>
      parseBool(rawString(opts, 'snapshotVolumes'), '--snapshot-volumes'),
    ),
    snapshotMoveData: problems.read(() =>
      parseBool(rawString(opts, 'snapshotMoveData'), '--snapshot-move-data'),
    ),
    datamover: parseString(rawString(opts, 'dataMover')),
    defaultVolumesToFsBackup: problems.read(() =>
      parseBool(rawString(opts, 'defaultVolumesToFsBackup'), '--default-volumes-to-fs-backup'),
    ),
    orderedResources: problems.read(() =>
      parseOrderedResources(rawString(opts, 'orderedResources'), '--ordered-resources'),
    ),
    csiSnapshotTimeout: problems.read(() =>
      parseDuration(rawString(opts, 'csiSnapshotTimeout'), '--csi-snapshot-timeout'),
    ),
    itemOperationTimeout: problems.read(() =>
      parseDuration(rawString(opts, 'itemOperationTimeout'), '--item-operation-timeout'),
    ),
    resourcePolicy: policy === undefined ? undefined : { kind: 'configmap', name: policy },
    uploaderConfig:
      parallel !== undefined && parallel > 0 ? { parallelFilesUpload: parallel } : undefined,
  };
  return spec;
}
