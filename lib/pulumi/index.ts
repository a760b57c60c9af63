/**
 * velero-iac Pulumi front end: components for Velero's bucket, IAM role and custom resources.
 * The bucket's security baseline as policies is a separate entry, `velero-iac/pulumi/policies`.
 *
 * @packageDocumentation
 */

export * from './backup';
export * from './backupAlerts';
export * from './bucket';
export * from './platform';
export type { VeleroPlatformAlertsArgs } from './platformAlerts';
export * from './restore';
export * from './schedule';
export * from './serviceRole';
export * from './snapshotLocation';
export * from './storageLocation';
