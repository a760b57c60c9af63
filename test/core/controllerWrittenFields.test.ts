import {
  argoCdIgnoreDifferences,
  MODELLED_VELERO_KINDS,
  VELERO_CONTROLLER_WRITTEN_FIELDS,
} from 'velero-iac';
import { manifestSchemaOf } from '../../lib/core/model/kinds';
import type { FieldSchema } from '../../lib/core/schema/fieldSchema';

/** The model node at a dotted path, or undefined when the path names no modelled field. */
function fieldAt(schema: FieldSchema, dotted: string): FieldSchema | undefined {
  let node: FieldSchema | undefined = schema;
  for (const part of dotted.split('.')) {
    if (node?.type !== 'object') return undefined;
    node = Object.hasOwn(node.properties, part) ? node.properties[part] : undefined;
  }
  return node;
}

describe('fields Velero writes after creation', () => {
  test.each(MODELLED_VELERO_KINDS.map((k) => [k]))(
    'every %s path names a modelled field',
    (kind) => {
      for (const path of VELERO_CONTROLLER_WRITTEN_FIELDS[kind]) {
        expect({ path, found: fieldAt(manifestSchemaOf(kind), path) !== undefined }).toEqual({
          path,
          found: true,
        });
      }
    },
  );

  test('include what Velero fills into a Backup and a Restore, and nothing of a snapshot location', () => {
    expect(VELERO_CONTROLLER_WRITTEN_FIELDS.Backup).toEqual(
      expect.arrayContaining([
        'spec.ttl',
        'spec.storageLocation',
        'spec.includedNamespaces',
        'spec.excludedResources',
      ]),
    );
    expect(VELERO_CONTROLLER_WRITTEN_FIELDS.Restore).toEqual(
      expect.arrayContaining(['spec.excludedResources', 'spec.backupName']),
    );
    expect(VELERO_CONTROLLER_WRITTEN_FIELDS.Schedule).toEqual(['spec.skipImmediately']);
    expect(VELERO_CONTROLLER_WRITTEN_FIELDS.VolumeSnapshotLocation).toEqual([]);
  });

  test('Argo CD ignoreDifferences use JSON pointers per kind', () => {
    const entries = argoCdIgnoreDifferences();
    expect(entries.map((e) => e.kind)).toEqual([
      'Backup',
      'Restore',
      'Schedule',
      'BackupStorageLocation',
    ]);
    expect(entries.every((e) => e.group === 'velero.io')).toBe(true);
    expect(entries.find((e) => e.kind === 'Schedule')).toEqual({
      group: 'velero.io',
      kind: 'Schedule',
      jsonPointers: ['/spec/skipImmediately'],
    });
    expect(entries.find((e) => e.kind === 'Backup')?.jsonPointers).toContain('/metadata/labels');
  });
});
