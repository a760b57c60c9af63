import {
  backupFromSchedule,
  backupManifest,
  backupStorageLocationManifest,
  resourcePolicyConfigMap,
  resourcePolicyReference,
  restoreManifest,
  scheduleManifest,
  udsDefaultSchedule,
  VeleroConfigError,
  volumeSnapshotLocationManifest,
} from 'velero-iac';
import { parse } from 'yaml';

function problemsOf(build: () => unknown): { path: string; message: string }[] {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(VeleroConfigError);
    return (error as VeleroConfigError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected a VeleroConfigError');
}

describe('scheduleManifest', () => {
  const schedule = scheduleManifest({
    name: 'nightly',
    schedule: 'CRON_TZ=Europe/Berlin 30 1 * * mon-fri',
    template: { includedNamespaces: ['apps'], ttl: '72h0m0s', storageLocation: 'default' },
    labels: { team: 'platform' },
  });

  test('puts the cron, template and metadata where Velero reads them', () => {
    expect(schedule.apiVersion).toBe('velero.io/v1');
    expect(schedule.kind).toBe('Schedule');
    expect(schedule.metadata).toEqual({
      name: 'nightly',
      namespace: 'velero',
      labels: { team: 'platform' },
    });
    expect(schedule.spec.schedule).toBe('CRON_TZ=Europe/Berlin 30 1 * * mon-fri');
    expect(schedule.spec.template).toEqual({
      includedNamespaces: ['apps'],
      ttl: '72h0m0s',
      storageLocation: 'default',
    });
  });

  test('omits unset, null and empty optional fields', () => {
    const bare = scheduleManifest({
      name: 'bare',
      schedule: '@daily',
      labels: {},
      template: {
        includedNamespaces: [],
        excludedNamespaces: undefined,
        labelSelector: null as never,
      },
    });
    expect(bare.metadata).toEqual({ name: 'bare', namespace: 'velero' });
    expect(bare.spec).toEqual({ schedule: '@daily', template: {} });
    expect(JSON.stringify(bare)).not.toContain('null');
  });

  test('keeps false booleans, which differ from unset', () => {
    const paused = scheduleManifest({
      name: 'p',
      schedule: '@hourly',
      template: { snapshotVolumes: false },
      paused: false,
    });
    expect(paused.spec.paused).toBe(false);
    expect(paused.spec.template.snapshotVolumes).toBe(false);
  });

  test('uses the given namespace', () => {
    expect(
      scheduleManifest({ name: 'a', namespace: 'backup-system', schedule: '@daily', template: {} })
        .metadata.namespace,
    ).toBe('backup-system');
  });

  test('reports every problem at once, with the option paths the user wrote', () => {
    const problems = problemsOf(() =>
      scheduleManifest({
        name: 'a-schedule-name-that-is-much-longer-than-forty-eight-chars',
        schedule: '0 0 3 * * *',
        template: { ttl: '30d', includedNamespaces: ['apps'], excludedNamespaces: ['apps'] },
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'name',
      'schedule',
      'template.ttl',
      'template.excludedNamespaces[0]',
    ]);
    expect(problems[0].message).toMatch(/48/);
    expect(problems[1].message).toMatch(/seconds/);
    expect(problems[2].message).toMatch(/720h0m0s/);
  });

  test('names a misspelt field and the field it probably meant', () => {
    const problems = problemsOf(() =>
      scheduleManifest({ name: 'a', schedule: '@daily', template: { tll: '24h' } as never }),
    );
    expect(problems).toEqual([
      { path: 'template.tll', message: expect.stringContaining('did you mean `ttl`?') },
    ]);
  });

  test('the error message names the object and lists each problem on its own line', () => {
    try {
      scheduleManifest({ name: 'x', schedule: '', template: {} });
      throw new Error('unreachable');
    } catch (error) {
      expect((error as Error).message).toMatch(
        /^Invalid Schedule "x": 1 problem\n {2}- schedule: /,
      );
    }
  });

  test('rejects input that is not an object', () => {
    expect(problemsOf(() => scheduleManifest(undefined as never))).toEqual([
      { path: '', message: expect.stringContaining('must be an object') },
    ]);
  });
});

describe('backupManifest', () => {
  test('matches `velero backup create adhocname --include-cluster-resources=true --include-namespaces=tempo,monitoring`', () => {
    const backup = backupManifest({
      name: 'adhocname',
      includeClusterResources: true,
      includedNamespaces: ['tempo', 'monitoring'],
    });
    expect(backup).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'adhocname', namespace: 'velero' },
      spec: { includeClusterResources: true, includedNamespaces: ['tempo', 'monitoring'] },
    });
  });

  test('rejects old- and new-style filters together and both selector forms', () => {
    const problems = problemsOf(() =>
      backupManifest({
        name: 'b',
        includedResources: ['pods'],
        excludedNamespaceScopedResources: ['secrets'],
        labelSelector: { matchLabels: { app: 'x' } },
        orLabelSelectors: [{ matchLabels: { app: 'y' } }],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'excludedNamespaceScopedResources',
      'orLabelSelectors',
    ]);
  });

  test('rejects a resource policy reference of another kind, which Velero would ignore', () => {
    expect(
      problemsOf(() =>
        backupManifest({ name: 'b', resourcePolicy: { kind: 'Secret', name: 'p' } }),
      ),
    ).toEqual([{ path: 'resourcePolicy.kind', message: expect.stringContaining('configmap') }]);
  });

  test('limits Backup names to 63 characters', () => {
    expect(problemsOf(() => backupManifest({ name: 'b'.repeat(64) })).map((p) => p.path)).toEqual([
      'name',
    ]);
    expect(backupManifest({ name: 'b'.repeat(63) }).metadata.name).toHaveLength(63);
  });
});

