/**
 * What a restore drill may do in the cluster, and nothing more: its ServiceAccount, the least
 * RBAC its script needs, and a ValidatingAdmissionPolicy for what RBAC cannot limit.
 *
 * RBAC cannot limit `create` by object name (the name is not known when the request is
 * authorized), cannot grant anything inside a namespace that does not exist yet, and cannot tell
 * one PersistentVolume from another when their names are made up at restore time. So:
 * - `get` and `delete` on namespaces are limited to the scratch names (`resourceNames`);
 *   `create` cannot be, and the admission policy admits only the scratch names with the drill's
 *   label, and deletes only of namespaces that carry it;
 * - inside a scratch namespace the drill works through a RoleBinding its script creates after
 *   creating the namespace, to a ClusterRole that holds exactly what it does there; the policy
 *   admits such bindings only in the scratch namespaces, to that role, for the drill's own
 *   ServiceAccount, and `bind` is limited to that role by name;
 * - PersistentVolumes may be listed, and changed or deleted only when the policy finds them
 *   restored by one of this drill's Restores for a claim in a scratch namespace; the only change
 *   admitted is a reclaim policy of `Delete` on a volume Velero made from a snapshot.
 * Nothing touches Secrets and no rule holds a wildcard.
 */
import type {
  KubernetesObject,
  PolicyRule,
  RoleBindingManifest,
  RoleManifest,
  ServiceAccountManifest,
  ServiceAccountSubject,
  ValidatingAdmissionPolicyBindingManifest,
  ValidatingAdmissionPolicyManifest,
} from '../types/kubernetes';
import {
  DRILL_LABEL,
  VELERO_ORIGINAL_PV_ANNOTATION,
  VELERO_RESTORE_NAME_LABEL,
} from './drillDefaults';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_VERSION = 'rbac.authorization.k8s.io/v1';

/** The names of a drill's access objects. */
export interface DrillAccessNames {
  /** The drill's name: its ServiceAccount, Role and RoleBindings. */
  readonly drill: string;
  /** The namespace of the drill's CronJob and ServiceAccount. */
  readonly namespace: string;
  /** The namespace of Velero, where the drill creates Restores. */
  readonly veleroNamespace: string;
  /** The cluster-scoped objects: ClusterRole, ClusterRoleBinding, admission policy. */
  readonly cluster: string;
  /** The ClusterRole bound inside each scratch namespace. */
  readonly scratchRole: string;
}

/** The names of a drill's cluster-scoped objects: unique per namespace and drill. */
export function drillAccessNames(
  drill: string,
  namespace: string,
  veleroNamespace: string,
): DrillAccessNames {
  return {
    drill,
    namespace,
    veleroNamespace,
    cluster: `velero-iac-drill.${namespace}.${drill}`,
    scratchRole: `velero-iac-drill-scratch.${namespace}.${drill}`,
  };
}

/** What the access objects are built from. */
export interface DrillAccessInputs {
  /** The names. */
  readonly names: DrillAccessNames;
  /** The scratch namespaces. */
  readonly scratchNamespaces: readonly string[];
  /** What is restored: `volumes` drills create verification pods. */
  readonly mode: 'volumes' | 'namespace';
  /** Whether the script creates a NetworkPolicy in each scratch namespace. */
  readonly isolateNetwork: boolean;
  /** The labels of every object. */
  readonly labels: Record<string, string>;
  /** The annotations of every object. */
  readonly annotations: Record<string, string> | undefined;
}

/** What a restore drill may do: its ServiceAccount, RBAC and admission policy. */
export interface RestoreDrillAccess {
  /** The ServiceAccount the CronJob runs as (its token is mounted only into the drill's pod). */
  readonly serviceAccount: ServiceAccountManifest;
  /** Create and read Restores in Velero's namespace. */
  readonly role: RoleManifest;
  /** Binds {@link RestoreDrillAccess.role} to the ServiceAccount. */
  readonly roleBinding: RoleBindingManifest;
  /** The cluster-scoped permissions (namespaces, bindings, volumes), fenced by the policy. */
  readonly clusterRole: RoleManifest;
  /** Binds {@link RestoreDrillAccess.clusterRole} to the ServiceAccount. */
  readonly clusterRoleBinding: RoleBindingManifest;
  /** What the drill does inside a scratch namespace; bound there by the script at run time. */
  readonly scratchRole: RoleManifest;
  /** Admits the drill's writes only on its own namespaces, bindings and volumes. */
  readonly admissionPolicy: ValidatingAdmissionPolicyManifest;
  /** Enforces {@link RestoreDrillAccess.admissionPolicy} (`Deny`). */
  readonly admissionPolicyBinding: ValidatingAdmissionPolicyBindingManifest;
}

