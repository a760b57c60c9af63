import {
  backupStorageLocationManifest,
  scheduleManifest,
  udsDefaultSchedule,
  VELERO_AWS_PLUGIN_IMAGE,
  VeleroConfigError,
  veleroHelmValues,
  volumeSnapshotLocationManifest,
} from 'velero-iac';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/velero-prod';

const bsl = backupStorageLocationManifest({
  name: 'default',
  provider: 'aws',
  objectStorage: { bucket: 'prod-velero-20260115', prefix: 'cluster-a' },
  config: { region: 'eu-west-1', kmsKeyId: 'alias/velero' },
  default: true,
  accessMode: 'ReadWrite',
  validationFrequency: '2m',
  annotations: { owner: 'platform' },
});
const vsl = volumeSnapshotLocationManifest({
  name: 'default',
  provider: 'aws',
  config: { region: 'eu-west-1' },
});

function problemsOf(build: () => unknown): { path: string; message: string }[] {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(VeleroConfigError);
    return (error as VeleroConfigError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected a VeleroConfigError');
}

describe('veleroHelmValues', () => {
  const values = veleroHelmValues({
    backupStorageLocations: [bsl],
    volumeSnapshotLocations: [vsl],
    roleArn: ROLE_ARN,
  });

  test('installs the AWS plugin (1.14.x for Velero 1.18) as an init container into /target', () => {
    expect(VELERO_AWS_PLUGIN_IMAGE).toMatch(/^velero\/velero-plugin-for-aws:v1\.14\.\d+$/);
    expect(values.initContainers).toEqual([
      {
        name: 'velero-plugin-for-aws',
        image: VELERO_AWS_PLUGIN_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
      },
    ]);
  });

  test('lists each storage location with the chart field names', () => {
    expect(values.configuration.backupStorageLocation).toEqual([
      {
        name: 'default',
        provider: 'aws',
        bucket: 'prod-velero-20260115',
        prefix: 'cluster-a',
        default: true,
        accessMode: 'ReadWrite',
        validationFrequency: '2m',
        config: { region: 'eu-west-1', kmsKeyId: 'alias/velero' },
        annotations: { owner: 'platform' },
      },
    ]);
    expect(values.configuration.volumeSnapshotLocation).toEqual([
      { name: 'default', provider: 'aws', config: { region: 'eu-west-1' } },
    ]);
  });

  test('omits unset optional fields instead of writing empty ones', () => {
    const [entry] = veleroHelmValues({
      backupStorageLocations: [
        backupStorageLocationManifest({
          name: 'minimal',
          provider: 'aws',
          objectStorage: { bucket: 'b-velero-20260101' },
        }),
      ],
    }).configuration.backupStorageLocation;
    expect(entry).toEqual({
      name: 'minimal',
      provider: 'aws',
      bucket: 'b-velero-20260101',
      config: {},
    });
    expect(Object.keys(entry ?? {})).not.toContain('prefix');
  });

  test('annotates the server service account for IRSA and uses no credentials Secret', () => {
    expect(values.serviceAccount).toEqual({
      server: {
        create: true,
        name: 'velero-server',
        annotations: { 'eks.amazonaws.com/role-arn': ROLE_ARN },
      },
    });
    expect(values.credentials).toEqual({ useSecret: false });
  });

  test('has no role annotation without a role ARN (EKS Pod Identity)', () => {
    const podIdentity = veleroHelmValues({
      backupStorageLocations: [bsl],
      serviceAccountName: 'velero-velero-server',
    });
    expect(podIdentity.serviceAccount.server).toEqual({
      create: true,
      name: 'velero-velero-server',
      annotations: {},
    });
  });

  test('by default the chart creates neither locations nor schedules (they exist on their own)', () => {
    expect(values.backupsEnabled).toBe(false);
    expect(values.snapshotsEnabled).toBe(false);
    expect(values.schedules).toEqual({});
  });

  test('with chartCreatesObjects the chart creates them, schedules keyed so <fullname>-<key> is the name', () => {
    const chart = veleroHelmValues({
      backupStorageLocations: [bsl],
      volumeSnapshotLocations: [vsl],
      schedules: [
        udsDefaultSchedule(),
        scheduleManifest({
          name: 'velero-weekly',
          labels: { tier: 'gold' },
          schedule: '@weekly',
          paused: true,
          skipImmediately: true,
          template: { ttl: '720h0m0s' },
        }),
      ],
      chartCreatesObjects: true,
    });
    expect(chart.backupsEnabled).toBe(true);
    expect(chart.snapshotsEnabled).toBe(true);
    expect(chart.schedules).toEqual({
      'velero-udsbackup': {
        disabled: false,
        schedule: '0 3 * * *',
        useOwnerReferencesInBackup: false,
        template: {
          includedNamespaces: ['monitoring', 'tempo'],
          ttl: '240h0m0s',
          snapshotVolumes: true,
        },
      },
      weekly: {
        disabled: false,
        schedule: '@weekly',
        labels: { tier: 'gold' },
        paused: true,
        skipImmediately: true,
        template: { ttl: '720h0m0s' },
      },
    });
  });

  test('copies, never shares, the manifests it reads', () => {
    const source = udsDefaultSchedule();
    const chart = veleroHelmValues({
      backupStorageLocations: [bsl],
      schedules: [source],
      chartCreatesObjects: true,
    });
    chart.schedules['velero-udsbackup']?.template.includedNamespaces?.push('changed');
    const entry = chart.configuration.backupStorageLocation[0];
    if (entry !== undefined) entry.config.region = 'x';
    expect(source.spec.template.includedNamespaces).toEqual(['monitoring', 'tempo']);
    expect(bsl.spec.config?.region).toBe('eu-west-1');
  });

  test('uses another plugin image and chart fullname when given', () => {
    const chart = veleroHelmValues({
      backupStorageLocations: [bsl],
      schedules: [scheduleManifest({ name: 'backup-nightly', schedule: '@daily', template: {} })],
      chartCreatesObjects: true,
      chartFullname: 'backup',
      awsPluginImage: 'registry.example.com/velero-plugin-for-aws:v1.14.1',
    });
    expect(chart.initContainers[0]?.image).toBe(
      'registry.example.com/velero-plugin-for-aws:v1.14.1',
    );
    expect(Object.keys(chart.schedules)).toEqual(['nightly']);
  });
});

describe('veleroHelmValues rejects values that would not work', () => {
  test('no storage location at all', () => {
    expect(problemsOf(() => veleroHelmValues({ backupStorageLocations: [] }))).toEqual([
      expect.objectContaining({ path: 'backupStorageLocations' }),
    ]);
  });

  test('a manifest in another namespace than Velero', () => {
    const other = volumeSnapshotLocationManifest({
      name: 'default',
      namespace: 'backup',
      provider: 'aws',
      config: { region: 'eu-west-1' },
    });
    expect(
      problemsOf(() =>
        veleroHelmValues({ backupStorageLocations: [bsl], volumeSnapshotLocations: [other] }),
      ),
    ).toEqual([expect.objectContaining({ path: 'volumeSnapshotLocations[0].metadata.namespace' })]);
  });

  test('an invalid hand-written manifest, the wrong kind, a duplicate name, two defaults', () => {
    const broken = { ...bsl, spec: { ...bsl.spec, objectStorage: { bucket: 'a/b' } } };
    expect(
      problemsOf(() =>
        veleroHelmValues({
          backupStorageLocations: [broken, vsl as never],
        }),
      ),
    ).toEqual([
      expect.objectContaining({ path: 'backupStorageLocations[0].spec.objectStorage.bucket' }),
      expect.objectContaining({
        path: 'backupStorageLocations[1]',
        message: 'must be a BackupStorageLocation manifest',
      }),
    ]);
    const second = backupStorageLocationManifest({
      name: 'secondary',
      provider: 'aws',
      objectStorage: { bucket: 'dr-velero-20260115' },
      default: true,
    });
    expect(problemsOf(() => veleroHelmValues({ backupStorageLocations: [bsl, second] }))).toEqual([
      expect.objectContaining({
        path: 'backupStorageLocations',
        message: expect.stringContaining('default'),
      }),
    ]);
    expect(problemsOf(() => veleroHelmValues({ backupStorageLocations: [bsl, bsl] }))).toEqual([
      expect.objectContaining({ path: 'backupStorageLocations[1].metadata.name' }),
    ]);
  });

  test('a role ARN that is not one, and a bad image', () => {
    expect(
      problemsOf(() =>
        veleroHelmValues({
          backupStorageLocations: [bsl],
          roleArn: 'velero-role',
          awsPluginImage: '',
        }),
      ).map((p) => p.path),
    ).toEqual(['roleArn', 'awsPluginImage']);
  });

  test('schedules without chartCreatesObjects (they would exist twice)', () => {
    expect(
      problemsOf(() =>
        veleroHelmValues({ backupStorageLocations: [bsl], schedules: [udsDefaultSchedule()] }),
      ),
    ).toEqual([expect.objectContaining({ path: 'schedules' })]);
  });

  test('a schedule name the chart cannot produce, and fields the chart cannot carry', () => {
    const labelled = backupStorageLocationManifest({
      name: 'default',
      provider: 'aws',
      labels: { team: 'a' },
      objectStorage: { bucket: 'b-velero-20260101' },
      backupSyncPeriod: '0',
    });
    expect(
      problemsOf(() =>
        veleroHelmValues({
          backupStorageLocations: [labelled],
          schedules: [scheduleManifest({ name: 'nightly', schedule: '@daily', template: {} })],
          chartCreatesObjects: true,
        }),
      ).map((p) => p.path),
    ).toEqual([
      'backupStorageLocations[0].metadata.labels',
      'backupStorageLocations[0].spec.backupSyncPeriod',
      'schedules[0].metadata.name',
    ]);
  });
});
