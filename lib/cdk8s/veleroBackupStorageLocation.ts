import type { Construct } from 'constructs';
import {
  type BackupStorageLocationManifest,
  type BackupStorageLocationOptions,
  backupStorageLocationManifest,
} from '../core/index';
import { inChartNamespace, VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** Props of {@link VeleroBackupStorageLocation}: the core's BackupStorageLocation options. */
export type VeleroBackupStorageLocationProps = BackupStorageLocationOptions;

/**
 * A Velero BackupStorageLocation (`velero.io/v1`): the bucket (and prefix) backups are written to,
 * built and validated by the core's `backupStorageLocationManifest` (including the AWS plugin's
 * config keys).
 *
 * @example
 * new VeleroBackupStorageLocation(chart, 'bsl', {
 *   name: 'default',
 *   provider: 'aws',
 *   objectStorage: { bucket: veleroBucketName('prod-eu', '2026-01-15') },
 *   config: { region: 'eu-central-1' },
 *   default: true,
 * });
 */
export class VeleroBackupStorageLocation extends VeleroManifestConstruct<BackupStorageLocationManifest> {
  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the location's options
   * @throws VeleroConfigError naming this construct's path and every invalid field
   */
  constructor(scope: Construct, id: string, props: VeleroBackupStorageLocationProps) {
    super(scope, id, 'VeleroBackupStorageLocation', (chartNamespace) =>
      backupStorageLocationManifest(
        withContextVeleroVersion(scope, inChartNamespace(props, chartNamespace)),
      ),
    );
  }
}
