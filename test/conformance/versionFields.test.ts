/**
 * The per-release tables of the core, checked against the upstream CRDs of every release rather
 * than against prose: the spec fields each release added (`VELERO_FIELD_ADDITIONS`) are derived
 * here by diffing the CRDs of consecutive releases, the required fields likewise
 * (`RESTORE_BACKUP_NAME_OPTIONAL_SINCE`), and the pinned Velero image of each release is the
 * release whose CRDs the folder holds. Then every table entry is exercised: refused below its
 * release with the field's path, the release that added it and the fix; accepted from it on; and
 * accepted manifests conform to the target release's CRD.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  backupManifest,
  backupStorageLocationManifest,
  isVeleroVersionAtLeast,
  RESTORE_BACKUP_NAME_OPTIONAL_SINCE,
  restoreManifest,
  scheduleManifest,
  VELERO_FIELD_ADDITIONS,
  VELERO_RELEASES,
  VELERO_VERSIONS,
  type VeleroFieldAddition,
  type VeleroVersion,
  validateManifest,
} from 'velero-iac';
import { MODELLED_VELERO_KINDS, type ModelledVeleroKind } from '../../lib/core/model/kinds';
import { issuesOf } from '../support/issuesOf';
import {
  CRD_DIR,
  CRD_VERSIONS_DIR,
  crdDirFor,
  describeWithCrds,
  knownKinds,
  loadCrdSchemas,
  TOP_LEVEL_CRD_RELEASE,
  validateAgainstCrd,
} from './crdValidator';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `spec` schema of each modelled kind in the CRDs of one release (as the validator reads them). */
function specSchemas(version: VeleroVersion): Map<ModelledVeleroKind, Node> {
  const out = new Map<ModelledVeleroKind, Node>();
  for (const crd of loadCrdSchemas(crdDirFor(version))) {
    const properties = crd.schema['properties'];
    const kind = crd.kind as ModelledVeleroKind;
    if (!(MODELLED_VELERO_KINDS as readonly string[]).includes(kind) || !isNode(properties))
      continue;
    if (isNode(properties['spec'])) out.set(kind, properties['spec']);
  }
  return out;
}

/** Every field path under a schema node, in the tables' notation (`a.b`, `a[]` for items). */
function fieldPaths(node: Node, at: string, out: Set<string>): Set<string> {
  if (at !== '') out.add(at);
  if (isNode(node['properties'])) {
    for (const [name, child] of Object.entries(node['properties'])) {
      if (isNode(child)) fieldPaths(child, at === '' ? name : `${at}.${name}`, out);
    }
  }
  if (isNode(node['items'])) fieldPaths(node['items'], `${at}[]`, out);
  return out;
}

/** Every `required` entry under a schema node, as `path>field`. */
function requiredFields(node: Node, at: string, out: Set<string>): Set<string> {
  if (Array.isArray(node['required'])) {
    for (const field of node['required']) out.add(`${at}>${String(field)}`);
  }
  if (isNode(node['properties'])) {
    for (const [name, child] of Object.entries(node['properties'])) {
      if (isNode(child)) requiredFields(child, at === '' ? name : `${at}.${name}`, out);
    }
  }
  if (isNode(node['items'])) requiredFields(node['items'], `${at}[]`, out);
  return out;
}

/** The path one level up: `a.b[]` -> `a.b`, `a.b` -> `a`, `a` -> ''. */
function parentPath(fieldPath: string): string {
  if (fieldPath.endsWith('[]')) return fieldPath.slice(0, -2);
  const dot = fieldPath.lastIndexOf('.');
  return dot === -1 ? '' : fieldPath.slice(0, dot);
}

function sortAdditions(list: readonly VeleroFieldAddition[]): VeleroFieldAddition[] {
  return [...list]
    .map((a) => ({ kind: a.kind, path: a.path, since: a.since }))
    .sort((a, b) => `${a.kind} ${a.path}`.localeCompare(`${b.kind} ${b.path}`));
}

/**
 * For each addition: options of its kind that set the field (valid at the release that added it)
 * and the option path of that field as a user writes it.
 */
