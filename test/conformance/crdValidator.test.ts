import fc from 'fast-check';
import { sharedPath } from '../support/requirements';
import {
  CRD_DIR,
  crdsAvailable,
  createStrictAjv,
  describeWithCrds,
  expectAllConformant,
  expectConformant,
  knownKinds,
  loadCrdSchemas,
  openApiToJsonSchema,
  validateAgainstCrd,
  validateAllAgainstCrd,
  validatorFor,
} from './crdValidator';

const VELERO_KINDS = [
  'Backup',
  'BackupRepository',
  'BackupStorageLocation',
  'DeleteBackupRequest',
  'DownloadRequest',
  'PodVolumeBackup',
  'PodVolumeRestore',
  'Restore',
  'Schedule',
  'ServerStatusRequest',
  'VolumeSnapshotLocation',
];

function schedule(template: Record<string, unknown> = { ttl: '720h0m0s' }) {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: {
      name: 'daily',
      namespace: 'velero',
      labels: { 'app.kubernetes.io/name': 'velero' },
    },
    spec: { schedule: '0 3 * * *', template },
  };
}

function restore(spec: Record<string, unknown> = { backupName: 'daily-20260101030000' }) {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: { name: 'restore-1', namespace: 'velero' },
    spec,
  };
}

/** Deep copy with `value` set at `path` (creating objects on the way). */
function withField(doc: object, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

/** The `properties` of the schema node reached by following `path` through nested `properties`. */
function propertiesAt(schema: unknown, path: readonly string[]): Record<string, unknown> {
  let node = schema;
  for (const key of [...path, '']) {
    const properties =
      typeof node === 'object' && node !== null && 'properties' in node
        ? node.properties
        : undefined;
    if (typeof properties !== 'object' || properties === null) return {};
    if (key === '') return properties as Record<string, unknown>;
    node = (properties as Record<string, unknown>)[key];
  }
  return {};
}

describe('CRD directory detection', () => {
  it('resolves CRD_DIR to the absolute path of velero-crds in the shared folder', () => {
    expect(CRD_DIR).toBe(sharedPath('velero-crds'));
    expect(CRD_DIR).toMatch(/^\/.*\/velero-crds$/);
  });

  it('reports availability consistently with the files it can load', () => {
    expect(crdsAvailable()).toBe(loadCrdSchemas().length > 0);
  });

  it('loads nothing from a directory that does not exist', () => {
    expect(loadCrdSchemas('/nonexistent/velero-crds')).toEqual([]);
  });
});

describe('openApiToJsonSchema', () => {
  it('closes objects with properties, keeps maps and preserve-unknown objects open, handles nullable', () => {
    const converted = openApiToJsonSchema({
      type: 'object',
      'x-kubernetes-map-type': 'atomic',
      properties: {
        ttl: { type: 'string' },
        flag: { type: 'boolean', nullable: true },
        mode: { type: 'string', enum: ['a', 'b'], nullable: true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        partlyFree: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { a: { type: 'string' } },
        },
        list: {
          type: 'array',
          'x-kubernetes-list-type': 'atomic',
          items: { type: 'object', properties: {} },
        },
        port: { 'x-kubernetes-int-or-string': true },
      },
    });
    expect(converted).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        ttl: { type: 'string' },
        flag: { type: ['boolean', 'null'] },
        mode: { type: ['string', 'null'], enum: ['a', 'b', null] },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object' },
        partlyFree: { type: 'object', properties: { a: { type: 'string' } } },
        list: {
          type: 'array',
          items: { type: 'object', properties: {}, additionalProperties: false },
        },
        port: { type: ['integer', 'string'] },
      },
    });
  });
});

