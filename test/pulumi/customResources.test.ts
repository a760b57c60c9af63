import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import fc from 'fast-check';
import {
  backupManifest,
  backupStorageLocationManifest,
  restoreManifest,
  type ScheduleOptions,
  scheduleManifest,
  VeleroConfigError,
  volumeSnapshotLocationManifest,
} from 'velero-iac';
import {
  VELERO_BACKUP_IGNORED_CHANGES,
  VELERO_BACKUP_STORAGE_LOCATION_IGNORED_CHANGES,
  VELERO_RESTORE_IGNORED_CHANGES,
  VELERO_SCHEDULE_IGNORED_CHANGES,
  VeleroBackup,
  VeleroBackupStorageLocation,
  VeleroRestore,
  VeleroSchedule,
  VeleroVolumeSnapshotLocation,
} from 'velero-iac/pulumi';
import { prepareVeleroManifest } from '../../lib/pulumi/customResource';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import { type CapturedResource, outputValue, type ProgramRun, runProgram } from './harness';

const SCHEDULE: ScheduleOptions = {
  name: 'nightly',
  labels: { team: 'platform' },
  schedule: 'CRON_TZ=Europe/Berlin 30 1 * * mon-fri',
  useOwnerReferencesInBackup: false,
  template: {
    includedNamespaces: ['apps', 'data-*'],
    excludedResources: ['events'],
    ttl: '72h0m0s',
    storageLocation: 'default',
    labelSelector: { matchExpressions: [{ key: 'backup', operator: 'NotIn', values: ['skip'] }] },
    hooks: {
      resources: [
        { name: 'freeze', pre: [{ exec: { command: ['/bin/fsfreeze', '--freeze', '/data'] } }] },
      ],
    },
  },
};

/** The Velero custom resources a run registered (type `kubernetes:velero.io/v1:*`). */
function veleroObjects(run: ProgramRun<unknown>): CapturedResource[] {
  return run.resources.filter((r) => r.type.startsWith('kubernetes:velero.io/v1:'));
}

/** The manifest a captured CustomResource carries. */
function manifestOf(resource: CapturedResource): Record<string, unknown> {
  const { apiVersion, kind, metadata, spec } = resource.inputs;
  return { apiVersion, kind, metadata, spec };
}

/** Runs a program that must throw; returns the error and what was registered. */
async function failingRun(program: () => void): Promise<{ error: unknown; registered: number }> {
  const run = await runProgram(program, { captureError: true });
  return { error: run.error, registered: run.resources.length };
}

function issuePaths(error: unknown): string[] {
  expect(error).toBeInstanceOf(VeleroConfigError);
  return (error as VeleroConfigError).issues.map((i) => i.path);
}

describe('each component registers exactly the manifest the core builds', () => {
  test.each([
    [
      'Schedule',
      'velero-iac:velero:VeleroSchedule',
      () => new VeleroSchedule('c', SCHEDULE),
      scheduleManifest(SCHEDULE),
    ],
    [
      'Backup',
      'velero-iac:velero:VeleroBackup',
      () =>
        new VeleroBackup('c', { name: 'before-upgrade', includedNamespaces: ['apps'], ttl: '24h' }),
      backupManifest({ name: 'before-upgrade', includedNamespaces: ['apps'], ttl: '24h' }),
    ],
    [
      'Restore',
      'velero-iac:velero:VeleroRestore',
      () =>
        new VeleroRestore('c', {
          name: 'apps-restore',
          backupName: 'before-upgrade',
          includedNamespaces: ['apps'],
        }),
      restoreManifest({
        name: 'apps-restore',
        backupName: 'before-upgrade',
        includedNamespaces: ['apps'],
      }),
    ],
    [
      'BackupStorageLocation',
      'velero-iac:velero:VeleroBackupStorageLocation',
      () =>
        new VeleroBackupStorageLocation('c', {
          name: 'default',
          provider: 'aws',
          objectStorage: { bucket: 'prod-velero-20260115' },
          config: { region: 'eu-west-1' },
          default: true,
        }),
      backupStorageLocationManifest({
        name: 'default',
        provider: 'aws',
        objectStorage: { bucket: 'prod-velero-20260115' },
        config: { region: 'eu-west-1' },
        default: true,
      }),
    ],
    [
      'VolumeSnapshotLocation',
      'velero-iac:velero:VeleroVolumeSnapshotLocation',
      () =>
        new VeleroVolumeSnapshotLocation('c', {
          name: 'ebs',
          provider: 'aws',
          config: { region: 'eu-west-1' },
        }),
      volumeSnapshotLocationManifest({
        name: 'ebs',
        provider: 'aws',
        config: { region: 'eu-west-1' },
      }),
    ],
  ])('%s', async (kind, componentType, create, expected) => {
    const run = await runProgram((): void => {
      create();
    });
    const component = run.one(componentType, 'c');
    const child = run.one(`kubernetes:velero.io/v1:${kind}`);
    expect(run.resources).toHaveLength(2);
    expect(component.custom).toBe(false);
    expect(child.name).toBe('c');
    expect(child.options.parent).toBe(component.urn);
    expect(manifestOf(child)).toEqual(expected);
    // The exact name: no auto-naming suffix.
    expect((child.inputs.metadata as { name: string }).name).toBe(expected.metadata.name);
    // An exact name cannot exist twice, so a replacement deletes first.
    expect(child.options.deleteBeforeReplace).toBe(true);
  });
});

