/**
 * Parity table: velero command lines and the object `velero ... -o yaml` would print for each
 * (spec exactly as velero fills it in: `includedNamespaces: ["*"]` by default, normalised
 * durations, optional booleans only when given; zero values velero prints, such as `ttl: 0s`,
 * `hooks: {}` and `status: {}`, are left out because they mean the same as an absent field).
 */
import { readFileSync } from 'node:fs';
import { localTimestamp } from '../../lib/cli/time';
import { describeWithCrds, validateAgainstCrd } from '../conformance/crdValidator';
import { run, runForObject, TEST_NOW } from './runCliForTest';

const SCHEDULES = 'test/cli/fixtures/schedules.yaml';

type Manifest = Record<string, unknown>;

const backup = (name: string, spec: Manifest, metadata: Manifest = {}): Manifest => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name, namespace: 'velero', ...metadata },
  spec,
});
const schedule = (name: string, spec: Manifest, metadata: Manifest = {}): Manifest => ({
  apiVersion: 'velero.io/v1',
  kind: 'Schedule',
  metadata: { name, namespace: 'velero', ...metadata },
  spec,
});
const restore = (name: string, spec: Manifest, metadata: Manifest = {}): Manifest => ({
  apiVersion: 'velero.io/v1',
  kind: 'Restore',
  metadata: { name, namespace: 'velero', ...metadata },
  spec,
});
const ALL = ['*'];

