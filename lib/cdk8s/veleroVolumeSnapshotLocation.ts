import type { Construct } from 'constructs';
import {
  type VolumeSnapshotLocationManifest,
  type VolumeSnapshotLocationOptions,
  volumeSnapshotLocationManifest,
} from '../core/index';
import { inChartNamespace, VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** Props of {@link VeleroVolumeSnapshotLocation}: the core's VolumeSnapshotLocation options. */
export type VeleroVolumeSnapshotLocationProps = VolumeSnapshotLocationOptions;

/**
 * A Velero VolumeSnapshotLocation (`velero.io/v1`): where native volume snapshots are taken (for
 * AWS, the EBS region), built and validated by the core's `volumeSnapshotLocationManifest`.
 *
 * @example
 * new VeleroVolumeSnapshotLocation(chart, 'vsl', {
 *   name: 'default',
 *   provider: 'aws',
 *   config: { region: 'eu-central-1' },
 * });
 */
export class VeleroVolumeSnapshotLocation extends VeleroManifestConstruct<VolumeSnapshotLocationManifest> {
  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the location's options
   * @throws VeleroConfigError naming this construct's path and every invalid field
   */
  constructor(scope: Construct, id: string, props: VeleroVolumeSnapshotLocationProps) {
    super(scope, id, 'VeleroVolumeSnapshotLocation', (chartNamespace) =>
      volumeSnapshotLocationManifest(
        withContextVeleroVersion(scope, inChartNamespace(props, chartNamespace)),
      ),
    );
  }
}
