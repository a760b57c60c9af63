import type * as pulumi from '@pulumi/pulumi';
import { volumeSnapshotLocationManifest } from '../core/manifests/builders';
import type {
  VolumeSnapshotLocationManifest,
  VolumeSnapshotLocationOptions,
} from '../core/types/locations';
import { VeleroCustomResourceComponent, type VeleroCustomResourceKind } from './customResource';

/** The Pulumi type token of {@link VeleroVolumeSnapshotLocation}. */
export const VELERO_VOLUME_SNAPSHOT_LOCATION_TYPE =
  'velero-iac:velero:VeleroVolumeSnapshotLocation';

/** Arguments of {@link VeleroVolumeSnapshotLocation}: the core's options; config values may be outputs. */
export interface VeleroVolumeSnapshotLocationArgs
  extends Omit<VolumeSnapshotLocationOptions, 'config'> {
  /**
   * Provider settings. For `aws`: `region` (required), `profile`, `enableSharedConfig`.
   * @default none
   */
  config?: Record<string, pulumi.Input<string>>;
}

const VSL_KIND: VeleroCustomResourceKind<
  VolumeSnapshotLocationOptions,
  VolumeSnapshotLocationManifest
> = {
  type: VELERO_VOLUME_SNAPSHOT_LOCATION_TYPE,
  kind: 'VolumeSnapshotLocation',
  build: volumeSnapshotLocationManifest,
  // Velero writes nothing into a VolumeSnapshotLocation's spec.
  ignoreChanges: [],
};

/**
 * A Velero VolumeSnapshotLocation (`velero.io/v1`), checked by the core's
 * `volumeSnapshotLocationManifest` (for `aws`: a region is required) before anything is
 * registered.
 */
export class VeleroVolumeSnapshotLocation extends VeleroCustomResourceComponent<VolumeSnapshotLocationManifest> {
  /**
   * @param name the component's logical name (also the child CustomResource's)
   * @param args the location
   * @param opts resource options; `provider`/`providers` reach the CustomResource
   * @throws VeleroConfigError before registering anything when a known argument is invalid
   */
  constructor(
    name: string,
    args: VeleroVolumeSnapshotLocationArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(VSL_KIND, name, args, opts);
  }
}
