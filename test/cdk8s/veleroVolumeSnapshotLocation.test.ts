import { VeleroVolumeSnapshotLocation } from 'velero-iac/cdk8s';
import {
  describeConformanceOfSynthesized,
  expectConstructError,
  newChart,
  synthOne,
} from './cdk8sTestKit';

describe('VeleroVolumeSnapshotLocation', () => {
  it('synthesizes one VolumeSnapshotLocation with the provider and region', () => {
    const chart = newChart();
    const location = new VeleroVolumeSnapshotLocation(chart, 'vsl', {
      name: 'aws-eu-central-1',
      provider: 'aws',
      config: { region: 'eu-central-1' },
    });
    const object = synthOne(chart);
    expect(object.kind).toBe('VolumeSnapshotLocation');
    expect(object.metadata).toEqual({ name: 'aws-eu-central-1', namespace: 'velero' });
    expect(object['spec']).toEqual({ provider: 'aws', config: { region: 'eu-central-1' } });
    expect(location.name).toBe('aws-eu-central-1');
    expect(object).toEqual(location.manifest);
  });

  it('throws naming the construct path when the AWS region is missing', () => {
    expectConstructError(
      () =>
        new VeleroVolumeSnapshotLocation(newChart(), 'vsl', { name: 'default', provider: 'aws' }),
      'VeleroVolumeSnapshotLocation',
      'test/vsl',
      'config.region',
    );
  });
});

describeConformanceOfSynthesized();
