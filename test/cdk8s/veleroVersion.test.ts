/**
 * Every cdk8s construct targets a Velero release: its own `veleroVersion` prop, else the
 * construct tree's context `velero-iac:veleroVersion`, else 1.18. A field the target lacks is an
 * error at construction naming the construct path; what is built conforms to the target's CRD.
 */
import { Chart, Testing } from 'cdk8s';
import type { VeleroVersion } from 'velero-iac';
import {
  contextVeleroVersion,
  UdsDefaultSchedule,
  VELERO_VERSION_CONTEXT_KEY,
  VeleroBackup,
  VeleroBackupFromSchedule,
  VeleroBackupStorageLocation,
  VeleroResourcePolicy,
  VeleroRestore,
  VeleroRestoreDrill,
  VeleroSchedule,
  VeleroVolumeSnapshotLocation,
} from 'velero-iac/cdk8s';
import { describeWithCrds, validateAllAgainstCrd } from '../conformance/crdValidator';
import { testApp } from '../support/cdk8sApp';
import { expectConstructError, newChart } from './cdk8sTestKit';

/** A chart in an app whose context targets `version`. */
function chartTargeting(version: unknown): Chart {
  const app = testApp();
  app.node.setContext(VELERO_VERSION_CONTEXT_KEY, version);
  return new Chart(app, 'test');
}

describe('veleroVersion prop', () => {
  test('a field the target lacks is refused at construction, with the construct path', () => {
    const chart = newChart();
    const error = expectConstructError(
      () =>
        new VeleroSchedule(chart, 'daily', {
          name: 'daily',
          schedule: '0 3 * * *',
          template: { volumeGroupSnapshotLabelKey: 'group' },
          veleroVersion: '1.16',
        }),
      'VeleroSchedule',
      'test/daily',
      'template.volumeGroupSnapshotLabelKey',
    );
    expect(error.message).toContain('was added in Velero 1.17');
    expect(chart.node.children).toHaveLength(0);
  });

  test('every construct takes it', () => {
    const chart = newChart();
    const at = '1.12' as const;
    const tooNew: [string, string, () => unknown, string][] = [
      [
        'VeleroBackup',
        'b',
        () =>
          new VeleroBackup(chart, 'b', {
            name: 'b',
            uploaderConfig: { parallelFilesUpload: 2 },
            veleroVersion: at,
          }),
        'uploaderConfig',
      ],
      [
        'VeleroRestore',
        'r',
        () =>
          new VeleroRestore(chart, 'r', {
            name: 'r',
            backupName: 'b',
            uploaderConfig: { writeSparseFiles: true },
            veleroVersion: at,
          }),
        'uploaderConfig',
      ],
      [
        'VeleroBackupStorageLocation',
        'bsl',
        () =>
          new VeleroBackupStorageLocation(chart, 'bsl', {
            name: 'default',
            provider: 'aws',
            objectStorage: { bucket: 'b', caCertRef: { name: 'ca', key: 'ca.crt' } },
            config: { region: 'eu-west-1' },
            veleroVersion: at,
          }),
        'objectStorage.caCertRef',
      ],
      [
        'UdsDefaultSchedule',
        'uds',
        () => new UdsDefaultSchedule(chart, 'uds', { skipImmediately: true, veleroVersion: at }),
        'skipImmediately',
      ],
      [
        'VeleroResourcePolicy',
        'p',
        () =>
          new VeleroResourcePolicy(chart, 'p', {
            name: 'p',
            volumePolicies: [{ conditions: { volumeTypes: ['nfs'] }, action: { type: 'skip' } }],
            veleroVersion: at,
          }),
        'volumePolicies[0].conditions.volumeTypes',
      ],
    ];
    for (const [construct, id, build, field] of tooNew) {
      expectConstructError(build, construct, `test/${id}`, field);
    }
    const vsl = new VeleroVolumeSnapshotLocation(chart, 'vsl', {
      name: 'default',
      provider: 'aws',
      config: { region: 'eu-west-1' },
      veleroVersion: at,
    });
    expect(vsl.manifest.spec.config).toEqual({ region: 'eu-west-1' });
  });
});

