/**
 * A broad table of VALID option sets for every core builder. Each output must pass the upstream
 * CRD schema (unknown fields rejected) and `validateManifest`, and carry every field that was set,
 * unchanged. Between them the rows use every spec field the core models at least once (checked
 * below by walking the field model).
 */
import {
  type BackupOptions,
  type BackupStorageLocationOptions,
  backupFromSchedule,
  backupManifest,
  backupStorageLocationManifest,
  type ResourcePolicyOptions,
  type RestoreOptions,
  resourcePolicyConfigMap,
  restoreManifest,
  type ScheduleOptions,
  scheduleManifest,
  type UdsDefaultScheduleOptions,
  udsDefaultSchedule,
  type VolumeSnapshotLocationOptions,
  validateManifest,
  volumeSnapshotLocationManifest,
} from 'velero-iac';
import { parse } from 'yaml';
import { type ModelledVeleroKind, specSchemaOf } from '../../lib/core/model/kinds';
import { resourcePolicyDocumentSchema } from '../../lib/core/resourcePolicy/model';
import type { FieldSchema } from '../../lib/core/schema/fieldSchema';
import { describeWithCrds, validateAgainstCrd } from './crdValidator';

const METADATA_KEYS = ['name', 'namespace', 'labels', 'annotations'];

/** The spec a builder should emit for flat options: every non-metadata option, unchanged. */
function specOf(options: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([k]) => !METADATA_KEYS.includes(k)));
}

/** The metadata a builder should emit for flat options (`velero` namespace by default). */
function metadataOf(options: {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: options.name,
    namespace: options.namespace ?? 'velero',
  };
  if (options.labels !== undefined) out['labels'] = options.labels;
  if (options.annotations !== undefined) out['annotations'] = options.annotations;
  return out;
}

/** Every field path of a field model: `a.b`, `a[]` for list items, `a{}` for map values. */
function modelPaths(schema: FieldSchema, at: string, out: Set<string>): Set<string> {
  if (at !== '') out.add(at);
  if (schema.type === 'object') {
    for (const [name, field] of Object.entries(schema.properties)) {
      modelPaths(field, at === '' ? name : `${at}.${name}`, out);
    }
  } else if (schema.type === 'array') {
    modelPaths(schema.items, `${at}[]`, out);
  }
  return out;
}

/** Every field path present in a value, in the same notation, following the model. */
function valuePaths(value: unknown, schema: FieldSchema, at: string, out: Set<string>): void {
  if (value === undefined || value === null) return;
  if (at !== '') out.add(at);
  if (schema.type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, item] of Object.entries(value)) {
      const field = schema.properties[name];
      if (field !== undefined) valuePaths(item, field, at === '' ? name : `${at}.${name}`, out);
    }
  } else if (schema.type === 'array' && Array.isArray(value)) {
    for (const item of value) valuePaths(item, schema.items, `${at}[]`, out);
  }
}

/** Model paths that no value in `values` sets. */
function uncovered(schema: FieldSchema, values: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const value of values) valuePaths(value, schema, '', seen);
  return [...modelPaths(schema, '', new Set())].filter((p) => !seen.has(p)).sort();
}

const selectorWithEverything = {
  matchLabels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
  matchExpressions: [
    { key: 'tier', operator: 'In' as const, values: ['frontend', 'backend'] },
    { key: 'env', operator: 'NotIn' as const, values: ['dev'] },
    { key: 'example.com/critical', operator: 'Exists' as const },
    { key: 'legacy', operator: 'DoesNotExist' as const },
  ],
};

const backupHooks = {
  resources: [
    {
      name: 'freeze-postgres',
      includedNamespaces: ['db'],
      excludedNamespaces: ['db-test'],
      includedResources: ['pods'],
      excludedResources: ['deployments.apps'],
      labelSelector: selectorWithEverything,
      pre: [
        {
          exec: {
            container: 'postgres',
            command: ['/bin/sh', '-c', 'psql -c CHECKPOINT'],
            onError: 'Fail' as const,
            timeout: '1m30s',
          },
        },
      ],
      post: [
        { exec: { command: ['/bin/true'], onError: 'Continue' as const } },
        { exec: { container: 'sidecar', command: ['unfreeze'], timeout: '10s' } },
      ],
    },
    { name: 'noop' },
  ],
};