describeWithCrds('CRD conformance of what the components register', () => {
  test('every kind, with a rich spec, passes the upstream CRD schema', async () => {
    const run = await runProgram(() => {
      new VeleroSchedule('schedule', SCHEDULE);
      new VeleroBackup('backup', {
        name: 'before-upgrade',
        includedNamespaces: ['apps'],
        includedClusterScopedResources: ['storageclasses.storage.k8s.io'],
        orLabelSelectors: [{ matchLabels: { app: 'db' } }, { matchLabels: { app: 'cache' } }],
        snapshotMoveData: true,
        ttl: '24h',
      });
      new VeleroRestore('restore', {
        name: 'apps-restore',
        scheduleName: 'nightly',
        namespaceMapping: { apps: 'apps-restored' },
        restorePVs: true,
        hooks: {
          resources: [
            {
              name: 'warm-up',
              postHooks: [
                {
                  init: { initContainers: [{ name: 'wait', image: 'busybox', command: ['true'] }] },
                },
              ],
            },
          ],
        },
      });
      new VeleroBackupStorageLocation('bsl', {
        name: 'default',
        provider: 'aws',
        objectStorage: { bucket: pulumi.output('prod-velero-20260115'), prefix: 'cluster-a' },
        config: { region: 'eu-west-1', kmsKeyId: pulumi.output('alias/velero') },
        credential: { name: 'bsl-credentials', key: 'aws' },
        backupSyncPeriod: '5m',
      });
      new VeleroVolumeSnapshotLocation('vsl', {
        name: 'ebs',
        provider: 'aws',
        config: { region: 'eu-west-1' },
      });
    });
    const objects = veleroObjects(run);
    expect(objects.map((o) => o.type).sort()).toEqual([
      'kubernetes:velero.io/v1:Backup',
      'kubernetes:velero.io/v1:BackupStorageLocation',
      'kubernetes:velero.io/v1:Restore',
      'kubernetes:velero.io/v1:Schedule',
      'kubernetes:velero.io/v1:VolumeSnapshotLocation',
    ]);
    for (const object of objects) expect(validateAgainstCrd(manifestOf(object))).toEqual([]);
  });

  test('property: any schedule options either register a conformant Schedule or throw before registering', async () => {
    const name = fc.oneof(
      { arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/), weight: 4 },
      { arbitrary: fc.constantFrom('', 'Bad_Name', 'x'.repeat(49)), weight: 1 },
    );
    const cron = fc.constantFrom(
      '0 3 * * *',
      '@daily',
      '@every 6h',
      '*/15 * * * 1-5',
      '0 3 * * *',
      '61 * * * *',
      'daily',
    );
    const ttl = fc.option(fc.constantFrom('240h0m0s', '90m', '720h', '10d'), { nil: undefined });
    const namespaces = fc.option(
      fc.array(fc.constantFrom('apps', 'data-*', 'monitoring', 'Bad_NS'), { maxLength: 2 }),
      {
        nil: undefined,
      },
    );
    const excluded = fc.option(
      fc.array(fc.constantFrom('apps', 'kube-system', '*'), { maxLength: 1 }),
      { nil: undefined },
    );
    const outcomes = { registered: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(name, cron, ttl, namespaces, excluded, async (n, schedule, t, inc, exc) => {
        const options: ScheduleOptions = {
          name: n,
          schedule,
          template: { ttl: t, includedNamespaces: inc, excludedNamespaces: exc },
        };
        const run = await runProgram(() => new VeleroSchedule('p', options), {
          captureError: true,
        });
        if (run.error !== undefined) {
          expect(run.error).toBeInstanceOf(VeleroConfigError);
          expect(run.resources).toHaveLength(0);
          outcomes.rejected++;
          return;
        }
        const object = run.one('kubernetes:velero.io/v1:Schedule');
        expect(validateAgainstCrd(manifestOf(object))).toEqual([]);
        outcomes.registered++;
      }),
      { numRuns: 60 },
    );
    // Both branches were exercised.
    expect(outcomes.registered).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });
});

