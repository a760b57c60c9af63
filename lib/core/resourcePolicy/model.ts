import { issue, type ValidationIssue } from '../errors';
import { anyObject, labelMap } from '../model/common';
import { joinPath } from '../path';
import { checkCapacityRange } from '../rules/quantity';
import { isPlainObject, suggestField } from '../schema/checkShape';
import {
  list,
  type ObjectField,
  obj,
  str,
  strList,
  strMap,
  withChecks,
} from '../schema/fieldSchema';

/** The only resource-policy document version Velero supports. */
export const RESOURCE_POLICY_VERSION = 'v1';

/** The volume-policy actions Velero knows. */
export const VOLUME_POLICY_ACTIONS: readonly string[] = ['skip', 'snapshot', 'fs-backup', 'custom'];

/**
 * The volume source types Velero's `volumeTypes` condition compares against (case-sensitive). An
 * unknown value is not rejected by Velero, it just never matches, so it is reported here.
 */
export const VOLUME_TYPES: readonly string[] = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'hostPath',
  'iscsi',
  'local',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'projected',
  'quobyte',
  'rbd',
  'scaleIO',
  'secret',
  'storageos',
  'vsphereVolume',
];

const checkVolumeType = (value: unknown, path: string): ValidationIssue[] => {
  if (typeof value !== 'string' || VOLUME_TYPES.includes(value)) return [];
  const suggestion = suggestField(value, VOLUME_TYPES);
  return [
    issue(
      path,
      `is not a volume type Velero knows, so the policy would never match${
        suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : ''
      }`,
      { received: value, allowed: VOLUME_TYPES.join(', ') },
    ),
  ];
};

const checkCsiCondition = (value: unknown, path: string): ValidationIssue[] => {
  if (!isPlainObject(value) || !isPlainObject(value.volumeAttributes)) return [];
  if (Object.keys(value.volumeAttributes).length === 0 || typeof value.driver === 'string')
    return [];
  return [
    issue(
      joinPath(path, 'driver'),
      'volumeAttributes only match together with a CSI `driver`; set the driver',
      {
        allowed: 'a CSI driver name such as ebs.csi.aws.com',
      },
    ),
  ];
};

const checkPolicyList =
  (which: 'cluster' | 'namespace') =>
  (value: unknown, path: string): ValidationIssue[] => {
    if (!isPlainObject(value)) return [];
    const scope = which === 'cluster' ? 'ClusterScopedResources' : 'NamespaceScopedResources';
    const includes = Array.isArray(value[`included${scope}`])
      ? (value[`included${scope}`] as unknown[])
      : [];
    const excludes = Array.isArray(value[`excluded${scope}`])
      ? (value[`excluded${scope}`] as unknown[])
      : [];
    const out: ValidationIssue[] = [];
    for (const [field, items] of [
      [`included${scope}`, includes],
      [`excluded${scope}`, excludes],
    ] as const) {
      items.forEach((item, index) => {
        if (item === '*') {
          out.push(
            issue(
              joinPath(joinPath(path, field), index),
              "a resource policy cannot use '*' in its filters; name the resources",
              {
                received: item,
              },
            ),
          );
        }
      });
    }
    excludes.forEach((item, index) => {
      if (typeof item === 'string' && item !== '*' && includes.includes(item)) {
        out.push(
          issue(
            joinPath(joinPath(path, `excluded${scope}`), index),
            `\`${item}\` is both included and excluded: Velero rejects the policy; keep it in one list`,
            { received: item },
          ),
        );
      }
    });
    return out;
  };

/** The model of Velero's resource-policy document (decoded strictly: unknown keys are errors). */
export const resourcePolicyDocumentSchema: ObjectField = obj(
  {
    version: withChecks(str(), (value, path) =>
      value === RESOURCE_POLICY_VERSION
        ? []
        : [
            issue(path, 'Velero only supports resource policies of version v1', {
              received: value,
              allowed: 'v1',
            }),
          ],
    ),
    volumePolicies: list(
      obj(
        {
          conditions: obj({
            capacity: withChecks(str(), checkCapacityRange),
            storageClass: strList(),
            csi: withChecks(obj({ driver: str(), volumeAttributes: strMap() }), checkCsiCondition),
            nfs: obj({ server: str(), path: str() }),
            volumeTypes: list(withChecks(str(), checkVolumeType)),
            pvcLabels: labelMap(),
            pvcPhase: list(str({ enum: ['Pending', 'Bound', 'Lost'] })),
          }),
          action: obj(
            { type: str({ enum: VOLUME_POLICY_ACTIONS }), parameters: anyObject() },
            { required: ['type'] },
          ),
        },
        { required: ['conditions', 'action'] },
      ),
    ),
    includeExcludePolicy: withChecks(
      obj({
        includedClusterScopedResources: strList(),
        excludedClusterScopedResources: strList(),
        includedNamespaceScopedResources: strList(),
        excludedNamespaceScopedResources: strList(),
      }),
      checkPolicyList('cluster'),
      checkPolicyList('namespace'),
    ),
  },
  { required: ['version'] },
);
