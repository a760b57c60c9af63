import { checkDns1123Subdomain, checkVeleroObjectName } from '../rules/names';
import { type FieldSchema, type ObjectField, obj, open, str } from '../schema/fieldSchema';
import { backupSpecSchema } from './backupSpec';
import { objectMeta } from './common';
import { backupStorageLocationSpecSchema, volumeSnapshotLocationSpecSchema } from './locations';
import { restoreSpecSchema } from './restore';
import { scheduleSpecSchema } from './schedule';

/** The Velero kinds whose spec this library models and checks. */
export const MODELLED_VELERO_KINDS = [
  'Schedule',
  'Backup',
  'Restore',
  'BackupStorageLocation',
  'VolumeSnapshotLocation',
] as const;

/** A Velero kind whose spec this library models and checks. */
export type ModelledVeleroKind = (typeof MODELLED_VELERO_KINDS)[number];

/** Velero kinds Velero itself creates; only their metadata is checked. */
export const OTHER_VELERO_KINDS: readonly string[] = [
  'BackupRepository',
  'DeleteBackupRequest',
  'DownloadRequest',
  'PodVolumeBackup',
  'PodVolumeRestore',
  'ServerStatusRequest',
];

const SPEC_SCHEMAS: Record<ModelledVeleroKind, ObjectField> = {
  Schedule: scheduleSpecSchema,
  Backup: backupSpecSchema,
  Restore: restoreSpecSchema,
  BackupStorageLocation: backupStorageLocationSpecSchema,
  VolumeSnapshotLocation: volumeSnapshotLocationSpecSchema,
};

/** True for a kind whose spec is modelled. */
export function isModelledVeleroKind(kind: unknown): kind is ModelledVeleroKind {
  return typeof kind === 'string' && (MODELLED_VELERO_KINDS as readonly string[]).includes(kind);
}

/** The spec model of a kind. */
export function specSchemaOf(kind: ModelledVeleroKind): ObjectField {
  return SPEC_SCHEMAS[kind];
}

const manifestSchemas = new Map<string, ObjectField>();

/** The model of a whole manifest of `kind`: apiVersion, kind, metadata, spec and status. */
export function manifestSchemaOf(kind: ModelledVeleroKind | string): ObjectField {
  const cached = manifestSchemas.get(kind);
  if (cached !== undefined) return cached;
  const modelled = isModelledVeleroKind(kind);
  const spec: FieldSchema = modelled ? SPEC_SCHEMAS[kind] : open();
  const schema = obj(
    {
      apiVersion: str(),
      kind: str(),
      metadata: objectMeta((value, path) =>
        modelled ? checkVeleroObjectName(value, path, kind) : checkDns1123Subdomain(value, path),
      ),
      spec,
      status: open(),
    },
    {
      required: modelled
        ? ['apiVersion', 'kind', 'metadata', 'spec']
        : ['apiVersion', 'kind', 'metadata'],
    },
  );
  manifestSchemas.set(kind, schema);
  return schema;
}
