import {
  backupManifest,
  backupStorageLocationManifest,
  resourcePolicyConfigMap,
  resourcePolicyReference,
  scheduleManifest,
  udsDefaultSchedule,
  VELERO_AWS_PLUGIN_IMAGE,
  VELERO_IMAGE,
  type VeleroHelmValues,
  veleroHelmValues,
  volumeSnapshotLocationManifest,
} from 'velero-iac';
import { problemsOf } from '../support/configErrors';

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
      schedules: [
        scheduleManifest({ name: 'backup-nightly', schedule: '@daily', template: { ttl: '24h' } }),
      ],
      chartCreatesObjects: true,
      chartFullname: 'backup',
      awsPluginImage: 'registry.example.com/velero-plugin-for-aws:v1.14.1',
    });
    expect(chart.initContainers[0]?.image).toBe(
      'registry.example.com/velero-plugin-for-aws:v1.14.1',
    );
    expect(Object.keys(chart.schedules)).toEqual(['nightly']);
    expect(chart.fullnameOverride).toBe('backup');
  });

  test('pins the chart fullname, the Velero image and the plugin, whatever the release is called', () => {
    expect(values.fullnameOverride).toBe('velero');
    expect(values.image).toEqual({ repository: 'docker.io/velero/velero', tag: 'v1.18.1' });
    expect(values.image).toEqual(VELERO_IMAGE);
    expect(values.initContainers[0]?.image).toBe('velero/velero-plugin-for-aws:v1.14.2');
    const mirrored = veleroHelmValues({
      backupStorageLocations: [bsl],
      veleroImage: { repository: 'registry.example.com:5000/velero/velero', tag: 'v1.18.1' },
    });
    expect(mirrored.image).toEqual({
      repository: 'registry.example.com:5000/velero/velero',
      tag: 'v1.18.1',
    });
  });

  test('carries backupSyncPeriod (the chart renders it since 12.0.1), also when the chart creates the location', () => {
    const synced = backupStorageLocationManifest({
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: 'b-velero-20260101' },
      backupSyncPeriod: '0s',
    });
    for (const chartCreatesObjects of [false, true]) {
      expect(
        veleroHelmValues({ backupStorageLocations: [synced], chartCreatesObjects }).configuration
          .backupStorageLocation[0]?.backupSyncPeriod,
      ).toBe('0s');
    }
    // "0" is fine for an object the library creates (the chart does not render it then).
    const zero = backupStorageLocationManifest({
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: 'b-velero-20260101' },
      backupSyncPeriod: '0',
    });
    expect(
      veleroHelmValues({ backupStorageLocations: [zero] }).configuration.backupStorageLocation[0]
        ?.backupSyncPeriod,
    ).toBe('0');
  });

  test('schedules created elsewhere stay out of the chart map', () => {
    const described = veleroHelmValues({
      backupStorageLocations: [bsl],
      schedules: [udsDefaultSchedule()],
    });
    expect(described.schedules).toEqual({});
    expect(described.deployNodeAgent).toBe(false);
  });
});

