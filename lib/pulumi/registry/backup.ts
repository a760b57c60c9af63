import * as pulumi from '@pulumi/pulumi';
import { backupManifest } from '../../core/manifests/builders';
import type { BackupOptions } from '../../core/types/backup';
import { VeleroBackup as TypedVeleroBackup, type VeleroBackupArgs } from '../backup';
import { checkVeleroObjectInputs, registryType, withInputErrors } from './registryComponent';

/** Arguments of the package's `VeleroBackup`: the core's `BackupOptions`. */
export interface VeleroBackupRegistryArgs extends BackupOptions {}

/**
 * A one-off Velero Backup (`velero.io/v1`), checked by the core before anything is registered.
 * Velero runs it once, when it is created.
 */
export class VeleroBackup extends pulumi.ComponentResource {
  /** The Backup's name in the cluster (exactly the given name). */
  readonly name: pulumi.Output<string>;
  /** The Backup's namespace (the Velero server's). */
  readonly namespace: pulumi.Output<string>;

  /**
   * @param name the component's logical name (also the CustomResource's)
   * @param args the Backup
   * @param opts resource options; the Kubernetes provider in `providers`
   */
  constructor(
    name: string,
    args: VeleroBackupRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    checkVeleroObjectInputs('VeleroBackup', backupManifest, name, args);
    super(registryType('VeleroBackup'), name, {}, opts);
    ({ name: this.name, namespace: this.namespace } = withInputErrors(
      () => new TypedVeleroBackup(name, args as VeleroBackupArgs, { parent: this }),
    ));
    this.registerOutputs({ name: this.name, namespace: this.namespace });
  }
}
