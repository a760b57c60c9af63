import type { HookErrorMode } from './backupSpec';
import type { LabelSelector } from './labelSelector';
import type { ConfigMapReference, VeleroManifest, VeleroObjectOptions } from './meta';
import type { ResourceHookFilter } from './resourceHookFilter';

/** A command run in a restored pod's container. */
export interface ExecRestoreHook {
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
   * How long to wait for the command to finish, as a Go duration.
   * @default '30s'
   */
  execTimeout?: string;
  /**
   * How long to wait for the container to be ready, as a Go duration.
   * @default no limit
   */
  waitTimeout?: string;
  /**
   * Wait for the container to be ready before running the command.
   * @default false
   */
  waitForReady?: boolean;
}

/** What a Restore does with objects that already exist. */
export const ExistingResourcePolicy = {
  /** Leave them alone. */
  None: 'none',
  /** Patch them to match the backup. */
  Update: 'update',
} as const;

/** What a Restore does with objects that already exist: `none` or `update`. */
export type ExistingResourcePolicy =
  (typeof ExistingResourcePolicy)[keyof typeof ExistingResourcePolicy];

/** The resource types whose `.status` a Restore restores too. */
export interface RestoreStatusSelection {
  /**
   * Resource types whose status is restored (`*` for all).
   * @default none
   */
  includedResources?: string[];
  /**
   * Resource types whose status is not restored.
   * @default none
   */
  excludedResources?: string[];
}

/** Init containers added to a restored pod. */
export interface InitRestoreHook {
  /**
   * Container objects (Kubernetes `Container`), added before the pod's own init containers.
   * @default none
   */
  // biome-ignore lint/suspicious/noExplicitAny: a Kubernetes Container of any shape (the schema's `Any`)
  initContainers?: Record<string, any>[];
  /**
   * How long to wait for the init containers, as a Go duration.
   * @default no limit
   */
  timeout?: string;
}

/** A post-restore hook: an exec command or init containers. */
export interface RestoreResourceHook {
  /**
   * A command to run in the restored pod.
   * @default none
   */
  exec?: ExecRestoreHook;
  /**
   * Init containers to add to the restored pod.
   * @default none
   */
  init?: InitRestoreHook;
}

/** Hooks that run for the restored pods a filter selects. */
export interface RestoreResourceHookSpec extends ResourceHookFilter {
  /**
   * The hooks to run.
   * @default none
   */
  postHooks?: RestoreResourceHook[];
}

/**
 * Velero's `RestoreSpec`. Exactly one of `backupName` and `scheduleName` is required. Leave
 * `existingResourcePolicy` unset for a non-destructive restore: objects that already exist are
 * never overwritten.
 */
export interface RestoreSpec {
  /**
   * The Backup to restore from. Exactly one of `backupName` and `scheduleName`.
   * @default unset
   */
  backupName?: string;
  /**
   * Restore from the newest Completed backup of this Schedule. Exactly one of `backupName` and
   * `scheduleName`.
   * @default unset
   */
  scheduleName?: string;
  /**
   * Namespaces to restore; globs allowed.
   * @default all namespaces in the backup
   */
  includedNamespaces?: string[];
  /**
   * Namespaces to skip.
   * @default none
   */
  excludedNamespaces?: string[];
  /**
   * Resources to restore. Non-restorable resources (nodes, events, Velero's own) are rejected.
   * @default all resources
   */
  includedResources?: string[];
  /**
   * Resources to skip.
   * @default none (Velero adds its non-restorable list)
   */
  excludedResources?: string[];
  /**
   * Restore cluster-scoped resources: `true` all, `false` none.
   * @default unset: automatic, as for backups
   */
  includeClusterResources?: boolean;
  /**
   * Source namespace -> target namespace.
   * @default every namespace keeps its name
   */
  namespaceMapping?: Record<string, string>;
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
   * `false` skips restoring volumes from snapshots.
   * @default unset (volumes are restored)
   */
  restorePVs?: boolean;
  /**
   * Resource types whose `.status` is restored too.
   * @default none
   */
  restoreStatus?: RestoreStatusSelection;
  /**
   * Keep the Services' node ports from the backup.
   * @default only explicitly set node ports are kept
   */
  preserveNodePorts?: boolean;
  /**
   * What to do with objects that already exist: `none` leaves them alone, `update` patches them
   * to match the backup.
   * @default unset: existing objects are never changed (non-destructive)
   */
  existingResourcePolicy?: ExistingResourcePolicy;
  /**
   * How long to wait for asynchronous plugin operations, as a Go duration.
   * @default '4h'
   */
  itemOperationTimeout?: string;
  /**
   * A resource-modifier ConfigMap (`kind: configmap`) that patches objects as they are restored.
   * @default none
   */
  resourceModifier?: ConfigMapReference;
  /**
   * Options of the file-system restore.
   * @default unset
   */
  uploaderConfig?: RestoreUploaderConfig;
  /**
   * Hooks that run in restored pods.
   * @default none
   */
  hooks?: RestoreHooks;
}

/** A Restore from a Backup: `backupName` set, `scheduleName` not. */
export interface RestoreFromBackup {
  /** The Backup to restore from. */
  backupName: string;
  /**
   * Not with `backupName`: a Restore has exactly one source.
   * @default unset
   */
  scheduleName?: never;
}

/** A Restore from the newest Completed backup of a Schedule: `scheduleName` set, `backupName` not. */
export interface RestoreFromSchedule {
  /** The Schedule whose newest Completed backup is restored. */
  scheduleName: string;
  /**
   * Not with `scheduleName`: a Restore has exactly one source.
   * @default unset
   */
  backupName?: never;
}

/** Options of a Restore's file-system restore. */
export interface RestoreUploaderConfig {
  /**
   * Write sparse files as sparse.
   * @default false
   */
  writeSparseFiles?: boolean;
  /**
   * How many files are downloaded at once.
   * @default the number of CPUs of the node agent
   */
  parallelFilesDownload?: number;
}

/** A Restore's hooks. */
export interface RestoreHooks {
  /**
   * Hooks that run in restored pods, by the resources they select.
   * @default none
   */
  resources?: RestoreResourceHookSpec[];
}

/**
 * Where a Restore takes its objects from: exactly one of `backupName` and `scheduleName`. Giving
 * both, or neither, is a compile-time error in TypeScript, and a `VeleroConfigError` at run
 * time for JavaScript callers.
 */
export type RestoreSourceOptions = RestoreFromBackup | RestoreFromSchedule;

/**
 * Options for {@link restoreManifest}: metadata, Velero's `RestoreSpec` fields, and exactly one
 * source (`backupName` or `scheduleName`, see {@link RestoreSourceOptions}).
 */
export type RestoreOptions = VeleroObjectOptions &
  Omit<RestoreSpec, 'backupName' | 'scheduleName'> &
  RestoreSourceOptions;

/** A `velero.io/v1` Restore. */
export type RestoreManifest = VeleroManifest<'Restore', RestoreSpec>;
