import type { LabelSelector } from './labelSelector';
import type { ConfigMapReference } from './meta';
import type { ResourceHookFilter } from './resourceHookFilter';

/** What Velero does when a hook's command fails. */
export const HookErrorMode = {
  /** Go on with the backup or restore. */
  Continue: 'Continue',
  /** Fail the item (and mark the backup or restore partially failed). */
  Fail: 'Fail',
} as const;

/** What Velero does when a hook's command fails: `Continue` or `Fail`. */
export type HookErrorMode = (typeof HookErrorMode)[keyof typeof HookErrorMode];

/** A command run in a pod's container before or after its items are backed up. */
export interface ExecHook {
  /**
   * The container to run the command in.
   * @default the pod's first container
   */
  container?: string;
  /** The command and its arguments (at least one element). */
  command: string[];
  /**
   * What Velero does when the command fails.
   * @default 'Fail'
   */
  onError?: HookErrorMode;
  /**
   * How long to wait for the command, as a Go duration.
   * @default '30s'
   */
  timeout?: string;
}

/** A pre- or post-backup hook. */
export interface BackupResourceHook {
  /** The command to run. */
  exec: ExecHook;
}

/** Hooks that run for the pods a filter selects during a backup. */
export interface BackupResourceHookSpec extends ResourceHookFilter {
  /**
   * Hooks run before the pod's volumes are backed up.
   * @default none
   */
  pre?: BackupResourceHook[];
  /**
   * Hooks run after the pod's volumes are backed up.
   * @default none
   */
  post?: BackupResourceHook[];
}

/**
 * What a Backup (or a Schedule's template) backs up and how: Velero's `BackupSpec`, field for
 * field. Old-style resource filters (`includedResources`, `excludedResources`,
 * `includeClusterResources`) and new-style ones (the four `*ScopedResources` lists) cannot be
 * mixed.
 */
export interface BackupSpec {
  /**
   * Namespaces to back up; globs `*`, `?`, `[a-z]` allowed.
   * @default all namespaces
   */
  includedNamespaces?: string[];
  /**
   * Namespaces to skip; globs allowed; `*` is not.
   * @default none (Velero adds namespaces labelled `velero.io/exclude-from-backup=true`)
   */
  excludedNamespaces?: string[];
  /**
   * Old-style filter: resources to back up (`resource` or `resource.group`); `*` only alone.
   * @default all resources
   */
  includedResources?: string[];
  /**
   * Old-style filter: resources to skip; `*` not allowed.
   * @default none
   */
  excludedResources?: string[];
  /**
   * Old-style filter: `true` backs up all cluster-scoped resources, `false` none.
   * @default unset: cluster-scoped resources only for a whole-cluster backup, plus related ones (PVC -> PV)
   */
  includeClusterResources?: boolean;
  /**
   * New-style filter: cluster-scoped resources to back up; `*` for all.
   * @default only those related to the namespaced items (all in a full backup)
   */
  includedClusterScopedResources?: string[];
  /**
   * New-style filter: cluster-scoped resources to skip; `*` for all.
   * @default none
   */
  excludedClusterScopedResources?: string[];
  /**
   * New-style filter: namespaced resources to back up.
   * @default all namespaced resources
   */
  includedNamespaceScopedResources?: string[];
  /**
   * New-style filter: namespaced resources to skip; `*` for all.
   * @default none
   */
  excludedNamespaceScopedResources?: string[];
  /**
   * Only objects matching this selector. Cannot be combined with `orLabelSelectors`.
   * @default every object
   */
  labelSelector?: LabelSelector;
  /**
   * Objects matching any of these selectors. Cannot be combined with `labelSelector`.
   * @default every object
   */
  orLabelSelectors?: LabelSelector[];
  /**
   * `false` turns native and CSI volume snapshots off.
   * @default unset: snapshot whenever possible
   */
  snapshotVolumes?: boolean;
  /**
   * How long the backup is kept, as a Go duration (`720h0m0s`; there is no `d` unit).
   * @default the server's `--default-backup-ttl` (720h)
   */
  ttl?: string;
  /**
   * The BackupStorageLocation to write to.
   * @default the location marked `default: true`
   */
  storageLocation?: string;
  /**
   * VolumeSnapshotLocations to use, at most one per provider.
   * @default the provider's only location
   */
  volumeSnapshotLocations?: string[];
  /**
   * Back up every pod volume with the file-system uploader (kopia).
   * @default the server's `--default-volumes-to-fs-backup` (false)
   */
  defaultVolumesToFsBackup?: boolean;
  /**
   * Deprecated alias of `defaultVolumesToFsBackup`.
   * @default unset
   */
  defaultVolumesToRestic?: boolean;
  /**
   * Order in which objects of a resource are backed up: resource name -> `ns/name,ns/name`.
   * @default Velero's own order
   */
  orderedResources?: Record<string, string>;
  /**
   * How long to wait for CSI snapshots to become ready, as a Go duration.
   * @default '10m'
   */
  csiSnapshotTimeout?: string;
  /**
   * How long to wait for asynchronous plugin operations, as a Go duration.
   * @default '4h'
   */
  itemOperationTimeout?: string;
  /**
   * The resource-policy ConfigMap (`kind: configmap`) that chooses per-volume actions.
   * @default none
   */
  resourcePolicy?: ConfigMapReference;
  /**
   * Move CSI snapshot data into the backup storage location.
   * @default the server's `--default-snapshot-move-data` (false)
   */
  snapshotMoveData?: boolean;
  /**
   * The data mover (`velero` or empty for the built-in one). Note the all-lowercase field name.
   * @default the built-in data mover
   */
  datamover?: string;
  /**
   * Options of the file-system uploader.
   * @default unset
   */
  uploaderConfig?: BackupUploaderConfig;
  /**
   * The label key that groups PVCs into one volume group snapshot.
   * @default the server's `--volume-group-snapshot-label-key` (`velero.io/volume-group`)
   */
  volumeGroupSnapshotLabelKey?: string;
  /**
   * Hooks that run in pods during the backup.
   * @default none
   */
  hooks?: BackupHooks;
}

/** Options of a Backup's file-system uploader. */
export interface BackupUploaderConfig {
  /**
   * How many files the uploader writes at once.
   * @default the number of CPUs of the node agent
   */
  parallelFilesUpload?: number;
}

/** A Backup's hooks. */
export interface BackupHooks {
  /**
   * Hooks that run in pods during the backup, by the resources they select.
   * @default none
   */
  resources?: BackupResourceHookSpec[];
}

/** The metadata a Schedule gives the Backups it creates. */
export interface BackupTemplateMetadata {
  /**
   * Labels of each Backup.
   * @default the Schedule's labels
   */
  labels?: Record<string, string>;
}

/** A Schedule's backup template: a {@link BackupSpec} plus the labels its Backups get. */
export interface BackupTemplate extends BackupSpec {
  /**
   * Labels for the Backups the schedule creates. When set, the Schedule's own labels are not
   * copied onto its Backups.
   * @default the Schedule's labels
   */
  metadata?: BackupTemplateMetadata;
}
