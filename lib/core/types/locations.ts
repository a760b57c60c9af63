import type { SecretKeySelector, VeleroManifest, VeleroObjectOptions } from './meta';

/** What Velero may do with a BackupStorageLocation. */
export const BackupStorageAccessMode = {
  /** Restores only: no new backups, no deletion. */
  ReadOnly: 'ReadOnly',
  /** Backups, restores and deletion. */
  ReadWrite: 'ReadWrite',
} as const;

/** What Velero may do with a BackupStorageLocation: `ReadOnly` or `ReadWrite`. */
export type BackupStorageAccessMode =
  (typeof BackupStorageAccessMode)[keyof typeof BackupStorageAccessMode];

/** Where in object storage a BackupStorageLocation keeps its backups. */
export interface ObjectStorageLocation {
  /** The bucket name (no `/`: put a path in `prefix`). */
  bucket: string;
  /**
   * A path inside the bucket; Velero writes under `<prefix>/backups/` etc.
   * @default the bucket root
   */
  prefix?: string;
  /**
   * Deprecated: a base64 CA bundle for the object store. Use `caCertRef`.
   * @default none
   */
  caCert?: string;
  /**
   * A Secret key holding the CA bundle for the object store. Not together with `caCert`.
   * @default none
   */
  caCertRef?: SecretKeySelector;
}

/** Velero's `BackupStorageLocationSpec`. */
export interface BackupStorageLocationSpec {
  /** The object-store plugin, e.g. `aws` (short for `velero.io/aws`). */
  provider: string;
  /** The bucket and prefix. */
  objectStorage: ObjectStorageLocation;
  /**
   * Provider settings. For `aws`: `region`, `s3ForcePathStyle`, `s3Url`, `publicUrl`,
   * `serverSideEncryption`, `kmsKeyId`, `customerKeyEncryptionFile`,
   * `customerKeyEncryptionSecret`, `signatureVersion`, `profile`, `insecureSkipTLSVerify`,
   * `enableSharedConfig`, `tagging`, `checksumAlgorithm` (any other key makes the location
   * Unavailable).
   * @default none (the plugin looks the bucket's region up)
   */
  config?: Record<string, string>;
  /**
   * A Secret key holding credentials for this location.
   * @default the server's credentials (IRSA or the `cloud-credentials` Secret)
   */
  credential?: SecretKeySelector;
  /**
   * Make this the default location for backups that name none. Only one location may be default.
   * @default false
   */
  default?: boolean;
  /**
   * `ReadOnly` allows restores only (no new backups, no deletion).
   * @default 'ReadWrite'
   */
  accessMode?: BackupStorageAccessMode;
  /**
   * How often to sync backups from the bucket into the cluster, as a Go duration; `0` disables.
   * @default the server's `--backup-sync-period` (1m)
   */
  backupSyncPeriod?: string;
  /**
   * How often to check the location, as a Go duration; `0` disables.
   * @default the server's `--store-validation-frequency` (1m)
   */
  validationFrequency?: string;
}

/** Options for {@link backupStorageLocationManifest}. */
export interface BackupStorageLocationOptions
  extends VeleroObjectOptions,
    BackupStorageLocationSpec {}

/** A `velero.io/v1` BackupStorageLocation. */
export type BackupStorageLocationManifest = VeleroManifest<
  'BackupStorageLocation',
  BackupStorageLocationSpec
>;

/** Velero's `VolumeSnapshotLocationSpec`. */
export interface VolumeSnapshotLocationSpec {
  /** The volume-snapshotter plugin, e.g. `aws`. */
  provider: string;
  /**
   * Provider settings. For `aws`: `region` (required), `profile`, `enableSharedConfig`.
   * @default none
   */
  config?: Record<string, string>;
  /**
   * A Secret key holding credentials for this location.
   * @default the server's credentials
   */
  credential?: SecretKeySelector;
}

/** Options for {@link volumeSnapshotLocationManifest}. */
export interface VolumeSnapshotLocationOptions
  extends VeleroObjectOptions,
    VolumeSnapshotLocationSpec {}

/** A `velero.io/v1` VolumeSnapshotLocation. */
export type VolumeSnapshotLocationManifest = VeleroManifest<
  'VolumeSnapshotLocation',
  VolumeSnapshotLocationSpec
>;