describe('the velero-iac:veleroVersion context', () => {
  test('sets the target of every construct below it', () => {
    const chart = chartTargeting('1.12');
    expect(contextVeleroVersion(chart)).toBe('1.12');
    expectConstructError(
      () => new UdsDefaultSchedule(chart, 'uds', { skipImmediately: true }),
      'UdsDefaultSchedule',
      'test/uds',
      'skipImmediately',
    );
    // backupFromSchedule checks its source schedule against the context's release too.
    const newer = new UdsDefaultSchedule(newChart(), 'newer', { skipImmediately: true });
    const error = expectConstructError(
      () => new VeleroBackupFromSchedule(chart, 'now', { schedule: newer, name: 'now' }),
      'VeleroBackupFromSchedule',
      'test/now',
      'spec.skipImmediately',
    );
    expect(error.message).toContain('Velero 1.12 silently drops it');
  });

  test('a Restore from a schedule gets backupName "" for Velero 1.13 from the context', () => {
    const chart = chartTargeting('1.13');
    const restore = new VeleroRestore(chart, 'r', { name: 'r', scheduleName: 'daily' });
    expect(restore.manifest.spec).toEqual({ backupName: '', scheduleName: 'daily' });
  });

  test('a restore drill targets it: the schedule is checked, the Restore built for it', () => {
    const chart = chartTargeting('1.13');
    const schedule = new UdsDefaultSchedule(chart, 'uds');
    const drill = new VeleroRestoreDrill(chart, 'drill', { schedule });
    expect(drill.drill.restoreTemplate.spec.backupName).toBe('');
    const newer = new VeleroRestoreDrill(chart, 'newer', {
      schedule,
      name: 'newer-drill',
      veleroVersion: '1.14',
    });
    expect(newer.drill.restoreTemplate.spec).not.toHaveProperty('backupName');
    const skipping = new UdsDefaultSchedule(newChart(), 'skipping', { skipImmediately: true });
    const error = expectConstructError(
      () => new VeleroRestoreDrill(chartTargeting('1.12'), 'old', { schedule: skipping }),
      'VeleroRestoreDrill',
      'test/old',
      'schedule.spec.skipImmediately',
    );
    expect(error.message).toContain('added in Velero 1.13');
  });

  test('the prop wins over the context', () => {
    const chart = chartTargeting('1.12');
    const schedule = new UdsDefaultSchedule(chart, 'uds', {
      skipImmediately: true,
      veleroVersion: '1.13',
    });
    expect(schedule.manifest.spec.skipImmediately).toBe(true);
  });

  test('a context value that is not a release is an error naming the context key', () => {
    const chart = chartTargeting('v1.15.2');
    const error = expectConstructError(
      () => new UdsDefaultSchedule(chart, 'uds'),
      'UdsDefaultSchedule',
      'test/uds',
      `context "${VELERO_VERSION_CONTEXT_KEY}"`,
    );
    expect(error.message).toContain("write the minor release, '1.15'");
  });
});

describeWithCrds('synthesized objects conform to the CRDs of the targeted release', () => {
  test.each(['1.12', '1.13', '1.14', '1.17'] as VeleroVersion[])('Velero %s', (version) => {
    const chart = chartTargeting(version);
    const schedule = new UdsDefaultSchedule(chart, 'uds');
    new VeleroBackupFromSchedule(chart, 'now', { schedule, at: new Date('2026-01-15T12:00:00Z') });
    new VeleroRestore(chart, 'restore', { name: 'restore', source: schedule });
    new VeleroBackupStorageLocation(chart, 'bsl', {
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: 'b', caCert: 'AAAA' },
      config: { region: 'eu-west-1' },
      default: true,
    });
    const objects = Testing.synth(chart);
    expect(objects).toHaveLength(4);
    expect(validateAllAgainstCrd(objects, version)).toEqual([]);
  });
});