/** [command line, expected object]. */
const PARITY: [string[], Manifest][] = [
  // --- velero backup create ---
  [
    [
      'backup',
      'create',
      'adhocname',
      '--include-cluster-resources=true',
      '--include-namespaces=tempo,monitoring',
    ],
    backup('adhocname', {
      includeClusterResources: true,
      includedNamespaces: ['tempo', 'monitoring'],
    }),
  ],
  [['backup', 'create', 'b1'], backup('b1', { includedNamespaces: ALL })],
  [
    [
      'backup',
      'create',
      'b2',
      '--exclude-namespaces',
      'kube-system,velero',
      '--include-resources',
      'deployments,persistentvolumeclaims',
      '--exclude-resources',
      'secrets',
    ],
    backup('b2', {
      includedNamespaces: ALL,
      excludedNamespaces: ['kube-system', 'velero'],
      includedResources: ['deployments', 'persistentvolumeclaims'],
      excludedResources: ['secrets'],
    }),
  ],
  [
    ['backup', 'create', 'b3', '--include-cluster-resources'],
    backup('b3', { includedNamespaces: ALL, includeClusterResources: true }),
  ],
  [
    ['backup', 'create', 'b4', '--include-cluster-resources=false', '--include-namespaces', 'apps'],
    backup('b4', { includedNamespaces: ['apps'], includeClusterResources: false }),
  ],
  [
    [
      'backup',
      'create',
      'b5',
      '--include-cluster-scoped-resources',
      'storageclasses.storage.k8s.io',
      '--exclude-cluster-scoped-resources=clusterroles',
      '--include-namespace-scoped-resources',
      '*',
      '--exclude-namespace-scoped-resources',
      'secrets',
    ],
    backup('b5', {
      includedNamespaces: ALL,
      includedClusterScopedResources: ['storageclasses.storage.k8s.io'],
      excludedClusterScopedResources: ['clusterroles'],
      includedNamespaceScopedResources: ['*'],
      excludedNamespaceScopedResources: ['secrets'],
    }),
  ],
  [
    ['backup', 'create', 'b6', '-l', 'app=web,tier!=cache'],
    backup('b6', {
      includedNamespaces: ALL,
      labelSelector: {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['cache'] }],
      },
    }),
  ],
  [
    ['backup', 'create', 'b7', '--or-selector', 'app=web or env in (prod,staging)'],
    backup('b7', {
      includedNamespaces: ALL,
      orLabelSelectors: [
        { matchLabels: { app: 'web' } },
        { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] },
      ],
    }),
  ],
  [
    ['backup', 'create', 'b8', '--ttl', '24h'],
    backup('b8', { includedNamespaces: ALL, ttl: '24h0m0s' }),
  ],
  [
    [
      'backup',
      'create',
      'b9',
      '--ttl=90m',
      '--csi-snapshot-timeout',
      '5m',
      '--item-operation-timeout',
      '1h30m',
    ],
    backup('b9', {
      includedNamespaces: ALL,
      ttl: '1h30m0s',
      csiSnapshotTimeout: '5m0s',
      itemOperationTimeout: '1h30m0s',
    }),
  ],
  [
    [
      'backup',
      'create',
      'b10',
      '--storage-location',
      'secondary',
      '--volume-snapshot-locations',
      'aws-east,aws-west',
    ],
    backup('b10', {
      includedNamespaces: ALL,
      storageLocation: 'secondary',
      volumeSnapshotLocations: ['aws-east', 'aws-west'],
    }),
  ],
  [
    [
      'backup',
      'create',
      'b11',
      '--snapshot-volumes=false',
      '--snapshot-move-data',
      '--data-mover',
      'velero',
      '--default-volumes-to-fs-backup',
    ],
    backup('b11', {
      includedNamespaces: ALL,
      snapshotVolumes: false,
      snapshotMoveData: true,
      datamover: 'velero',
      defaultVolumesToFsBackup: true,
    }),
  ],
  [
    ['backup', 'create', 'b12', '--ordered-resources', 'pods=ns1/a,ns1/b; persistentvolumes=pv1'],
    backup('b12', {
      includedNamespaces: ALL,
      orderedResources: { pods: 'ns1/a,ns1/b', persistentvolumes: 'pv1' },
    }),
  ],
  [
    [
      'backup',
      'create',
      'b13',
      '--resource-policies-configmap',
      'volume-policy',
      '--parallel-files-upload',
      '4',
    ],
    backup('b13', {
      includedNamespaces: ALL,
      resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
      uploaderConfig: { parallelFilesUpload: 4 },
    }),
  ],
  [
    ['backup', 'create', 'b14', '--parallel-files-upload', '0'],
    backup('b14', { includedNamespaces: ALL }),
  ],
  [
    [
      'backup',
      'create',
      'b15',
      '-n',
      'backups',
      '--labels',
      'team=platform,env=prod',
      '--annotations',
      'owner=ops',
      '--labels',
      'tier=gold',
    ],
    backup(
      'b15',
      { includedNamespaces: ALL },
      {
        namespace: 'backups',
        labels: { team: 'platform', env: 'prod', tier: 'gold' },
        annotations: { owner: 'ops' },
      },
    ),
  ],
  [
    ['backup', 'create', 'b16', '--ttl', '0s', '--wait'],
    backup('b16', { includedNamespaces: ALL }),
  ],
  [
    ['backup', 'create', '--from-schedule', 'daily', '--schedule-file', SCHEDULES],
    backup(
      'daily-20260102030405',
      {
        includedNamespaces: ['monitoring', 'tempo'],
        ttl: '240h0m0s',
        snapshotVolumes: true,
        resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
      },
      {
        labels: { team: 'platform', 'velero.io/schedule-name': 'daily' },
        annotations: { owner: 'sre' },
      },
    ),
  ],
  [
    [
      'backup',
      'create',
      'named',
      '--from-schedule=templated',
      '--schedule-file',
      SCHEDULES,
      '--labels',
      'extra=1',
      '--annotations',
      'a=b',
      '--include-namespaces',
      'ignored',
      '--ttl',
      '1h',
    ],
    backup(
      'named',
      {
        metadata: { labels: { 'from-template': 'true' } },
        includedNamespaces: ['apps'],
        csiSnapshotTimeout: '1h30m0s',
      },
      {
        labels: { 'from-template': 'true', 'velero.io/schedule-name': 'templated', extra: '1' },
        annotations: { a: 'b' },
      },
    ),
  ],
  // --- velero schedule create ---
  [
    ['schedule', 'create', 'daily', '--schedule', '0 3 * * *'],
    schedule('daily', {
      schedule: '0 3 * * *',
      template: { includedNamespaces: ALL },
      useOwnerReferencesInBackup: false,
    }),
  ],
  [
    [
      'schedule',
      'create',
      's2',
      '--schedule=@daily',
      '--use-owner-references-in-backup',
      '--paused',
      '--ttl',
      '240h',
    ],
    schedule('s2', {
      schedule: '@daily',
      template: { includedNamespaces: ALL, ttl: '240h0m0s' },
      useOwnerReferencesInBackup: true,
      paused: true,
    }),
  ],
  [
    [
      'schedule',
      'create',
      's3',
      '--schedule',
      'CRON_TZ=Europe/Berlin 0 2 * * *',
      '--skip-immediately=true',
      '--labels',
      'a=b',
      '--annotations',
      'ignored=yes',
    ],
    schedule(
      's3',
      {
        schedule: 'CRON_TZ=Europe/Berlin 0 2 * * *',
        template: { includedNamespaces: ALL },
        useOwnerReferencesInBackup: false,
        skipImmediately: true,
      },
      { labels: { a: 'b' } },
    ),
  ],
  [
    [
      'schedule',
      'create',
      's4',
      '--schedule',
      '@every 6h',
      '--skip-immediately=false',
      '--paused=false',
      '--use-owner-references-in-backup=false',
    ],
    schedule('s4', {
      schedule: '@every 6h',
      template: { includedNamespaces: ALL },
      useOwnerReferencesInBackup: false,
      skipImmediately: false,
    }),
  ],
  [
    [
      'schedule',
      'create',
      's5',
      '--schedule',
      '0 */6 * * *',
      '--include-namespaces',
      'monitoring,tempo',
      '--exclude-namespaces',
      'tempo-old',
      '--exclude-resources',
      'events',
      '--include-resources',
      'persistentvolumeclaims,persistentvolumes',
      '--include-cluster-resources=true',
      '--snapshot-volumes',
      '--or-selector',
      'a=b or c=d',
      '--storage-location',
      'default',
      '--volume-snapshot-locations',
      'default',
      '--csi-snapshot-timeout',
      '10m',
      '--item-operation-timeout',
      '4h',
      '--default-volumes-to-fs-backup=false',
      '--snapshot-move-data=false',
      '--data-mover',
      'velero',
      '--resource-policies-configmap',
      'pol',
      '--parallel-files-upload',
      '2',
      '--ordered-resources',
      'pods=a/b',
    ],
    schedule('s5', {
      schedule: '0 */6 * * *',
      useOwnerReferencesInBackup: false,
      template: {
        includedNamespaces: ['monitoring', 'tempo'],
        excludedNamespaces: ['tempo-old'],
        includedResources: ['persistentvolumeclaims', 'persistentvolumes'],
        excludedResources: ['events'],
        includeClusterResources: true,
        snapshotVolumes: true,
        orLabelSelectors: [{ matchLabels: { a: 'b' } }, { matchLabels: { c: 'd' } }],
        storageLocation: 'default',
        volumeSnapshotLocations: ['default'],
        csiSnapshotTimeout: '10m0s',
        itemOperationTimeout: '4h0m0s',
        defaultVolumesToFsBackup: false,
        snapshotMoveData: false,
        datamover: 'velero',
        resourcePolicy: { kind: 'configmap', name: 'pol' },
        uploaderConfig: { parallelFilesUpload: 2 },
        orderedResources: { pods: 'a/b' },
      },
    }),
  ],
  [
    [
      'schedule',
      'create',
      's6',
      '--schedule',
      '0 1 * * 0',
      '-n',
      'backup-ns',
      '--include-cluster-scoped-resources',
      '*',
      '--exclude-cluster-scoped-resources',
      'nodes',
      '--include-namespace-scoped-resources',
      'deployments',
      '--exclude-namespace-scoped-resources',
      'pods',
      '-l',
      'app in (db)',
    ],
    schedule(
      's6',
      {
        schedule: '0 1 * * 0',
        useOwnerReferencesInBackup: false,
        template: {
          includedNamespaces: ALL,
          includedClusterScopedResources: ['*'],
          excludedClusterScopedResources: ['nodes'],
          includedNamespaceScopedResources: ['deployments'],
          excludedNamespaceScopedResources: ['pods'],
          labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
        },
      },
      { namespace: 'backup-ns' },
    ),
  ],
  [
    ['schedule', 'create', 's7', '--schedule', '@hourly', '--skip-immediately', '--ttl', '72h'],
    schedule('s7', {
      schedule: '@hourly',
      template: { includedNamespaces: ALL, ttl: '72h0m0s' },
      useOwnerReferencesInBackup: false,
    }),
  ],
  // --- velero restore create ---
  [
    ['restore', 'create', '--from-backup', 'b1'],
    restore(`b1-${localTimestamp(TEST_NOW)}`, { backupName: 'b1', includedNamespaces: ALL }),
  ],
  [
    ['restore', 'create', 'r2', '--from-schedule', 'daily'],
    restore('r2', { scheduleName: 'daily', includedNamespaces: ALL }),
  ],
  [
    [
      'restore',
      'create',
      'r3',
      '--from-backup',
      'b1',
      '--include-namespaces',
      'apps',
      '--exclude-namespaces',
      'kube-system',
      '--include-resources',
      'persistentvolumeclaims,persistentvolumes',
      '--exclude-resources',
      'secrets',
      '--include-cluster-resources',
    ],
    restore('r3', {
      backupName: 'b1',
      includedNamespaces: ['apps'],
      excludedNamespaces: ['kube-system'],
      includedResources: ['persistentvolumeclaims', 'persistentvolumes'],
      excludedResources: ['secrets'],
      includeClusterResources: true,
    }),
  ],
  [
    [
      'restore',
      'create',
      'r4',
      '--from-backup',
      'b1',
      '--namespace-mappings',
      'apps:apps-copy,db:db-copy',
      '--namespace-mappings',
      'x:y',
    ],
    restore('r4', {
      backupName: 'b1',
      includedNamespaces: ALL,
      namespaceMapping: { apps: 'apps-copy', db: 'db-copy', x: 'y' },
    }),
  ],
  [
    [
      'restore',
      'create',
      'r5',
      '--from-backup',
      'b1',
      '-l',
      'app=web',
      '--restore-volumes=false',
      '--preserve-nodeports',
      '--existing-resource-policy',
      'update',
    ],
    restore('r5', {
      backupName: 'b1',
      includedNamespaces: ALL,
      labelSelector: { matchLabels: { app: 'web' } },
      restorePVs: false,
      preserveNodePorts: true,
      existingResourcePolicy: 'update',
    }),
  ],
  [
    [
      'restore',
      'create',
      'r6',
      '--from-backup',
      'b1',
      '--or-selector',
      'a=b or c=d',
      '--status-include-resources',
      'deployments',
      '--status-exclude-resources',
      'pods',
    ],
    restore('r6', {
      backupName: 'b1',
      includedNamespaces: ALL,
      orLabelSelectors: [{ matchLabels: { a: 'b' } }, { matchLabels: { c: 'd' } }],
      restoreStatus: { includedResources: ['deployments'], excludedResources: ['pods'] },
    }),
  ],
  [
    ['restore', 'create', 'r7', '--from-backup', 'b1', '--status-exclude-resources', 'pods'],
    restore('r7', { backupName: 'b1', includedNamespaces: ALL }),
  ],
  [
    [
      'restore',
      'create',
      'r8',
      '--from-backup',
      'b1',
      '--item-operation-timeout',
      '2h',
      '--resource-modifier-configmap',
      'mods',
      '--write-sparse-files',
      '--parallel-files-download',
      '8',
    ],
    restore('r8', {
      backupName: 'b1',
      includedNamespaces: ALL,
      itemOperationTimeout: '2h0m0s',
      resourceModifier: { apiGroup: '', kind: 'configmap', name: 'mods' },
      uploaderConfig: { writeSparseFiles: true, parallelFilesDownload: 8 },
    }),
  ],
  [
    [
      'restore',
      'create',
      'r9',
      '--from-backup',
      'b1',
      '--labels',
      'a=b',
      '--annotations',
      'c=d',
      '-n',
      'other',
      '--allow-partially-failed',
      '-w',
    ],
    restore(
      'r9',
      { backupName: 'b1', includedNamespaces: ALL },
      { namespace: 'other', labels: { a: 'b' }, annotations: { c: 'd' } },
    ),
  ],
  [
    ['restore', 'create', 'r10', '--from-schedule', 'daily', '--allow-partially-failed=false'],
    restore('r10', { scheduleName: 'daily', includedNamespaces: ALL }),
  ],
  [
    [
      'restore',
      'create',
      'r11',
      '--from-backup',
      'b1',
      '--write-sparse-files=false',
      '--parallel-files-download',
      '0',
    ],
    restore('r11', {
      backupName: 'b1',
      includedNamespaces: ALL,
      uploaderConfig: { writeSparseFiles: false },
    }),
  ],
];

