/**
 * Restore drills: a CronJob that restores the newest backup of a Schedule into scratch
 * namespaces, proves the data came back, cleans up and reports, without touching a live
 * namespace. {@link restoreDrill} builds every object a drill needs.
 */
import type { RestoreDrillAlertTarget } from '../alerts/restoreDrillAlertTarget';
import { issue, type ValidationIssue, VeleroConfigError } from '../errors';
import { restoreManifest } from '../manifests/builders';
import { joinPath } from '../path';
import { parseCron } from '../rules/cron';
import { checkGoDuration, normalizeGoDuration, parseGoDuration } from '../rules/duration';
import { checkAnnotations, checkLabels } from '../rules/labels';
import { checkDns1123Label, checkDns1123Subdomain } from '../rules/names';
import { parseQuantity } from '../rules/quantity';
import { checkShape, isPlainObject } from '../schema/checkShape';
import { bool, int, obj, open, str, strList, strMap } from '../schema/fieldSchema';
import type {
  ConfigMapManifest,
  Container,
  ContainerResources,
  ContainerSecurityContext,
  CronJobManifest,
  KubernetesObject,
  PodManifest,
  PodSpec,
} from '../types/kubernetes';
import type { RestoreManifest } from '../types/restore';
import type { ScheduleManifest } from '../types/schedule';
import { validateManifest } from '../validateManifest';
import { VELERO_RELEASES } from '../versions/veleroReleases';
import {
  checkVeleroVersion,
  targetVeleroVersion,
  type VeleroTargetOptions,
  type VeleroVersion,
} from '../versions/veleroVersion';
import {
  drillAccess,
  drillAccessNames,
  drillObjectMeta,
  type RestoreDrillAccess,
} from './drillAccess';
import {
  checkCronJobTimeZone,
  checkDrillCron,
  defaultDrillCron,
  drillCollision,
} from './drillCron';
import {
  DEFAULT_DRILL_CRONJOB,
  DEFAULT_DRILL_IMAGE,
  DEFAULT_DRILL_RESOURCES,
  DEFAULT_DRILL_TIMEOUTS,
  DEFAULT_DRILL_USER,
  DEFAULT_SCRATCH_PREFIX,
  DEFAULT_VERIFICATION_RESOURCES,
  DRILL_DEADLINE_MARGIN_SECONDS,
  DRILL_LABEL,
  DRILL_NAMESPACE_MODE_EXCLUDED_RESOURCES,
  DRILL_SCHEDULE_LABEL,
  DRILL_VOLUME_PATH,
  DRILL_VOLUMES_MODE_RESOURCES,
} from './drillDefaults';
import { renderDrillScript, SCRIPT_PLACEHOLDERS } from './drillScript';
import { planScratchNamespaces } from './scratchNamespaces';

/** What a drill restores and checks. */
export const RestoreDrillMode = {
  /** The PersistentVolumeClaims and their volumes, checked by a read-only pod per claim. */
  Volumes: 'volumes',
  /** Everything in the namespaces, pods included. */
  Namespace: 'namespace',
} as const;

/** What a drill restores and checks: `volumes` or `namespace`. */
export type RestoreDrillMode = (typeof RestoreDrillMode)[keyof typeof RestoreDrillMode];

/** Compute resources: quantities by resource name, e.g. `{ requests: { memory: '64Mi' } }`. */
export type RestoreDrillResources = ContainerResources;

/**
 * The settings of a restore drill besides the schedule it verifies and the Velero release: every
 * {@link RestoreDrillOptions} field but `schedule` and `veleroVersion`.
 */