/** The drill's access objects, and the RoleBinding its script creates in a scratch namespace. */
export interface DrillAccess extends RestoreDrillAccess {
  /** The RoleBinding the script creates in each scratch namespace (namespace to be filled in). */
  readonly scratchRoleBindingTemplate: (namespace: string) => RoleBindingManifest;
}

/** The metadata of one of a drill's objects: its labels and annotations, copied. */
export function drillObjectMeta(
  name: string,
  namespace: string | undefined,
  labels: Record<string, string>,
  annotations: Record<string, string> | undefined,
): KubernetesObject['metadata'] {
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    labels: { ...labels },
    ...(annotations === undefined ? {} : { annotations: { ...annotations } }),
  };
}

function metadata(
  inputs: DrillAccessInputs,
  name: string,
  namespace?: string,
): KubernetesObject['metadata'] {
  return drillObjectMeta(name, namespace, inputs.labels, inputs.annotations);
}

function rule(
  apiGroup: string,
  resources: string[],
  verbs: string[],
  resourceNames?: readonly string[],
): PolicyRule {
  return {
    apiGroups: [apiGroup],
    resources,
    ...(resourceNames === undefined ? {} : { resourceNames: [...resourceNames] }),
    verbs,
  };
}

/** A CEL string literal. */
function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A CEL list of string literals. */
function celList(items: readonly string[]): string {
  return `[${items.map(celString).join(', ')}]`;
}

/** CEL: `object` carries label `key` with value `value`. */
function celLabelIs(object: string, key: string, value: string): string {
  return `has(${object}.metadata.labels) && ${celString(key)} in ${object}.metadata.labels && ${object}.metadata.labels[${celString(key)}] == ${celString(value)}`;
}

/** The admission policy's CEL rules, each with the message shown when it denies a request. */
export function drillAdmissionValidations(
  names: DrillAccessNames,
  scratchNamespaces: readonly string[],
): { expression: string; message: string; reason: 'Forbidden' }[] {
  const scratch = celList(scratchNamespaces);
  const label = (object: string): string => celLabelIs(object, DRILL_LABEL, names.drill);
  const restoredHere = (object: string): string =>
    `has(${object}.metadata.labels) && ${celString(VELERO_RESTORE_NAME_LABEL)} in ${object}.metadata.labels && ${object}.metadata.labels[${celString(VELERO_RESTORE_NAME_LABEL)}].matches(${celString(`^${names.drill}-[0-9]{14}$`)}) && has(${object}.spec.claimRef) && has(${object}.spec.claimRef.namespace) && ${object}.spec.claimRef.namespace in ${scratch}`;
  const on = (resource: string, operation: string): string =>
    `request.resource.resource != ${celString(resource)} || request.operation != ${celString(operation)}`;
  const subject = `s.kind == 'ServiceAccount' && s.name == ${celString(names.drill)} && has(s.namespace) && s.namespace == ${celString(names.namespace)}`;
  return [
    {
      expression: `${on('namespaces', 'CREATE')} || (object.metadata.name in ${scratch} && ${label('object')})`,
      message: `restore drill ${names.drill} may create only its scratch namespaces, labelled ${DRILL_LABEL}=${names.drill}`,
      reason: 'Forbidden',
    },
    {
      expression: `${on('namespaces', 'DELETE')} || (oldObject.metadata.name in ${scratch} && ${label('oldObject')})`,
      message: `restore drill ${names.drill} may delete only its scratch namespaces, labelled ${DRILL_LABEL}=${names.drill}`,
      reason: 'Forbidden',
    },
    {
      expression: on('namespaces', 'UPDATE'),
      message: `restore drill ${names.drill} may not change namespaces`,
      reason: 'Forbidden',
    },
    {
      expression: `request.resource.resource != 'rolebindings' || (request.namespace in ${scratch} && object.roleRef.kind == 'ClusterRole' && object.roleRef.name == ${celString(names.scratchRole)} && has(object.subjects) && object.subjects.all(s, ${subject}))`,
      message: `restore drill ${names.drill} may bind only its scratch role, to itself, in its scratch namespaces`,
      reason: 'Forbidden',
    },
    {
      expression: `${on('persistentvolumes', 'UPDATE')} || (${restoredHere('oldObject')} && has(oldObject.metadata.annotations) && ${celString(VELERO_ORIGINAL_PV_ANNOTATION)} in oldObject.metadata.annotations && object.spec.persistentVolumeReclaimPolicy == 'Delete')`,
      message: `restore drill ${names.drill} may only set the reclaim policy Delete on volumes its Restores made from snapshots for its scratch namespaces`,
      reason: 'Forbidden',
    },
    {
      expression: `${on('persistentvolumes', 'DELETE')} || (${restoredHere('oldObject')})`,
      message: `restore drill ${names.drill} may delete only volumes its Restores created for its scratch namespaces`,
      reason: 'Forbidden',
    },
    {
      expression: on('persistentvolumes', 'CREATE'),
      message: `restore drill ${names.drill} may not create volumes`,
      reason: 'Forbidden',
    },
  ];
}