describe('udsDefaultSchedule and backupFromSchedule', () => {
  test('the default schedule backs up monitoring and tempo daily at 03:00 for 10 days', () => {
    const schedule = udsDefaultSchedule();
    expect(schedule.metadata).toEqual({ name: 'velero-velero-udsbackup', namespace: 'velero' });
    expect(schedule.spec).toEqual({
      schedule: '0 3 * * *',
      useOwnerReferencesInBackup: false,
      template: {
        includedNamespaces: ['monitoring', 'tempo'],
        ttl: '240h0m0s',
        snapshotVolumes: true,
      },
    });
    expect(schedule).toMatchSnapshot();
  });

  test('every field can be overridden; undefined keeps the default', () => {
    const schedule = udsDefaultSchedule({
      name: 'velero-udsbackup',
      schedule: '0 4 * * *',
      namespace: 'uds-velero',
      paused: undefined,
      template: { ttl: '480h0m0s', includedNamespaces: ['monitoring'] },
    });
    expect(schedule.metadata.name).toBe('velero-udsbackup');
    expect(schedule.metadata.namespace).toBe('uds-velero');
    expect(schedule.spec.schedule).toBe('0 4 * * *');
    expect(schedule.spec.template).toEqual({
      includedNamespaces: ['monitoring'],
      ttl: '480h0m0s',
      snapshotVolumes: true,
    });
    expect(schedule.spec).not.toHaveProperty('paused');
  });

  test('an on-demand backup from the default schedule is named and labelled as velero does', () => {
    const backup = backupFromSchedule(udsDefaultSchedule(), {
      at: new Date('2023-07-27T23:26:05Z'),
    });
    expect(backup.metadata.name).toBe('velero-velero-udsbackup-20230727232605');
    expect(backup.metadata.labels).toEqual({
      'velero.io/schedule-name': 'velero-velero-udsbackup',
    });
    expect(backup.spec).toEqual(udsDefaultSchedule().spec.template);
  });

  test('template labels replace the schedule labels; annotations are copied; extra labels win', () => {
    const schedule = scheduleManifest({
      name: 's',
      schedule: '@daily',
      labels: { owner: 'schedule' },
      annotations: { note: 'from schedule' },
      template: { metadata: { labels: { tier: 'backup' } }, ttl: '1h' },
    });
    const backup = backupFromSchedule(schedule, { name: 'manual', labels: { tier: 'manual' } });
    expect(backup.metadata).toEqual({
      name: 'manual',
      namespace: 'velero',
      labels: { tier: 'manual', 'velero.io/schedule-name': 's' },
      annotations: { note: 'from schedule' },
    });
    expect(backup.spec.metadata).toEqual({ labels: { tier: 'backup' } });
    const withoutTemplateLabels = backupFromSchedule(
      scheduleManifest({
        name: 's',
        schedule: '@daily',
        labels: { owner: 'schedule' },
        template: {},
      }),
      { at: new Date(0) },
    );
    expect(withoutTemplateLabels.metadata.labels).toEqual({
      owner: 'schedule',
      'velero.io/schedule-name': 's',
    });
    expect(withoutTemplateLabels.metadata.name).toBe('s-19700101000000');
  });

  test('a resource policy reference is rewritten to kind configmap without apiGroup', () => {
    const schedule = scheduleManifest({
      name: 's',
      schedule: '@daily',
      template: { resourcePolicy: { apiGroup: 'v1', kind: 'ConfigMap', name: 'skip-emptydir' } },
    });
    expect(backupFromSchedule(schedule, { at: new Date(0) }).spec.resourcePolicy).toEqual({
      kind: 'configmap',
      name: 'skip-emptydir',
    });
  });

  test('refuses an invalid schedule and an invalid date', () => {
    const broken = { ...udsDefaultSchedule(), spec: { schedule: 'nope', template: {} } };
    expect(() => backupFromSchedule(broken)).toThrow(VeleroConfigError);
    expect(() => backupFromSchedule(udsDefaultSchedule(), { at: new Date('invalid') })).toThrow(
      VeleroConfigError,
    );
  });
});

