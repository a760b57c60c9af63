/**
 * The built-in Kubernetes objects the library emits besides Velero's own (for restore drills):
 * only the fields it sets, typed as the Kubernetes API defines them.
 */

/** The metadata of a built-in Kubernetes object; cluster-scoped objects have no namespace. */
export interface KubernetesObjectMeta {
  /** The object's name. */
  name: string;
  /**
   * The namespace, for namespaced objects.
   * @default none (a cluster-scoped object)
   */
  namespace?: string;
  /**
   * Labels.
   * @default none
   */
  labels?: Record<string, string>;
  /**
   * Annotations.
   * @default none
   */
  annotations?: Record<string, string>;
}

/** What every Kubernetes object has: what a cdk8s `ApiObject` or a Pulumi resource needs. */
export interface KubernetesObject {
  /** The API group and version, e.g. `batch/v1`. */
  apiVersion: string;
  /** The kind, e.g. `CronJob`. */
  kind: string;
  /** Name, namespace, labels and annotations. */
  metadata: KubernetesObjectMeta;
}

/** A `v1` ServiceAccount. */
export interface ServiceAccountManifest extends KubernetesObject {
  /** Always `v1`. */
  apiVersion: 'v1';
  /** Always `ServiceAccount`. */
  kind: 'ServiceAccount';
  /** Whether pods get its token unless they say otherwise. */
  automountServiceAccountToken: boolean;
}

/** A `v1` ConfigMap. */
export interface ConfigMapManifest extends KubernetesObject {
  /** Always `v1`. */
  apiVersion: 'v1';
  /** Always `ConfigMap`. */
  kind: 'ConfigMap';
  /** The files. */
  data: Record<string, string>;
}

/** One RBAC rule (`rbac.authorization.k8s.io/v1` PolicyRule). */
export interface PolicyRule {
  /** API groups; `''` is the core group. */
  apiGroups: string[];
  /** Resource types, e.g. `pods` or `pods/log`. */
  resources: string[];
  /**
   * Object names the rule is limited to.
   * @default every object of the types
   */
  resourceNames?: string[];
  /** Verbs, e.g. `get`. */
  verbs: string[];
}

/** An RBAC Role (namespaced) or ClusterRole. */
export interface RoleManifest extends KubernetesObject {
  /** Always `rbac.authorization.k8s.io/v1`. */
  apiVersion: 'rbac.authorization.k8s.io/v1';
  /** `Role` or `ClusterRole`. */
  kind: 'Role' | 'ClusterRole';
  /** The permissions. */
  rules: PolicyRule[];
}

/** The subject of a binding: a ServiceAccount. */
export interface ServiceAccountSubject {
  /** Always `ServiceAccount`. */
  kind: 'ServiceAccount';
  /** The ServiceAccount's name. */
  name: string;
  /** The ServiceAccount's namespace. */
  namespace: string;
}

/** An RBAC RoleBinding (namespaced) or ClusterRoleBinding. */
export interface RoleBindingManifest extends KubernetesObject {
  /** Always `rbac.authorization.k8s.io/v1`. */
  apiVersion: 'rbac.authorization.k8s.io/v1';
  /** `RoleBinding` or `ClusterRoleBinding`. */
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  /** The role granted. */
  roleRef: { apiGroup: 'rbac.authorization.k8s.io'; kind: 'Role' | 'ClusterRole'; name: string };
  /** Who is granted it. */
  subjects: ServiceAccountSubject[];
}

/** Compute resources of a container: quantities such as `100m` or `64Mi`, by resource name. */
export interface ContainerResources {
  /**
   * What the scheduler reserves, e.g. `{ cpu: '50m', memory: '64Mi' }`.
   * @default none
   */
  requests?: Record<string, string>;
  /**
   * The most the container may use, e.g. `{ memory: '256Mi' }`.
   * @default none
   */
  limits?: Record<string, string>;
}

/** A container's security context (the fields the library sets). */
export interface ContainerSecurityContext {
  /** Whether a process may gain more privileges than its parent. */
  allowPrivilegeEscalation: boolean;
  /** Whether the root filesystem is mounted read-only. */
  readOnlyRootFilesystem: boolean;
  /** Whether the container must run as a non-root user. */
  runAsNonRoot: boolean;
  /** The user id. */
  runAsUser: number;
  /** The group id. */
  runAsGroup: number;
  /** Capabilities dropped. */
  capabilities: { drop: string[] };
  /** The seccomp profile. */
  seccompProfile: { type: 'RuntimeDefault' };
}

/** An environment variable with a literal value. */
export interface EnvVar {
  /** The variable's name. */
  name: string;
  /** Its value. */
  value: string;
}