describeWithCrds('Velero CRD conformance validator', () => {
  describe('loading', () => {
    it('loads all 11 Velero kinds as velero.io/v1 from the CRD directory', () => {
      const loaded = loadCrdSchemas();
      expect(loaded.map((crd) => crd.kind).sort()).toEqual(VELERO_KINDS);
      for (const crd of loaded) expect(crd.apiVersion).toBe('velero.io/v1');
      expect(knownKinds()).toEqual([
        'v1 ConfigMap',
        ...VELERO_KINDS.map((kind) => `velero.io/v1 ${kind}`),
      ]);
    });

    it('compiles every converted CRD schema under a fresh strict ajv', () => {
      for (const crd of loadCrdSchemas()) {
        expect(() => createStrictAjv().compile(crd.schema)).not.toThrow();
      }
    });

    it('compiles each validator once and reuses it', () => {
      for (const kind of VELERO_KINDS) {
        const first = validatorFor('velero.io/v1', kind);
        expect(first).toBeDefined();
        expect(validatorFor('velero.io/v1', kind)).toBe(first);
      }
      expect(validatorFor('v1', 'ConfigMap')).toBe(validatorFor('v1', 'ConfigMap'));
    });
  });

  describe('valid minimal manifests pass', () => {
    const valid: Record<string, unknown> = {
      Schedule: schedule(),
      Backup: {
        apiVersion: 'velero.io/v1',
        kind: 'Backup',
        metadata: { name: 'manual-1', namespace: 'velero' },
        spec: { includedNamespaces: ['shop'], ttl: '24h', storageLocation: 'default' },
      },
      Restore: restore(),
      BackupStorageLocation: {
        apiVersion: 'velero.io/v1',
        kind: 'BackupStorageLocation',
        metadata: { name: 'default', namespace: 'velero' },
        spec: {
          provider: 'aws',
          objectStorage: { bucket: 'acme-velero-backups', prefix: 'prod' },
          config: { region: 'eu-west-1' },
          default: true,
        },
      },
      VolumeSnapshotLocation: {
        apiVersion: 'velero.io/v1',
        kind: 'VolumeSnapshotLocation',
        metadata: { name: 'default', namespace: 'velero' },
        spec: { provider: 'aws', config: { region: 'eu-west-1' } },
      },
      ConfigMap: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'velero-resource-policy', namespace: 'velero' },
        data: { 'policy.yaml': 'version: v1\nvolumePolicies: []\n' },
        immutable: false,
      },
    };

    it.each(Object.keys(valid))('%s', (kind) => {
      expect(validateAgainstCrd(valid[kind])).toEqual([]);
      expect(() => expectConformant(valid[kind])).not.toThrow();
      expect(valid[kind]).toConformToVeleroCrd();
    });

    it('a list of valid manifests passes as a whole', () => {
      expect(validateAllAgainstCrd(Object.values(valid))).toEqual([]);
      expect(() => expectAllConformant(Object.values(valid))).not.toThrow();
    });
  });

  describe('rejections name the field', () => {
    it('rejects a misspelt spec.template.tll and names it', () => {
      const problems = validateAgainstCrd(schedule({ tll: '720h' }));
      expect(problems).toEqual(['/spec/template: must NOT have additional properties (tll)']);
      expect(() => expectConformant(schedule({ tll: '720h' }))).toThrow(
        /Schedule velero\/daily[\s\S]*\/spec\/template: must NOT have additional properties \(tll\)/,
      );
      expect(schedule({ tll: '720h' })).not.toConformToVeleroCrd();
    });

    it('rejects snapshotVolumes: "yes"', () => {
      expect(validateAgainstCrd(schedule({ snapshotVolumes: 'yes' }))).toEqual([
        '/spec/template/snapshotVolumes: must be boolean,null, received "yes"',
      ]);
    });

    it('rejects a Schedule without spec.schedule', () => {
      const doc = schedule();
      const { schedule: _dropped, ...spec } = doc.spec;
      expect(validateAgainstCrd({ ...doc, spec })).toEqual([
        "/spec: must have required property 'schedule'",
      ]);
    });

    it('rejects metadata.name "Prod_Daily" (not a DNS-1123 subdomain)', () => {
      const problems = validateAgainstCrd(
        withField(schedule(), ['metadata', 'name'], 'Prod_Daily'),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^\/metadata\/name: must match pattern .*received "Prod_Daily"$/);
    });

    it('checks the rest of ObjectMeta', () => {
      const base = schedule();
      expect(validateAgainstCrd({ ...base, metadata: { namespace: 'velero' } })).toEqual([
        "/metadata: must have required property 'name'",
      ]);
      expect(validateAgainstCrd({ ...base, metadata: { name: 'a'.repeat(254) } })[0]).toMatch(
        /^\/metadata\/name: must NOT have more than 253 characters/,
      );
      expect(
        validateAgainstCrd(withField(base, ['metadata', 'namespace'], 'velero.ns'))[0],
      ).toMatch(/^\/metadata\/namespace: must match pattern/);
      expect(validateAgainstCrd(withField(base, ['metadata', 'lables'], { a: 'b' }))).toEqual([
        '/metadata: must NOT have additional properties (lables)',
      ]);
      expect(validateAgainstCrd(withField(base, ['metadata', 'labels', 'tier'], 3))).toEqual([
        '/metadata/labels/tier: must be string, received 3',
      ]);
      expect(
        validateAgainstCrd(withField(base, ['metadata', 'labels', 'tier'], 'gold plated'))[0],
      ).toMatch(/^\/metadata\/labels\/tier: must match pattern/);
      expect(
        validateAgainstCrd(withField(base, ['metadata', 'annotations', 'bad key'], 'x')).join('\n'),
      ).toMatch(/key "bad key"/);
      const serverFields = {
        ...base,
        metadata: {
          name: 'daily.prod',
          namespace: 'velero',
          annotations: { 'velero.io/note': 'anything goes: here' },
          finalizers: ['example.com/guard'],
          ownerReferences: [{ apiVersion: 'v1', kind: 'Namespace', name: 'x', uid: '1' }],
          uid: 'abc',
          generateName: 'daily-',
          creationTimestamp: null,
        },
      };
      expect(validateAgainstCrd(serverFields)).toEqual([]);
    });

    it('rejects unknown top-level fields and a wrong apiVersion/kind pairing', () => {
      expect(validateAgainstCrd({ ...schedule(), sepc: {} })).toEqual([
        '(root): must NOT have additional properties (sepc)',
      ]);
      expect(validateAgainstCrd({ ...schedule(), apiVersion: 'velero.io/v2' })[0]).toMatch(
        /^\(root\): no schema for apiVersion "velero.io\/v2" kind "Schedule"; known: .*velero.io\/v1 Schedule/,
      );
    });

    it('rejects a bad enum value and lists the allowed ones', () => {
      expect(validateAgainstCrd(withField(schedule(), ['status', 'phase'], 'Running'))).toEqual([
        '/status/phase: must be equal to one of the allowed values ("New", "Enabled", "FailedValidation"), received "Running"',
      ]);
    });

    it('rejects a bad ConfigMap', () => {
      const configMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'policy', namespace: 'velero' },
        data: { 'policy.yaml': 3 },
        binaryData: { blob: 'not base64!' },
        immutable: 'yes',
        dta: {},
      };
      expect(validateAgainstCrd(configMap).sort()).toEqual([
        '(root): must NOT have additional properties (dta)',
        '/binaryData/blob: must match format "byte", received "not base64!"',
        '/data/policy.yaml: must be string, received 3',
        '/immutable: must be boolean, received "yes"',
      ]);
    });
  });

  describe('open and nullable parts of the schema', () => {
    it('accepts unknown keys inside Restore hooks initContainers (preserve-unknown-fields)', () => {
      const doc = restore({
        backupName: 'daily-20260101030000',
        hooks: {
          resources: [
            {
              name: 'restore-db',
              postHooks: [
                {
                  init: {
                    initContainers: [
                      {
                        name: 'restore',
                        image: 'alpine:3',
                        someFutureField: { nested: [1, 2, 3] },
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      });
      expect(validateAgainstCrd(doc)).toEqual([]);
    });

    it('still closes the hook object around initContainers', () => {
      const doc = restore({
        backupName: 'b',
        hooks: { resources: [{ name: 'r', postHooks: [{ init: { initContainer: [] } }] }] },
      });
      expect(validateAgainstCrd(doc)).toEqual([
        '/spec/hooks/resources/0/postHooks/0/init: must NOT have additional properties (initContainer)',
      ]);
    });

    it('accepts null for nullable fields and rejects null for non-nullable ones', () => {
      expect(
        validateAgainstCrd(
          schedule({
            snapshotVolumes: null,
            includedNamespaces: null,
            defaultVolumesToFsBackup: null,
          }),
        ),
      ).toEqual([]);
      expect(validateAgainstCrd(schedule({ ttl: null }))).toEqual([
        '/spec/template/ttl: must be string, received null',
      ]);
    });

    it('accepts date-time and int64 formats where the CRD declares them', () => {
      const doc = withField(schedule(), ['status'], {
        lastBackup: '2026-01-01T03:00:00Z',
        phase: 'Enabled',
      });
      expect(validateAgainstCrd(doc)).toEqual([]);
      expect(
        validateAgainstCrd(withField(doc, ['status', 'lastBackup'], '2026-01-01 03:00'))[0],
      ).toMatch(/^\/status\/lastBackup: must match format "date-time"/);
    });
  });

  describe('problems, never throws, for unusable input', () => {
    it('gives a problem line for an unknown kind', () => {
      const problems = validateAgainstCrd({
        apiVersion: 'velero.io/v1',
        kind: 'Scheduel',
        metadata: { name: 'x' },
      });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^\(root\): no schema for apiVersion "velero.io\/v1" kind "Scheduel"/,
      );
    });

    it.each([[null], ['Schedule'], [[schedule()]], [{ kind: 'Schedule' }], [undefined]])(
      'gives a problem line for %p',
      (input) => {
        expect(validateAgainstCrd(input)).toHaveLength(1);
        expect(() => expectConformant(input)).toThrow(/does not conform/);
      },
    );

    it('prefixes list problems with the index and the manifest', () => {
      expect(validateAllAgainstCrd([schedule(), schedule({ tll: '1h' })])).toEqual([
        '[1] Schedule velero/daily /spec/template: must NOT have additional properties (tll)',
      ]);
    });
  });

  describe('property: spec.template is closed', () => {
    const scheduleSchema = loadCrdSchemas().find((crd) => crd.kind === 'Schedule')?.schema;
    const templateKeys = new Set(Object.keys(propertiesAt(scheduleSchema, ['spec', 'template'])));

    it('knows the real template fields (sanity check for the property below)', () => {
      expect(templateKeys.has('ttl')).toBe(true);
      expect(templateKeys.has('snapshotVolumes')).toBe(true);
    });

    it('rejects any unknown key inserted into spec.template of a valid Schedule', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !templateKeys.has(key)),
          fc.jsonValue(),
          (key, value) => {
            const doc = schedule({ ttl: '720h0m0s', [key]: value });
            const problems = validateAgainstCrd(doc);
            expect(problems).toContain(
              `/spec/template: must NOT have additional properties (${key})`,
            );
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
