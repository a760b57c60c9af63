import * as pulumi from '@pulumi/pulumi';
import type { RestoreDrillSettings } from '../../core/drills/restoreDrill';
import type { ScheduleOptions } from '../../core/types/schedule';
import type { VeleroVersion } from '../../core/versions/veleroVersion';
import {
  checkVeleroRestoreDrillArgs,
  VeleroRestoreDrill as TypedVeleroRestoreDrill,
  type VeleroRestoreDrillArgs,
} from '../restoreDrill';
import { registryType, throwIfInputIssues, withInputErrors } from './registryComponent';

/** Arguments of the package's `VeleroRestoreDrill`: the schedule it verifies and its settings. */
export interface VeleroRestoreDrillRegistryArgs extends RestoreDrillSettings {
  /**
   * The schedule the drill verifies, as a `VeleroSchedule`'s arguments: the drill takes its name,
   * namespace, namespaces and cron.
   */
  schedule: ScheduleOptions;
  /**
   * The Velero release the cluster runs; when the schedule names one, it must be the same.
   * @default '1.18'
   */
  veleroVersion?: VeleroVersion;
}

/**
 * A restore drill: a CronJob that restores the newest backup of a schedule into scratch
 * namespaces, checks what came back, reports the result as metrics and cleans up, fenced by an
 * admission policy so that it can only ever touch its scratch namespaces.
 */
export class VeleroRestoreDrill extends pulumi.ComponentResource {
  /** The drill's name (its CronJob's). */
  readonly drillName: pulumi.Output<string>;
  /** The namespace of its CronJob. */
  readonly namespace: pulumi.Output<string>;
  /** The name of the Schedule it verifies. */
  readonly scheduleName: pulumi.Output<string>;

  /**
   * @param name the component's logical name; every child's name starts with it
   * @param args the schedule and the drill's settings
   * @param opts resource options; the Kubernetes provider in `providers`
   */
  constructor(
    name: string,
    args: VeleroRestoreDrillRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const typedArgs = args as VeleroRestoreDrillArgs;
    throwIfInputIssues(
      `VeleroRestoreDrill "${name}"`,
      checkVeleroRestoreDrillArgs(typedArgs).issues,
    );
    super(registryType('VeleroRestoreDrill'), name, {}, opts);
    const drill = withInputErrors(
      () => new TypedVeleroRestoreDrill(name, typedArgs, { parent: this }),
    );
    this.drillName = pulumi.output(drill.drillName);
    this.namespace = pulumi.output(drill.namespace);
    this.scheduleName = pulumi.output(drill.drill.schedule);
    this.registerOutputs({
      drillName: this.drillName,
      namespace: this.namespace,
      scheduleName: this.scheduleName,
    });
  }
}
