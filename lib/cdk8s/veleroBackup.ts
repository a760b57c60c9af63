import type { Construct } from 'constructs';
import { type BackupManifest, type BackupOptions, backupManifest } from '../core/index';
import { inChartNamespace, VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** Props of {@link VeleroBackup}: the core's Backup options (`name` plus Velero's `BackupSpec`). */
export type VeleroBackupProps = BackupOptions;

/**
 * A one-off Velero Backup (`velero.io/v1`), as `velero backup create NAME ...` creates it, built
 * and validated by the core's `backupManifest`.
 *
 * @example
 * new VeleroBackup(chart, 'before-upgrade', { name: 'before-upgrade', includedNamespaces: ['apps'] });
 */
export class VeleroBackup extends VeleroManifestConstruct<BackupManifest> {
  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the Backup's options
   * @throws VeleroConfigError naming this construct's path and every invalid field
   */
  constructor(scope: Construct, id: string, props: VeleroBackupProps) {
    super(scope, id, 'VeleroBackup', (chartNamespace) =>
      backupManifest(withContextVeleroVersion(scope, inChartNamespace(props, chartNamespace))),
    );
  }
}
