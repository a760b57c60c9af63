import * as pulumi from '@pulumi/pulumi';
import { restoreManifest } from '../../core/manifests/builders';
import type { VeleroObjectOptions } from '../../core/types/meta';
import type { RestoreSpec } from '../../core/types/restore';
import { VeleroRestore as TypedVeleroRestore, type VeleroRestoreArgs } from '../restore';
import { checkVeleroObjectInputs, registryType, withInputErrors } from './registryComponent';

/**
 * Arguments of the package's `VeleroRestore`: the object's metadata and Velero's `RestoreSpec`. Exactly
 * one of `backupName` and `scheduleName` (checked when the component is constructed).
 */
export interface VeleroRestoreRegistryArgs extends VeleroObjectOptions, RestoreSpec {}

/**
 * A Velero Restore (`velero.io/v1`) from a Backup or from a Schedule's newest Completed backup,
 * checked by the core before anything is registered (exactly one source, restorable resources
 * only). Velero runs it once, when it is created.
 */
export class VeleroRestore extends pulumi.ComponentResource {
  /** The Restore's name in the cluster (exactly the given name). */
  readonly name: pulumi.Output<string>;
  /** The Restore's namespace (the Velero server's). */
  readonly namespace: pulumi.Output<string>;

  /**
   * @param name the component's logical name (also the CustomResource's)
   * @param args the Restore
   * @param opts resource options; the Kubernetes provider in `providers`
   */
  constructor(
    name: string,
    args: VeleroRestoreRegistryArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    checkVeleroObjectInputs('VeleroRestore', restoreManifest, name, args);
    super(registryType('VeleroRestore'), name, {}, opts);
    ({ name: this.name, namespace: this.namespace } = withInputErrors(
      () => new TypedVeleroRestore(name, args as VeleroRestoreArgs, { parent: this }),
    ));
    this.registerOutputs({ name: this.name, namespace: this.namespace });
  }
}
