import * as pulumi from '@pulumi/pulumi';
import { backupStorageLocationManifest } from '../../core/manifests/builders';
import type { BackupStorageLocationOptions } from '../../core/types/locations';
import {
  VeleroBackupStorageLocation as TypedVeleroBackupStorageLocation,
  type VeleroBackupStorageLocationArgs,
} from '../storageLocation';
import { checkVeleroObjectInputs, registryType, withInputErrors } from './registryComponent';

/** Arguments of the package's `VeleroBackupStorageLocation`: the core's `BackupStorageLocationOptions`. */
export interface VeleroBackupStorageLocationRegistryArgs extends BackupStorageLocationOptions {}

/**
 * A Velero BackupStorageLocation (`velero.io/v1`): where backups are written, checked by the core
 * before anything is registered.
 */
export class VeleroBackupStorageLocation extends pulumi.ComponentResource {
  /** The BackupStorageLocation's name in the cluster (exactly the given name). */
  readonly name: pulumi.Output<string>;
  /** The BackupStorageLocation's namespace (the Velero server's). */
  readonly namespace: pulumi.Output<string>;

  /**
   * @param name the component's logical name (also the CustomResource's)
   * @param args the BackupStorageLocation
   * @param opts resource options; the Kubernetes provider in `providers`
   */
  constructor(
    name: string,
    args: VeleroBackupStorageLocationRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    checkVeleroObjectInputs(
      'VeleroBackupStorageLocation',
      backupStorageLocationManifest,
      name,
      args,
    );
    super(registryType('VeleroBackupStorageLocation'), name, {}, opts);
    ({ name: this.name, namespace: this.namespace } = withInputErrors(
      () =>
        new TypedVeleroBackupStorageLocation(name, args as VeleroBackupStorageLocationArgs, {
          parent: this,
        }),
    ));
    this.registerOutputs({ name: this.name, namespace: this.namespace });
  }
}