describe('fields Velero writes itself are ignored after creation', () => {
  test('per kind, exactly the designed ignoreChanges', async () => {
    const run = await runProgram(() => {
      new VeleroSchedule('schedule', SCHEDULE);
      new VeleroBackup('backup', { name: 'b1' });
      new VeleroRestore('restore', { name: 'r1', backupName: 'b1' });
      new VeleroBackupStorageLocation('bsl', {
        name: 'default',
        provider: 'aws',
        objectStorage: { bucket: 'b-velero-20260101' },
      });
      new VeleroVolumeSnapshotLocation('vsl', {
        name: 'ebs',
        provider: 'aws',
        config: { region: 'eu-west-1' },
      });
    });
    const ignored = (kind: string) =>
      run.one(`kubernetes:velero.io/v1:${kind}`).options.ignoreChanges;
    expect(ignored('Schedule')).toEqual(['spec.skipImmediately']);
    expect(ignored('Restore')).toEqual([
      'spec.excludedResources',
      'spec.itemOperationTimeout',
      'spec.backupName',
      'spec.scheduleName',
    ]);
    expect(ignored('BackupStorageLocation')).toEqual(['spec.default']);
    expect(ignored('VolumeSnapshotLocation')).toEqual([]);
    expect(ignored('Backup')).toEqual([...VELERO_BACKUP_IGNORED_CHANGES]);
    // Every field Velero fills into a Backup when it starts processing it.
    expect([...ignored('Backup')].sort()).toEqual(
      [
        'metadata.annotations',
        'metadata.labels',
        'spec.csiSnapshotTimeout',
        'spec.defaultVolumesToFsBackup',
        'spec.excludedClusterScopedResources',
        'spec.excludedNamespaceScopedResources',
        'spec.excludedNamespaces',
        'spec.excludedResources',
        'spec.includedNamespaces',
        'spec.itemOperationTimeout',
        'spec.snapshotMoveData',
        'spec.storageLocation',
        'spec.ttl',
        'spec.volumeGroupSnapshotLabelKey',
        'spec.volumeSnapshotLocations',
      ].sort(),
    );
    expect(VELERO_SCHEDULE_IGNORED_CHANGES).toEqual(ignored('Schedule'));
    expect(VELERO_RESTORE_IGNORED_CHANGES).toEqual(ignored('Restore'));
    expect(VELERO_BACKUP_STORAGE_LOCATION_IGNORED_CHANGES).toEqual(
      ignored('BackupStorageLocation'),
    );
  });

  test('ignoreChanges, dependsOn and retainOnDelete of the component reach the CustomResource', async () => {
    const run = await runProgram(() => {
      const first = new VeleroBackup('first', { name: 'first' });
      new VeleroBackup(
        'second',
        { name: 'second' },
        {
          ignoreChanges: ['spec.hooks'],
          dependsOn: [first],
          retainOnDelete: true,
        },
      );
    });
    const second = run.one('kubernetes:velero.io/v1:Backup', 'second');
    expect(second.options.ignoreChanges).toEqual([...VELERO_BACKUP_IGNORED_CHANGES, 'spec.hooks']);
    expect(second.options.retainOnDelete).toBe(true);
    expect(second.options.dependencies).toContain(
      run.one('kubernetes:velero.io/v1:Backup', 'first').urn,
    );
    expect(run.one('kubernetes:velero.io/v1:Backup', 'first').options.retainOnDelete).not.toBe(
      true,
    );
  });
});

