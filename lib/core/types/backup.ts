import type { BackupTemplate } from './backupSpec';
import type { VeleroManifest, VeleroObjectOptions } from './meta';

/** Options for {@link backupManifest}: metadata plus Velero's `BackupSpec` fields. */
export interface BackupOptions extends VeleroObjectOptions, BackupTemplate {}

/** A `velero.io/v1` Backup. */
export type BackupManifest = VeleroManifest<'Backup', BackupTemplate>;