describe('restoreManifest', () => {
  test('a non-destructive restore from a backup leaves existingResourcePolicy unset', () => {
    const restore = restoreManifest({
      name: 'r',
      backupName: 'b',
      includedNamespaces: ['monitoring'],
    });
    expect(restore.spec).toEqual({ backupName: 'b', includedNamespaces: ['monitoring'] });
    expect(restore.spec).not.toHaveProperty('existingResourcePolicy');
  });

  test('needs exactly one source (at run time too, for JavaScript callers)', () => {
    // @ts-expect-error no source does not compile
    expect(problemsOf(() => restoreManifest({ name: 'r' })).map((p) => p.path)).toEqual([
      'backupName',
    ]);
    expect(
      // @ts-expect-error two sources do not compile
      problemsOf(() => restoreManifest({ name: 'r', backupName: 'b', scheduleName: 's' })).map(
        (p) => p.path,
      ),
    ).toEqual(['scheduleName']);
  });

  test('accepts only none or update as existingResourcePolicy and no non-restorable resources', () => {
    const problems = problemsOf(() =>
      restoreManifest({
        name: 'r',
        scheduleName: 's',
        existingResourcePolicy: 'overwrite' as never,
        includedResources: ['persistentvolumeclaims', 'events'],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['existingResourcePolicy', 'includedResources[1]']);
  });
});

describe('storage and snapshot locations', () => {
  test('a BackupStorageLocation for the cluster bucket', () => {
    const bsl = backupStorageLocationManifest({
      name: 'default',
      provider: 'aws',
      default: true,
      objectStorage: { bucket: 'prod-velero-20260101' },
      config: { region: 'eu-west-1', kmsKeyId: 'alias/velero' },
    });
    expect(bsl.spec).toEqual({
      provider: 'aws',
      default: true,
      objectStorage: { bucket: 'prod-velero-20260101' },
      config: { region: 'eu-west-1', kmsKeyId: 'alias/velero' },
    });
  });

  test('refuses a path in the bucket name and config keys the AWS plugin does not know', () => {
    const problems = problemsOf(() =>
      backupStorageLocationManifest({
        name: 'default',
        provider: 'aws',
        objectStorage: { bucket: 'bucket/prefix' },
        config: { regoin: 'eu-west-1' },
      }),
    );
    expect(problems).toEqual([
      { path: 'objectStorage.bucket', message: expect.stringContaining('prefix') },
      { path: 'config.regoin', message: expect.stringContaining('did you mean `region`?') },
    ]);
  });

  test('an AWS VolumeSnapshotLocation needs a region', () => {
    expect(
      volumeSnapshotLocationManifest({
        name: 'aws',
        provider: 'aws',
        config: { region: 'us-east-1' },
      }).spec,
    ).toEqual({
      provider: 'aws',
      config: { region: 'us-east-1' },
    });
    expect(
      problemsOf(() => volumeSnapshotLocationManifest({ name: 'aws', provider: 'aws' })).map(
        (p) => p.path,
      ),
    ).toEqual(['config.region']);
  });
});

describe('resourcePolicyConfigMap', () => {
  test('stores a version v1 policy under one data key, with empty conditions kept', () => {
    const policy = resourcePolicyConfigMap({
      name: 'volume-policy',
      volumePolicies: [
        { conditions: { volumeTypes: ['emptyDir', 'configMap'] }, action: { type: 'skip' } },
        { conditions: { csi: {} }, action: { type: 'snapshot' } },
      ],
    });
    expect(policy.metadata).toEqual({ name: 'volume-policy', namespace: 'velero' });
    expect(Object.keys(policy.data)).toEqual(['policy.yaml']);
    expect(parse(policy.data['policy.yaml'])).toEqual({
      version: 'v1',
      volumePolicies: [
        { conditions: { volumeTypes: ['emptyDir', 'configMap'] }, action: { type: 'skip' } },
        { conditions: { csi: {} }, action: { type: 'snapshot' } },
      ],
    });
    expect(resourcePolicyReference(policy)).toEqual({ kind: 'configmap', name: 'volume-policy' });
  });

  test('rejects unknown actions, bad capacity ranges, overlapping filters and empty policies', () => {
    const problems = problemsOf(() =>
      resourcePolicyConfigMap({
        name: 'p',
        volumePolicies: [
          { conditions: { capacity: '100Gi,10Gi' }, action: { type: 'backup' as never } },
        ],
        includeExcludePolicy: {
          includedClusterScopedResources: ['*'],
          excludedNamespaceScopedResources: [],
        },
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'volumePolicies[0].conditions.capacity',
      'volumePolicies[0].action.type',
      'includeExcludePolicy.includedClusterScopedResources[0]',
    ]);
    expect(problemsOf(() => resourcePolicyConfigMap({ name: 'p' })).map((p) => p.path)).toEqual([
      'volumePolicies',
    ]);
    expect(
      problemsOf(() =>
        resourcePolicyConfigMap({ name: 'p', dataKey: 'a/b', volumePolicies: [] }),
      ).map((p) => p.path),
    ).toEqual(['dataKey', 'volumePolicies']);
  });
});