export interface RestoreDrillSettings {
  /**
   * The drill's name: its CronJob, ServiceAccount, ConfigMap and Restores (`<name>-<YYYYMMDDhhmmss>`).
   * A DNS-1123 label of at most 48 characters, so a Restore name fits Velero's 63.
   * @default `<schedule>-drill`
   */
  name?: string;
  /**
   * The namespace of the drill's CronJob, ServiceAccount and ConfigMap. Its Restores are always
   * created in the schedule's (Velero's) namespace.
   * @default the schedule's namespace
   */
  namespace?: string;
  /**
   * The namespaces to restore and verify; each must be backed up by the schedule.
   * @default every namespace in the schedule's `includedNamespaces` (required when the schedule
   * names its namespaces by pattern)
   */
  namespaces?: string[];
  /**
   * The prefix of the scratch namespaces: namespace `monitoring` is restored as
   * `<prefix>monitoring`. A scratch namespace may never be a live one.
   * @default 'velero-drill-'
   */
  scratchPrefix?: string;
  /**
   * When the drill runs: a cron expression as a Kubernetes CronJob takes it (5 fields or
   * `@weekly` etc.; no `TZ=` prefix, no `@every`). It may never start at a minute at which the
   * schedule starts a backup.
   * @default weekly, three hours after the schedule's backup and 30 minutes off its minute
   *   (`30 6 * * 0` for a daily `0 3 * * *` schedule)
   */
  cron?: string;
  /**
   * The IANA time zone of `cron` (the CronJob's `spec.timeZone`).
   * @default the schedule's `CRON_TZ=`/`TZ=` zone, else none (the kube-controller-manager's zone, UTC in practice)
   */
  timeZone?: string;
  /**
   * What is restored and checked. `volumes`: the PersistentVolumeClaims and their volumes, and a
   * verification pod per claim that mounts it read-only and checks it is not empty (or runs
   * `verifyCommand`). `namespace`: everything in the namespaces (less `excludedResources`), pods
   * included; every restored pod must become Ready (or Succeed). Volumes backed up with
   * file-system backup come back only into pods: use `namespace` for them.
   * @default 'volumes'
   */
  restore?: RestoreDrillMode;
  /**
   * With `restore: 'volumes'`: a POSIX shell command each verification pod runs instead of the
   * default check, with the restored volume mounted read-only at `$DRILL_VOLUME_PATH` (`/data`)
   * and the claim's name in `$DRILL_CLAIM`; exit status 0 means the data is good.
   * @default the volume must hold something besides `lost+found`
   */
  verifyCommand?: string;
  /**
   * With `restore: 'namespace'`: the resources not restored.
   * @default Services, Ingresses, Gateway API routes, Istio VirtualServices, NetworkPolicies,
   *   CronJobs, Jobs, Prometheus Operator monitors and rules, UDS Packages (see
   *   `DRILL_NAMESPACE_MODE_EXCLUDED_RESOURCES`)
   */
  excludedResources?: string[];
  /**
   * With `restore: 'namespace'`: create a NetworkPolicy in each scratch namespace before the
   * restore that lets no traffic in or out but DNS, so the copy cannot reach live systems.
   * @default true
   */
  isolateNetwork?: boolean;
  /**
   * How long Velero gets to finish the Restore (a Go duration; also its `itemOperationTimeout`).
   * @default '1h'
   */
  restoreTimeout?: string;
  /**
   * How long the checks get: every claim Bound and every verification pod (or restored pod) done.
   * @default '30m'
   */
  checkTimeout?: string;
  /**
   * How long the clean-up gets (the Restore to stop, the scratch namespaces to go).
   * @default '15m'
   */
  cleanupTimeout?: string;
  /**
   * The image of the drill and of its verification pods: it needs `kubectl` and a POSIX shell.
   * @default 'docker.io/alpine/kubectl:1.34.2'
   */
  image?: string;
  /**
   * Secrets (in the drill's namespace, and for verification pods the scratch namespace) with
   * credentials for a private registry, by name.
   * @default none
   */
  imagePullSecrets?: string[];
  /**
   * The drill container's resources.
   * @default requests 50m CPU and 64Mi memory, limits 500m CPU and 256Mi memory
   */
  resources?: RestoreDrillResources;
  /**
   * Each verification pod's resources.
   * @default requests 10m CPU and 16Mi memory, limits 100m CPU and 64Mi memory
   */
  verificationResources?: RestoreDrillResources;
  /**
   * The (non-root) user id of the drill's containers.
   * @default 65532
   */
  runAsUser?: number;
  /**
   * The group id of the drill's containers.
   * @default 65532
   */
  runAsGroup?: number;
  /**
   * Suspend the drill: the CronJob starts no run.
   * @default false
   */
  suspend?: boolean;
  /**
   * How late, in seconds, a run that was missed (controller down) may still start.
   * @default 3600
   */
  startingDeadlineSeconds?: number;
  /**
   * Finished successful runs kept (with their logs).
   * @default 3
   */
  successfulJobsHistoryLimit?: number;
  /**
   * Finished failed runs kept (with their logs).
   * @default 3
   */
  failedJobsHistoryLimit?: number;
  /**
   * Extra labels on every object of the drill.
   * @default none
   */
  labels?: Record<string, string>;
  /**
   * Annotations on every object of the drill.
   * @default none
   */
  annotations?: Record<string, string>;
}

