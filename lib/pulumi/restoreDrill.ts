import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { RestoreDrillAlertTarget } from '../core/alerts/restoreDrillAlertTarget';
import {
  type RestoreDrill,
  type RestoreDrillOptions,
  restoreDrill,
} from '../core/drills/restoreDrill';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';
import { scheduleManifest } from '../core/manifests/builders';
import { isPlainObject } from '../core/schema/checkShape';
import type { KubernetesObject } from '../core/types/kubernetes';
import type { ScheduleManifest } from '../core/types/schedule';
import { checkVeleroManifestArgs } from './customResource';
import type { VeleroScheduleArgs } from './schedule';

/** The Pulumi type token of {@link VeleroRestoreDrill}. */
export const VELERO_RESTORE_DRILL_TYPE = 'velero-iac:drill:VeleroRestoreDrill';

/** Arguments of {@link VeleroRestoreDrill}: the core's drill options, the schedule as its arguments. */
export interface VeleroRestoreDrillArgs extends Omit<RestoreDrillOptions, 'schedule' | 'restore'> {
  /**
   * The schedule the drill verifies, as a `VeleroSchedule`'s arguments (the same object, or the
   * schedule's manifest fields): the drill takes its name, namespace, namespaces and cron. Its
   * `veleroVersion`, when set, is the drill's too (and must then equal the drill's own).
   */
  schedule: VeleroScheduleArgs;
  /**
   * What is restored and checked: `volumes` (claims and volumes, a read-only verification pod
   * per claim) or `namespace` (everything, pods included).
   * @default 'volumes'
   */
  restore?: string;
}

/** The drill's options for the core, or the problems (the schedule checked like `VeleroSchedule`). */
export function checkVeleroRestoreDrillArgs(args: VeleroRestoreDrillArgs): {
  drill?: RestoreDrill;
  issues: ValidationIssue[];
} {
  const { schedule: scheduleArgs, ...options } = args ?? ({} as VeleroRestoreDrillArgs);
  // One cluster runs one release: the drill and its schedule target the one either names.
  const scheduleVersion = isPlainObject(scheduleArgs) ? scheduleArgs.veleroVersion : undefined;
  if (
    options.veleroVersion !== undefined &&
    scheduleVersion !== undefined &&
    options.veleroVersion !== scheduleVersion
  ) {
    return {
      issues: [
        issue(
          'veleroVersion',
          `differs from schedule.veleroVersion ("${String(scheduleVersion)}"): the drill restores the schedule's backups on the one cluster, which runs one Velero release; set one of them`,
          { received: options.veleroVersion, allowed: String(scheduleVersion) },
        ),
      ],
    };
  }
  const veleroVersion = options.veleroVersion ?? scheduleVersion;
  const checked = checkVeleroManifestArgs<ScheduleManifest>(
    scheduleManifest,
    isPlainObject(scheduleArgs) && veleroVersion !== undefined
      ? { ...scheduleArgs, veleroVersion }
      : scheduleArgs,
  );
  if (checked.manifest === undefined) {
    return {
      issues: checked.issues.map((item) => ({
        ...item,
        path: item.path === '' ? 'schedule' : `schedule.${item.path}`,
      })),
    };
  }
  try {
    return {
      drill: restoreDrill({
        ...(options as Omit<RestoreDrillOptions, 'schedule'>),
        ...(veleroVersion === undefined ? {} : { veleroVersion }),
        schedule: checked.manifest,
      }),
      issues: [],
    };
  } catch (error) {
    if (!(error instanceof VeleroConfigError)) throw error;
    return { issues: [...error.issues] };
  }
}

