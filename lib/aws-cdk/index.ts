/**
 * velero-iac for the AWS CDK: Velero's protected bucket and IAM role as `aws-cdk-lib`
 * constructs, built from the same core model as the Pulumi front end, and `VeleroEksBackup`,
 * which also installs Velero in an EKS cluster (the Helm chart and a cdk8s chart of the Velero
 * objects). Loads no Pulumi module, and cdk8s only when `VeleroEksBackup` is constructed.
 *
 * @packageDocumentation
 */

import './requirePeers';

export { VELERO_VERSION_CONTEXT_KEY } from '../core/versions/contextVeleroVersion';
export type { AcceptedFinding } from './acceptedFindings';
export { BUCKET_DATES_CONTEXT_KEY } from './bucketDate';
export {
  VELERO_BUCKET_ACCEPTED_FINDINGS,
  VELERO_BUCKET_NO_ACCESS_LOGS_FINDINGS,
  VELERO_BUCKET_NO_REPLICATION_FINDINGS,
  VELERO_BUCKET_SSE_S3_FINDINGS,
  VeleroBucket,
  type VeleroBucketProps,
} from './veleroBucket';
export { VeleroEksBackup, type VeleroEksBackupProps } from './veleroEksBackup';
export {
  type VeleroEksClusterRef,
  VeleroServiceRole,
  type VeleroServiceRoleProps,
  veleroServiceRoleAcceptedFindings,
} from './veleroServiceRole';
