/** The name of the locations the default set-up creates (and Velero's own default name). */
export const DEFAULT_LOCATION_NAME = 'default';

/** What an AWS BackupStorageLocation needs; `V` is `string`, or a deferred value in a front end. */
export interface AwsStorageLocationInputs<V> {
  /** The bucket. */
  bucket: V;
  /** The bucket's region (`config.region`). */
  region: string;
  /**
   * The KMS key the AWS plugin encrypts backups with (`config.kmsKeyId`).
   * @default none (the bucket's default encryption applies)
   */
  kmsKeyId?: V;
  /**
   * A path inside the bucket.
   * @default the bucket root
   */
  prefix?: string;
  /**
   * More AWS plugin settings; `region` and `kmsKeyId` above take precedence.
   * @default none
   */
  config?: Record<string, V>;
}

/**
 * The spec fields of a BackupStorageLocation for Velero's AWS plugin: provider `aws`, the bucket
 * (and prefix), and `config` with the region and, when given, the KMS key.
 */
export function awsStorageLocationSpec<V>(inputs: AwsStorageLocationInputs<V>): {
  provider: 'aws';
  objectStorage: { bucket: V; prefix?: string };
  config: Record<string, V | string>;
} {
  return {
    provider: 'aws',
    objectStorage: {
      bucket: inputs.bucket,
      ...(inputs.prefix === undefined ? {} : { prefix: inputs.prefix }),
    },
    config: {
      ...inputs.config,
      region: inputs.region,
      ...(inputs.kmsKeyId === undefined ? {} : { kmsKeyId: inputs.kmsKeyId }),
    },
  };
}

/**
 * The spec of a VolumeSnapshotLocation for Velero's AWS plugin: provider `aws` and the region
 * of the EBS volumes (snapshots cannot cross regions).
 */
export function awsSnapshotLocationSpec<V>(
  region: string,
  config?: Record<string, V>,
): { provider: 'aws'; config: Record<string, V | string> } {
  return { provider: 'aws', config: { ...config, region } };
}
