import { checkRestoreRules } from '../rules/restoreRules';
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
import { anyObject, configMapReference, duration, labelSelector, objectNameRef } from './common';

const restoreHookSpec = (): FieldSchema =>
  obj(
    {
      name: str(),
      includedNamespaces: strList({ nullable: true }),
      excludedNamespaces: strList({ nullable: true }),
      includedResources: strList({ nullable: true }),
      excludedResources: strList({ nullable: true }),
      labelSelector: labelSelector({ nullable: true }),
      postHooks: list(
        obj({
          exec: obj(
            {
              container: str(),
              command: list(str(), { minItems: 1 }),
              onError: str({ enum: ['Continue', 'Fail'] }),
              execTimeout: duration(),
              waitTimeout: duration(),
              waitForReady: bool({ nullable: true }),
            },
            { required: ['command'] },
          ),
          init: obj({ initContainers: list(anyObject()), timeout: duration() }),
        }),
      ),
    },
    { required: ['name'] },
  );

/** Velero's `RestoreSpec` with its rules (one source, restorable resources, filters, policy). */
export const restoreSpecSchema: ObjectField = withChecks(
  obj({
    backupName: objectNameRef(),
    scheduleName: objectNameRef(),
    includedNamespaces: strList({ nullable: true }),
    excludedNamespaces: strList({ nullable: true }),
    includedResources: strList({ nullable: true }),
    excludedResources: strList({ nullable: true }),
    includeClusterResources: bool({ nullable: true }),
    namespaceMapping: strMap(),
    labelSelector: labelSelector({ nullable: true }),
    orLabelSelectors: list(labelSelector(), { nullable: true }),
    restorePVs: bool({ nullable: true }),
    restoreStatus: obj(
      {
        includedResources: strList({ nullable: true }),
        excludedResources: strList({ nullable: true }),
      },
      { nullable: true },
    ),
    preserveNodePorts: bool({ nullable: true }),
    existingResourcePolicy: str({ nullable: true, enum: ['', 'none', 'update'] }),
    itemOperationTimeout: duration(),
    resourceModifier: configMapReference({ nullable: true }),
    uploaderConfig: obj(
      { writeSparseFiles: bool({ nullable: true }), parallelFilesDownload: int({ minimum: 0 }) },
      { nullable: true },
    ),
    hooks: obj({ resources: list(restoreHookSpec()) }),
  }),
  checkRestoreRules,
);
