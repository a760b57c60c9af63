import * as pulumi from '@pulumi/pulumi';
import { scheduleManifest } from '../../core/manifests/builders';
import type { ScheduleOptions } from '../../core/types/schedule';
import { VeleroSchedule as TypedVeleroSchedule, type VeleroScheduleArgs } from '../schedule';
import { checkVeleroObjectInputs, registryType, withInputErrors } from './registryComponent';

/** Arguments of the package's `VeleroSchedule`: the core's `ScheduleOptions`. */
export interface VeleroScheduleRegistryArgs extends ScheduleOptions {}

/**
 * A Velero Schedule (`velero.io/v1`), checked by the core (cron, durations, names, filters) before
 * anything is registered. The Kubernetes provider comes from the resource options' `providers`.
 */
export class VeleroSchedule extends pulumi.ComponentResource {
  /** The Schedule's name in the cluster (exactly the given name). */
  readonly name: pulumi.Output<string>;
  /** The Schedule's namespace (the Velero server's). */
  readonly namespace: pulumi.Output<string>;

  /**
   * @param name the component's logical name (also the CustomResource's)
   * @param args the Schedule
   * @param opts resource options; the Kubernetes provider in `providers`
   */
  constructor(
    name: string,
    args: VeleroScheduleRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    checkVeleroObjectInputs('VeleroSchedule', scheduleManifest, name, args);
    super(registryType('VeleroSchedule'), name, {}, opts);
    ({ name: this.name, namespace: this.namespace } = withInputErrors(
      () => new TypedVeleroSchedule(name, args as VeleroScheduleArgs, { parent: this }),
    ));
    this.registerOutputs({ name: this.name, namespace: this.namespace });
  }
}
