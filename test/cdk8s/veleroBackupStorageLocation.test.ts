import { veleroBucketName } from 'velero-iac';
import { VeleroBackupStorageLocation } from 'velero-iac/cdk8s';
import {
  describeConformanceOfSynthesized,
  expectConstructError,
  newChart,
  synthOne,
} from './cdk8sTestKit';

describe('VeleroBackupStorageLocation', () => {
  it('synthesizes one BackupStorageLocation with the bucket, provider and config', () => {
    const chart = newChart();
    const location = new VeleroBackupStorageLocation(chart, 'bsl', {
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: veleroBucketName('prod-eu', '2026-01-15'), prefix: 'cluster-a' },
      config: { region: 'eu-central-1', serverSideEncryption: 'aws:kms' },
      default: true,
      accessMode: 'ReadWrite',
    });
    const object = synthOne(chart);
    expect(object.kind).toBe('BackupStorageLocation');
    expect(object.metadata).toEqual({ name: 'default', namespace: 'velero' });
    expect(object['spec']).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'prod-eu-velero-20260115', prefix: 'cluster-a' },
      config: { region: 'eu-central-1', serverSideEncryption: 'aws:kms' },
      default: true,
      accessMode: 'ReadWrite',
    });
    expect(object).toEqual(location.manifest);
  });

  it('throws naming the construct path for a config key the AWS plugin does not know', () => {
    expectConstructError(
      () =>
        new VeleroBackupStorageLocation(newChart(), 'bsl', {
          name: 'default',
          provider: 'aws',
          objectStorage: { bucket: 'prod-eu-velero-20260115' },
          config: { regoin: 'eu-central-1' },
        }),
      'VeleroBackupStorageLocation',
      'test/bsl',
      'config.regoin',
    );
  });

  it('throws naming the construct path for a bucket holding a path', () => {
    expectConstructError(
      () =>
        new VeleroBackupStorageLocation(newChart(), 'with-path', {
          name: 'default',
          provider: 'aws',
          objectStorage: { bucket: 'prod-eu-velero-20260115/backups' },
        }),
      'VeleroBackupStorageLocation',
      'test/with-path',
      'objectStorage.bucket',
    );
  });
});

describeConformanceOfSynthesized();