/** Every flag of velero-facts (d) that sets a field; the table must use each at least once. */
const EVERY_FLAG = [
  '--include-namespaces',
  '--exclude-namespaces',
  '--include-resources',
  '--exclude-resources',
  '--include-cluster-resources',
  '--include-cluster-scoped-resources',
  '--exclude-cluster-scoped-resources',
  '--include-namespace-scoped-resources',
  '--exclude-namespace-scoped-resources',
  '-l',
  '--or-selector',
  '--ttl',
  '--storage-location',
  '--volume-snapshot-locations',
  '--snapshot-volumes',
  '--snapshot-move-data',
  '--data-mover',
  '--default-volumes-to-fs-backup',
  '--ordered-resources',
  '--csi-snapshot-timeout',
  '--item-operation-timeout',
  '--resource-policies-configmap',
  '--parallel-files-upload',
  '--labels',
  '--annotations',
  '--from-schedule',
  '--wait',
  '--schedule',
  '--use-owner-references-in-backup',
  '--paused',
  '--skip-immediately',
  '--from-backup',
  '--allow-partially-failed',
  '--namespace-mappings',
  '--restore-volumes',
  '--preserve-nodeports',
  '--existing-resource-policy',
  '--status-include-resources',
  '--status-exclude-resources',
  '--resource-modifier-configmap',
  '--write-sparse-files',
  '--parallel-files-download',
  '-n',
  '-w',
];

