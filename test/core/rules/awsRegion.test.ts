import {
  backupStorageLocationManifest,
  checkAwsRegion,
  VeleroConfigError,
  volumeSnapshotLocationManifest,
} from 'velero-iac';

function pathsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(VeleroConfigError);
    return (error as VeleroConfigError).issues.map((i) => i.path);
  }
  return [];
}

describe('AWS region names', () => {
  test.each(['eu-west-1', 'us-east-1', 'us-gov-west-1', 'ap-southeast-4', 'cn-north-1'])(
    'accepts %s',
    (region) => {
      expect(checkAwsRegion(region, 'region')).toEqual([]);
    },
  );

  test.each(['eu-west1', 'EU-WEST-1', 'west-1', '', 'eu-west-123', 5])(
    'rejects %p, naming the field',
    (region) => {
      expect(checkAwsRegion(region, 'config.region')).toEqual([
        expect.objectContaining({
          path: 'config.region',
          allowed: expect.stringContaining('eu-west-1'),
        }),
      ]);
    },
  );

  test('a mistyped region in an AWS location is caught before it makes the plugin fail', () => {
    expect(
      pathsOf(() =>
        backupStorageLocationManifest({
          name: 'default',
          provider: 'aws',
          objectStorage: { bucket: 'b' },
          config: { region: 'eu-west1' },
        }),
      ),
    ).toEqual(['config.region']);
    expect(
      pathsOf(() =>
        volumeSnapshotLocationManifest({
          name: 'd',
          provider: 'aws',
          config: { region: 'euwest' },
        }),
      ),
    ).toEqual(['config.region']);
  });

  test('an S3-compatible store (s3Url set) may use any region string, as MinIO does', () => {
    expect(
      backupStorageLocationManifest({
        name: 'minio',
        provider: 'aws',
        objectStorage: { bucket: 'velero' },
        config: {
          region: 'minio',
          s3ForcePathStyle: 'true',
          s3Url: 'http://minio.velero.svc:9000',
        },
      }).spec.config,
    ).toEqual({ region: 'minio', s3ForcePathStyle: 'true', s3Url: 'http://minio.velero.svc:9000' });
  });
});