/** The drill's ServiceAccount, RBAC and admission policy. */
export function drillAccess(inputs: DrillAccessInputs): DrillAccess {
  const { names } = inputs;
  const subject: ServiceAccountSubject = {
    kind: 'ServiceAccount',
    name: names.drill,
    namespace: names.namespace,
  };
  const scratchRules: PolicyRule[] = [
    rule(
      '',
      ['pods'],
      inputs.mode === 'volumes' ? ['create', 'get', 'list', 'delete'] : ['get', 'list'],
    ),
    ...(inputs.mode === 'volumes' ? [rule('', ['pods/log'], ['get'])] : []),
    rule('', ['persistentvolumeclaims'], ['get', 'list']),
    rule('', ['events'], ['list']),
    ...(inputs.isolateNetwork ? [rule('networking.k8s.io', ['networkpolicies'], ['create'])] : []),
  ];
  return {
    serviceAccount: {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: metadata(inputs, names.drill, names.namespace),
      automountServiceAccountToken: false,
    },
    role: {
      apiVersion: RBAC_VERSION,
      kind: 'Role',
      metadata: metadata(inputs, names.drill, names.veleroNamespace),
      rules: [rule('velero.io', ['restores'], ['create', 'get'])],
    },
    roleBinding: {
      apiVersion: RBAC_VERSION,
      kind: 'RoleBinding',
      metadata: metadata(inputs, names.drill, names.veleroNamespace),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: names.drill },
      subjects: [subject],
    },
    clusterRole: {
      apiVersion: RBAC_VERSION,
      kind: 'ClusterRole',
      metadata: metadata(inputs, names.cluster),
      rules: [
        rule('', ['namespaces'], ['get', 'delete'], inputs.scratchNamespaces),
        // RBAC cannot limit create by name: the admission policy admits only the scratch names.
        rule('', ['namespaces'], ['create']),
        // Limited to the scratch namespaces and the scratch role by the admission policy.
        rule(RBAC_GROUP, ['rolebindings'], ['create']),
        rule(RBAC_GROUP, ['clusterroles'], ['bind'], [names.scratchRole]),
        // Changes and deletes are limited to this drill's restored volumes by the policy.
        rule('', ['persistentvolumes'], ['get', 'list', 'patch', 'delete']),
      ],
    },
    clusterRoleBinding: {
      apiVersion: RBAC_VERSION,
      kind: 'ClusterRoleBinding',
      metadata: metadata(inputs, names.cluster),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: names.cluster },
      subjects: [subject],
    },
    scratchRole: {
      apiVersion: RBAC_VERSION,
      kind: 'ClusterRole',
      metadata: metadata(inputs, names.scratchRole),
      rules: scratchRules,
    },
    admissionPolicy: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: metadata(inputs, names.cluster),
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE', 'DELETE'],
              resources: ['namespaces', 'persistentvolumes'],
            },
            {
              apiGroups: [RBAC_GROUP],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['rolebindings'],
            },
          ],
        },
        matchConditions: [
          {
            name: 'drill-service-account',
            expression: `request.userInfo.username == ${celString(`system:serviceaccount:${names.namespace}:${names.drill}`)}`,
          },
        ],
        validations: drillAdmissionValidations(names, inputs.scratchNamespaces),
      },
    },
    admissionPolicyBinding: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: metadata(inputs, names.cluster),
      spec: { policyName: names.cluster, validationActions: ['Deny'] },
    },
    scratchRoleBindingTemplate: (namespace) => ({
      apiVersion: RBAC_VERSION,
      kind: 'RoleBinding',
      metadata: metadata(inputs, names.drill, namespace),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: names.scratchRole },
      subjects: [subject],
    }),
  };
}
