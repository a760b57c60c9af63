import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import { suggestField } from '../schema/checkShape';
import { checkAwsRegion } from './awsRegion';

/** Config keys the AWS object-store plugin accepts on a BackupStorageLocation. */
export const AWS_BSL_CONFIG_KEYS: readonly string[] = [
  'region',
  's3ForcePathStyle',
  's3Url',
  'publicUrl',
  'serverSideEncryption',
  'kmsKeyId',
  'customerKeyEncryptionFile',
  'customerKeyEncryptionSecret',
  'signatureVersion',
  'profile',
  'insecureSkipTLSVerify',
  'enableSharedConfig',
  'tagging',
  'checksumAlgorithm',
];

/** Config keys the AWS volume snapshotter accepts on a VolumeSnapshotLocation. */
export const AWS_VSL_CONFIG_KEYS: readonly string[] = ['region', 'profile', 'enableSharedConfig'];

/** Keys Velero injects into a plugin's config itself; setting them by hand is an error. */
const INJECTED_KEYS: readonly string[] = ['bucket', 'prefix', 'caCert', 'credentialsFile'];

const BOOLEAN_KEYS: readonly string[] = [
  's3ForcePathStyle',
  'insecureSkipTLSVerify',
  'enableSharedConfig',
];

const CHECKSUM_ALGORITHMS: readonly string[] = ['', 'CRC32', 'CRC32C', 'SHA1', 'SHA256'];

/** True when a location's provider is Velero's AWS plugin (`aws` or `velero.io/aws`). */
export function isAwsProvider(provider: unknown): boolean {
  return provider === 'aws' || provider === 'velero.io/aws';
}

function checkKeys(
  config: Record<string, unknown>,
  path: string,
  allowed: readonly string[],
  what: string,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const key of Object.keys(config)) {
    if (INJECTED_KEYS.includes(key)) {
      out.push(
        issue(joinPath(path, key), `\`${key}\` is set by Velero itself; remove it from config`, {
          allowed: allowed.join(', '),
        }),
      );
    } else if (!allowed.includes(key)) {
      const suggestion = suggestField(key, allowed);
      out.push(
        issue(
          joinPath(path, key),
          `the AWS plugin does not know \`${key}\` and the ${what} would be Unavailable${
            suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : ''
          }`,
          { allowed: allowed.join(', ') },
        ),
      );
    }
  }
  for (const key of BOOLEAN_KEYS) {
    const value = config[key];
    if (typeof value === 'string' && value !== 'true' && value !== 'false') {
      out.push(
        issue(joinPath(path, key), 'must be "true" or "false"', {
          received: value,
          allowed: '"true" | "false"',
        }),
      );
    }
  }
  return out;
}

/** The AWS plugin's rules for a BackupStorageLocation's `config`. */
export function checkAwsBslConfig(
  config: Record<string, unknown>,
  path: string,
): ValidationIssue[] {
  const out = checkKeys(config, path, AWS_BSL_CONFIG_KEYS, 'location');
  const encryption = [
    'kmsKeyId',
    'customerKeyEncryptionFile',
    'customerKeyEncryptionSecret',
  ].filter((k) => config[k] !== undefined && config[k] !== '');
  if (encryption.length > 1) {
    out.push(
      issue(
        joinPath(path, encryption[1]),
        `set at most one of kmsKeyId, customerKeyEncryptionFile and customerKeyEncryptionSecret (found ${encryption.join(', ')})`,
      ),
    );
  }
  // An empty region makes the plugin look the bucket's region up; S3-compatible stores (MinIO
  // and others, with s3Url) take any region string, e.g. "minio".
  if (config.region !== undefined && config.region !== '' && config.s3Url === undefined) {
    out.push(...checkAwsRegion(config.region, joinPath(path, 'region')));
  }
  const checksum = config.checksumAlgorithm;
  if (typeof checksum === 'string' && !CHECKSUM_ALGORITHMS.includes(checksum)) {
    out.push(
      issue(joinPath(path, 'checksumAlgorithm'), 'is not an algorithm the AWS plugin knows', {
        received: checksum,
        allowed: 'CRC32 | CRC32C | SHA1 | SHA256 | "" (none)',
      }),
    );
  }
  const signature = config.signatureVersion;
  if (typeof signature === 'string' && signature !== '1' && signature !== '4') {
    out.push(
      issue(joinPath(path, 'signatureVersion'), 'must be "1" or "4"', { received: signature }),
    );
  }
  const sse = config.serverSideEncryption;
  if (typeof sse === 'string' && sse !== '' && sse !== 'AES256' && sse !== 'aws:kms') {
    out.push(
      issue(joinPath(path, 'serverSideEncryption'), 'is not an S3 server-side encryption', {
        received: sse,
        allowed: 'AES256 | aws:kms',
      }),
    );
  }
  return out;
}

/** The AWS plugin's rules for a VolumeSnapshotLocation's `config` (region required). */
export function checkAwsVslConfig(
  config: Record<string, unknown> | undefined,
  path: string,
): ValidationIssue[] {
  const values = config ?? {};
  const out = checkKeys(values, path, AWS_VSL_CONFIG_KEYS, 'snapshot location');
  if (typeof values.region !== 'string' || values.region === '') {
    out.push(
      issue(
        joinPath(path, 'region'),
        'the AWS volume snapshotter needs the region of the EBS volumes (snapshots cannot cross regions)',
        { allowed: 'an AWS region such as eu-west-1' },
      ),
    );
  } else {
    out.push(...checkAwsRegion(values.region, joinPath(path, 'region')));
  }
  return out;
}
