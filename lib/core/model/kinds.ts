import { checkDns1123Subdomain, checkVeleroObjectName } from '../rules/names';
import { type FieldSchema, type ObjectField, obj, open, str } from '../schema/fieldSchema';
import { VELERO_RELEASES } from '../versions/veleroReleases';
import { DEFAULT_VELERO_VERSION, type VeleroVersion } from '../versions/veleroVersion';
import { backupSpecSchema } from './backupSpec';
import { objectMeta } from './common';
import { backupStorageLocationSpecSchema, volumeSnapshotLocationSpecSchema } from './locations';
import { restoreSpecSchema } from './restore';
import { scheduleSpecSchemaFor } from './schedule';

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

const SPEC_SCHEMAS: Record<Exclude<ModelledVeleroKind, 'Schedule'>, ObjectField> = {
  Backup: backupSpecSchema,
  Restore: restoreSpecSchema,
  BackupStorageLocation: backupStorageLocationSpecSchema,
  VolumeSnapshotLocation: volumeSnapshotLocationSpecSchema,
};

/** True for a kind whose spec is modelled. */
export function isModelledVeleroKind(kind: unknown): kind is ModelledVeleroKind {
  return typeof kind === 'string' && (MODELLED_VELERO_KINDS as readonly string[]).includes(kind);
}

/**
 * The spec model of a kind, with the rules of a Velero release (the cron dialect of its
 * Schedules). The fields are the newest release's; fields an older release lacks are reported
 * separately, with the release that added them. A Schedule's `@every` must be at least one minute
 * unless `allowIntervalsUnderOneMinute` is true.
 */
export function specSchemaOf(
  kind: ModelledVeleroKind,
  version: VeleroVersion = DEFAULT_VELERO_VERSION,
  allowIntervalsUnderOneMinute = false,
): ObjectField {
  return kind === 'Schedule'
    ? scheduleSpecSchemaFor(VELERO_RELEASES[version].cronDialect, allowIntervalsUnderOneMinute)
    : SPEC_SCHEMAS[kind];
}

const manifestSchemas = new Map<string, ObjectField>();

/**
 * The model of a whole manifest of `kind` (apiVersion, kind, metadata, spec and status), with
 * the rules of a Velero release (and, for a Schedule, the `@every` waiver of {@link specSchemaOf}).
 */
export function manifestSchemaOf(
  kind: ModelledVeleroKind | string,
  version: VeleroVersion = DEFAULT_VELERO_VERSION,
  allowIntervalsUnderOneMinute = false,
): ObjectField {
  const modelled = isModelledVeleroKind(kind);
  const waived = kind === 'Schedule' && allowIntervalsUnderOneMinute;
  const key = modelled
    ? `${kind} ${VELERO_RELEASES[version].cronDialect}${waived ? ' short @every' : ''}`
    : kind;
  const cached = manifestSchemas.get(key);
  if (cached !== undefined) return cached;
  const spec: FieldSchema = modelled ? specSchemaOf(kind, version, waived) : open();
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
  manifestSchemas.set(key, schema);
  return schema;
}
