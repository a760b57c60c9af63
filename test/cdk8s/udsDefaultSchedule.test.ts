import { UdsDefaultSchedule } from 'velero-iac/cdk8s';
import {
  describeConformanceOfSynthesized,
  expectConstructError,
  newChart,
  synthOne,
} from './cdk8sTestKit';

describe('UdsDefaultSchedule', () => {
  it('synthesizes the default schedule without props', () => {
    const chart = newChart();
    const schedule = new UdsDefaultSchedule(chart, 'default');
    const object = synthOne(chart);
    expect(object.kind).toBe('Schedule');
    expect(object.metadata).toEqual({ name: 'velero-velero-udsbackup', namespace: 'velero' });
    expect(object['spec']).toEqual({
      schedule: '0 3 * * *',
      useOwnerReferencesInBackup: false,
      template: {
        includedNamespaces: ['monitoring', 'tempo'],
        ttl: '240h0m0s',
        snapshotVolumes: true,
      },
    });
    expect(schedule.name).toBe('velero-velero-udsbackup');
  });

  it('lets every field be overridden, merging template fields over the defaults', () => {
    const chart = newChart();
    new UdsDefaultSchedule(chart, 'default', {
      name: 'velero-udsbackup',
      namespace: 'uds-velero',
      schedule: 'CRON_TZ=Europe/Berlin 30 2 * * *',
      useOwnerReferencesInBackup: true,
      template: { ttl: '720h0m0s', storageLocation: 'secondary' },
    });
    const object = synthOne(chart);
    expect(object.metadata).toEqual({ name: 'velero-udsbackup', namespace: 'uds-velero' });
    expect(object['spec']).toEqual({
      schedule: 'CRON_TZ=Europe/Berlin 30 2 * * *',
      useOwnerReferencesInBackup: true,
      template: {
        includedNamespaces: ['monitoring', 'tempo'],
        ttl: '720h0m0s',
        snapshotVolumes: true,
        storageLocation: 'secondary',
      },
    });
  });

  it('throws naming the construct path for an invalid override', () => {
    expectConstructError(
      () => new UdsDefaultSchedule(newChart(), 'default', { schedule: '0 3 * *' }),
      'UdsDefaultSchedule',
      'test/default',
      'schedule',
    );
  });
});

describeConformanceOfSynthesized();
