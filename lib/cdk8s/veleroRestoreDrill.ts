import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  type KubernetesObject,
  type RestoreDrill,
  type RestoreDrillAlertTarget,
  type RestoreDrillOptions,
  restoreDrill,
  type ScheduleManifest,
  VeleroConfigError,
} from '../core/index';
import type { VeleroManifestConstruct } from './veleroManifestConstruct';
import { withContextVeleroVersion } from './veleroVersionContext';

/** Props of {@link VeleroRestoreDrill}: the core's drill options, with the schedule as a construct. */
export interface VeleroRestoreDrillProps extends Omit<RestoreDrillOptions, 'schedule'> {
  /**
   * The schedule the drill verifies: a schedule construct (`VeleroSchedule`,
   * `UdsDefaultSchedule`) or a Schedule manifest.
   */
  readonly schedule: VeleroManifestConstruct<ScheduleManifest> | ScheduleManifest;
}

/** The construct ids of the drill's children, by the core's object. */
const CHILD_IDS: Readonly<Record<string, string>> = {
  ValidatingAdmissionPolicy: 'AdmissionPolicy',
  ValidatingAdmissionPolicyBinding: 'AdmissionPolicyBinding',
  ServiceAccount: 'ServiceAccount',
  ClusterRoleBinding: 'ClusterRoleBinding',
  Role: 'Role',
  RoleBinding: 'RoleBinding',
  ConfigMap: 'Script',
  CronJob: 'CronJob',
};

function futurePath(scope: Construct, id: string): string {
  return scope.node.path === '' ? id : `${scope.node.path}/${id}`;
}

/**
 * A restore drill of a schedule (see the core's `restoreDrill`): a CronJob that restores the
 * schedule's newest Completed backup into scratch namespaces, checks the data came back, cleans
 * up and succeeds only when every check passed, with its ServiceAccount, least RBAC, admission
 * policy and script. One `ApiObject` child per object, each exactly the core's manifest: the
 * drill is the same YAML whether cdk8s, Pulumi or the CLI renders it.
 *
 * cdk8s-plus was considered and not used: it has no ValidatingAdmissionPolicy, its CronJob adds
 * fields the core did not choose (`imagePullPolicy: Always`, a `cdk8s.io/metadata.addr` pod
 * label, `fsGroupChangePolicy`), its pod security context cannot set `seccompProfile`, and its
 * typed quantities cannot express every Kubernetes quantity (e.g. `1G`).
 *
 * @example
 * const daily = new UdsDefaultSchedule(chart, 'default');
 * new VeleroRestoreDrill(chart, 'default-drill', { schedule: daily });
 */
export class VeleroRestoreDrill extends Construct {
  /** Everything the core built (manifests, script, alert target). */
  readonly drill: RestoreDrill;
  /** The drill's name (its CronJob's). */
  readonly name: string;
  /** The namespace of its CronJob. */
  readonly namespace: string;
  /** What the backup-health alerts need to know of this drill. */
  readonly alertTarget: RestoreDrillAlertTarget;
  /** The CronJob (escape hatch: `addJsonPatch`, e.g. for a nodeSelector). */
  readonly cronJob: ApiObject;
  /** Every child `ApiObject`, in apply order. */
  readonly apiObjects: readonly ApiObject[];

  /**
   * @param scope the parent construct (usually a `Chart`)
   * @param id the construct id
   * @param props the schedule and the drill's options
   * @throws VeleroConfigError naming this construct's path and every invalid option
   */
  constructor(scope: Construct, id: string, props: VeleroRestoreDrillProps) {
    let drill: RestoreDrill;
    try {
      const { schedule, ...options } = withContextVeleroVersion(scope, props);
      drill = restoreDrill({
        ...options,
        schedule: Construct.isConstruct(schedule) ? schedule.manifest : schedule,
      });
    } catch (error) {
      if (error instanceof VeleroConfigError) {
        throw error.withSubject(
          `VeleroRestoreDrill at ${JSON.stringify(futurePath(scope, id))} (${error.subject})`,
        );
      }
      throw error;
    }
    super(scope, id);
    this.drill = drill;
    this.name = drill.name;
    this.namespace = drill.namespace;
    this.alertTarget = drill.alertTarget;
    const chartNamespace = Chart.of(this).namespace;
    const objects = drill.manifests.map((manifest) => this.child(manifest, chartNamespace));
    this.apiObjects = objects;
    this.cronJob = objects[objects.length - 1] as ApiObject;
  }

  private child(manifest: KubernetesObject, chartNamespace: string | undefined): ApiObject {
    const id =
      manifest === this.drill.scratchRole
        ? 'ScratchClusterRole'
        : manifest === this.drill.clusterRole
          ? 'ClusterRole'
          : (CHILD_IDS[manifest.kind] ?? manifest.kind);
    const object = new ApiObject(this, id, structuredClone(manifest));
    // A cluster-scoped object has no namespace, whatever the chart's.
    if (manifest.metadata.namespace === undefined && chartNamespace !== undefined) {
      object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    return object;
  }
}
