/**
 * velero-iac Pulumi front end: components for Velero's bucket, IAM role and custom resources.
 * The bucket's security baseline as policies is a separate entry, `velero-iac/pulumi/policies`.
 *
 * @packageDocumentation
 */

import './requirePeers';

export * from './backup';
export {
  VELERO_BACKUP_ALERTS_TYPE,
  type VeleroAlertLocationArgs,
  type VeleroAlertOptionsArgs,
  type VeleroAlertScheduleArgs,
  VeleroBackupAlerts,
  type VeleroBackupAlertsArgs,
  veleroBackupAlertRules,
} from './backupAlerts';
export {
  VELERO_BUCKET_TYPE,
  VeleroBucket,
  type VeleroBucketAccessLoggingArgs,
  type VeleroBucketArgs,
  type VeleroBucketObjectLockArgs,
  type VeleroBucketPolicyOptions,
  type VeleroBucketReplicationArgs,
  veleroBucketPolicyDocument,
} from './bucket';
// Explicit: the platform's argument checks stay internal. A new public symbol of platform.ts is
// added here.
export {
  VELERO_BACKUP_PLATFORM_TYPE,
  VeleroBackupPlatform,
  type VeleroBackupPlatformArgs,
  type VeleroInstallContext,
  type VeleroPlatformBucketArgs,
  type VeleroPlatformObjectLockArgs,
  type VeleroPlatformScheduleArgs,
  type VeleroPlatformServiceRoleArgs,
  type VeleroPlatformSnapshotLocationArgs,
  type VeleroPlatformStorageLocationArgs,
} from './platform';
export type { VeleroPlatformAlertsArgs } from './platformAlerts';
export type { VeleroPlatformDrillArgs } from './platformDrills';
export * from './restore';
export * from './restoreDrill';
export * from './schedule';
export {
  EKS_POD_IDENTITY_PRINCIPAL,
  VELERO_SERVICE_ROLE_TYPE,
  type VeleroRoleTrust,
  type VeleroRoleTrustOptions,
  VeleroServiceRole,
  type VeleroServiceRoleArgs,
  veleroRoleTrustPolicy,
} from './serviceRole';
export * from './snapshotLocation';
export * from './storageLocation';
export * from './veleroHelmRelease';
