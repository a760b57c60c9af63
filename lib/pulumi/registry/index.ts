/**
 * velero-iac's Pulumi package: the components other Pulumi languages (Python, Go, C#, Java,
 * YAML) use through `pulumi package add`, served by `componentProviderHost` from the plugin in
 * `provider/`. Each wraps the TypeScript component of the same name and takes its arguments as
 * plain data (the schema Pulumi infers from these classes is in `provider/schema.json`).
 * TypeScript programs use `velero-iac/pulumi` instead: its unions and callbacks say more.
 *
 * A new component: a file here with its `...RegistryArgs` interface (declared properties only:
 * the schema inference reads no `Omit`/`Pick`) and a class extending `pulumi.ComponentResource`
 * directly with `registryType('<Class>')`; then add it to {@link VELERO_IAC_COMPONENTS} and
 * regenerate the schema (`npm run schema`).
 *
 * @packageDocumentation
 */

import './requirePeers';
import { VeleroBackup } from './backup';
import { VeleroBackupAlerts } from './backupAlerts';
import { VeleroBucket } from './bucket';
import { VeleroBackupPlatform } from './platform';
import { VeleroRestore } from './restore';
import { VeleroRestoreDrill } from './restoreDrill';
import { VeleroSchedule } from './schedule';
import { VeleroServiceRole } from './serviceRole';
import { VeleroVolumeSnapshotLocation } from './snapshotLocation';
import { VeleroBackupStorageLocation } from './storageLocation';

export { VeleroBackup, type VeleroBackupRegistryArgs } from './backup';
export { VeleroBucket, type VeleroBucketRegistryArgs } from './bucket';
export {
  VeleroBackupPlatform,
  type VeleroBackupPlatformRegistryArgs,
  type VeleroPlatformAlertsRegistryArgs,
  type VeleroPlatformBucketRegistryArgs,
  type VeleroPlatformDefaultScheduleRegistryArgs,
  type VeleroPlatformDrillRegistryArgs,
  type VeleroPlatformObjectLockRegistryArgs,
  type VeleroPlatformServiceRoleRegistryArgs,
} from './platform';
export { registryType, VELERO_IAC_PACKAGE } from './registryComponent';
export { VeleroRestore, type VeleroRestoreRegistryArgs } from './restore';
export { VeleroRestoreDrill, type VeleroRestoreDrillRegistryArgs } from './restoreDrill';
export { VeleroSchedule, type VeleroScheduleRegistryArgs } from './schedule';
export { VeleroServiceRole, type VeleroServiceRoleRegistryArgs } from './serviceRole';
export {
  VeleroVolumeSnapshotLocation,
  type VeleroVolumeSnapshotLocationRegistryArgs,
} from './snapshotLocation';
export {
  VeleroBackupStorageLocation,
  type VeleroBackupStorageLocationRegistryArgs,
} from './storageLocation';

/** Every component of the package, as the plugin's entry point hands them to the host. */
export const VELERO_IAC_COMPONENTS = [
  VeleroBackupPlatform,
  VeleroBucket,
  VeleroServiceRole,
  VeleroRestoreDrill,
  VeleroBackupAlerts,
  VeleroSchedule,
  VeleroBackup,
  VeleroRestore,
  VeleroBackupStorageLocation,
  VeleroVolumeSnapshotLocation,
] as const;