/** A backup spec using every BackupSpec field that goes with new-style filters. */
const newStyleSpec = {
  metadata: { labels: { tier: 'gold', 'velero.io/custom': 'yes' } },
  includedNamespaces: ['apps', 'team-*', 'db-?', 'ns[0-9]', ''],
  excludedNamespaces: ['apps-canary'],
  includedClusterScopedResources: ['storageclasses.storage.k8s.io', 'persistentvolumes'],
  excludedClusterScopedResources: ['clusterroles.rbac.authorization.k8s.io'],
  includedNamespaceScopedResources: ['*'],
  excludedNamespaceScopedResources: ['secrets', 'events'],
  labelSelector: selectorWithEverything,
  snapshotVolumes: true,
  ttl: '720h0m0s',
  storageLocation: 'default',
  volumeSnapshotLocations: ['aws-eu-west-1'],
  defaultVolumesToFsBackup: false,
  defaultVolumesToRestic: false,
  orderedResources: { pods: 'apps/web-0,apps/web-1', persistentvolumes: 'pv-1,pv-2' },
  csiSnapshotTimeout: '10m',
  itemOperationTimeout: '4h',
  resourcePolicy: { apiGroup: '', kind: 'configmap', name: 'volume-policy' },
  snapshotMoveData: true,
  datamover: 'velero',
  uploaderConfig: { parallelFilesUpload: 4 },
  volumeGroupSnapshotLabelKey: 'velero.io/volume-group',
  hooks: backupHooks,
};

/** A backup spec with old-style filters and OR selectors. */
const oldStyleSpec = {
  includedNamespaces: ['*'],
  excludedNamespaces: ['kube-system', 'kube-public'],
  includedResources: ['deployments.apps', 'configmaps', 'persistentvolumeclaims'],
  excludedResources: ['secrets'],
  includeClusterResources: true,
  orLabelSelectors: [
    { matchLabels: { app: 'a' } },
    { matchExpressions: [{ key: 'env', operator: 'NotIn' as const, values: ['dev', 'test'] }] },
  ],
  ttl: '90m',
  snapshotVolumes: false,
  uploaderConfig: { parallelFilesUpload: 0 },
};

const backupRows: [string, BackupOptions][] = [
  [
    'every new-style field, labels and annotations',
    {
      name: 'full-new-style',
      namespace: 'velero',
      labels: { team: 'platform', 'app.kubernetes.io/managed-by': 'velero-iac' },
      annotations: { 'example.com/note': 'anything: goes, even spaces & symbols' },
      ...newStyleSpec,
    },
  ],
  ['old-style filters and OR selectors', { name: 'full-old-style', ...oldStyleSpec }],
  [
    'includedResources * with includeClusterResources false, in another namespace',
    {
      name: 'everything.v2',
      namespace: 'backup-system',
      includedResources: ['*'],
      includeClusterResources: false,
      ttl: '0s',
    },
  ],
  [
    'new-style: exclude every cluster-scoped resource',
    {
      name: 'ns-only',
      excludedClusterScopedResources: ['*'],
      includedNamespaceScopedResources: ['deployments', 'services'],
      resourcePolicy: { kind: 'ConfigMap', name: 'policy' },
    },
  ],
  ['only a name', { name: 'a' }],
  ['a 63-character name', { name: 'b'.repeat(63) }],
];