/**
 * Options of {@link restoreDrill}. `veleroVersion` is the release the cluster runs: the schedule
 * is checked against it (its cron with that release's dialect) and the Restore each run creates
 * targets it (e.g. `backupName: ""` beside `scheduleName` before 1.14).
 */
export interface RestoreDrillOptions extends RestoreDrillSettings, VeleroTargetOptions {
  /**
   * The Schedule whose newest Completed backup the drill restores, as a manifest (e.g. from
   * `scheduleManifest` or `udsDefaultSchedule`): the drill takes its name, namespace, namespaces
   * and cron from it. Its `@every` interval is not checked again (a Schedule builder allowed it).
   */
  schedule: ScheduleManifest;
}

/** Everything {@link restoreDrill} builds. */
export interface RestoreDrill extends RestoreDrillAccess {
  /** The drill's name. */
  readonly name: string;
  /** The namespace of the drill's CronJob. */
  readonly namespace: string;
  /** The namespace of Velero (the schedule's), where the drill creates its Restores. */
  readonly veleroNamespace: string;
  /** The Schedule verified. */
  readonly schedule: string;
  /** The drill's cron (CronJob `spec.schedule`). */
  readonly cron: string;
  /** The CronJob's time zone, when set. */
  readonly timeZone: string | undefined;
  /** What is restored and checked. */
  readonly mode: RestoreDrillMode;
  /** Source namespace to scratch namespace. */
  readonly scratchNamespaces: Readonly<Record<string, string>>;
  /** The Restore each run creates, named `<drill>-00000000000000` here (the script names it). */
  readonly restoreTemplate: RestoreManifest;
  /** The script each run executes (also in the ConfigMap). */
  readonly script: string;
  /** The script, as the ConfigMap the CronJob mounts. */
  readonly configMap: ConfigMapManifest;
  /** The CronJob. */
  readonly cronJob: CronJobManifest;
  /** Every object above, in the order to apply them (the policy before what it fences). */
  readonly manifests: readonly KubernetesObject[];
  /** What the backup-health alerts need to know of this drill. */
  readonly alertTarget: RestoreDrillAlertTarget;
}

/** The longest drill name: `<name>-<YYYYMMDDhhmmss>` must fit Velero's 63 characters. */
export const MAX_DRILL_NAME_LENGTH = 48;

/** The key of the script in the drill's ConfigMap. */
export const DRILL_SCRIPT_KEY = 'drill.sh';

/** The check a verification pod runs by default. */
export const DEFAULT_VERIFY_COMMAND = `set -u
if ! entries=$(ls -A "$DRILL_VOLUME_PATH"); then
  echo "cannot read the restored volume of claim $DRILL_CLAIM"
  exit 2
fi
entries=$(printf '%s\\n' "$entries" | grep -v -x 'lost+found')
if [ -z "$entries" ]; then
  echo "the restored volume of claim $DRILL_CLAIM is empty"
  exit 1
fi
echo "the restored volume of claim $DRILL_CLAIM holds $(printf '%s\\n' "$entries" | wc -l | tr -d ' ') top-level entries"
`;

