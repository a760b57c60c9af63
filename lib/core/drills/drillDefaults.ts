/**
 * The defaults and fixed names of restore drills, in one place.
 */
import type { ContainerResources } from '../types/kubernetes';

/**
 * The image the drill runs in by default: `docker.io/alpine/kubectl`, pinned by tag. It is Alpine
 * with kubectl and BusyBox (a POSIX `sh`, `ls`, `date`, `sleep`), a few tens of MB, public on
 * Docker Hub, with tags that follow kubectl's releases. `registry.k8s.io/kubectl` has no shell;
 * `bitnami/kubectl` no longer publishes versioned tags for free (they moved to an unmaintained
 * `bitnamilegacy` repository); `alpine/k8s` works but also carries Helm, the AWS CLI and more
 * (hundreds of MB). kubectl 1.34 talks to API servers 1.33 to 1.35 within the supported skew, and
 * the drill uses only long-stable kubectl commands. Air-gapped clusters mirror it and set `image`.
 */
export const DEFAULT_DRILL_IMAGE = 'docker.io/alpine/kubectl:1.34.2';

/** The prefix of the scratch namespaces a drill restores into: `velero-drill-<namespace>`. */
export const DEFAULT_SCRATCH_PREFIX = 'velero-drill-';

/** The label naming the drill, on every object the drill declares or creates, and on its Restores. */
export const DRILL_LABEL = 'velero-iac.io/drill';

/** The label naming the Schedule a drill verifies, on the drill's objects and its Restores. */
export const DRILL_SCHEDULE_LABEL = 'velero-iac.io/schedule';

/** The label Velero puts on every object a Restore creates, holding the Restore's name. */
export const VELERO_RESTORE_NAME_LABEL = 'velero.io/restore-name';

/** The annotation Velero puts on a PersistentVolume it created from a snapshot under a new name. */
export const VELERO_ORIGINAL_PV_ANNOTATION = 'velero.io/original-pv-name';

/** Where the verification pod mounts the restored claim (read-only). */
export const DRILL_VOLUME_PATH = '/data';

/** The user and group the drill's containers run as by default (non-root, no home directory). */
export const DEFAULT_DRILL_USER = 65532;

/** The default timeouts of one drill run, as Go durations. */
export const DEFAULT_DRILL_TIMEOUTS = {
  /** How long Velero gets to finish the Restore. */
  restoreTimeout: '1h',
  /** How long the checks get: claims Bound, verification pods (or restored pods) done. */
  checkTimeout: '30m',
  /** How long the clean-up gets: the Restore to stop, the scratch namespaces to go. */
  cleanupTimeout: '15m',
} as const;

/** Seconds the Job gets beyond the three timeouts before Kubernetes stops it. */
export const DRILL_DEADLINE_MARGIN_SECONDS = 300;

/** How often the script polls the cluster, in seconds. */
export const DRILL_POLL_SECONDS = 10;

/** The default resources of the drill's own container (kubectl and a shell). */
export const DEFAULT_DRILL_RESOURCES: ContainerResources = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** The default resources of each verification pod (it lists one directory). */
export const DEFAULT_VERIFICATION_RESOURCES: ContainerResources = {
  requests: { cpu: '10m', memory: '16Mi' },
  limits: { cpu: '100m', memory: '64Mi' },
};

/** The CronJob's defaults. */
export const DEFAULT_DRILL_CRONJOB = {
  /** A run missed by up to an hour (controller down, cluster upgrade) still starts. */
  startingDeadlineSeconds: 3600,
  /** Finished successful Jobs kept, with their logs. */
  successfulJobsHistoryLimit: 3,
  /** Finished failed Jobs kept, with their logs. */
  failedJobsHistoryLimit: 3,
} as const;

/**
 * What a `namespace` drill does not restore by default, because a copy of it would reach beyond
 * the scratch namespaces: Services (a LoadBalancer costs money, external-dns would point live
 * host names at the copy), Ingresses, Gateway API routes and Istio VirtualServices (they would
 * route live traffic to the copy), NetworkPolicies (the drill isolates the copy with its own),
 * CronJobs and Jobs (the application's scheduled side effects would run), Prometheus Operator
 * monitors and rules (duplicate scrapes and alerts), and UDS Packages (the UDS operator would
 * expose the copy and open its network).
 */
export const DRILL_NAMESPACE_MODE_EXCLUDED_RESOURCES: readonly string[] = [
  'services',
  'ingresses.networking.k8s.io',
  'httproutes.gateway.networking.k8s.io',
  'grpcroutes.gateway.networking.k8s.io',
  'tlsroutes.gateway.networking.k8s.io',
  'tcproutes.gateway.networking.k8s.io',
  'udproutes.gateway.networking.k8s.io',
  'virtualservices.networking.istio.io',
  'networkpolicies.networking.k8s.io',
  'cronjobs.batch',
  'jobs.batch',
  'servicemonitors.monitoring.coreos.com',
  'podmonitors.monitoring.coreos.com',
  'prometheusrules.monitoring.coreos.com',
  'packages.uds.dev',
];

/** What a `volumes` drill restores: the claims and the volumes bound to them. */
export const DRILL_VOLUMES_MODE_RESOURCES: readonly string[] = [
  'persistentvolumeclaims',
  'persistentvolumes',
];

/** Namespaces a scratch namespace may never be, whatever the prefix. */
export const PROTECTED_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];
