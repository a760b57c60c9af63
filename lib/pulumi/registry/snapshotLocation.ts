import * as pulumi from '@pulumi/pulumi';
import { volumeSnapshotLocationManifest } from '../../core/manifests/builders';
import type { VolumeSnapshotLocationOptions } from '../../core/types/locations';
import {
  VeleroVolumeSnapshotLocation as TypedVeleroVolumeSnapshotLocation,
  type VeleroVolumeSnapshotLocationArgs,
} from '../snapshotLocation';
import { checkVeleroObjectInputs, registryType, withInputErrors } from './registryComponent';

/** Arguments of the package's `VeleroVolumeSnapshotLocation`: the core's `VolumeSnapshotLocationOptions`. */
export interface VeleroVolumeSnapshotLocationRegistryArgs extends VolumeSnapshotLocationOptions {}

/**
 * A Velero VolumeSnapshotLocation (`velero.io/v1`): where volume snapshots are taken, checked by
 * the core before anything is registered.
 */
export class VeleroVolumeSnapshotLocation extends pulumi.ComponentResource {
  /** The VolumeSnapshotLocation's name in the cluster (exactly the given name). */
  readonly name: pulumi.Output<string>;
  /** The VolumeSnapshotLocation's namespace (the Velero server's). */
  readonly namespace: pulumi.Output<string>;

  /**
   * @param name the component's logical name (also the CustomResource's)
   * @param args the VolumeSnapshotLocation
   * @param opts resource options; the Kubernetes provider in `providers`
   */
  constructor(
    name: string,
    args: VeleroVolumeSnapshotLocationRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    checkVeleroObjectInputs(
      'VeleroVolumeSnapshotLocation',
      volumeSnapshotLocationManifest,
      name,
      args,
    );
    super(registryType('VeleroVolumeSnapshotLocation'), name, {}, opts);
    ({ name: this.name, namespace: this.namespace } = withInputErrors(
      () =>
        new TypedVeleroVolumeSnapshotLocation(name, args as VeleroVolumeSnapshotLocationArgs, {
          parent: this,
        }),
    ));
    this.registerOutputs({ name: this.name, namespace: this.namespace });
  }
}
