import type * as pulumi from '@pulumi/pulumi';
import { VELERO_CONTROLLER_WRITTEN_FIELDS } from '../core/controllerWrittenFields';
import { backupStorageLocationManifest } from '../core/manifests/builders';
import type {
  BackupStorageLocationManifest,
  BackupStorageLocationOptions,
  ObjectStorageLocation,
} from '../core/types/locations';
import { VeleroCustomResourceComponent, type VeleroCustomResourceKind } from './customResource';

/** The Pulumi type token of {@link VeleroBackupStorageLocation}. */
export const VELERO_BACKUP_STORAGE_LOCATION_TYPE = 'velero-iac:velero:VeleroBackupStorageLocation';

/**
 * The BackupStorageLocation fields Velero writes itself: when several locations are marked
 * `default`, Velero sets all but the newest to `false`.
 */
export const VELERO_BACKUP_STORAGE_LOCATION_IGNORED_CHANGES: readonly string[] =
  VELERO_CONTROLLER_WRITTEN_FIELDS.BackupStorageLocation;

/** The bucket and prefix of a location; both may be Pulumi outputs (e.g. `VeleroBucket.bucketName`). */
export interface VeleroObjectStorageArgs extends Omit<ObjectStorageLocation, 'bucket' | 'prefix'> {
  /** The bucket name (no `/`: put a path in `prefix`). */
  bucket: pulumi.Input<string>;
  /**
   * A path inside the bucket; Velero writes under `<prefix>/backups/` etc.
   * @default the bucket root
   */
  prefix?: pulumi.Input<string>;
}

/**
 * Arguments of {@link VeleroBackupStorageLocation}: the core's `BackupStorageLocationOptions`;
 * the bucket, prefix and config values may be outputs.
 */
export interface VeleroBackupStorageLocationArgs
  extends Omit<BackupStorageLocationOptions, 'objectStorage' | 'config'> {
  /** The bucket and prefix. */
  objectStorage: VeleroObjectStorageArgs;
  /**
   * Provider settings (for `aws`: `region`, `kmsKeyId`, ...; see the core's
   * `AWS_BSL_CONFIG_KEYS`). Values may be outputs (e.g. a KMS key ARN).
   * @default none
   */
  config?: Record<string, pulumi.Input<string>>;
}

const BSL_KIND: VeleroCustomResourceKind<
  BackupStorageLocationOptions,
  BackupStorageLocationManifest
> = {
  type: VELERO_BACKUP_STORAGE_LOCATION_TYPE,
  kind: 'BackupStorageLocation',
  build: backupStorageLocationManifest,
  ignoreChanges: VELERO_BACKUP_STORAGE_LOCATION_IGNORED_CHANGES,
};

/**
 * A Velero BackupStorageLocation (`velero.io/v1`), checked by the core's
 * `backupStorageLocationManifest` (bucket without `/`, the AWS plugin's config keys...) before
 * anything is registered. Values that are outputs (the bucket name of a `VeleroBucket`) are
 * checked by the same builder once they resolve.
 */
export class VeleroBackupStorageLocation extends VeleroCustomResourceComponent<BackupStorageLocationManifest> {
  /**
   * @param name the component's logical name (also the child CustomResource's)
   * @param args the location
   * @param opts resource options; `provider`/`providers` reach the CustomResource
   * @throws VeleroConfigError before registering anything when a known argument is invalid
   */
  constructor(
    name: string,
    args: VeleroBackupStorageLocationArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(BSL_KIND, name, args, opts);
  }
}