/** A container (the fields the library sets). */
export interface Container {
  /** The container's name. */
  name: string;
  /** The image. */
  image: string;
  /** When the image is pulled. */
  imagePullPolicy: 'IfNotPresent' | 'Always' | 'Never';
  /** The command (the image's entrypoint is not used). */
  command: string[];
  /** Environment variables. */
  env: EnvVar[];
  /** Compute resources. */
  resources: ContainerResources;
  /** The security context. */
  securityContext: ContainerSecurityContext;
  /** Where the volumes are mounted. */
  volumeMounts: { name: string; mountPath: string; readOnly: boolean }[];
}

/** A pod volume: a ConfigMap, an emptyDir or a PersistentVolumeClaim. */
export interface PodVolume {
  /** The volume's name. */
  name: string;
  /**
   * Files from a ConfigMap.
   * @default not a ConfigMap volume
   */
  configMap?: { name: string; defaultMode: number };
  /**
   * A scratch directory.
   * @default not an emptyDir volume
   */
  emptyDir?: { sizeLimit: string };
  /**
   * A claim.
   * @default not a claim volume
   */
  persistentVolumeClaim?: { claimName: string; readOnly: boolean };
}

/** A pod's spec (the fields the library sets). */
export interface PodSpec {
  /**
   * The ServiceAccount the pod runs as.
   * @default none (the namespace's `default`)
   */
  serviceAccountName?: string;
  /** Whether the ServiceAccount's token is mounted. */
  automountServiceAccountToken: boolean;
  /** What happens when a container exits. */
  restartPolicy: 'Never' | 'OnFailure';
  /**
   * How long the pod may run, in seconds.
   * @default no limit
   */
  activeDeadlineSeconds?: number;
  /** How long the containers get to stop after SIGTERM, in seconds. */
  terminationGracePeriodSeconds: number;
  /** The pod's security context. */
  securityContext: {
    runAsNonRoot: boolean;
    runAsUser: number;
    runAsGroup: number;
    seccompProfile: { type: 'RuntimeDefault' };
  };
  /**
   * Secrets holding registry credentials, by name.
   * @default none
   */
  imagePullSecrets?: { name: string }[];
  /** The containers. */
  containers: Container[];
  /** The volumes. */
  volumes: PodVolume[];
}

/** A `v1` Pod. */
export interface PodManifest extends KubernetesObject {
  /** Always `v1`. */
  apiVersion: 'v1';
  /** Always `Pod`. */
  kind: 'Pod';
  /** The pod's spec. */
  spec: PodSpec;
}

/** A `batch/v1` CronJob (the fields the library sets). */
export interface CronJobManifest extends KubernetesObject {
  /** Always `batch/v1`. */
  apiVersion: 'batch/v1';
  /** Always `CronJob`. */
  kind: 'CronJob';
  /** The CronJob's spec. */
  spec: {
    /** When it runs: a cron expression without a time-zone prefix. */
    schedule: string;
    /**
     * The IANA zone the schedule is read in.
     * @default the kube-controller-manager's zone
     */
    timeZone?: string;
    /** Whether a run may start while another is running. */
    concurrencyPolicy: 'Forbid' | 'Allow' | 'Replace';
    /** How late a missed run may still start, in seconds. */
    startingDeadlineSeconds: number;
    /** Finished successful Jobs kept. */
    successfulJobsHistoryLimit: number;
    /** Finished failed Jobs kept. */
    failedJobsHistoryLimit: number;
    /** Whether runs are suspended. */
    suspend: boolean;
    /** The Job each run creates. */
    jobTemplate: {
      metadata: { labels: Record<string, string> };
      spec: {
        activeDeadlineSeconds: number;
        backoffLimit: number;
        template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
      };
    };
  };
}

/** A `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy (the fields the library sets). */
export interface ValidatingAdmissionPolicyManifest extends KubernetesObject {
  /** Always `admissionregistration.k8s.io/v1`. */
  apiVersion: 'admissionregistration.k8s.io/v1';
  /** Always `ValidatingAdmissionPolicy`. */
  kind: 'ValidatingAdmissionPolicy';
  /** The policy. */
  spec: {
    failurePolicy: 'Fail' | 'Ignore';
    matchConstraints: {
      resourceRules: {
        apiGroups: string[];
        apiVersions: string[];
        operations: string[];
        resources: string[];
      }[];
    };
    matchConditions: { name: string; expression: string }[];
    validations: { expression: string; message: string; reason: 'Forbidden' }[];
  };
}

/** A `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicyBinding. */
export interface ValidatingAdmissionPolicyBindingManifest extends KubernetesObject {
  /** Always `admissionregistration.k8s.io/v1`. */
  apiVersion: 'admissionregistration.k8s.io/v1';
  /** Always `ValidatingAdmissionPolicyBinding`. */
  kind: 'ValidatingAdmissionPolicyBinding';
  /** Which policy, enforced how. */
  spec: { policyName: string; validationActions: 'Deny'[] };
}
