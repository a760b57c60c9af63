import type { ObjectMeta, VeleroObjectOptions } from './meta';

/** Conditions of a volume policy; all that are set must match (AND). */
export interface VolumeConditions {
  /**
   * PV size range `"lo,hi"` (inclusive) in Kubernetes quantities: `"10Gi,100Gi"`, `",5Gi"` (up to),
   * `"5Gi,"` (at least).
   * @default any size
   */
  capacity?: string;
  /**
   * Any of these storage classes.
   * @default any storage class
   */
  storageClass?: string[];
  /**
   * CSI volumes (of this driver and with these attributes). `{}` matches any CSI volume.
   * @default not a condition
   */
  csi?: { driver?: string; volumeAttributes?: Record<string, string> };
  /**
   * NFS volumes (of this server and path). `{}` matches any NFS volume.
   * @default not a condition
   */
  nfs?: { server?: string; path?: string };
  /**
   * Volume source types, case-sensitive as Velero spells them (`emptyDir`, `configMap`, `csi`...).
   * @default any type
   */
  volumeTypes?: string[];
  /**
   * Labels the PVC must carry.
   * @default any PVC
   */
  pvcLabels?: Record<string, string>;
  /**
   * PVC phases (`Pending`, `Bound`, `Lost`).
   * @default any phase
   */
  pvcPhase?: ('Pending' | 'Bound' | 'Lost')[];
}

/** What Velero does with a volume a policy matches. */
export interface VolumePolicyAction {
  /** `skip`, `snapshot`, `fs-backup` or `custom` (handed to a plugin). */
  type: 'skip' | 'snapshot' | 'fs-backup' | 'custom';
  /**
   * Parameters for the action (not checked by Velero).
   * @default none
   */
  parameters?: Record<string, unknown>;
}

/** One volume policy; the first whose conditions all match wins. */
export interface VolumePolicy {
  /** The conditions to match. */
  conditions: VolumeConditions;
  /** The action to take. */
  action: VolumePolicyAction;
}

/** Resource filters carried by the policy, with the meaning of a Backup's new-style filters. */
export interface IncludeExcludePolicy {
  /**
   * Cluster-scoped resources to back up (`*` is not allowed here).
   * @default none
   */
  includedClusterScopedResources?: string[];
  /**
   * Cluster-scoped resources to skip.
   * @default none
   */
  excludedClusterScopedResources?: string[];
  /**
   * Namespaced resources to back up.
   * @default all
   */
  includedNamespaceScopedResources?: string[];
  /**
   * Namespaced resources to skip.
   * @default none
   */
  excludedNamespaceScopedResources?: string[];
}

/** The resource-policy document stored in the ConfigMap (`version: v1`). */
export interface ResourcePolicyDocument {
  /** Always `v1`. */
  version: 'v1';
  /** Ordered volume policies. */
  volumePolicies?: VolumePolicy[];
  /** Resource filters. */
  includeExcludePolicy?: IncludeExcludePolicy;
}

/** Options for {@link resourcePolicyConfigMap}. */
export interface ResourcePolicyOptions extends VeleroObjectOptions {
  /**
   * The ConfigMap data key holding the policy (the ConfigMap has exactly one key).
   * @default 'policy.yaml'
   */
  dataKey?: string;
  /**
   * Ordered volume policies; the first whose conditions all match decides.
   * @default none
   */
  volumePolicies?: VolumePolicy[];
  /**
   * Resource filters (only with new-style filters in the Backup).
   * @default none
   */
  includeExcludePolicy?: IncludeExcludePolicy;
}

/** A core `v1` ConfigMap holding a Velero resource policy. */
export interface ResourcePolicyConfigMap {
  /** Always `v1`. */
  apiVersion: 'v1';
  /** Always `ConfigMap`. */
  kind: 'ConfigMap';
  /** Name, namespace, labels and annotations. */
  metadata: ObjectMeta;
  /** Exactly one key whose value is the policy YAML. */
  data: Record<string, string>;
}