/** The child resource of each object, with a logical-name suffix. */
function register(
  name: string,
  manifest: KubernetesObject,
  drill: RestoreDrill,
  opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
  const args = manifest as never;
  switch (manifest.kind) {
    case 'ValidatingAdmissionPolicy':
      return new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
        `${name}-admission-policy`,
        args,
        opts,
      );
    case 'ValidatingAdmissionPolicyBinding':
      return new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
        `${name}-admission-policy-binding`,
        args,
        opts,
      );
    case 'ServiceAccount':
      return new k8s.core.v1.ServiceAccount(`${name}-service-account`, args, opts);
    case 'ClusterRole':
      return new k8s.rbac.v1.ClusterRole(
        manifest === drill.scratchRole ? `${name}-scratch-cluster-role` : `${name}-cluster-role`,
        args,
        opts,
      );
    case 'ClusterRoleBinding':
      return new k8s.rbac.v1.ClusterRoleBinding(`${name}-cluster-role-binding`, args, opts);
    case 'Role':
      return new k8s.rbac.v1.Role(`${name}-role`, args, opts);
    case 'RoleBinding':
      return new k8s.rbac.v1.RoleBinding(`${name}-role-binding`, args, opts);
    case 'ConfigMap':
      return new k8s.core.v1.ConfigMap(`${name}-script`, args, opts);
    case 'CronJob':
      return new k8s.batch.v1.CronJob(`${name}-cron-job`, args, opts);
    default:
      throw new Error(`VeleroRestoreDrill: no resource for ${manifest.kind}`);
  }
}

/**
 * A restore drill of a schedule (see the core's `restoreDrill`): a CronJob that restores the
 * schedule's newest Completed backup into scratch namespaces, checks the data came back, cleans
 * up and succeeds only when every check passed, with its ServiceAccount, least RBAC, admission
 * policy and script, each a typed `@pulumi/kubernetes` resource holding exactly the core's
 * manifest. Everything is checked before anything is registered. Pass the Kubernetes provider
 * in the resource options.
 *
 * @example
 * new VeleroRestoreDrill('default-drill', { schedule: { name: 'daily', schedule: '0 3 * * *', template: { includedNamespaces: ['apps'] } } }, { provider });
 */
export class VeleroRestoreDrill extends pulumi.ComponentResource {
  /** Everything the core built (manifests, script, alert target). */
  readonly drill: RestoreDrill;
  /** The drill's name (its CronJob's). */
  readonly drillName: string;
  /** The namespace of its CronJob. */
  readonly namespace: string;
  /** What the backup-health alerts need to know of this drill. */
  readonly alertTarget: RestoreDrillAlertTarget;
  /** The CronJob. */
  readonly cronJob: k8s.batch.v1.CronJob;
  /** Every child resource, in apply order. */
  readonly children: readonly pulumi.CustomResource[];

  /**
   * @param name the component's logical name; every child's name starts with it
   * @param args the schedule and the drill's options
   * @param opts resource options (e.g. `{ provider }` for the Kubernetes provider)
   * @throws VeleroConfigError before registering anything when an argument is invalid
   */
  constructor(name: string, args: VeleroRestoreDrillArgs, opts?: pulumi.ComponentResourceOptions) {
    const { drill, issues } = checkVeleroRestoreDrillArgs(args);
    if (drill === undefined) throw new VeleroConfigError(`VeleroRestoreDrill "${name}"`, issues);
    super(VELERO_RESTORE_DRILL_TYPE, name, {}, opts);
    this.drill = drill;
    this.drillName = drill.name;
    this.namespace = drill.namespace;
    this.alertTarget = drill.alertTarget;
    // The admission policy first: nothing it fences may act before it is enforced.
    const [policy, binding, ...rest] = drill.manifests;
    const given = opts?.dependsOn;
    const userDependencies: pulumi.Input<pulumi.Resource>[] =
      given === undefined
        ? []
        : Array.isArray(given)
          ? given
          : [given as pulumi.Input<pulumi.Resource>];
    const base: pulumi.CustomResourceOptions = { parent: this, deleteBeforeReplace: true };
    const after = (...resources: pulumi.Resource[]): pulumi.CustomResourceOptions => ({
      ...base,
      dependsOn: [...userDependencies, ...resources],
    });
    const policyResource = register(name, policy as KubernetesObject, drill, after());
    const bindingResource = register(
      name,
      binding as KubernetesObject,
      drill,
      after(policyResource),
    );
    const children: pulumi.CustomResource[] = [policyResource, bindingResource];
    for (const manifest of rest) {
      children.push(
        register(
          name,
          manifest,
          drill,
          manifest.kind === 'CronJob' ? after(...children) : after(policyResource, bindingResource),
        ),
      );
    }
    this.children = children;
    this.cronJob = children[children.length - 1] as k8s.batch.v1.CronJob;
    this.registerOutputs({
      drillName: drill.name,
      namespace: drill.namespace,
      cron: drill.cron,
      schedule: drill.schedule,
    });
  }
}
