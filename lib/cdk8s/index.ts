/**
 * velero-iac for cdk8s: one construct per Velero resource. Each builds its manifest with the core
 * (`velero-iac`), validates it at construction (throwing `VeleroConfigError` with the construct
 * path), and adds exactly one `ApiObject` child with that manifest. Loads no Pulumi module.
 *
 * Every construct takes `veleroVersion` (the Velero release the cluster runs, default 1.18); set it
 * once for a whole tree with `app.node.setContext('velero-iac:veleroVersion', '1.15')`.
 *
 * @packageDocumentation
 */

import './requirePeers';

export { UdsDefaultSchedule, type UdsDefaultScheduleProps } from './udsDefaultSchedule';
export { VeleroBackup, type VeleroBackupProps } from './veleroBackup';
export {
  VeleroBackupAlerts,
  type VeleroBackupAlertsDrill,
  type VeleroBackupAlertsLocation,
  type VeleroBackupAlertsProps,
  type VeleroBackupAlertsSchedule,
} from './veleroBackupAlerts';
export {
  VeleroBackupFromSchedule,
  type VeleroBackupFromScheduleProps,
} from './veleroBackupFromSchedule';
export {
  VeleroBackupStorageLocation,
  type VeleroBackupStorageLocationProps,
} from './veleroBackupStorageLocation';
export {
  type KubernetesManifest,
  MANIFEST_CHILD_ID,
  VeleroManifestConstruct,
} from './veleroManifestConstruct';
export { VeleroResourcePolicy, type VeleroResourcePolicyProps } from './veleroResourcePolicy';
export {
  VeleroRestore,
  type VeleroRestoreFromBackup,
  type VeleroRestoreFromConstruct,
  type VeleroRestoreFromSchedule,
  type VeleroRestoreProps,
  type VeleroRestoreSource,
} from './veleroRestore';
export { VeleroRestoreDrill, type VeleroRestoreDrillProps } from './veleroRestoreDrill';
export { VeleroSchedule, type VeleroScheduleProps } from './veleroSchedule';
export { contextVeleroVersion, VELERO_VERSION_CONTEXT_KEY } from './veleroVersionContext';
export {
  VeleroVolumeSnapshotLocation,
  type VeleroVolumeSnapshotLocationProps,
} from './veleroVolumeSnapshotLocation';