const scheduleRows: [string, ScheduleOptions][] = [
  [
    'every schedule field with a full new-style template',
    {
      name: 'nightly',
      labels: { team: 'platform' },
      annotations: { 'example.com/owner': 'sre' },
      schedule: 'CRON_TZ=Europe/Berlin 30 1 * * mon-fri',
      useOwnerReferencesInBackup: false,
      paused: true,
      skipImmediately: true,
      template: newStyleSpec,
    },
  ],
  [
    'old-style template, @every',
    { name: 'every-six-hours', schedule: '@every 6h', template: oldStyleSpec },
  ],
  ['TZ= prefix with steps', { name: 'tz', schedule: 'TZ=UTC 0 */4 * * *', template: {} }],
  ['a descriptor', { name: 'daily', schedule: '@daily', template: { ttl: '240h0m0s' } }],
  [
    'month names and lists',
    {
      name: 'half-yearly',
      schedule: '0 0 1 jan,jul *',
      useOwnerReferencesInBackup: true,
      template: { includedNamespaces: ['apps'] },
    },
  ],
  ['a 48-character name', { name: 's'.repeat(48), schedule: '15 2 * * 0', template: {} }],
];

const initContainer = {
  name: 'restore-init',
  image: 'busybox:1.36',
  command: ['sh', '-c', 'chown -R 1000 /data'],
  volumeMounts: [{ name: 'data', mountPath: '/data' }],
  securityContext: { runAsUser: 0 },
};

const restoreRows: [string, RestoreOptions][] = [
  [
    'every restore field, from a backup',
    {
      name: 'restore-apps',
      labels: { ticket: 'inc-1234' },
      annotations: { 'example.com/reason': 'disk failure' },
      backupName: 'daily-20260101030000',
      includedNamespaces: ['apps', 'apps-*'],
      excludedNamespaces: ['apps-canary'],
      includedResources: ['deployments.apps', 'persistentvolumeclaims', 'persistentvolumes'],
      excludedResources: ['secrets'],
      includeClusterResources: false,
      namespaceMapping: { apps: 'apps-restored' },
      labelSelector: selectorWithEverything,
      restorePVs: true,
      restoreStatus: { includedResources: ['workflows.argoproj.io'], excludedResources: ['pods'] },
      preserveNodePorts: true,
      existingResourcePolicy: 'update',
      itemOperationTimeout: '4h',
      resourceModifier: { apiGroup: '', kind: 'ConfigMap', name: 'modifiers' },
      uploaderConfig: { writeSparseFiles: true, parallelFilesDownload: 8 },
      hooks: {
        resources: [
          {
            name: 'post-restore',
            includedNamespaces: ['apps'],
            excludedNamespaces: ['other'],
            includedResources: ['pods'],
            excludedResources: ['jobs.batch'],
            labelSelector: selectorWithEverything,
            postHooks: [
              {
                exec: {
                  container: 'web',
                  command: ['/bin/sh', '-c', 'echo restored'],
                  onError: 'Continue',
                  execTimeout: '30s',
                  waitTimeout: '5m',
                  waitForReady: true,
                },
              },
              { init: { initContainers: [initContainer], timeout: '2m' } },
            ],
          },
        ],
      },
    },
  ],
  [
    'from a schedule with OR selectors and existingResourcePolicy none',
    {
      name: 'restore-latest',
      scheduleName: 'nightly',
      orLabelSelectors: [
        { matchLabels: { app: 'a' } },
        { matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'c'] }] },
      ],
      existingResourcePolicy: 'none',
      restorePVs: false,
      uploaderConfig: { writeSparseFiles: false },
    },
  ],
  [
    'a non-destructive restore (policy unset) with includedResources *',
    {
      name: 'restore-all',
      backupName: 'b',
      includedResources: ['*'],
      includeClusterResources: true,
    },
  ],
];