const SAMPLES: Record<string, { options: Record<string, unknown>; optionPath: string }> = {
  'Backup uploaderConfig': {
    options: { name: 'b', uploaderConfig: { parallelFilesUpload: 4 } },
    optionPath: 'uploaderConfig',
  },
  'Backup volumeGroupSnapshotLabelKey': {
    options: { name: 'b', volumeGroupSnapshotLabelKey: 'app.example.com/group' },
    optionPath: 'volumeGroupSnapshotLabelKey',
  },
  'Schedule skipImmediately': {
    options: { name: 's', schedule: '0 3 * * *', template: {}, skipImmediately: true },
    optionPath: 'skipImmediately',
  },
  'Schedule template.uploaderConfig': {
    options: {
      name: 's',
      schedule: '0 3 * * *',
      template: { uploaderConfig: { parallelFilesUpload: 1 } },
    },
    optionPath: 'template.uploaderConfig',
  },
  'Schedule template.volumeGroupSnapshotLabelKey': {
    options: {
      name: 's',
      schedule: '0 3 * * *',
      template: { volumeGroupSnapshotLabelKey: 'group' },
    },
    optionPath: 'template.volumeGroupSnapshotLabelKey',
  },
  'Restore uploaderConfig': {
    options: { name: 'r', backupName: 'b', uploaderConfig: { writeSparseFiles: true } },
    optionPath: 'uploaderConfig',
  },
  'Restore uploaderConfig.parallelFilesDownload': {
    options: { name: 'r', backupName: 'b', uploaderConfig: { parallelFilesDownload: 8 } },
    optionPath: 'uploaderConfig.parallelFilesDownload',
  },
  'Restore hooks.resources[].postHooks[].exec.waitForReady': {
    options: {
      name: 'r',
      backupName: 'b',
      hooks: {
        resources: [
          {
            name: 'h',
            postHooks: [{ init: {} }, { exec: { command: ['true'], waitForReady: true } }],
          },
        ],
      },
    },
    optionPath: 'hooks.resources[0].postHooks[1].exec.waitForReady',
  },
  'BackupStorageLocation objectStorage.caCertRef': {
    options: {
      name: 'default',
      provider: 'aws',
      objectStorage: { bucket: 'b', caCertRef: { name: 'ca', key: 'ca.crt' } },
      config: { region: 'eu-west-1' },
    },
    optionPath: 'objectStorage.caCertRef',
  },
};

const BUILDERS: Record<ModelledVeleroKind, (options: never) => unknown> = {
  Backup: backupManifest,
  Schedule: scheduleManifest,
  Restore: restoreManifest,
  BackupStorageLocation: backupStorageLocationManifest,
  VolumeSnapshotLocation: () => undefined,
};

function build(kind: ModelledVeleroKind, options: Record<string, unknown>): unknown {
  return BUILDERS[kind](options as never);
}

