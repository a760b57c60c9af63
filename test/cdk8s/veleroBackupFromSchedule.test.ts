import { scheduleManifest } from 'velero-iac';
import { UdsDefaultSchedule, VeleroBackupFromSchedule, VeleroSchedule } from 'velero-iac/cdk8s';
import {
  describeConformanceOfSynthesized,
  expectConstructError,
  newChart,
  synth,
} from './cdk8sTestKit';

const at = new Date('2026-01-15T12:34:56Z');

describe('VeleroBackupFromSchedule', () => {
  it('builds the Backup `velero backup create --from-schedule` creates, named after `at`', () => {
    const chart = newChart();
    const schedule = new UdsDefaultSchedule(chart, 'default', {
      labels: { team: 'platform' },
      annotations: { 'example.com/owner': 'sre' },
    });
    const backup = new VeleroBackupFromSchedule(chart, 'now', { schedule, at });
    const [, object] = synth(chart);
    expect(object!.kind).toBe('Backup');
    expect(object!.metadata).toEqual({
      name: 'velero-velero-udsbackup-20260115123456',
      namespace: 'velero',
      labels: { team: 'platform', 'velero.io/schedule-name': 'velero-velero-udsbackup' },
      annotations: { 'example.com/owner': 'sre' },
    });
    expect(object!['spec']).toEqual(schedule.manifest.spec.template);
    expect(backup.name).toBe('velero-velero-udsbackup-20260115123456');
    expect(backup.scheduleName).toBe('velero-velero-udsbackup');
  });

  it('accepts a Schedule manifest, an explicit name and extra labels', () => {
    const chart = newChart();
    const manifest = scheduleManifest({
      name: 'apps',
      namespace: 'velero-system',
      schedule: '@daily',
      template: { includedNamespaces: ['apps'], metadata: { labels: { tier: 'apps' } } },
    });
    new VeleroBackupFromSchedule(chart, 'manual', {
      schedule: manifest,
      name: 'apps-manual',
      labels: { reason: 'upgrade' },
    });
    const [object] = synth(chart);
    expect(object!.metadata).toEqual({
      name: 'apps-manual',
      namespace: 'velero-system',
      labels: { tier: 'apps', 'velero.io/schedule-name': 'apps', reason: 'upgrade' },
    });
    expect(object!['spec']).toMatchObject({ includedNamespaces: ['apps'] });
  });

  it('is deterministic for a fixed `at`', () => {
    const names = [1, 2].map(() => {
      const chart = newChart();
      const schedule = new VeleroSchedule(chart, 's', {
        name: 's',
        schedule: '@daily',
        template: {},
      });
      return new VeleroBackupFromSchedule(chart, 'b', { schedule, at }).name;
    });
    expect(names).toEqual(['s-20260115123456', 's-20260115123456']);
  });

  it('throws naming the construct path for an invalid `at`', () => {
    const chart = newChart();
    const schedule = new UdsDefaultSchedule(chart, 'default');
    expectConstructError(
      () => new VeleroBackupFromSchedule(chart, 'now', { schedule, at: new Date('not a date') }),
      'VeleroBackupFromSchedule',
      'test/now',
      'at',
    );
  });

  it('throws naming the construct path for an invalid Schedule manifest', () => {
    const valid = scheduleManifest({ name: 'apps', schedule: '@daily', template: {} });
    const error = expectConstructError(
      () =>
        new VeleroBackupFromSchedule(newChart(), 'from-bad', {
          schedule: { ...valid, spec: { ...valid.spec, schedule: 'hourly' } },
          at,
        }),
      'VeleroBackupFromSchedule',
      'test/from-bad',
      'spec.schedule',
    );
    expect(error.subject).toContain('Schedule "apps"');
  });

  it('throws naming the construct path for a name that is not DNS-1123', () => {
    const chart = newChart();
    const schedule = new UdsDefaultSchedule(chart, 'default');
    expectConstructError(
      () => new VeleroBackupFromSchedule(chart, 'named', { schedule, name: 'Manual_Backup' }),
      'VeleroBackupFromSchedule',
      'test/named',
      'name',
    );
  });
});

describeConformanceOfSynthesized();