const RESOURCES_SCHEMA = obj({ requests: strMap(), limits: strMap() });

const OPTIONS_SCHEMA = obj(
  {
    schedule: open(),
    name: str(),
    namespace: str(),
    namespaces: open(),
    scratchPrefix: open(),
    cron: open(),
    timeZone: open(),
    restore: str({ enum: ['volumes', 'namespace'] }),
    verifyCommand: str(),
    excludedResources: strList(),
    isolateNetwork: bool(),
    restoreTimeout: str(),
    checkTimeout: str(),
    cleanupTimeout: str(),
    image: str(),
    imagePullSecrets: strList(),
    resources: RESOURCES_SCHEMA,
    verificationResources: RESOURCES_SCHEMA,
    runAsUser: int({ minimum: 1 }),
    runAsGroup: int({ minimum: 0 }),
    suspend: bool(),
    startingDeadlineSeconds: int({ minimum: 10 }),
    successfulJobsHistoryLimit: int({ minimum: 0 }),
    failedJobsHistoryLimit: int({ minimum: 0 }),
    labels: strMap(),
    annotations: strMap(),
    // Checked by checkVeleroVersion, which says how to write a release.
    veleroVersion: open(),
  },
  { required: ['schedule'] },
);

function checkSchedule(schedule: unknown, veleroVersion: VeleroVersion): ValidationIssue[] {
  if (!isPlainObject(schedule) || schedule.kind !== 'Schedule') {
    return [
      issue('schedule', 'must be a Velero Schedule manifest (e.g. from scheduleManifest)', {
        received: isPlainObject(schedule) ? schedule.kind : schedule,
      }),
    ];
  }
  // How often the schedule fires is its builder's policy (waived there with
  // `allowIntervalsUnderOneMinute`, which a manifest does not carry): not checked again here.
  return validateManifest(schedule, { veleroVersion, allowIntervalsUnderOneMinute: true }).map(
    (item) => ({
      ...item,
      path: item.path === '' ? 'schedule' : `schedule.${item.path}`,
    }),
  );
}

/** Seconds of a Go duration option of at least one minute, or the issues. */
function durationSeconds(value: unknown, path: string, issues: ValidationIssue[]): number {
  const problem = checkGoDuration(value);
  if (problem !== undefined) {
    issues.push(issue(path, problem, { received: value }));
    return 0;
  }
  const ms = parseGoDuration(value as string) ?? 0;
  if (ms < 60_000) {
    issues.push(
      issue(path, 'must be at least one minute', { received: value, allowed: 'e.g. "30m"' }),
    );
    return 0;
  }
  return Math.floor(ms / 1000);
}

function checkResources(value: RestoreDrillResources | undefined, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const kind of ['requests', 'limits'] as const) {
    for (const [resource, quantity] of Object.entries(value?.[kind] ?? {})) {
      const at = joinPath(joinPath(path, kind), resource);
      if (!/^([a-z0-9.-]+\/)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(resource)) {
        issues.push(issue(at, 'is not a resource name (e.g. cpu, memory, ephemeral-storage)'));
      } else if (parseQuantity(quantity) === undefined) {
        issues.push(
          issue(at, 'must be a Kubernetes quantity', {
            received: quantity,
            allowed: 'e.g. "100m" or "64Mi"',
          }),
        );
      }
    }
  }
  return issues;
}

function checkImage(value: unknown, path: string): ValidationIssue[] {
  if (typeof value !== 'string' || value === '' || /\s/.test(value)) {
    return [
      issue(path, 'must be an image reference without spaces', {
        received: value,
        allowed: `e.g. "${DEFAULT_DRILL_IMAGE}"`,
      }),
    ];
  }
  return [];
}

function copyResources(resources: RestoreDrillResources): ContainerResources {
  return {
    ...(resources.requests === undefined ? {} : { requests: { ...resources.requests } }),
    ...(resources.limits === undefined ? {} : { limits: { ...resources.limits } }),
  };
}

