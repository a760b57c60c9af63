import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import { checkAwsBslConfig, checkAwsVslConfig, isAwsProvider } from '../rules/awsLocationConfig';
import { isPlainObject } from '../schema/checkShape';
import { bool, type ObjectField, obj, str, strMap, withChecks } from '../schema/fieldSchema';
import { base64String, duration, secretKeySelector } from './common';

function checkBucket(value: unknown, path: string): ValidationIssue[] {
  if (typeof value !== 'string') return [];
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return [issue(path, 'must name a bucket', { received: value })];
  if (trimmed.includes('/')) {
    return [
      issue(path, 'must be a bucket name without `/`: put the path into `objectStorage.prefix`', {
        received: value,
        allowed: 'a bucket name; the path goes into prefix',
      }),
    ];
  }
  return [];
}

function checkBslRules(spec: unknown, path: string): ValidationIssue[] {
  if (!isPlainObject(spec)) return [];
  const out: ValidationIssue[] = [];
  const storage = spec.objectStorage;
  if (isPlainObject(storage) && storage.caCert !== undefined && storage.caCertRef !== undefined) {
    out.push(
      issue(
        joinPath(joinPath(path, 'objectStorage'), 'caCertRef'),
        'set only one of `caCert` (deprecated) and `caCertRef`: with both Velero marks the location Unavailable',
      ),
    );
  }
  if (isAwsProvider(spec.provider) && isPlainObject(spec.config)) {
    out.push(...checkAwsBslConfig(spec.config, joinPath(path, 'config')));
  }
  return out;
}

function checkVslRules(spec: unknown, path: string): ValidationIssue[] {
  if (!isPlainObject(spec) || !isAwsProvider(spec.provider)) return [];
  if (spec.config !== undefined && spec.config !== null && !isPlainObject(spec.config)) return [];
  return checkAwsVslConfig(
    isPlainObject(spec.config) ? spec.config : undefined,
    joinPath(path, 'config'),
  );
}

/** Velero's `BackupStorageLocationSpec` with its rules (and the AWS plugin's config keys). */
export const backupStorageLocationSpecSchema: ObjectField = withChecks(
  obj(
    {
      provider: withChecks(str(), (value, path) =>
        value === '' ? [issue(path, 'must name the object-store plugin, e.g. aws')] : [],
      ),
      objectStorage: obj(
        {
          bucket: withChecks(str(), checkBucket),
          prefix: str(),
          caCert: base64String(),
          caCertRef: secretKeySelector(),
        },
        { required: ['bucket'] },
      ),
      config: strMap(),
      credential: secretKeySelector(),
      default: bool(),
      accessMode: str({ enum: ['ReadOnly', 'ReadWrite'] }),
      backupSyncPeriod: duration({ nullable: true }),
      validationFrequency: duration({ nullable: true }),
    },
    { required: ['provider', 'objectStorage'] },
  ),
  checkBslRules,
);

/** Velero's `VolumeSnapshotLocationSpec` with the AWS plugin's rules. */
export const volumeSnapshotLocationSpecSchema: ObjectField = withChecks(
  obj(
    {
      provider: withChecks(str(), (value, path) =>
        value === '' ? [issue(path, 'must name the volume-snapshotter plugin, e.g. aws')] : [],
      ),
      config: strMap(),
      credential: secretKeySelector(),
    },
    { required: ['provider'] },
  ),
  checkVslRules,
);
