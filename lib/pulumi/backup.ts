import type * as pulumi from '@pulumi/pulumi';
import { VELERO_CONTROLLER_WRITTEN_FIELDS } from '../core/controllerWrittenFields';
import { backupManifest } from '../core/manifests/builders';
import type { BackupManifest, BackupOptions } from '../core/types/backup';
import { VeleroCustomResourceComponent, type VeleroCustomResourceKind } from './customResource';
import type { VeleroBackupLocationInputs } from './schedule';

/** The Pulumi type token of {@link VeleroBackup}. */
export const VELERO_BACKUP_TYPE = 'velero-iac:velero:VeleroBackup';

/**
 * The Backup fields Velero fills in when it starts processing a Backup (its defaults, the
 * namespaces and resources it always excludes, the label `velero.io/storage-location` and the
 * annotations `velero.io/source-cluster-k8s-*` and `velero.io/resource-timeout`). A Backup is
 * create-once: these are ignored after creation so that a later run neither shows drift nor
 * undoes what Velero wrote.
 */
export const VELERO_BACKUP_IGNORED_CHANGES: readonly string[] =
  VELERO_CONTROLLER_WRITTEN_FIELDS.Backup;

/** Arguments of {@link VeleroBackup}: the core's `BackupOptions`; location names may be outputs. */
export interface VeleroBackupArgs
  extends Omit<BackupOptions, 'storageLocation' | 'volumeSnapshotLocations'>,
    VeleroBackupLocationInputs {}

const BACKUP_KIND: VeleroCustomResourceKind<BackupOptions, BackupManifest> = {
  type: VELERO_BACKUP_TYPE,
  kind: 'Backup',
  build: backupManifest,
  ignoreChanges: VELERO_BACKUP_IGNORED_CHANGES,
};

/**
 * A one-off Velero Backup (`velero.io/v1`), checked by the core's `backupManifest` before
 * anything is registered.
 *
 * A Backup is an action, not a desired state: Velero runs it once, when the object is created,
 * and then writes its own defaults into the spec. So:
 * - the fields Velero writes ({@link VELERO_BACKUP_IGNORED_CHANGES}) are ignored after
 *   creation: no drift, no update on the next run;
 * - it is never replaced because its spec changed (no `replaceOnChanges`): a replacement would
 *   delete the object and create one with the same name, which Velero treats as a new backup of
 *   an existing name. To take another backup, declare a Backup with a new name;
 * - other spec changes are applied in place, but Velero does not run a processed Backup again;
 * - deleting the resource deletes only the object, not the backup data: Velero's backup sync
 *   re-creates the object from the bucket (use `velero backup delete` to delete data). After
 *   Velero's TTL garbage collection removed the object, a `pulumi refresh` followed by `up`
 *   would create it again (a new backup): remove expired Backups from the program.
 */
export class VeleroBackup extends VeleroCustomResourceComponent<BackupManifest> {
  /**
   * @param name the component's logical name (also the child CustomResource's)
   * @param args the Backup
   * @param opts resource options; `provider`/`providers` reach the CustomResource
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  constructor(name: string, args: VeleroBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BACKUP_KIND, name, args, opts);
  }
}
