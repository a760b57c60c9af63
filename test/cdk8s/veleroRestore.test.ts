import { UdsDefaultSchedule, VeleroBackup, VeleroRestore, VeleroSchedule } from 'velero-iac/cdk8s';
import {
  describeConformanceOfSynthesized,
  expectConstructError,
  newChart,
  synth,
  synthOne,
} from './cdk8sTestKit';

describe('VeleroRestore', () => {
  it('restores from a Backup named by backupName, non-destructively by default', () => {
    const chart = newChart();
    const restore = new VeleroRestore(chart, 'restore', {
      name: 'restore-gitlab',
      backupName: 'before-upgrade',
      includedNamespaces: ['gitlab'],
    });
    const object = synthOne(chart);
    expect(object.kind).toBe('Restore');
    expect(object.metadata).toEqual({ name: 'restore-gitlab', namespace: 'velero' });
    expect(object['spec']).toEqual({
      backupName: 'before-upgrade',
      includedNamespaces: ['gitlab'],
    });
    expect(object['spec']).not.toHaveProperty('existingResourcePolicy');
    expect(object).toEqual(restore.manifest);
  });

  it('takes backupName from a Backup construct given as source', () => {
    const chart = newChart();
    const backup = new VeleroBackup(chart, 'backup', { name: 'before-upgrade' });
    new VeleroRestore(chart, 'restore', { name: 'restore-all', source: backup });
    const [, restore] = synth(chart);
    expect(restore!['spec']).toEqual({ backupName: 'before-upgrade' });
  });

  it('takes scheduleName from a Schedule construct given as source', () => {
    const chart = newChart();
    const schedule = new UdsDefaultSchedule(chart, 'default');
    new VeleroRestore(chart, 'restore', {
      name: 'restore-latest',
      source: schedule,
      existingResourcePolicy: 'update',
    });
    const [, restore] = synth(chart);
    expect(restore!['spec']).toEqual({
      scheduleName: 'velero-velero-udsbackup',
      existingResourcePolicy: 'update',
    });
  });

  it("defaults the namespace to the source's, and keeps an explicit one", () => {
    const chart = newChart();
    const schedule = new VeleroSchedule(chart, 'schedule', {
      name: 'daily',
      namespace: 'velero-system',
      schedule: '@daily',
      template: {},
    });
    const inherited = new VeleroRestore(chart, 'inherited', { name: 'r1', source: schedule });
    const explicit = new VeleroRestore(chart, 'explicit', {
      name: 'r2',
      namespace: 'velero',
      source: schedule,
    });
    expect(inherited.namespace).toBe('velero-system');
    expect(explicit.namespace).toBe('velero');
    expect(synth(chart).map((o) => o.metadata.namespace)).toEqual([
      'velero-system',
      'velero-system',
      'velero',
    ]);
  });

  it('rejects a source together with backupName, naming the construct path and `source`', () => {
    const chart = newChart();
    const backup = new VeleroBackup(chart, 'backup', { name: 'b' });
    const error = expectConstructError(
      // @ts-expect-error two sources do not compile; JavaScript callers get the run-time error
      () => new VeleroRestore(chart, 'restore', { name: 'r', source: backup, backupName: 'other' }),
      'VeleroRestore',
      'test/restore',
      'source',
    );
    expect(error.message).toContain('backupName');
  });

  it('rejects a Restore without a source, naming the construct path', () => {
    expectConstructError(
      // @ts-expect-error no source does not compile; JavaScript callers get the run-time error
      () => new VeleroRestore(newChart(), 'restore', { name: 'r' }),
      'VeleroRestore',
      'test/restore',
      'backupName',
    );
  });

  it('rejects an unknown existingResourcePolicy', () => {
    expectConstructError(
      () =>
        new VeleroRestore(newChart(), 'overwrite', {
          name: 'r',
          backupName: 'b',
          existingResourcePolicy: 'overwrite' as 'update',
        }),
      'VeleroRestore',
      'test/overwrite',
      'existingResourcePolicy',
    );
  });
});

describeConformanceOfSynthesized();