describe('the Kubernetes provider reaches the CustomResource', () => {
  const shapes: [string, (p: k8s.Provider) => pulumi.ComponentResourceOptions][] = [
    ['provider', (provider) => ({ provider })],
    ['providers (list)', (provider) => ({ providers: [provider] })],
    ['providers (map)', (provider) => ({ providers: { kubernetes: provider } })],
  ];
  test.each(shapes)('given as %s', async (_shape, options) => {
    const run = await runProgram(() => {
      const provider = new k8s.Provider('cluster-a', { kubeconfig: 'apiVersion: v1' });
      new VeleroSchedule('nightly', SCHEDULE, options(provider));
    });
    const provider = run.one('pulumi:providers:kubernetes', 'cluster-a');
    expect(run.one('kubernetes:velero.io/v1:Schedule').options.provider).toBe(
      `${provider.urn}::${provider.id}`,
    );
  });

  test('inherited from a parent component', async () => {
    const run = await runProgram(() => {
      const provider = new k8s.Provider('cluster-b', { kubeconfig: 'apiVersion: v1' });
      const parent = new pulumi.ComponentResource(
        'test:index:Parent',
        'parent',
        {},
        { providers: [provider] },
      );
      new VeleroRestore('restore', { name: 'r', scheduleName: 'nightly' }, { parent });
    });
    const provider = run.one('pulumi:providers:kubernetes', 'cluster-b');
    expect(run.one('kubernetes:velero.io/v1:Restore').options.provider).toBe(
      `${provider.urn}::${provider.id}`,
    );
  });

  test('none given: the default provider', async () => {
    const run = await runProgram(() => new VeleroSchedule('nightly', SCHEDULE));
    expect(run.one('kubernetes:velero.io/v1:Schedule').options.provider).toBeUndefined();
  });
});

describe('bad input throws VeleroConfigError before anything is registered', () => {
  test('cron, name, TTL and filters of a Schedule: all problems at once', async () => {
    const { error, registered } = await failingRun(() => {
      new VeleroSchedule('bad', {
        name: 'Nightly_Backup',
        schedule: '0 3 * *',
        template: { ttl: '10d', includedNamespaces: ['apps'], excludedNamespaces: ['apps'] },
      });
    });
    expect(registered).toBe(0);
    expect(issuePaths(error)).toEqual([
      'name',
      'schedule',
      'template.ttl',
      'template.excludedNamespaces[0]',
    ]);
    expect((error as VeleroConfigError).message).toContain('VeleroSchedule "bad"');
  });

  test('mixed old- and new-style filters on a Backup', async () => {
    const { error, registered } = await failingRun(() => {
      new VeleroBackup('bad', {
        name: 'b',
        includedResources: ['pods'],
        includedNamespaceScopedResources: ['deployments'],
      });
    });
    expect(registered).toBe(0);
    expect(error).toBeInstanceOf(VeleroConfigError);
  });

  test('a Restore with two sources, even when one of them is an output', async () => {
    const { error, registered } = await failingRun(() => {
      new VeleroRestore('bad', {
        name: 'r',
        backupName: 'b1',
        scheduleName: pulumi.output('nightly'),
      });
    });
    expect(registered).toBe(0);
    expect(issuePaths(error)).toEqual(['scheduleName']);
  });

  test('a known bad field next to an output still throws synchronously', async () => {
    const { error, registered } = await failingRun(() => {
      new VeleroBackupStorageLocation('bad', {
        name: 'default',
        provider: 'aws',
        objectStorage: { bucket: pulumi.output('prod-velero-20260115') },
        config: { region: 'eu-west-1', regoin: 'eu-west-1' },
      });
    });
    expect(registered).toBe(0);
    expect(issuePaths(error)).toEqual(['config.regoin']);
  });

  test('an AWS snapshot location without a region', async () => {
    const { error, registered } = await failingRun(() => {
      new VeleroVolumeSnapshotLocation('bad', { name: 'ebs', provider: 'aws' });
    });
    expect(registered).toBe(0);
    expect(issuePaths(error)).toEqual(['config.region']);
  });
});