/** The fixed part of every container's security context. */
function securityContext(user: number, group: number): ContainerSecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: user,
    runAsGroup: group,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function podSecurityContext(user: number, group: number): PodSpec['securityContext'] {
  return {
    runAsNonRoot: true,
    runAsUser: user,
    runAsGroup: group,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * Every object a restore drill needs, checked: a CronJob (its own cron, `concurrencyPolicy:
 * Forbid`, a starting deadline, history limits, `activeDeadlineSeconds`), its ServiceAccount, the
 * least RBAC and an admission policy for what RBAC cannot limit (see `drillAccess.ts`), and the
 * drill script as a ConfigMap. Each run restores the newest Completed backup of the schedule
 * into scratch namespaces (`<scratchPrefix><namespace>`; never over an existing object, never
 * `existingResourcePolicy`), checks it, cleans up, and succeeds only when every check passed.
 *
 * @throws VeleroConfigError listing every problem in the options
 */
export function restoreDrill(options: RestoreDrillOptions): RestoreDrill {
  const scheduleName =
    isPlainObject(options) &&
    isPlainObject(options.schedule) &&
    isPlainObject(options.schedule.metadata) &&
    typeof options.schedule.metadata.name === 'string'
      ? options.schedule.metadata.name
      : undefined;
  const subject = `restore drill${scheduleName === undefined ? '' : ` of schedule "${scheduleName}"`}`;
  if (!isPlainObject(options)) {
    throw new VeleroConfigError(subject, [
      issue('', 'the options must be an object with at least `schedule`', { received: options }),
    ]);
  }
  const issues = [
    ...checkShape(options, OPTIONS_SCHEMA, ''),
    ...checkVeleroVersion(options.veleroVersion),
  ];
  const veleroVersion = targetVeleroVersion(options.veleroVersion);
  const scheduleIssues =
    options.schedule === undefined ? [] : checkSchedule(options.schedule, veleroVersion);
  issues.push(...scheduleIssues);
  if (issues.length > 0) throw new VeleroConfigError(subject, issues);

  const schedule = options.schedule;
  const veleroNamespace = schedule.metadata.namespace;
  const name = options.name ?? `${schedule.metadata.name}-drill`;
  const namespace = options.namespace ?? veleroNamespace;
  const mode: RestoreDrillMode = options.restore ?? 'volumes';
  const nameIssues = checkDns1123Label(name, 'name');
  if (nameIssues.length === 0 && name.length > MAX_DRILL_NAME_LENGTH) {
    nameIssues.push(
      issue(
        'name',
        `is ${name.length} characters; a drill name may have at most ${MAX_DRILL_NAME_LENGTH}, so that its Restores, "<name>-<YYYYMMDDhhmmss>", fit Velero's 63${options.name === undefined ? ': give the drill a shorter `name`' : ''}`,
        { received: name },
      ),
    );
  }
  issues.push(...nameIssues, ...checkDns1123Label(namespace, 'namespace'));

  // The namespaces.
  const scratch = planScratchNamespaces(
    schedule,
    options.namespaces,
    options.scratchPrefix ?? DEFAULT_SCRATCH_PREFIX,
    [veleroNamespace, namespace],
  );
  issues.push(...scratch.issues);

  // When it runs.
  const scheduleCron = parseCron(schedule.spec.schedule, {
    dialect: VELERO_RELEASES[veleroVersion].cronDialect,
  });
  const timeZone =
    options.timeZone ?? (scheduleCron.ok ? scheduleCron.cron.timeZone?.name : undefined);
  if (options.timeZone !== undefined)
    issues.push(...checkCronJobTimeZone(options.timeZone, 'timeZone'));
  let cron = options.cron;
  if (cron === undefined && scheduleCron.ok) {
    cron = defaultDrillCron(scheduleCron.cron);
    if (cron === undefined) {
      issues.push(
        issue(
          'cron',
          `cannot be chosen: schedule "${schedule.metadata.name}" ("${schedule.spec.schedule}") starts a backup at every minute of every hour, so no drill time avoids it; make the schedule run less often`,
        ),
      );
    }
  }
  if (cron !== undefined) {
    const checked = checkDrillCron(cron, 'cron');
    issues.push(...checked.issues);
    if (checked.cron !== undefined && scheduleCron.ok) {
      const collision = drillCollision(checked.cron, timeZone, scheduleCron.cron);
      if (collision !== undefined) {
        issues.push(
          issue(
            'cron',
            `starts the drill at a minute at which schedule "${schedule.metadata.name}" ("${schedule.spec.schedule}") starts a backup (${collision.reason}); a drill must never start with the backup it verifies${
              collision.suggestion === undefined
                ? ': no drill minute avoids this schedule, make it run less often'
                : `: use e.g. "${collision.suggestion}"`
            }`,
            {
              received: cron,
              ...(collision.suggestion === undefined ? {} : { allowed: collision.suggestion }),
            },
          ),
        );
      }
    }
  }

  // What is restored and checked.
  if (mode === 'volumes') {
    for (const key of ['excludedResources', 'isolateNetwork'] as const) {
      if (options[key] !== undefined) {
        issues.push(issue(key, "applies only to restore: 'namespace'", { received: options[key] }));
      }
    }
  } else if (options.verifyCommand !== undefined) {
    issues.push(
      issue('verifyCommand', "applies only to restore: 'volumes'", {
        received: options.verifyCommand,
      }),
    );
  }
  if (options.verifyCommand !== undefined && options.verifyCommand.trim() === '') {
    issues.push(issue('verifyCommand', 'must not be empty', { received: options.verifyCommand }));
  }
  const isolateNetwork = mode === 'namespace' && options.isolateNetwork !== false;

  // How long.
  const restoreSeconds = durationSeconds(
    options.restoreTimeout ?? DEFAULT_DRILL_TIMEOUTS.restoreTimeout,
    'restoreTimeout',
    issues,
  );
  const checkSeconds = durationSeconds(
    options.checkTimeout ?? DEFAULT_DRILL_TIMEOUTS.checkTimeout,
    'checkTimeout',
    issues,
  );
  const cleanupSeconds = durationSeconds(
    options.cleanupTimeout ?? DEFAULT_DRILL_TIMEOUTS.cleanupTimeout,
    'cleanupTimeout',
    issues,
  );

  // How it runs.
  const image = options.image ?? DEFAULT_DRILL_IMAGE;
  issues.push(...checkImage(image, 'image'));
  (options.imagePullSecrets ?? []).forEach((secret, index) => {
    issues.push(...checkDns1123Subdomain(secret, joinPath('imagePullSecrets', index)));
  });
  issues.push(...checkResources(options.resources, 'resources'));
  issues.push(...checkResources(options.verificationResources, 'verificationResources'));
  issues.push(
    ...checkLabels(options.labels ?? {}, 'labels'),
    ...checkAnnotations(options.annotations ?? {}, 'annotations'),
  );
  for (const reserved of [DRILL_LABEL, DRILL_SCHEDULE_LABEL]) {
    if (options.labels !== undefined && Object.hasOwn(options.labels, reserved)) {
      issues.push(
        issue(joinPath('labels', reserved), 'is set by the drill itself', {
          received: options.labels[reserved],
        }),
      );
    }
  }
  if (issues.length > 0 || scratch.plan === undefined || cron === undefined) {
    throw new VeleroConfigError(`restore drill "${name}"`, issues);
  }

  const labels: Record<string, string> = {
    ...(options.labels ?? {}),
    'app.kubernetes.io/name': 'velero-restore-drill',
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/managed-by': 'velero-iac',
    [DRILL_LABEL]: name,
    [DRILL_SCHEDULE_LABEL]: schedule.metadata.name,
  };
  const annotations = options.annotations === undefined ? undefined : { ...options.annotations };
  const meta = (objectName: string, objectNamespace?: string): KubernetesObject['metadata'] =>
    drillObjectMeta(objectName, objectNamespace, labels, annotations);
  const user = options.runAsUser ?? DEFAULT_DRILL_USER;
  const group = options.runAsGroup ?? DEFAULT_DRILL_USER;
  const pullSecrets = (options.imagePullSecrets ?? []).map((secret) => ({ name: secret }));
  const mapping = scratch.plan.mapping;
  const scratchNamespaces = scratch.plan.sources.map((source) => mapping[source] ?? source);

  // The Restore each run creates, checked by the core's Restore rules.
  let restoreTemplate: RestoreManifest;
  try {
    restoreTemplate = restoreManifest({
      name: `${name}-00000000000000`,
      namespace: veleroNamespace,
      labels,
      scheduleName: schedule.metadata.name,
      includedNamespaces: [...scratch.plan.sources],
      namespaceMapping: { ...mapping },
      ...(mode === 'volumes'
        ? { includedResources: [...DRILL_VOLUMES_MODE_RESOURCES] }
        : {
            excludedResources: [
              ...(options.excludedResources ?? DRILL_NAMESPACE_MODE_EXCLUDED_RESOURCES),
            ],
          }),
      itemOperationTimeout:
        normalizeGoDuration(options.restoreTimeout ?? DEFAULT_DRILL_TIMEOUTS.restoreTimeout) ??
        '1h0m0s',
      veleroVersion,
    });
  } catch (error) {
    if (!(error instanceof VeleroConfigError)) throw error;
    throw new VeleroConfigError(`restore drill "${name}"`, error.issues);
  }
  // Never `existingResourcePolicy`: a drill never overwrites anything.
  restoreTemplate = {
    ...restoreTemplate,
    metadata: { ...restoreTemplate.metadata, name: SCRIPT_PLACEHOLDERS.name },
  };

  const access = drillAccess({
    names: drillAccessNames(name, namespace, veleroNamespace),
    scratchNamespaces,
    mode,
    isolateNetwork,
    labels,
    annotations,
  });

  const verificationPod: PodManifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta(SCRIPT_PLACEHOLDERS.name, SCRIPT_PLACEHOLDERS.namespace),
      labels: { ...labels, 'app.kubernetes.io/component': 'verification' },
    },
    spec: {
      automountServiceAccountToken: false,
      restartPolicy: 'Never',
      activeDeadlineSeconds: checkSeconds,
      terminationGracePeriodSeconds: 5,
      securityContext: podSecurityContext(user, group),
      ...(pullSecrets.length === 0 ? {} : { imagePullSecrets: pullSecrets }),
      containers: [
        {
          name: 'verify',
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', '-c', options.verifyCommand ?? DEFAULT_VERIFY_COMMAND],
          env: [
            { name: 'DRILL_VOLUME_PATH', value: DRILL_VOLUME_PATH },
            { name: 'DRILL_CLAIM', value: SCRIPT_PLACEHOLDERS.claim },
          ],
          resources: copyResources(options.verificationResources ?? DEFAULT_VERIFICATION_RESOURCES),
          securityContext: securityContext(user, group),
          volumeMounts: [{ name: 'data', mountPath: DRILL_VOLUME_PATH, readOnly: true }],
        },
      ],
      volumes: [
        {
          name: 'data',
          persistentVolumeClaim: { claimName: SCRIPT_PLACEHOLDERS.claim, readOnly: true },
        },
      ],
    },
  };
  const scratchNamespaceLabels: Record<string, string> = {
    ...labels,
    ...(mode === 'volumes' ? { 'pod-security.kubernetes.io/enforce': 'restricted' } : {}),
  };
  const script = renderDrillScript({
    drill: name,
    schedule: schedule.metadata.name,
    veleroNamespace,
    sources: scratch.plan.sources,
    mapping,
    mode,
    isolateNetwork,
    timeouts: { restore: restoreSeconds, check: checkSeconds, cleanup: cleanupSeconds },
    namespaceTemplate: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { ...meta(SCRIPT_PLACEHOLDERS.namespace), labels: scratchNamespaceLabels },
    },
    roleBindingTemplate: access.scratchRoleBindingTemplate(SCRIPT_PLACEHOLDERS.namespace),
    networkPolicyTemplate: networkPolicy(meta(`${name}-isolation`, SCRIPT_PLACEHOLDERS.namespace)),
    restoreTemplate,
    verificationPodTemplate: verificationPod,
  });

  const configMap: ConfigMapManifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(name, namespace),
    data: { [DRILL_SCRIPT_KEY]: script },
  };
  const activeDeadlineSeconds =
    restoreSeconds + checkSeconds + cleanupSeconds + DRILL_DEADLINE_MARGIN_SECONDS;
  const drillContainer: Container = {
    name: 'drill',
    image,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', `/drill/${DRILL_SCRIPT_KEY}`],
    env: [{ name: 'HOME', value: '/tmp' }],
    resources: copyResources(options.resources ?? DEFAULT_DRILL_RESOURCES),
    securityContext: securityContext(user, group),
    volumeMounts: [
      { name: 'script', mountPath: '/drill', readOnly: true },
      { name: 'tmp', mountPath: '/tmp', readOnly: false },
    ],
  };
  const cronJob: CronJobManifest = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(name, namespace),
    spec: {
      schedule: cron,
      ...(timeZone === undefined ? {} : { timeZone }),
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds:
        options.startingDeadlineSeconds ?? DEFAULT_DRILL_CRONJOB.startingDeadlineSeconds,
      successfulJobsHistoryLimit:
        options.successfulJobsHistoryLimit ?? DEFAULT_DRILL_CRONJOB.successfulJobsHistoryLimit,
      failedJobsHistoryLimit:
        options.failedJobsHistoryLimit ?? DEFAULT_DRILL_CRONJOB.failedJobsHistoryLimit,
      suspend: options.suspend ?? false,
      jobTemplate: {
        metadata: { labels: { ...labels } },
        spec: {
          activeDeadlineSeconds,
          backoffLimit: 0,
          template: {
            metadata: { labels: { ...labels } },
            spec: {
              serviceAccountName: name,
              automountServiceAccountToken: true,
              restartPolicy: 'Never',
              // A stopped run still gets to clean up.
              terminationGracePeriodSeconds: cleanupSeconds + 60,
              securityContext: podSecurityContext(user, group),
              ...(pullSecrets.length === 0 ? {} : { imagePullSecrets: pullSecrets }),
              containers: [drillContainer],
              volumes: [
                { name: 'script', configMap: { name, defaultMode: 0o444 } },
                { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
              ],
            },
          },
        },
      },
    },
  };

  const manifests: KubernetesObject[] = [
    access.admissionPolicy,
    access.admissionPolicyBinding,
    access.serviceAccount,
    access.scratchRole,
    access.clusterRole,
    access.clusterRoleBinding,
    access.role,
    access.roleBinding,
    configMap,
    cronJob,
  ];
  return {
    name,
    namespace,
    veleroNamespace,
    schedule: schedule.metadata.name,
    cron,
    timeZone,
    mode,
    scratchNamespaces: { ...mapping },
    restoreTemplate: {
      ...restoreTemplate,
      metadata: { ...restoreTemplate.metadata, name: `${name}-00000000000000` },
    },
    script,
    serviceAccount: access.serviceAccount,
    role: access.role,
    roleBinding: access.roleBinding,
    clusterRole: access.clusterRole,
    clusterRoleBinding: access.clusterRoleBinding,
    scratchRole: access.scratchRole,
    admissionPolicy: access.admissionPolicy,
    admissionPolicyBinding: access.admissionPolicyBinding,
    configMap,
    cronJob,
    manifests,
    alertTarget: {
      name,
      namespace,
      schedule: schedule.metadata.name,
      cron,
      ...(timeZone === undefined ? {} : { timeZone }),
      maxDurationSeconds: activeDeadlineSeconds,
    },
  };
}

/** The deny-all NetworkPolicy of a `namespace` drill's scratch namespace (DNS still allowed). */
function networkPolicy(
  metadata: KubernetesObject['metadata'],
): KubernetesObject & Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };
}