describeWithCrds('Velero releases: the tables match the CRDs of every release', () => {
  let schemas: Map<VeleroVersion, Map<ModelledVeleroKind, Node>>;
  beforeAll(() => {
    schemas = new Map(VELERO_VERSIONS.map((v) => [v, specSchemas(v)]));
  });

  test('there is one CRD folder per release, and its patch release is the pinned Velero image', () => {
    const folders = readdirSync(CRD_VERSIONS_DIR).sort();
    const older = VELERO_VERSIONS.filter((v) => v !== TOP_LEVEL_CRD_RELEASE);
    expect(folders).toEqual(older.map((v) => VELERO_RELEASES[v].veleroImage.tag).sort());
    for (const version of older) {
      expect(path.basename(crdDirFor(version))).toBe(VELERO_RELEASES[version].veleroImage.tag);
    }
    const source = readFileSync(path.join(CRD_DIR, 'SOURCE.md'), 'utf8');
    const topTag = /^- Tag: `(v[\d.]+)`/m.exec(source)?.[1];
    expect(topTag).toBe(VELERO_RELEASES[TOP_LEVEL_CRD_RELEASE].veleroImage.tag);
    expect(TOP_LEVEL_CRD_RELEASE).toBe(VELERO_VERSIONS[VELERO_VERSIONS.length - 1]);
  });

  test('an older release validates the kinds the library builds (and resource-policy ConfigMaps)', () => {
    expect(knownKinds('1.12')).toEqual([
      'v1 ConfigMap',
      ...[...MODELLED_VELERO_KINDS].sort().map((kind) => `velero.io/v1 ${kind}`),
    ]);
    const request = {
      apiVersion: 'velero.io/v1',
      kind: 'DownloadRequest',
      metadata: { name: 'd', namespace: 'velero' },
    };
    expect(validateAgainstCrd(request, '1.12')[0]).toContain('(the CRDs of Velero 1.12)');
    expect(validateAgainstCrd(request, '1.18').join('\n')).not.toContain('no schema');
  });

  test('every release has the CRD of every kind the library builds', () => {
    for (const version of VELERO_VERSIONS) {
      expect([...(schemas.get(version)?.keys() ?? [])].sort()).toEqual(
        [...MODELLED_VELERO_KINDS].sort(),
      );
    }
  });

  test('VELERO_FIELD_ADDITIONS is exactly the spec fields each release added, and none was removed', () => {
    const derived: VeleroFieldAddition[] = [];
    const removed: string[] = [];
    for (let i = 1; i < VELERO_VERSIONS.length; i++) {
      const before = VELERO_VERSIONS[i - 1] as VeleroVersion;
      const since = VELERO_VERSIONS[i] as VeleroVersion;
      for (const kind of MODELLED_VELERO_KINDS) {
        const old = fieldPaths(schemas.get(before)?.get(kind) ?? {}, '', new Set());
        const now = fieldPaths(schemas.get(since)?.get(kind) ?? {}, '', new Set());
        const added = [...now].filter((p) => !old.has(p));
        // Only the outermost new field: the ones under it came with it.
        for (const fieldPath of added) {
          if (!added.includes(parentPath(fieldPath)))
            derived.push({ kind, path: fieldPath, since });
        }
        removed.push(...[...old].filter((p) => !now.has(p)).map((p) => `${since} ${kind} ${p}`));
      }
    }
    expect(removed).toEqual([]);
    expect(sortAdditions(VELERO_FIELD_ADDITIONS)).toEqual(sortAdditions(derived));
  });

  test('the only required field that changed is Restore backupName, optional from RESTORE_BACKUP_NAME_OPTIONAL_SINCE', () => {
    const changes: string[] = [];
    for (let i = 1; i < VELERO_VERSIONS.length; i++) {
      const before = VELERO_VERSIONS[i - 1] as VeleroVersion;
      const since = VELERO_VERSIONS[i] as VeleroVersion;
      for (const kind of MODELLED_VELERO_KINDS) {
        const old = requiredFields(schemas.get(before)?.get(kind) ?? {}, '', new Set());
        const now = requiredFields(schemas.get(since)?.get(kind) ?? {}, '', new Set());
        // A required entry inside a newly added field is part of that field, not a change.
        const oldPaths = fieldPaths(schemas.get(before)?.get(kind) ?? {}, '', new Set());
        for (const entry of now) {
          const at = entry.split('>')[0] as string;
          if (!old.has(entry) && (at === '' || oldPaths.has(at)))
            changes.push(`${since} ${kind} +${entry}`);
        }
        for (const entry of old) if (!now.has(entry)) changes.push(`${since} ${kind} -${entry}`);
      }
    }
    expect(changes).toEqual([`${RESTORE_BACKUP_NAME_OPTIONAL_SINCE} Restore ->backupName`]);
  });

  test('every table entry has a sample here', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(
      VELERO_FIELD_ADDITIONS.map((a) => `${a.kind} ${a.path}`).sort(),
    );
  });

  describe.each(VELERO_FIELD_ADDITIONS.map((a) => [`${a.kind} ${a.path}`, a] as const))(
    '%s',
    (key, addition) => {
      test.each([...VELERO_VERSIONS])('targeting Velero %s', (version) => {
        const sample = SAMPLES[key];
        if (sample === undefined) throw new Error(`no sample for ${key}`);
        const options = { ...sample.options, veleroVersion: version };
        if (isVeleroVersionAtLeast(version, addition.since)) {
          const manifest = build(addition.kind, options);
          expect(validateAgainstCrd(manifest, version)).toEqual([]);
          expect(validateManifest(manifest, { veleroVersion: version })).toEqual([]);
          return;
        }
        // The field is refused, and the CRD of that release confirms it would be pruned.
        const issues = issuesOf(() => build(addition.kind, options));
        const found = issues.find((i) => i.path === sample.optionPath);
        expect(found?.message).toContain(`was added in Velero ${addition.since}`);
        expect(found?.message).toContain(`Velero ${version} silently drops it`);
        expect(found?.message).toContain(`Upgrade to Velero ${addition.since} or later`);
        expect(found?.message).toContain('or remove the field');
        const newest = build(addition.kind, { ...sample.options });
        expect(validateAgainstCrd(newest, version).join('\n')).toMatch(
          /must NOT have additional properties/,
        );
      });
    },
  );

  test('a Restore from a schedule gets backupName "" exactly where the CRD requires it', () => {
    for (const version of VELERO_VERSIONS) {
      const restore = restoreManifest({ name: 'r', scheduleName: 'daily', veleroVersion: version });
      const required = !isVeleroVersionAtLeast(version, RESTORE_BACKUP_NAME_OPTIONAL_SINCE);
      expect(restore.spec).toEqual(
        required ? { backupName: '', scheduleName: 'daily' } : { scheduleName: 'daily' },
      );
      expect(validateAgainstCrd(restore, version)).toEqual([]);
      // What the CRD says about the manifest the newest release accepts.
      const bare = restoreManifest({ name: 'r', scheduleName: 'daily' });
      expect(validateAgainstCrd(bare, version).length > 0).toBe(required);
      expect(
        validateManifest(bare, { veleroVersion: version }).some(
          (i) => i.path === 'spec.backupName',
        ),
      ).toBe(required);
    }
  });
});