describe('veleroHelmValues turns the node agent on when a backup needs it', () => {
  const fsSchedule = scheduleManifest({
    name: 'velero-fs',
    schedule: '@daily',
    template: { defaultVolumesToFsBackup: true },
  });

  test.each([
    ['file-system backup', { defaultVolumesToFsBackup: true }, true],
    ['the deprecated restic flag', { defaultVolumesToRestic: true }, true],
    ['snapshot data movement with the built-in data mover', { snapshotMoveData: true }, true],
    ['... named velero', { snapshotMoveData: true, datamover: 'velero' }, true],
    ['... with a third-party data mover', { snapshotMoveData: true, datamover: 'acme' }, false],
    ['file-system backup turned off', { defaultVolumesToFsBackup: false }, false],
    ['snapshots only', { snapshotVolumes: true, ttl: '24h' }, false],
  ] as const)('%s', (_name, template, expected) => {
    const schedule = scheduleManifest({ name: 'velero-s', schedule: '@daily', template });
    for (const chartCreatesObjects of [false, true]) {
      expect(
        veleroHelmValues({
          backupStorageLocations: [bsl],
          schedules: [schedule],
          chartCreatesObjects,
        }).deployNodeAgent,
      ).toBe(expected);
    }
    const backup = backupManifest({ name: 'one-off', ...template });
    expect(
      veleroHelmValues({ backupStorageLocations: [bsl], backups: [backup] }).deployNodeAgent,
    ).toBe(expected);
  });

  test('a resource policy with an fs-backup action, when the policy is given', () => {
    const policy = resourcePolicyConfigMap({
      name: 'volume-policy',
      volumePolicies: [
        { conditions: { storageClass: ['gp3'] }, action: { type: 'snapshot' } },
        { conditions: { volumeTypes: ['emptyDir'] }, action: { type: 'fs-backup' } },
      ],
    });
    const skipping = resourcePolicyConfigMap({
      name: 'skip-policy',
      volumePolicies: [{ conditions: { volumeTypes: ['emptyDir'] }, action: { type: 'skip' } }],
    });
    const using = (name: string) =>
      scheduleManifest({
        name: 'velero-policy',
        schedule: '@daily',
        template: { resourcePolicy: resourcePolicyReference(name) },
      });
    const of = (name: string, policies = [policy, skipping]) =>
      veleroHelmValues({
        backupStorageLocations: [bsl],
        schedules: [using(name)],
        resourcePolicies: policies,
      }).deployNodeAgent;
    expect(of('volume-policy')).toBe(true);
    expect(of('skip-policy')).toBe(false);
    // A policy it is not shown cannot be judged.
    expect(of('volume-policy', [])).toBe(false);
  });

  test('a server default in extraValues', () => {
    expect(
      veleroHelmValues({
        backupStorageLocations: [bsl],
        extraValues: { configuration: { defaultVolumesToFsBackup: true } },
      }).deployNodeAgent,
    ).toBe(true);
    expect(
      veleroHelmValues({
        backupStorageLocations: [bsl],
        extraValues: { configuration: { defaultSnapshotMoveData: true } },
      }).deployNodeAgent,
    ).toBe(true);
  });

  test('deployNodeAgent: true deploys it without a need; false with a need is refused, naming each', () => {
    expect(
      veleroHelmValues({ backupStorageLocations: [bsl], deployNodeAgent: true }).deployNodeAgent,
    ).toBe(true);
    const problems = problemsOf(() =>
      veleroHelmValues({
        backupStorageLocations: [bsl],
        schedules: [fsSchedule],
        backups: [backupManifest({ name: 'moved', snapshotMoveData: true })],
        extraValues: { configuration: { defaultVolumesToFsBackup: true } },
        deployNodeAgent: false,
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'schedules[0].spec.template.defaultVolumesToFsBackup',
      'backups[0].spec.snapshotMoveData',
      'extraValues.configuration.defaultVolumesToFsBackup',
    ]);
    for (const problem of problems) {
      expect(problem.message).toContain('node agent');
      expect(problem.message).toContain('deployNodeAgent is false');
      expect(problem.message).toContain('set it to true');
    }
  });
});

describe('veleroHelmValues extraValues', () => {
  test('are merged over the library values, maps key by key', () => {
    const merged = veleroHelmValues({
      backupStorageLocations: [bsl],
      roleArn: ROLE_ARN,
      extraValues: {
        resources: { requests: { cpu: '500m', memory: '128Mi' } },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        configuration: { logLevel: 'debug' },
        serviceAccount: { server: { labels: { team: 'platform' } } },
        metrics: { serviceMonitor: { enabled: true } },
      },
    }) as VeleroHelmValues & Record<string, unknown>;
    expect(merged.resources).toEqual({ requests: { cpu: '500m', memory: '128Mi' } });
    expect(merged.configuration).toMatchObject({
      logLevel: 'debug',
      backupStorageLocation: [expect.objectContaining({ name: 'default' })],
    });
    expect(merged.serviceAccount.server).toEqual({
      create: true,
      name: 'velero-server',
      annotations: { 'eks.amazonaws.com/role-arn': ROLE_ARN },
      labels: { team: 'platform' },
    });
  });

  test('values the library sets, unknown top-level keys and non-data are refused', () => {
    const problems = problemsOf(() =>
      veleroHelmValues({
        backupStorageLocations: [bsl],
        extraValues: {
          schedules: { nightly: {} },
          serviceAccount: { server: { annotations: { a: 'b' } } },
          credentials: { useSecret: true },
          configuration: { backupStorageLocation: [], logLevel: 'info' },
          image: { tag: 'latest', pullPolicy: 'Always' },
          fullnameOverride: 'x',
          deployNodeAgent: false,
          nodeSelectr: {},
          tolerations: [{ key: 'a', value: () => 1 }],
        },
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'extraValues.nodeSelectr',
      'extraValues.tolerations[0].value',
      'extraValues.schedules',
      'extraValues.serviceAccount.server.annotations',
      'extraValues.credentials',
      'extraValues.configuration.backupStorageLocation',
      'extraValues.image.tag',
      'extraValues.fullnameOverride',
      'extraValues.deployNodeAgent',
    ]);
    expect(problems[0]?.message).toContain('did you mean `nodeSelector`?');
    expect(problems[2]?.message).toContain('use the option `schedules (with chartCreatesObjects)`');
  });

  test('replacing a map that holds library values is refused too', () => {
    expect(
      problemsOf(() =>
        veleroHelmValues({ backupStorageLocations: [bsl], extraValues: { serviceAccount: null } }),
      ).map((p) => p.path),
    ).toEqual(['extraValues.serviceAccount']);
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

  test('texts the chart writes unquoted that YAML would read as something else', () => {
    const odd = backupStorageLocationManifest({
      name: '123',
      provider: 'aws',
      objectStorage: { bucket: 'b-velero-20260101' },
      validationFrequency: '0',
    });
    // Only when the chart renders them.
    expect(() => veleroHelmValues({ backupStorageLocations: [odd] })).not.toThrow();
    expect(
      problemsOf(() =>
        veleroHelmValues({ backupStorageLocations: [odd], chartCreatesObjects: true }),
      ),
    ).toEqual([
      {
        path: 'backupStorageLocations[0].metadata.name',
        message: expect.stringContaining('YAML reads "123" as a number (123)'),
      },
      {
        path: 'backupStorageLocations[0].spec.validationFrequency',
        message: expect.stringContaining('e.g. "0s"'),
      },
    ]);
    // The service account name is always rendered.
    expect(
      problemsOf(() =>
        veleroHelmValues({ backupStorageLocations: [bsl], serviceAccountName: 'on' }),
      ),
    ).toEqual([
      {
        path: 'serviceAccountName',
        message: expect.stringContaining('YAML reads "on" as a boolean (true)'),
      },
    ]);
  });

  test('chart-created schedules may not set the labels the chart sets', () => {
    const labelled = scheduleManifest({
      name: 'velero-nightly',
      schedule: '@daily',
      labels: { 'app.kubernetes.io/name': 'mine', team: 'a' },
      template: { ttl: '24h' },
    });
    expect(
      problemsOf(() =>
        veleroHelmValues({
          backupStorageLocations: [bsl],
          schedules: [labelled],
          chartCreatesObjects: true,
        }),
      ),
    ).toEqual([
      {
        path: 'schedules[0].metadata.labels["app.kubernetes.io/name"]',
        message: expect.stringContaining('write the key twice'),
      },
    ]);
  });

  test('a bad Velero image, a bad node-agent flag, a bad extra value map', () => {
    expect(
      problemsOf(() =>
        veleroHelmValues({
          backupStorageLocations: [bsl],
          veleroImage: { repository: 'Docker.io/Velero', tag: 'v1.18.1 ', digest: 'x' } as never,
          deployNodeAgent: 'yes' as never,
          extraValues: [] as never,
        }),
      ).map((p) => p.path),
    ).toEqual([
      'veleroImage.repository',
      'veleroImage.tag',
      'veleroImage.digest',
      'deployNodeAgent',
      'extraValues',
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
      ),
    ).toEqual([
      {
        path: 'backupStorageLocations[0].metadata.labels',
        message: expect.stringContaining('cannot express this field'),
      },
      {
        path: 'backupStorageLocations[0].spec.backupSyncPeriod',
        message: expect.stringContaining('YAML reads "0" as a number (0)'),
      },
      { path: 'schedules[0].metadata.name', message: expect.stringContaining('"velero-"') },
      {
        path: 'schedules[0].spec.template',
        message: expect.stringContaining('leaves an empty template out'),
      },
    ]);
  });
});
