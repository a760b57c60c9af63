import type * as pulumi from '@pulumi/pulumi';
import { VELERO_CONTROLLER_WRITTEN_FIELDS } from '../core/controllerWrittenFields';
import { restoreManifest } from '../core/manifests/builders';
import type { RestoreManifest, RestoreOptions } from '../core/types/restore';
import { VeleroCustomResourceComponent, type VeleroCustomResourceKind } from './customResource';

/** The Pulumi type token of {@link VeleroRestore}. */
export const VELERO_RESTORE_TYPE = 'velero-iac:velero:VeleroRestore';

/**
 * The Restore fields Velero writes itself (its non-restorable resources appended to
 * `excludedResources`, the default `itemOperationTimeout`, the `backupName` it resolved from
 * `scheduleName`), ignored after creation so that a later run shows no drift.
 */
export const VELERO_RESTORE_IGNORED_CHANGES: readonly string[] =
  VELERO_CONTROLLER_WRITTEN_FIELDS.Restore;

/** Arguments of {@link VeleroRestore}: the core's `RestoreOptions`; the source may be an output. */
export interface VeleroRestoreArgs extends Omit<RestoreOptions, 'backupName' | 'scheduleName'> {
  /**
   * The Backup to restore from (e.g. `VeleroBackup.name`). Exactly one of `backupName` and
   * `scheduleName`.
   * @default unset
   */
  backupName?: pulumi.Input<string>;
  /**
   * Restore from the newest Completed backup of this Schedule (e.g. `VeleroSchedule.name`).
   * Exactly one of `backupName` and `scheduleName`.
   * @default unset
   */
  scheduleName?: pulumi.Input<string>;
}

const RESTORE_KIND: VeleroCustomResourceKind<RestoreOptions, RestoreManifest> = {
  type: VELERO_RESTORE_TYPE,
  kind: 'Restore',
  build: restoreManifest,
  ignoreChanges: VELERO_RESTORE_IGNORED_CHANGES,
};

/**
 * A Velero Restore (`velero.io/v1`), checked by the core's `restoreManifest` before anything is
 * registered (exactly one source, no non-restorable resources, filters...). Leave
 * `existingResourcePolicy` unset for a non-destructive restore.
 *
 * Like a Backup, a Restore is create-once: Velero runs it when it is created, the fields it
 * writes ({@link VELERO_RESTORE_IGNORED_CHANGES}) are ignored afterwards, and it is never
 * replaced because its spec changed; to restore again, declare a Restore with a new name.
 *
 * Deleting a Restore waits for its finalizer `restores.velero.io/external-resources-finalizer`:
 * Velero first deletes the restore's log and result files from the bucket, which needs the
 * backup's storage location to be Available. Tear a stack down in that order: Restores before
 * the BackupStorageLocation and the bucket; a Restore whose location is Unavailable stays in
 * deletion (and `pulumi destroy` waits) until the location works again or the finalizer is
 * removed by hand.
 */
export class VeleroRestore extends VeleroCustomResourceComponent<RestoreManifest> {
  /**
   * @param name the component's logical name (also the child CustomResource's)
   * @param args the Restore
   * @param opts resource options; `provider`/`providers` reach the CustomResource
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  constructor(name: string, args: VeleroRestoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super(RESTORE_KIND, name, args, opts);
  }
}