describe('values that are outputs', () => {
  test('the bucket of a BackupStorageLocation is resolved into the spec', async () => {
    const run = await runProgram(() => {
      const bucket = new k8s.core.v1.ConfigMap('bucket-source', {
        data: { name: 'prod-velero-20260115' },
      });
      new VeleroBackupStorageLocation('bsl', {
        name: 'default',
        provider: 'aws',
        objectStorage: { bucket: bucket.data.apply((d) => d.name ?? '') },
        config: { region: 'eu-west-1' },
      });
    });
    const bsl = run.one('kubernetes:velero.io/v1:BackupStorageLocation');
    expect((bsl.inputs.spec as { objectStorage: unknown }).objectStorage).toEqual({
      bucket: 'prod-velero-20260115',
    });
    // The CustomResource depends on what produced the bucket name.
    expect(bsl.options.dependencies).toContain(run.one('kubernetes:core/v1:ConfigMap').urn);
  });

  test('a Restore from a VeleroBackup waits for that Backup', async () => {
    const run = await runProgram(() => {
      const backup = new VeleroBackup('backup', { name: 'before-upgrade' });
      new VeleroRestore('restore', { name: 'undo-upgrade', backupName: backup.name });
    });
    const restore = run.one('kubernetes:velero.io/v1:Restore');
    expect((restore.inputs.spec as { backupName: string }).backupName).toBe('before-upgrade');
    expect(restore.options.dependencies).toContain(run.one('kubernetes:velero.io/v1:Backup').urn);
  });

  test('an invalid resolved value fails with a VeleroConfigError naming the field', async () => {
    const run = await runProgram(async () => {
      const { manifest: prepared, metadata } = prepareVeleroManifest(
        {
          type: 'velero-iac:velero:VeleroBackupStorageLocation',
          kind: 'BackupStorageLocation',
          build: backupStorageLocationManifest,
          ignoreChanges: [],
        },
        'bsl',
        {
          name: 'default',
          provider: 'aws',
          objectStorage: { bucket: pulumi.output('bucket/path') },
        },
      );
      expect(pulumi.Output.isInstance(prepared)).toBe(true);
      // The metadata holds no output, so it is known before the bucket is.
      expect(metadata).toEqual({ name: 'default', namespace: 'velero' });
      // Every promise of the output rejects; handle them all (a program run would fail here).
      const output = prepared as unknown as {
        promise(): Promise<unknown>;
        isKnown: Promise<unknown>;
        isSecret: Promise<unknown>;
      };
      output.isKnown.catch(() => undefined);
      output.isSecret.catch(() => undefined);
      return output.promise().then(
        () => undefined,
        (error: unknown) => error,
      );
    });
    expect(issuePaths(run.result)).toEqual(['objectStorage.bucket']);
  });
});

describe('outputs', () => {
  test('name, namespace and manifest', async () => {
    const run = await runProgram(async () => {
      const schedule = new VeleroSchedule('nightly', { ...SCHEDULE, namespace: 'backup' });
      return {
        name: await outputValue(schedule.name),
        namespace: await outputValue(schedule.namespace),
        manifest: await outputValue(schedule.manifest),
      };
    });
    expect(run.result).toEqual({
      name: 'nightly',
      namespace: 'backup',
      manifest: scheduleManifest({ ...SCHEDULE, namespace: 'backup' }),
    });
  });

  test('the outputs of a component with output arguments', async () => {
    const run = await runProgram(async () => {
      const bsl = new VeleroBackupStorageLocation('bsl', {
        name: 'secondary',
        provider: 'aws',
        objectStorage: { bucket: pulumi.output('dr-velero-20260115') },
      });
      return { name: await outputValue(bsl.name), manifest: await outputValue(bsl.manifest) };
    });
    expect(run.result).toEqual({
      name: 'secondary',
      manifest: backupStorageLocationManifest({
        name: 'secondary',
        provider: 'aws',
        objectStorage: { bucket: 'dr-velero-20260115' },
      }),
    });
  });
});