const bslRows: [string, BackupStorageLocationOptions][] = [
  [
    'AWS with caCertRef, credential and every AWS config key but SSE-C',
    {
      name: 'default',
      labels: { cluster: 'prod-eu' },
      provider: 'aws',
      objectStorage: {
        bucket: 'prod-eu-velero-20260115',
        prefix: 'cluster-a',
        caCertRef: { name: 'minio-ca', key: 'ca.crt', optional: false },
      },
      config: {
        region: 'eu-west-1',
        s3ForcePathStyle: 'true',
        s3Url: 'https://minio.example.com',
        publicUrl: 'https://public.example.com',
        serverSideEncryption: 'aws:kms',
        kmsKeyId: 'alias/velero',
        signatureVersion: '4',
        profile: 'default',
        insecureSkipTLSVerify: 'false',
        enableSharedConfig: 'true',
        tagging: 'team=platform&env=prod',
        checksumAlgorithm: 'CRC32',
      },
      credential: { name: 'bsl-credentials', key: 'aws', optional: true },
      default: true,
      accessMode: 'ReadWrite',
      backupSyncPeriod: '1m0s',
      validationFrequency: '0',
    },
  ],
  [
    'velero.io/aws with a base64 caCert and SSE-C from a Secret, read-only',
    {
      name: 'secondary',
      provider: 'velero.io/aws',
      objectStorage: {
        bucket: '/dr-velero-20260115/',
        caCert: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
      },
      config: {
        region: 'us-east-1',
        customerKeyEncryptionSecret: 'sse-c/key',
        checksumAlgorithm: '',
        serverSideEncryption: 'AES256',
      },
      accessMode: 'ReadOnly',
      default: false,
    },
  ],
  [
    'SSE-C from a file',
    {
      name: 'sse-c-file',
      provider: 'aws',
      objectStorage: { bucket: 'b-velero-20260101' },
      config: { customerKeyEncryptionFile: '/credentials/sse-c.key' },
    },
  ],
  [
    'another provider with its own config keys',
    {
      name: 'gcp',
      provider: 'velero.io/gcp',
      objectStorage: { bucket: 'gcs-bucket', prefix: 'velero' },
      config: { serviceAccount: 'velero@project.iam.gserviceaccount.com' },
    },
  ],
];

const vslRows: [string, VolumeSnapshotLocationOptions][] = [
  [
    'AWS with every config key and a credential',
    {
      name: 'aws-eu-west-1',
      labels: { region: 'eu-west-1' },
      provider: 'aws',
      config: { region: 'eu-west-1', profile: 'backup', enableSharedConfig: 'true' },
      credential: { name: 'vsl-credentials', key: 'aws', optional: false },
    },
  ],
  [
    'velero.io/aws with only a region',
    { name: 'us', provider: 'velero.io/aws', config: { region: 'us-east-1' } },
  ],
  ['another provider without config', { name: 'csi-like', provider: 'example.com/snapshotter' }],
];

const policyRows: [string, ResourcePolicyOptions][] = [
  [
    'every condition and action, include/exclude filters, custom key, labels',
    {
      name: 'volume-policy',
      labels: { team: 'platform' },
      annotations: { 'example.com/doc': 'see wiki' },
      dataKey: 'velero-policy.yaml',
      volumePolicies: [
        {
          conditions: {
            capacity: '10Gi,100Gi',
            storageClass: ['gp2', 'gp3'],
            csi: { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } },
            pvcLabels: { backup: 'snapshot' },
            pvcPhase: ['Bound'],
          },
          action: { type: 'snapshot' },
        },
        { conditions: { nfs: { server: '10.0.0.1', path: '/export' } }, action: { type: 'skip' } },
        {
          conditions: { volumeTypes: ['emptyDir', 'configMap', 'hostPath'], capacity: ',5Gi' },
          action: { type: 'fs-backup', parameters: { note: 'small volumes', retries: 3 } },
        },
        { conditions: { csi: {}, capacity: '500Gi,' }, action: { type: 'custom' } },
        { conditions: {}, action: { type: 'skip' } },
      ],
      includeExcludePolicy: {
        includedClusterScopedResources: ['persistentvolumes', 'storageclasses'],
        excludedClusterScopedResources: ['clusterroles'],
        includedNamespaceScopedResources: ['pods', 'deployments', 'persistentvolumeclaims'],
        excludedNamespaceScopedResources: ['configmaps', 'secrets'],
      },
    },
  ],
  [
    'filters only',
    {
      name: 'filters',
      includeExcludePolicy: { excludedNamespaceScopedResources: ['events'] },
    },
  ],
  [
    'volume policies only, in another namespace',
    {
      name: 'skip-nfs',
      namespace: 'backup-system',
      volumePolicies: [{ conditions: { nfs: {} }, action: { type: 'skip' } }],
    },
  ],
];

