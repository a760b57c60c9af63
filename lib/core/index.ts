/**
 * velero-iac core: pure builders and validators for Velero (`velero.io/v1`) manifests, the backup
 * bucket's name and Velero's IAM policy. Imports no framework.
 *
 * @packageDocumentation
 */
export * from './errors';
