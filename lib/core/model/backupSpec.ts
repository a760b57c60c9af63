import { checkBackupFilters } from '../rules/resourceFilters';
import {
  bool,
  type FieldSchema,
  int,
  list,
  type ObjectField,
  obj,
  str,
  strList,
  strMap,
  withChecks,
} from '../schema/fieldSchema';
import { configMapReference, duration, labelMap, labelSelector, objectNameRef } from './common';

const execHook = (): FieldSchema =>
  obj(
    {
      container: str(),
      command: strList({}),
      onError: str({ enum: ['Continue', 'Fail'] }),
      timeout: duration(),
    },
    { required: ['command'] },
  );

const commandAtLeastOne = (hook: FieldSchema): FieldSchema =>
  hook.type === 'object'
    ? {
        ...hook,
        properties: { ...hook.properties, command: list(str(), { minItems: 1 }) },
      }
    : hook;

const backupHookSpec = (): FieldSchema =>
  obj(
    {
      name: str(),
      includedNamespaces: strList({ nullable: true }),
      excludedNamespaces: strList({ nullable: true }),
      includedResources: strList({ nullable: true }),
      excludedResources: strList({ nullable: true }),
      labelSelector: labelSelector({ nullable: true }),
      pre: list(obj({ exec: commandAtLeastOne(execHook()) }, { required: ['exec'] })),
      post: list(obj({ exec: commandAtLeastOne(execHook()) }, { required: ['exec'] })),
    },
    { required: ['name'] },
  );

/** The fields of Velero's `BackupSpec`, as modelled for validation. */
export const backupSpecFields: Record<string, FieldSchema> = {
  metadata: obj({ labels: labelMap() }),
  includedNamespaces: strList({ nullable: true }),
  excludedNamespaces: strList({ nullable: true }),
  includedResources: strList({ nullable: true }),
  excludedResources: strList({ nullable: true }),
  includeClusterResources: bool({ nullable: true }),
  includedClusterScopedResources: strList({ nullable: true }),
  excludedClusterScopedResources: strList({ nullable: true }),
  includedNamespaceScopedResources: strList({ nullable: true }),
  excludedNamespaceScopedResources: strList({ nullable: true }),
  labelSelector: labelSelector({ nullable: true }),
  orLabelSelectors: list(labelSelector(), { nullable: true }),
  snapshotVolumes: bool({ nullable: true }),
  ttl: duration(),
  storageLocation: objectNameRef(),
  volumeSnapshotLocations: list(objectNameRef()),
  defaultVolumesToFsBackup: bool({ nullable: true }),
  defaultVolumesToRestic: bool({ nullable: true }),
  orderedResources: strMap({ nullable: true }),
  csiSnapshotTimeout: duration(),
  itemOperationTimeout: duration(),
  resourcePolicy: configMapReference(),
  snapshotMoveData: bool({ nullable: true }),
  datamover: str(),
  uploaderConfig: obj({ parallelFilesUpload: int({ minimum: 0 }) }, { nullable: true }),
  volumeGroupSnapshotLabelKey: str(),
  hooks: obj({ resources: list(backupHookSpec(), { nullable: true }) }),
};

/** Velero's `BackupSpec` with its cross-field rules (filters, selectors). */
export const backupSpecSchema: ObjectField = withChecks(obj(backupSpecFields), checkBackupFilters);
