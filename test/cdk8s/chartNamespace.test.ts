/**
 * Which namespace a construct's object lands in: its own `namespace` prop, else the chart's
 * namespace, else `velero`, for every velero-iac construct.
 */
import { App, Chart } from 'cdk8s';
import type { KubernetesManifest } from 'velero-iac/cdk8s';
import {
  UdsDefaultSchedule,
  VeleroBackup,
  VeleroBackupFromSchedule,
  VeleroBackupStorageLocation,
  type VeleroManifestConstruct,
  VeleroResourcePolicy,
  VeleroRestore,
  VeleroSchedule,
  VeleroVolumeSnapshotLocation,
} from 'velero-iac/cdk8s';
import { describeConformanceOfSynthesized, synth } from './cdk8sTestKit';

// `new App()` rather than `Testing.app()`: Testing.app makes a temp folder per app, and these
// tests never write (Testing.synth renders in memory).

type Build = (chart: Chart, namespace?: string) => VeleroManifestConstruct<KubernetesManifest>;

/** Every construct that takes a `namespace` prop, built with it or without it. */
const CONSTRUCTS: [string, Build][] = [
  ['UdsDefaultSchedule', (c, namespace) => new UdsDefaultSchedule(c, 'x', { namespace })],
  [
    'VeleroSchedule',
    (c, namespace) =>
      new VeleroSchedule(c, 'x', { name: 'daily', namespace, schedule: '@daily', template: {} }),
  ],
  ['VeleroBackup', (c, namespace) => new VeleroBackup(c, 'x', { name: 'b', namespace })],
  [
    'VeleroRestore',
    (c, namespace) => new VeleroRestore(c, 'x', { name: 'r', namespace, backupName: 'b' }),
  ],
  [
    'VeleroBackupStorageLocation',
    (c, namespace) =>
      new VeleroBackupStorageLocation(c, 'x', {
        name: 'default',
        namespace,
        provider: 'aws',
        objectStorage: { bucket: 'prod-velero-20260115' },
        config: { region: 'eu-central-1' },
      }),
  ],
  [
    'VeleroVolumeSnapshotLocation',
    (c, namespace) =>
      new VeleroVolumeSnapshotLocation(c, 'x', {
        name: 'default',
        namespace,
        provider: 'aws',
        config: { region: 'eu-central-1' },
      }),
  ],
  [
    'VeleroResourcePolicy',
    (c, namespace) =>
      new VeleroResourcePolicy(c, 'x', {
        name: 'skip-scratch',
        namespace,
        volumePolicies: [{ conditions: { volumeTypes: ['emptyDir'] }, action: { type: 'skip' } }],
      }),
  ],
];

/** The namespace of the one object `chart` synthesizes. */
function synthesizedNamespace(chart: Chart): string | undefined {
  const objects = synth(chart);
  expect(objects).toHaveLength(1);
  return objects[0]!.metadata.namespace;
}

describe.each(CONSTRUCTS)('%s namespace', (_name, build) => {
  it("takes the chart's namespace when the construct names none", () => {
    const chart = new Chart(new App(), 'c', { namespace: 'backup-system' });
    const construct = build(chart);
    expect(synthesizedNamespace(chart)).toBe('backup-system');
    expect(construct.namespace).toBe('backup-system');
    expect(construct.manifest.metadata.namespace).toBe('backup-system');
  });

  it("prefers the construct's own namespace prop over the chart's", () => {
    const chart = new Chart(new App(), 'c', { namespace: 'backup-system' });
    build(chart, 'velero-prod');
    expect(synthesizedNamespace(chart)).toBe('velero-prod');
  });

  it('is velero when neither the construct nor the chart names one', () => {
    const chart = new Chart(new App(), 'c');
    build(chart);
    expect(synthesizedNamespace(chart)).toBe('velero');
  });
});

describe('namespace of constructs derived from another', () => {
  it("puts a Backup taken from a schedule in the schedule's namespace, whatever the chart says", () => {
    const app = new App();
    const schedules = new Chart(app, 'schedules', { namespace: 'backup-system' });
    const daily = new UdsDefaultSchedule(schedules, 'default');
    const other = new Chart(app, 'other', { namespace: 'elsewhere' });
    const backup = new VeleroBackupFromSchedule(other, 'now', {
      schedule: daily,
      name: 'now',
    });
    expect(backup.namespace).toBe('backup-system');
  });

  it("puts a Restore in its source's namespace before the chart's", () => {
    const app = new App();
    const backups = new Chart(app, 'backups', { namespace: 'backup-system' });
    const backup = new VeleroBackup(backups, 'b', { name: 'b' });
    const restores = new Chart(app, 'restores', { namespace: 'elsewhere' });
    expect(new VeleroRestore(restores, 'r', { name: 'r', source: backup }).namespace).toBe(
      'backup-system',
    );
    expect(new VeleroRestore(restores, 'r2', { name: 'r2', backupName: 'b' }).namespace).toBe(
      'elsewhere',
    );
  });

  it("treats a namespace prop that is explicitly undefined as not set (the chart's applies)", () => {
    const chart = new Chart(new App(), 'c', { namespace: 'backup-system' });
    const props: { namespace?: string } = { namespace: undefined };
    expect(new VeleroBackup(chart, 'b', { name: 'b', ...props }).namespace).toBe('backup-system');
  });

  it("reports an invalid chart namespace as the construct's namespace problem", () => {
    const chart = new Chart(new App(), 'c', { namespace: 'Backup_System' });
    expect(() => new VeleroBackup(chart, 'b', { name: 'b' })).toThrow(/namespace: /);
  });
});

describeConformanceOfSynthesized();