describe('velero command parity', () => {
  it('covers at least 30 command lines and every flag', () => {
    expect(PARITY.length).toBeGreaterThanOrEqual(30);
    const used = new Set(PARITY.flatMap(([argv]) => argv.map((word) => word.split('=')[0])));
    expect(EVERY_FLAG.filter((flag) => !used.has(flag))).toEqual([]);
  });

  it.each(PARITY.map(([argv, expected]) => [argv.join(' '), argv, expected] as const))(
    'velero-iac %s',
    async (_line, argv, expected) => {
      expect(await runForObject(argv)).toEqual(expected);
    },
  );

  it('prints JSON with -o json', async () => {
    const result = await run(['backup', 'create', 'j1', '--ttl', '1h', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(
      backup('j1', { includedNamespaces: ALL, ttl: '1h0m0s' }),
    );
  });

  it('prints YAML the way velero does: sorted keys, list items flush with their key', async () => {
    const result = await run([
      'backup',
      'create',
      'adhocname',
      '--include-cluster-resources=true',
      '--include-namespaces=tempo,monitoring',
    ]);
    expect(result.stdout).toBe(
      [
        'apiVersion: velero.io/v1',
        'kind: Backup',
        'metadata:',
        '  name: adhocname',
        '  namespace: velero',
        'spec:',
        '  includeClusterResources: true',
        '  includedNamespaces:',
        '  - tempo',
        '  - monitoring',
        '',
      ].join('\n'),
    );
  });

  it('says on stderr what velero says or ignores, keeping stdout pure YAML', async () => {
    const fromSchedule = await run([
      'backup',
      'create',
      '--from-schedule',
      'daily',
      '--schedule-file',
      SCHEDULES,
    ]);
    expect(fromSchedule.stderr).toContain(
      'Creating backup from schedule, all other filters are ignored.',
    );
    const annotations = await run([
      'schedule',
      'create',
      's',
      '--schedule',
      '@daily',
      '--annotations',
      'a=b',
    ]);
    expect(annotations.stderr).toContain('--annotations is ignored');
    const skip = await run([
      'schedule',
      'create',
      's',
      '--schedule',
      '@daily',
      '--skip-immediately',
    ]);
    expect(skip.stderr).toContain('leaves spec.skipImmediately unset');
    const status = await run([
      'restore',
      'create',
      'r',
      '--from-backup',
      'b',
      '--status-exclude-resources',
      'pods',
    ]);
    expect(status.stderr).toContain('--status-exclude-resources is ignored');
  });

  it('reads the --from-schedule Schedule from stdin with --schedule-file -', async () => {
    const result = await run(
      ['backup', 'create', 'b', '--from-schedule', 'daily', '--schedule-file', '-'],
      {
        stdin: readFileSync(SCHEDULES),
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('velero.io/schedule-name: daily');
  });

  it('finds a Schedule only in the -n namespace, as velero looks only there', async () => {
    const missing = await run([
      'backup',
      'create',
      '--from-schedule',
      'elsewhere',
      '--schedule-file',
      SCHEDULES,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not found in namespace velero');
    expect(missing.stderr).toContain('pass -n backups');
    const found = await runForObject([
      'backup',
      'create',
      '--from-schedule',
      'elsewhere',
      '--schedule-file',
      SCHEDULES,
      '-n',
      'backups',
    ]);
    expect(found.metadata).toEqual({
      name: 'elsewhere-20260102030405',
      namespace: 'backups',
      labels: { 'velero.io/schedule-name': 'elsewhere' },
    });
  });
});

describeWithCrds('every object the create commands print conforms to its CRD', () => {
  it.each(PARITY.map(([argv]) => [argv.join(' '), argv] as const))(
    'velero-iac %s',
    async (_line, argv) => {
      const object = await runForObject(argv);
      expect(validateAgainstCrd(object)).toEqual([]);
    },
  );
});
