/**
 * velero-iac core: pure builders and validators for Velero (`velero.io/v1`) manifests, the backup
 * bucket's name and Velero's IAM policy. Imports no framework.
 *
 * @packageDocumentation
 */

export {
  type VeleroChartMetricsOptions,
  type VeleroChartMetricsValues,
  veleroChartMetricsValues,
} from './alerts/chartMetricsValues';
export { type FireGap, longestFireGap } from './alerts/fireGap';
export type { RestoreDrillAlertTarget } from './alerts/restoreDrillAlertTarget';
export * from './alerts/types';
export {
  DEFAULT_ALERT_GROUP_NAME,
  DEFAULT_ALERT_RULE_NAME,
  DEFAULT_RUNBOOK_URL,
  VELERO_ALERT_NAMES,
  veleroAlertRules,
} from './alerts/veleroAlertRules';
export {
  type AwsStorageLocationInputs,
  awsSnapshotLocationSpec,
  awsStorageLocationSpec,
  DEFAULT_LOCATION_NAME,
} from './awsLocations';
export {
  type EffectiveBackupTtl,
  effectiveBackupTtl,
  shortestScheduleTtl,
  VELERO_DEFAULT_BACKUP_TTL,
} from './backupTtl';
export type {
  VeleroBucketAccessLoggingOptions,
  VeleroBucketObjectLockOptions,
  VeleroBucketOptions,
  VeleroBucketReplicationOptions,
  VeleroBucketSettings,
} from './bucket/bucketOptions';
export * from './bucket/bucketPlan';
export * from './bucket/bucketPolicy';
export * from './bucket/replicationRole';
export {
  checkClusterName,
  checkS3BucketName,
  MAX_CLUSTER_NAME_LENGTH,
  S3_BUCKET_NAME_MAX_LENGTH,
  S3_BUCKET_NAME_MIN_LENGTH,
  S3_RESERVED_BUCKET_PREFIXES,
  S3_RESERVED_BUCKET_SUFFIXES,
  VELERO_BUCKET_INFIX,
  veleroBucketName,
} from './bucketName';
export {
  type ArgoCdIgnoreDifference,
  argoCdIgnoreDifferences,
  VELERO_CONTROLLER_WRITTEN_FIELDS,
} from './controllerWrittenFields';
export {
  type DefaultVeleroSetup,
  type DefaultVeleroSetupOptions,
  defaultVeleroSetup,
} from './defaultSetup';
export type { DeferredValues } from './deferredValue';
export type { RestoreDrillAccess } from './drills/drillAccess';
export {
  DEFAULT_DRILL_IMAGE,
  DEFAULT_DRILL_TIMEOUTS,
  DEFAULT_SCRATCH_PREFIX,
  DRILL_LABEL,
  DRILL_NAMESPACE_MODE_EXCLUDED_RESOURCES,
  DRILL_SCHEDULE_LABEL,
} from './drills/drillDefaults';
export {
  DEFAULT_VERIFY_COMMAND,
  DRILL_SCRIPT_KEY,
  MAX_DRILL_NAME_LENGTH,
  type RestoreDrill,
  RestoreDrillMode,
  type RestoreDrillOptions,
  type RestoreDrillResources,
  type RestoreDrillSettings,
  restoreDrill,
} from './drills/restoreDrill';
export { type ValidationIssue, VeleroConfigError } from './errors';
export * from './helmValues';
export {
  AWS_PARTITIONS,
  IAM_POLICY_VERSION,
  type IamPolicyDocument,
  type IamPolicyStatement,
  VELERO_IAM_SIDS,
  type VeleroIamPolicyOptions,
  veleroIamPolicyDocument,
} from './iamPolicy';
export {
  type BackupFromScheduleOptions,
  backupFromSchedule,
  SCHEDULE_NAME_LABEL,
} from './manifests/backupFromSchedule';
export {
  backupManifest,
  backupStorageLocationManifest,
  restoreManifest,
  scheduleManifest,
  volumeSnapshotLocationManifest,
} from './manifests/builders';
export { timestampedName, veleroTimestamp } from './manifests/timestampedName';
export {
  UDS_DEFAULT_CRON,
  UDS_DEFAULT_NAMESPACES,
  UDS_DEFAULT_SCHEDULE_NAME,
  UDS_DEFAULT_TTL,
  type UdsDefaultScheduleOptions,
  udsDefaultSchedule,
} from './manifests/udsDefaultSchedule';
export { MODELLED_VELERO_KINDS, type ModelledVeleroKind } from './model/kinds';
export * from './objectLock';
export { MissingPeerDependencyError, type PeerPackage } from './peerDependencies';
export {
  RESOURCE_POLICY_VERSION,
  VOLUME_POLICY_ACTIONS,
  VOLUME_TYPES,
} from './resourcePolicy/model';
export {
  DEFAULT_RESOURCE_POLICY_KEY,
  resourcePolicyConfigMap,
  resourcePolicyReference,
} from './resourcePolicy/resourcePolicyConfigMap';
export { checkResourcePolicyText } from './resourcePolicy/validateResourcePolicy';
export {
  DEFAULT_FLUX_NAMESPACE,
  RESTORE_PLAN_DEFAULT_RESOURCES,
  type RestorePlan,
  type RestorePlanOptions,
  type RestorePlanStep,
  restorePlan,
} from './restorePlan';
export { AWS_BSL_CONFIG_KEYS, AWS_VSL_CONFIG_KEYS } from './rules/awsLocationConfig';
export { AWS_REGION_PATTERN, checkAwsRegion, isAwsRegion } from './rules/awsRegion';
export {
  CRON_ALLOWED,
  CRON_ALLOWED_BY_DIALECT,
  CRON_DESCRIPTORS,
  CRON_DIALECTS,
  type CronDescriptor,
  type CronDialect,
  type CronField,
  type CronFieldName,
  type CronFields,
  type CronParseFailure,
  type CronParseOptions,
  type CronParseResult,
  type CronParseSuccess,
  type CronTimeZone,
  checkCron,
  cronDialectForVeleroVersion,
  DEFAULT_CRON_DIALECT,
  type ParsedCron,
  type ParsedCronBase,
  type ParsedCronDescriptor,
  type ParsedCronEvery,
  type ParsedCronFields,
  parseCron,
} from './rules/cron';
export { type CronFireTimeOptions, cronFireTimes, nextCronFireTime } from './rules/cronNext';
export {
  checkGoDuration,
  formatGoDuration,
  GO_DURATION_ALLOWED,
  type GoDurationCheckOptions,
  normalizeGoDuration,
  parseGoDuration,
  parseGoDurationNanoseconds,
} from './rules/duration';
export { parseLabelSelectorString, parseOrLabelSelectorsString } from './rules/labels';
export { NON_RESTORABLE_RESOURCES } from './rules/restoreRules';
export { explainNonIanaTimeZone, isIanaTimeZone } from './rules/timeZone';
export {
  type VeleroPodIdentityAssociationPlan,
  type VeleroServiceRoleOptions,
  type VeleroServiceRolePlan,
  type VeleroServiceRolePlanContext,
  veleroServiceRolePlan,
} from './serviceRole/serviceRolePlan';
export {
  EKS_POD_IDENTITY_PRINCIPAL,
  VeleroRoleTrust,
  type VeleroRoleTrustOptions,
  veleroRoleTrustPolicy,
} from './serviceRole/trustPolicy';
export * from './types/backup';
export * from './types/backupSpec';
export * from './types/kubernetes';
export * from './types/labelSelector';
export * from './types/locations';
export * from './types/meta';
export * from './types/resourceHookFilter';
export * from './types/resourcePolicy';
export * from './types/restore';
export * from './types/schedule';
export {
  isVeleroManifest,
  type ValidateManifestOptions,
  validateManifest,
} from './validateManifest';
export {
  DEFAULT_VELERO_RELEASE_NAME,
  MAX_HELM_RELEASE_NAME_LENGTH,
  VELERO_CHART_NAME,
  VELERO_CHART_REPOSITORY,
  VELERO_CHART_VELERO_VERSION,
  VELERO_CHART_VERSION,
  VELERO_IMAGE,
  type VeleroChartInstallation,
  type VeleroChartInstallationOptions,
  veleroChartInstallation,
} from './veleroChart';
export {
  AWS_PLUGIN_CONFIG_ADDITIONS,
  type AwsPluginConfigAddition,
  RESOURCE_POLICY_ADDITIONS,
  RESTORE_BACKUP_NAME_OPTIONAL_SINCE,
  type ResourcePolicyAddition,
  VELERO_FIELD_ADDITIONS,
  type VeleroFieldAddition,
} from './versions/fieldAdditions';
export {
  awsPluginImageFor,
  imageReference,
  type PinnedImage,
  VELERO_RELEASES,
  type VeleroRelease,
  veleroImageFor,
} from './versions/veleroReleases';
export {
  checkVeleroVersion,
  DEFAULT_VELERO_VERSION,
  isVeleroVersion,
  isVeleroVersionAtLeast,
  parseVeleroVersion,
  VELERO_VERSION_ALLOWED,
  VELERO_VERSIONS,
  type VeleroTargetOptions,
  VeleroVersion,
} from './versions/veleroVersion';