const udsRows: [string, UdsDefaultScheduleOptions][] = [
  ['no overrides', {}],
  [
    'another release name, a zone, labels and extra template fields',
    {
      name: 'velero-udsbackup',
      schedule: 'CRON_TZ=America/New_York 0 2 * * *',
      labels: { 'uds.dev/package': 'velero' },
      template: { storageLocation: 'default', excludedResources: ['secrets'], ttl: '72h' },
    },
  ],
  [
    'ownership, pause and a replaced namespace list',
    {
      useOwnerReferencesInBackup: true,
      paused: true,
      template: { includedNamespaces: ['monitoring'], snapshotVolumes: false },
    },
  ],
];

/** Asserts the manifest conforms to its CRD and passes validateManifest. */
function expectValid(manifest: unknown): void {
  expect(validateAgainstCrd(manifest)).toEqual([]);
  expect(validateManifest(manifest)).toEqual([]);
}

describeWithCrds('valid core manifests conform to the CRDs and pass validateManifest', () => {
  describe('scheduleManifest', () => {
    test.each(scheduleRows)('%s', (_label, options) => {
      const manifest = scheduleManifest(options);
      expectValid(manifest);
      expect(manifest.apiVersion).toBe('velero.io/v1');
      expect(manifest.kind).toBe('Schedule');
      expect(manifest.metadata).toEqual(metadataOf(options));
      expect(manifest.spec).toEqual(specOf(options));
    });
  });

  describe('backupManifest', () => {
    test.each(backupRows)('%s', (_label, options) => {
      const manifest = backupManifest(options);
      expectValid(manifest);
      expect(manifest.kind).toBe('Backup');
      expect(manifest.metadata).toEqual(metadataOf(options));
      expect(manifest.spec).toEqual(specOf(options));
    });
  });

  describe('restoreManifest', () => {
    test.each(restoreRows)('%s', (_label, options) => {
      const manifest = restoreManifest(options);
      expectValid(manifest);
      expect(manifest.kind).toBe('Restore');
      expect(manifest.metadata).toEqual(metadataOf(options));
      expect(manifest.spec).toEqual(specOf(options));
    });
  });

  describe('backupStorageLocationManifest', () => {
    test.each(bslRows)('%s', (_label, options) => {
      const manifest = backupStorageLocationManifest(options);
      expectValid(manifest);
      expect(manifest.kind).toBe('BackupStorageLocation');
      expect(manifest.metadata).toEqual(metadataOf(options));
      expect(manifest.spec).toEqual(specOf(options));
    });
  });

  describe('volumeSnapshotLocationManifest', () => {
    test.each(vslRows)('%s', (_label, options) => {
      const manifest = volumeSnapshotLocationManifest(options);
      expectValid(manifest);
      expect(manifest.kind).toBe('VolumeSnapshotLocation');
      expect(manifest.metadata).toEqual(metadataOf(options));
      expect(manifest.spec).toEqual(specOf(options));
    });
  });

  describe('resourcePolicyConfigMap', () => {
    test.each(policyRows)('%s', (_label, options) => {
      const manifest = resourcePolicyConfigMap(options);
      expectValid(manifest);
      expect(manifest.apiVersion).toBe('v1');
      expect(manifest.kind).toBe('ConfigMap');
      expect(manifest.metadata).toEqual(metadataOf(options));
      const key = options.dataKey ?? 'policy.yaml';
      expect(Object.keys(manifest.data)).toEqual([key]);
      const document: unknown = parse(manifest.data[key] ?? '');
      const expected: Record<string, unknown> = { version: 'v1' };
      if (options.volumePolicies !== undefined) expected['volumePolicies'] = options.volumePolicies;
      if (options.includeExcludePolicy !== undefined) {
        expected['includeExcludePolicy'] = options.includeExcludePolicy;
      }
      expect(document).toEqual(expected);
    });
  });

  describe('backupFromSchedule', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

    test.each(scheduleRows)('from the schedule row "%s"', (_label, options) => {
      const schedule = scheduleManifest(options);
      const backup = backupFromSchedule(schedule, { at });
      expectValid(backup);
      expect(backup.kind).toBe('Backup');
      expect(backup.metadata.name).toBe(`${options.name}-20260102030405`);
      expect(backup.metadata.namespace).toBe(schedule.metadata.namespace);
      const copied = options.template.metadata?.labels ?? options.labels;
      expect(backup.metadata.labels).toEqual({
        ...copied,
        'velero.io/schedule-name': options.name,
      });
      if (options.annotations !== undefined) {
        expect(backup.metadata.annotations).toEqual(options.annotations);
      }
      const expectedSpec: Record<string, unknown> = { ...options.template };
      const policy = options.template.resourcePolicy;
      if (policy !== undefined)
        expectedSpec['resourcePolicy'] = { kind: 'configmap', name: policy.name };
      expect(backup.spec).toEqual(expectedSpec);
    });

    test('with an explicit name, extra labels and annotations', () => {
      const schedule = scheduleManifest(scheduleRows[0]![1]);
      const backup = backupFromSchedule(schedule, {
        name: 'manual-before-upgrade',
        labels: { reason: 'upgrade' },
        annotations: { 'example.com/by': 'alice' },
      });
      expectValid(backup);
      expect(backup.metadata).toEqual({
        name: 'manual-before-upgrade',
        namespace: 'velero',
        labels: {
          tier: 'gold',
          'velero.io/custom': 'yes',
          'velero.io/schedule-name': 'nightly',
          reason: 'upgrade',
        },
        annotations: { 'example.com/owner': 'sre', 'example.com/by': 'alice' },
      });
    });
  });

  describe('udsDefaultSchedule', () => {
    test.each(udsRows)('%s', (_label, options) => {
      const manifest = udsDefaultSchedule(options);
      expectValid(manifest);
      const { template, ...rest } = options;
      expect(manifest.metadata).toEqual(metadataOf({ name: 'velero-velero-udsbackup', ...rest }));
      expect(manifest.spec).toEqual({
        schedule: '0 3 * * *',
        useOwnerReferencesInBackup: false,
        ...specOf(rest),
        template: {
          includedNamespaces: ['monitoring', 'tempo'],
          ttl: '240h0m0s',
          snapshotVolumes: true,
          ...template,
        },
      });
    });
  });

  describe('the table uses every modelled spec field', () => {
    const specsOf = (manifests: readonly { spec: unknown }[]): unknown[] =>
      manifests.map((m) => m.spec);
    const tables: [ModelledVeleroKind, () => unknown[]][] = [
      ['Schedule', () => specsOf(scheduleRows.map(([, o]) => scheduleManifest(o)))],
      ['Backup', () => specsOf(backupRows.map(([, o]) => backupManifest(o)))],
      ['Restore', () => specsOf(restoreRows.map(([, o]) => restoreManifest(o)))],
      [
        'BackupStorageLocation',
        () => specsOf(bslRows.map(([, o]) => backupStorageLocationManifest(o))),
      ],
      [
        'VolumeSnapshotLocation',
        () => specsOf(vslRows.map(([, o]) => volumeSnapshotLocationManifest(o))),
      ],
    ];
    test.each(tables)('%s', (kind, specs) => {
      expect(uncovered(specSchemaOf(kind), specs())).toEqual([]);
    });

    test('resource policy documents', () => {
      const documents = policyRows.map(([, o]) => {
        const cm = resourcePolicyConfigMap(o);
        return parse(Object.values(cm.data)[0] ?? '') as unknown;
      });
      // `parameters` is open (not modelled further); everything else must be used.
      expect(uncovered(resourcePolicyDocumentSchema, documents)).toEqual([]);
    });
  });
});
